import { addDays, startOfDayInstant, type CalendarDate } from '../calendar.js';
import type { TenantSettings } from '../tenancy/settings.js';

/**
 * Which reminders a report should have, as a pure function of the report, the tenant's
 * settings and now. Each has a stable idempotency key (report, audience, offset): recomputing
 * after a date change yields the same keys with new instants, so pending rows move instead of
 * multiplying, and a sent one is never sent again.
 */
export interface PlannedReminder {
  key: string;
  audience: 'talent' | 'unit' | 'commission';
  stage: 'before' | 'due' | 'overdue';
  offsetDays: number;
  fireAt: Date;
}

export interface ReportForPlan {
  id: string;
  dueOn: CalendarDate;
  /** Only reports still owed (due, or returned for rework) get reminders. */
  owed: boolean;
  /** Who hands it in: the talent (the default) or their unit (an evaluation follow-up); the heads-ups go to them. */
  owedBy?: 'talent' | 'unit';
}

export function reminderPlan(report: ReportForPlan, settings: TenantSettings['reminders'], now: Date): PlannedReminder[] {
  if (!report.owed) return [];
  const at = (offset: number) => startOfDayInstant(addDays(report.dueOn, offset), settings.sendAtHour);
  const plan: PlannedReminder[] = [];
  const owner = report.owedBy ?? 'talent';
  for (const days of [...new Set(settings.beforeDays)].sort((a, b) => b - a)) {
    plan.push({ key: `${report.id}.${owner}.-${days}`, audience: owner, stage: 'before', offsetDays: -days, fireAt: at(-days) });
  }
  if (settings.onDueDay) plan.push({ key: `${report.id}.${owner}.0`, audience: owner, stage: 'due', offsetDays: 0, fireAt: at(0) });
  for (const e of settings.escalations) {
    plan.push({ key: `${report.id}.${e.to}.${e.afterDays}`, audience: e.to, stage: 'overdue', offsetDays: e.afterDays, fireAt: at(e.afterDays) });
  }
  // A heads-up whose moment has passed is noise; an escalation that is already due still matters.
  return plan.filter((p) => p.stage === 'overdue' || p.fireAt.getTime() >= now.getTime());
}
