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
 * firing of the tenant after their instant writes one digest per recipient — the talent, the unit, the commission, as
 * the reminders' audiences say — listing every such report, with its inbox message, and marks the
 * reminders sent with it. The channels (email, robots) follow from the digest as from a reminder.
 *
 * Exactly once: digests of a tenant are written under a transaction-level advisory lock, taken
 * before any reminder row is locked, and a reminder joins a digest only while it is still in
 * state `digest` (then it is `sent`); a second firing, a retry or the sweep finds nothing left.
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

/** What a firing found of the tenant's reminders waiting for a digest (null: none is due). */
export type DigestsDue = { outcome: 'early'; at: Date } | { outcome: 'digested' | 'skipped'; digests: string[] };

/**
 * The digests of a tenant at a firing (src/jobs/firing.ts): null when no reminder waiting for
 * one is due. `early` while long-overdue entries are still arriving (a later one waits longer):
 * the due ones move to the last one's instant (`at`), whose firing writes them; else every digest
 * due in the tenant is written (`digested`), or none is left (`skipped`: another firing wrote them).
 */
export async function digestsDue(em: EntityManager, tenant: TenantInfo, now: Date): Promise<DigestsDue | null> {
  const soon = new Date(now.getTime() + 1000);
  const waiting = { state: ReminderState.DIGEST, digest: null };
  const due = await em.fork().findOne(Reminder, { ...waiting, fireAt: { $lte: soon } }, { fields: ['id'], filters: false });
  if (!due) return null;
  const latest = await em.fork().findOne(Reminder, waiting, { orderBy: { fireAt: 'desc' }, fields: ['fireAt'], filters: false });
  if (latest && latest.fireAt.getTime() > soon.getTime()) {
    await em.fork().nativeUpdate(Reminder, { ...waiting, fireAt: { $lte: soon } }, { fireAt: latest.fireAt });
    return { outcome: 'early', at: latest.fireAt };
  }
  const digests = await sendDigests(em.fork(), tenant, now);
  return { outcome: digests.length ? 'digested' : 'skipped', digests };
}

/**
 * One reminder waiting for a digest, delivered by id (`ReminderDelivery.deliver`, src/jobs/delivery.ts): null when the reminder
 * is not one (deliver it as usual); `early` before its instant; else its tenant's digests as a
 * firing writes them.
 */
export async function digestJob(em: EntityManager, tenant: TenantInfo, reminderId: string, now: Date): Promise<DigestsDue | null> {
  const row = await em.fork().findOne(Reminder, reminderId, { fields: ['state', 'fireAt'], filters: false });
  if (row?.state !== ReminderState.DIGEST) return null;
  if (row.fireAt.getTime() > now.getTime() + 1000) return { outcome: 'early', at: row.fireAt };
  return (await digestsDue(em, tenant, now)) ?? { outcome: 'skipped', digests: [] };
}
