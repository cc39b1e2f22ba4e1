import { badInput, invalidState, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ReportStatus } from '../domain.js';
import { Report } from '../entities/report.js';
import { syncReminders } from '../../jobs/reminders.js';

/** The talent (or their unit) hands in a report. Its pending reminders stop (jobs issue). */
export async function submitReport(ctx: RequestContext, id: string, content: string): Promise<Report> {
  const report = await ctx.em.findOne(Report, id);
  if (!report) throw notFound('Report', id);
  if (report.status !== ReportStatus.DUE && report.status !== ReportStatus.RETURNED) {
    throw invalidState(`A ${report.status} report cannot be submitted`);
  }
  if (!content.trim()) throw badInput({ field: 'content', message: 'must not be empty' });
  report.status = ReportStatus.SUBMITTED;
  report.content = content;
  report.submittedAt = ctx.clock.now();
  await syncReminders(ctx.em, ctx.tenant, [report], ctx.clock.now(), { historical: ctx.historical }); // cancels its pending reminders
  await ctx.commit();
  return report;
}

/** The unit or the commission accepts a submitted report or returns it for rework. */
export async function reviewReport(ctx: RequestContext, id: string, accept: boolean, note: string | null): Promise<Report> {
  const report = await ctx.em.findOne(Report, id);
  if (!report) throw notFound('Report', id);
  if (report.status !== ReportStatus.SUBMITTED) throw invalidState(`Only a submitted report can be reviewed; this one is ${report.status}`);
  if (!accept && !note?.trim()) throw badInput({ field: 'note', message: 'say why the report is returned' });
  report.status = accept ? ReportStatus.ACCEPTED : ReportStatus.RETURNED;
  report.reviewedBy = ctx.actor.userId;
  report.reviewNote = note ?? null;
  // A returned report is owed again: its reminders come back (escalations included).
  const reminders = await syncReminders(ctx.em, ctx.tenant, [report], ctx.clock.now(), { historical: ctx.historical });
  ctx.afterCommit(() => ctx.jobs.enqueueReminders(ctx.tenant.key, reminders));
  await ctx.commit();
  return report;
}

/** A report is overdue when it is still due (or returned) after its due day. */
export function isOverdue(report: Pick<Report, 'status' | 'dueOn'>, today: string): boolean {
  return (report.status === ReportStatus.DUE || report.status === ReportStatus.RETURNED) && report.dueOn < today;
}
