import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { dayInShanghai } from '../calendar.js';
import { ReportStatus } from '../core/domain.js';
import { Audience, InboxMessage, Reminder, ReminderDigest, ReminderState } from '../core/entities/reminder.js';
import { Report } from '../core/entities/report.js';
import { Talent } from '../core/entities/talent.js';
import type { TenantInfo } from '../plugin/contract.js';
import { digestText } from './messages.js';

/**
 * No reminder floods. A report more than the tenant's `reminders.overdueCutoffDays` past due when
 * its reminders are first planned (a stay entered after the fact, reports written without
 * reminders) is not chased one message each: its reminders wait in state `digest`, and the first
 * of their jobs to run writes one digest per recipient — the talent, the unit, the commission, as
 * the reminders' audiences say — listing every such report, with its inbox message, and marks the
 * reminders sent with it. The channels (email, robots) follow from the digest as from a reminder.
 *
 * Exactly once: digests of a tenant are written under a transaction-level advisory lock, taken
 * before any reminder row is locked, and a reminder joins a digest only while it is still in
 * state `digest` (then it is `sent`); a second job, a retry or the sweep finds nothing left.
 */
export async function sendDigests(em: EntityManager, tenant: TenantInfo, now: Date): Promise<string[]> {
  return em.transactional(async (tx) => {
    await tx.getConnection().execute(`select pg_advisory_xact_lock(hashtext(?))`, [`${tenant.schema}.reminder-digest`], 'all', tx.getTransactionContext());
    const rows = await tx.find(Reminder, { state: ReminderState.DIGEST, digest: null }, { lockMode: LockMode.PESSIMISTIC_WRITE, filters: false, orderBy: { id: 'asc' } });
    if (!rows.length) return [];
    const reports = new Map((await tx.find(Report, { id: { $in: [...new Set(rows.map((r) => r.report.id))] } }, { filters: false })).map((r) => [r.id, r]));
    const talents = new Map((await tx.find(Talent, { id: { $in: [...new Set(rows.map((r) => r.talent.id))] } }, { filters: false })).map((t) => [t.id, t]));
    const byRecipient = new Map<string, Reminder[]>();
    for (const row of rows) {
      const report = reports.get(row.report.id);
      // Handed in meanwhile (its reminders are being cancelled in that transaction): nothing to chase.
      if (!report || (report.status !== ReportStatus.DUE && report.status !== ReportStatus.RETURNED)) {
        row.state = ReminderState.CANCELLED;
        continue;
      }
      const key = row.audience === Audience.TALENT ? `talent:${row.talent.id}` : row.audience === Audience.UNIT ? `unit:${row.unit.id}` : 'commission';
      const list = byRecipient.get(key);
      if (list) list.push(row);
      else byRecipient.set(key, [row]);
    }
    const today = dayInShanghai(now);
    const ids: string[] = [];
    for (const [recipient, list] of byRecipient) {
      const first = list[0]!;
      const seen = new Set<string>();
      const items: { talentName: string; reportTitle: string; dueOn: string }[] = [];
      for (const row of list) {
        if (seen.has(row.report.id)) continue;
        seen.add(row.report.id);
        const report = reports.get(row.report.id)!;
        items.push({ talentName: talents.get(row.talent.id)?.name ?? '', reportTitle: report.title, dueOn: report.dueOn });
      }
      const talent = first.audience === Audience.TALENT ? first.talent : null;
      const unit = first.audience === Audience.UNIT ? first.unit : null;
      const digest = tx.create(ReminderDigest, { audience: first.audience, recipient, talent, unit, items: items.length, sentAt: now });
      const text = digestText({ audience: first.audience, cutoffDays: tenant.settings.reminders.overdueCutoffDays, today, items });
      tx.create(InboxMessage, { digest, reminder: null, talent, unit, audience: first.audience, ...text });
      for (const row of list) Object.assign(row, { state: ReminderState.SENT, sentAt: now, digest });
      ids.push(digest.id);
    }
    return ids;
  });
}

/**
 * The job of a reminder waiting for a digest: null when the reminder is not one (deliver it as
 * usual). `early` while long-overdue entries are still arriving (a later one waits longer: this
 * reminder's instant moves to the last one's, and its job comes back then); else every digest due
 * in the tenant is written (`digested`), or none is left (`skipped`: another job wrote them).
 */
export async function digestJob(em: EntityManager, tenant: TenantInfo, reminderId: string, now: Date): Promise<{ outcome: 'early' | 'digested' | 'skipped'; digests: string[] } | null> {
  const row = await em.fork().findOne(Reminder, reminderId, { fields: ['state', 'fireAt'], filters: false });
  if (row?.state !== ReminderState.DIGEST) return null;
  const soon = now.getTime() + 1000;
  if (row.fireAt.getTime() > soon) return { outcome: 'early', digests: [] };
  const latest = await em.fork().findOne(Reminder, { state: ReminderState.DIGEST, digest: null }, { orderBy: { fireAt: 'desc' }, fields: ['fireAt'], filters: false });
  if (latest && latest.fireAt.getTime() > soon) {
    await em.fork().nativeUpdate(Reminder, { id: reminderId, state: ReminderState.DIGEST }, { fireAt: latest.fireAt });
    return { outcome: 'early', digests: [] };
  }
  const digests = await sendDigests(em.fork(), tenant, now);
  return { outcome: digests.length ? 'digested' : 'skipped', digests };
}
