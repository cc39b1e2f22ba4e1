import type { EntityManager } from '@mikro-orm/postgresql';
import { ReportStatus } from '../core/domain.js';
import { Reminder, ReminderState, Audience, ReminderStage } from '../core/entities/reminder.js';
import type { Report } from '../core/entities/report.js';
import type { TenantInfo } from '../plugin/contract.js';
import { reminderPlan } from './reminder-plan.js';

/**
 * Bring the reminder rows of some reports in line with their due days, in the caller's unit of
 * work (so in the same transaction as the change that moved the dates). Returns the pending
 * reminders whose jobs must be (re-)enqueued once that transaction has committed.
 */
export async function syncReminders(em: EntityManager, tenant: TenantInfo, reports: Report[], now: Date): Promise<Reminder[]> {
  if (!reports.length) return [];
  const existing = await em.find(Reminder, { report: { $in: reports.map((r) => r.id) } });
  const byKey = new Map(existing.map((r) => [r.idempotencyKey, r]));
  const toEnqueue: Reminder[] = [];
  for (const report of reports) {
    const owed = report.status === ReportStatus.DUE || report.status === ReportStatus.RETURNED;
    const plan = reminderPlan({ id: report.id, dueOn: report.dueOn, owed }, tenant.settings.reminders, now);
    const wanted = new Set(plan.map((p) => p.key));
    for (const p of plan) {
      const row = byKey.get(p.key);
      if (!row) {
        const created = em.create(Reminder, {
          report,
          talent: report.talent,
          unit: report.unit,
          audience: p.audience as Audience,
          stage: p.stage as ReminderStage,
          offsetDays: p.offsetDays,
          fireAt: p.fireAt,
          idempotencyKey: p.key,
        });
        toEnqueue.push(created);
      } else if (row.state !== ReminderState.SENT && (row.state === ReminderState.CANCELLED || row.fireAt.getTime() !== p.fireAt.getTime())) {
        row.fireAt = p.fireAt;
        row.state = ReminderState.PENDING;
        toEnqueue.push(row);
      }
    }
    // Reminders the plan no longer wants (report submitted, heads-up now in the past): cancel.
    for (const row of existing) {
      if (row.report.id === report.id && row.state === ReminderState.PENDING && !wanted.has(row.idempotencyKey)) row.state = ReminderState.CANCELLED;
    }
  }
  return toEnqueue;
}
