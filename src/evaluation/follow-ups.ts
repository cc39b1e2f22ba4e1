import { addMonths, compareDates, type CalendarDate } from '../calendar.js';
import { tenantTables } from '../db/tables.js';
import { PlacementStatus, ReportStatus, TitleGrade } from '../core/domain.js';
import { Placement } from '../core/entities/placement.js';
import { Report } from '../core/entities/report.js';
import { Talent } from '../core/entities/talent.js';
import { assertUnitWrite } from '../core/api/access.js';
import { syncReminders } from '../jobs/reminders.js';
import { badInput, invalidState, notFound } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import type { ReportDue } from '../plugin/contract.js';
import { FOLLOW_UP_REPORT_KIND, TalentPost } from './domain.js';
import { EvaluationSnapshot } from './entities.js';
import { COUNT_COLUMNS, countsLateral, run } from './indicators.js';

/**
 * The follow-ups a placement owes after return: one core report per configured month (kind
 * `evaluation.follow_up`, sequence = months), due that many months after the last day away,
 * owed by the unit (its reminders go to the unit, then escalate to the commission as any
 * report's do). A placement not back yet, or withdrawn, owes none. A follow-up whose day had
 * already passed when the return was recorded (a stay of years ago entered now) is not owed —
 * nobody can follow up in the past — unless it is owed already (`existing` months). Pure.
 */
export function followUpsDue(placement: { status: string; actualEnd?: CalendarDate | null }, months: readonly number[], today: CalendarDate, existing: readonly number[] = []): ReportDue[] {
  if (placement.status !== PlacementStatus.COMPLETED || !placement.actualEnd) return [];
  return [...months]
    .sort((a, b) => a - b)
    .filter((m) => existing.includes(m) || compareDates(addMonths(placement.actualEnd!, m), today) >= 0)
    .map((m) => ({ kind: FOLLOW_UP_REPORT_KIND, sequence: m, title: `回国（返岗）后${m}个月随访 Follow-up ${m} months after return`, dueOn: addMonths(placement.actualEnd!, m) }));
}

export interface FollowUpInput {
  placementId: string;
  months: number;
  /** The talent's title and post now (a promotion is recorded on the talent as well). */
  titleGrade?: TitleGrade | null;
  post?: TalentPost | null;
  note?: string | null;
}

/**
 * The unit files a follow-up: the talent's title and post as they are now (written to the talent
 * too), and the research output counts as of the follow-up's due day (output recorded later but
 * achieved by then counts; output achieved after it waits for the next follow-up), written as a
 * follow-up snapshot; the report is submitted and its reminders stop. Refused before the due day
 * minus the first reminder (nothing to report yet) and twice (INVALID_STATE).
 */
export async function fileFollowUp(ctx: RequestContext, input: FollowUpInput): Promise<EvaluationSnapshot> {
  const em = ctx.em;
  const placement = await em.findOne(Placement, input.placementId);
  if (!placement) throw notFound('Placement', input.placementId);
  assertUnitWrite(ctx.actor, placement.unit.id);
  const report = await em.findOne(Report, { placement, kind: FOLLOW_UP_REPORT_KIND, sequence: input.months });
  if (!report) {
    const owed = (await em.find(Report, { placement, kind: FOLLOW_UP_REPORT_KIND }, { orderBy: { sequence: 'asc' } })).map((r) => r.sequence);
    throw badInput({ field: 'months', message: owed.length ? `this placement owes follow-ups at ${owed.join(', ')} months` : 'this placement owes no follow-up (not back yet, or withdrawn)' });
  }
  if (report.status !== ReportStatus.DUE && report.status !== ReportStatus.RETURNED) throw invalidState(`The ${input.months}-month follow-up is ${report.status}`, { field: 'months' });
  const today = ctx.clock.today();
  const opens = addMonths(report.dueOn, -1);
  if (compareDates(today, opens) < 0) throw invalidState(`The ${input.months}-month follow-up opens on ${opens} (due ${report.dueOn})`, { field: 'months' });
  const talent = await em.findOneOrFail(Talent, placement.talent.id);
  if (input.titleGrade) talent.titleGrade = input.titleGrade;
  if (input.post !== undefined && input.post !== null) talent.post = input.post;
  report.status = ReportStatus.SUBMITTED;
  report.submittedAt = ctx.clock.now();
  report.content = input.note?.trim() || `follow-up ${input.months} months`;
  await syncReminders(em, ctx.tenant, [report], ctx.clock.now());
  await em.flush();
  const asOf = compareDates(today, report.dueOn) < 0 ? today : report.dueOn;
  const q = tenantTables(em);
  const cols = COUNT_COLUMNS.map((c) => `"${c}"`).join(', ');
  const vals = COUNT_COLUMNS.map((c) => `coalesce(c.${c}, 0)`).join(', ');
  const [row] = await run<{ id: string }>(
    em,
    `insert into ${q('evaluation_snapshot')} ("id", "created_at", "updated_at", "talent_id", "unit_id", "programme_id", "application_id", "placement_id", "report_id", "track", "kind", "months", "selected", "recorded_on", "title_grade", "post", ${cols}, "recorded_by")
     select gen_random_uuid(), now(), now(), p.talent_id, p.unit_id, p.programme_id, p.application_id, p.id, ?, a.track, 'follow_up', ?, true, ?::date, t.title_grade, t.post, ${vals}, ?
     from ${q('placement')} p join ${q('talent')} t on t.id = p.talent_id left join ${q('application')} a on a.id = p.application_id ${countsLateral(q, 'p.talent_id', '?::date')}
     where p.id = ? returning id`,
    [report.id, input.months, asOf, ctx.actor.userId, asOf, placement.id],
  );
  await ctx.commit();
  return em.findOneOrFail(EvaluationSnapshot, row!.id);
}
