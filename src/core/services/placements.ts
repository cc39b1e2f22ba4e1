import { compareDates, type CalendarDate } from '../../calendar.js';
import { assertVersion, badInput, invalidState, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import type { ReportDue } from '../../plugin/contract.js';
import { ApplicationStatus, PlacementStatus, ReportStatus } from '../domain.js';
import { Application } from '../entities/application.js';
import { Institution } from '../entities/institution.js';
import { Placement } from '../entities/placement.js';
import { Programme } from '../entities/programme.js';
import { Report } from '../entities/report.js';
import { placementFacts } from './facts.js';
import { syncReminders } from '../../jobs/reminders.js';
import { followUpsDue } from '../../evaluation/follow-ups.js';
import { FOLLOW_UP_REPORT_KIND } from '../../evaluation/domain.js';

export interface PlacementDates {
  plannedStart?: CalendarDate | null;
  plannedEnd?: CalendarDate | null;
  actualStart?: CalendarDate | null;
  actualEnd?: CalendarDate | null;
}

function checkDates(p: { plannedStart: string; plannedEnd: string; actualStart?: string | null; actualEnd?: string | null }): void {
  if (compareDates(p.plannedEnd, p.plannedStart) < 0) throw badInput({ field: 'plannedEnd', message: 'must not be before plannedStart' });
  if (p.actualEnd && !p.actualStart) throw badInput({ field: 'actualEnd', message: 'needs actualStart' });
  if (p.actualStart && p.actualEnd && compareDates(p.actualEnd, p.actualStart) < 0) throw badInput({ field: 'actualEnd', message: 'must not be before actualStart' });
}

/**
 * Bring a placement's reports in line with what its scheme's `reportDueDates` rule says now:
 * new reports are created, pending ones move to their new due day, pending ones the rule no longer
 * asks for are cancelled. Submitted reports are never touched. Called in the same unit of work as
 * the change that caused it.
 */
export async function syncReports(ctx: RequestContext, placement: Placement): Promise<Report[]> {
  const programme = await ctx.em.findOneOrFail(Programme, placement.programme.id);
  const found = ctx.host.rule(ctx.tenant, programme.scheme, 'reportDueDates');
  const application = placement.application ? await ctx.em.findOne(Application, placement.application.id) : null;
  let due: ReportDue[] = [];
  if (found && placement.status !== PlacementStatus.WITHDRAWN) {
    const pctx = await ctx.plugin(found.plugin.key);
    due = await found.rule.evaluate(placementFacts(placement, programme, application?.track ?? null), pctx);
  }
  const existing = await ctx.em.find(Report, { placement });
  // Every scheme's placement owes the core's outcome follow-ups after return (src/evaluation).
  if (placement.status !== PlacementStatus.WITHDRAWN) {
    const owed = existing.filter((r) => r.kind === FOLLOW_UP_REPORT_KIND && r.status !== ReportStatus.CANCELLED).map((r) => r.sequence);
    due = [...due, ...followUpsDue(placement, ctx.tenant.settings.evaluation.followUpMonths, ctx.clock.today(), owed)];
  }
  return reconcileReports(ctx, existing, due, (d) => ({ placement, talent: placement.talent, unit: placement.unit }));
}

/**
 * Make an owner's reports (a placement's, a group's) what the rule says now: new ones created,
 * pending ones moved to their new due day (or back from cancelled), pending ones no longer asked
 * for cancelled, submitted ones untouched; then their reminders follow, enqueued after commit.
 */
export async function reconcileReports(ctx: RequestContext, existing: Report[], due: ReportDue[], owner: (d: ReportDue) => Pick<Report, 'talent' | 'unit'> & Partial<Pick<Report, 'placement' | 'group'>>): Promise<Report[]> {
  const key = (kind: string, seq: number) => `${kind}#${seq}`;
  const wanted = new Map(due.map((d) => [key(d.kind, d.sequence ?? 1), d]));
  for (const report of existing) {
    const next = wanted.get(key(report.kind, report.sequence));
    if (report.status !== ReportStatus.DUE && report.status !== ReportStatus.CANCELLED) continue;
    if (next) {
      report.dueOn = next.dueOn;
      report.title = next.title;
      report.status = ReportStatus.DUE;
    } else if (report.status === ReportStatus.DUE) {
      report.status = ReportStatus.CANCELLED;
    }
  }
  const have = new Set(existing.map((r) => key(r.kind, r.sequence)));
  const created: Report[] = [];
  for (const [k, d] of wanted) {
    if (have.has(k)) continue;
    created.push(ctx.em.create(Report, { ...owner(d), kind: d.kind, sequence: d.sequence ?? 1, title: d.title, dueOn: d.dueOn }));
  }
  const reports = [...existing, ...created];
  const reminders = await syncReminders(ctx.em, ctx.tenant, reports, ctx.clock.now(), { historical: ctx.historical });
  ctx.afterCommit(() => ctx.jobs.enqueueReminders(ctx.tenant.key, reminders));
  return reports;
}

export interface CreatePlacementInput {
  applicationId: string;
  hostInstitutionId: string;
  plannedStart: CalendarDate;
  plannedEnd: CalendarDate;
}

/** Place a selected applicant at a host. Reports fall due as the scheme's rule says. */
export async function createPlacement(ctx: RequestContext, input: CreatePlacementInput): Promise<Placement> {
  let created!: Placement;
  await createPlacementWith(ctx, input, (placement) => {
    created = placement;
  });
  return created;
}

/**
 * Place a selected applicant at a host together with the scheme's own row for the stay (a
 * trainee, a stay abroad…), which `attach` creates from the new placement. The scheme's row is
 * written before the reports are computed, so a `reportDueDates` rule that reads it sees it.
 * One call instead of create placement → scheme row → commit → recompute reports → commit.
 */
export async function createPlacementWith<T>(ctx: RequestContext, input: CreatePlacementInput, attach: (placement: Placement, application: Application) => T | Promise<T>): Promise<T> {
  const em = ctx.em;
  const application = await em.findOne(Application, input.applicationId);
  if (!application) throw notFound('Application', input.applicationId);
  if (application.status !== ApplicationStatus.SELECTED) {
    throw invalidState(`Only a selected application can be placed; this one is ${application.status}`, { field: 'applicationId' });
  }
  const host = await em.findOne(Institution, input.hostInstitutionId);
  if (!host) throw notFound('Institution', input.hostInstitutionId);
  if (!host.host) throw badInput({ field: 'hostInstitutionId', message: `${host.name} is not registered as a host institution` });
  checkDates(input);
  const placement = em.create(Placement, {
    programme: application.programme,
    application,
    talent: application.talent,
    unit: application.unit,
    hostInstitution: host,
    plannedStart: input.plannedStart,
    plannedEnd: input.plannedEnd,
  });
  const attached = await attach(placement, application);
  await em.flush();
  await syncReports(ctx, placement);
  await ctx.commit();
  return attached;
}

/** Change a placement's dates (departure, return, an approved extension) and recompute its reports. */
export async function updatePlacementDates(ctx: RequestContext, id: string, dates: PlacementDates, expectedVersion?: number | null): Promise<Placement> {
  const placement = await ctx.em.findOne(Placement, id);
  if (!placement) throw notFound('Placement', id);
  assertVersion('Placement', placement, expectedVersion);
  if (placement.status === PlacementStatus.WITHDRAWN) throw invalidState('A withdrawn placement cannot change');
  const next = {
    plannedStart: dates.plannedStart ?? placement.plannedStart,
    plannedEnd: dates.plannedEnd ?? placement.plannedEnd,
    actualStart: dates.actualStart === undefined ? placement.actualStart : dates.actualStart,
    actualEnd: dates.actualEnd === undefined ? placement.actualEnd : dates.actualEnd,
  };
  checkDates(next);
  Object.assign(placement, next);
  placement.status = next.actualEnd ? PlacementStatus.COMPLETED : next.actualStart ? PlacementStatus.ACTIVE : PlacementStatus.PLANNED;
  await syncReports(ctx, placement);
  await ctx.commit();
  return placement;
}

/** Withdraw a placement with a reason; its pending reports are cancelled. */
export async function withdrawPlacement(ctx: RequestContext, id: string, reason: string, onDate: CalendarDate): Promise<Placement> {
  const placement = await ctx.em.findOne(Placement, id);
  if (!placement) throw notFound('Placement', id);
  if (placement.status === PlacementStatus.WITHDRAWN || placement.status === PlacementStatus.COMPLETED) {
    throw invalidState(`A ${placement.status} placement cannot be withdrawn`);
  }
  if (!reason.trim()) throw badInput({ field: 'reason', message: 'is required' });
  placement.status = PlacementStatus.WITHDRAWN;
  placement.statusNote = reason;
  if (placement.actualStart) placement.actualEnd = onDate;
  await syncReports(ctx, placement);
  await ctx.commit();
  return placement;
}
