import { randomFillSync, randomInt } from 'node:crypto';
import { helper, type RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { dayInShanghai, daysBetween } from '../calendar.js';
import { ReportStatus } from '../core/domain.js';
import { Reminder, ReminderState, type Audience, type ReminderStage } from '../core/entities/reminder.js';
import type { Report } from '../core/entities/report.js';
import type { TenantInfo } from '../plugin/contract.js';
import { reminderPlan, type PlannedReminder } from './reminder-plan.js';

/** A reminder whose delayed job must be (re-)enqueued: its row id and instant. */
export interface ReminderToEnqueue {
  id: string;
  fireAt: Date;
}

/** A reminder the plan adds: its report, its plan entry, and its slot in the result. */
type NewReminder = PlannedReminder & { report: Report; state: ReminderState; at: number };

/** Rows per INSERT statement (13 values each; the statement text is about 250 bytes a row). */
const INSERT_CHUNK = 2000;

/**
 * Bring the reminder rows of some reports in line with their due days, in the caller's
 * transaction (so they commit or roll back with the change that moved the dates). Returns the
 * pending reminders whose jobs must be (re-)enqueued once that transaction has committed.
 *
 * - Reminders the plan adds are written at once, in the caller's transaction, by one multi-row
 *   `INSERT … ON CONFLICT (idempotency_key) DO NOTHING` per 2,000 rows, not as one tracked entity
 *   each: the unit of work (entity construction, identity map, change sets) was most of the cost
 *   of scheduling many. If a report (or its talent or unit) is new and not flushed yet, the
 *   caller's pending changes are flushed first so that the rows' foreign keys hold. Reminder rows
 *   are derived rows and deliberately not audited (`SKIPPED_ENTITIES` in core/audit.ts), so
 *   writing them past the unit of work loses no audit entry. They are not in the caller's
 *   identity map: a later `find` reads them from the database (in the same transaction).
 * - The unique idempotency key means a reminder is never created twice: a run that finds the
 *   rows (a second call, in this transaction or later) creates none, and a row that a concurrent
 *   transaction committed after we read is skipped — that transaction enqueues its job — and not
 *   returned.
 * - Reminders that move, come back or are cancelled are changed through the unit of work, as
 *   before: the caller's flush writes them.
 * - Outside a transaction (no `em.begin()` / `em.transactional`), an immediate write could not be
 *   undone with the caller's changes, so new reminders then go through the unit of work as well
 *   and the caller's flush writes them.
 */
export interface SyncOptions {
  /**
   * The reports are records of the past (a demo seed, an Excel import of past records): what is
   * already past due is recorded as `suppressed` and never sent. What falls due later is chased.
   */
  historical?: boolean;
}

/**
 * How a report is chased when its reminders are planned: one message each (null), not at all
 * (`suppressed`: history, already past due), or in one digest per recipient (`digest`: more than
 * the tenant's `overdueCutoffDays` past due when first planned). The choice is made when a
 * report's reminders are first planned and kept while it stays past due; a report whose due day
 * moves back into the future is chased one message at a time again.
 */
export function quietState(input: { owed: boolean; daysLate: number; rows: readonly Pick<Reminder, 'state' | 'digest'>[]; historical: boolean; cutoffDays: number }): ReminderState.SUPPRESSED | ReminderState.DIGEST | null {
  if (!input.owed || input.daysLate <= 0) return null;
  if (!input.rows.length) {
    if (input.historical) return ReminderState.SUPPRESSED;
    return input.daysLate > input.cutoffDays ? ReminderState.DIGEST : null;
  }
  if (input.rows.some((r) => r.state === ReminderState.SUPPRESSED)) return ReminderState.SUPPRESSED;
  if (input.rows.some((r) => r.state === ReminderState.DIGEST || (r.state === ReminderState.SENT && r.digest))) return ReminderState.DIGEST;
  return null;
}

export async function syncReminders(em: EntityManager, tenant: TenantInfo, reports: Report[], now: Date, opts: SyncOptions = {}): Promise<ReminderToEnqueue[]> {
  if (!reports.length) return [];
  const existing = await em.find(Reminder, { report: { $in: reports.map((r) => r.id) } });
  const byKey = new Map<string, Reminder>();
  const byReport = new Map<string, Reminder[]>();
  for (const row of existing) {
    byKey.set(row.idempotencyKey, row);
    const list = byReport.get(row.report.id);
    if (list) list.push(row);
    else byReport.set(row.report.id, [row]);
  }
  const direct = em.isInTransaction();
  const today = dayInShanghai(now);
  const settings = tenant.settings.reminders;
  /** In plan order; a new reminder's slot is filled once its row is written. */
  const toEnqueue: (ReminderToEnqueue | null)[] = [];
  /** New reminders (in a transaction): the report and plan entry of each, and its slot. */
  const fresh: NewReminder[] = [];
  for (const report of reports) {
    const owed = report.status === ReportStatus.DUE || report.status === ReportStatus.RETURNED;
    const owedBy = report.kind.startsWith('evaluation.') ? 'unit' : 'talent';
    const plan = reminderPlan({ id: report.id, dueOn: report.dueOn, owed, owedBy }, settings, now);
    const wanted = new Set(plan.map((p) => p.key));
    const rows = byReport.get(report.id) ?? [];
    const quiet = quietState({ owed, daysLate: daysBetween(report.dueOn, today), rows, historical: !!opts.historical, cutoffDays: settings.overdueCutoffDays });
    const state = quiet ?? ReminderState.PENDING;
    // A digest waits until entries stop for digestDelaySeconds (src/jobs/digests.ts).
    const digestAt = new Date(now.getTime() + settings.digestDelaySeconds * 1000);
    for (const planned of plan) {
      const p = state === ReminderState.DIGEST ? { ...planned, fireAt: digestAt } : planned;
      const row = byKey.get(p.key);
      if (!row) {
        if (direct) {
          fresh.push({ report, ...p, state, at: toEnqueue.length });
          toEnqueue.push(null);
          continue;
        }
        const created = em.create(Reminder, {
          report,
          talent: report.talent,
          unit: report.unit,
          audience: p.audience as Audience,
          stage: p.stage as ReminderStage,
          offsetDays: p.offsetDays,
          fireAt: p.fireAt,
          idempotencyKey: p.key,
          state,
        });
        if (state !== ReminderState.SUPPRESSED) toEnqueue.push(created);
      } else if (quiet) {
        // Quiet it stays; a row cancelled earlier (the report came back for rework) joins it.
        if (row.state === ReminderState.CANCELLED) {
          row.state = quiet;
          if (quiet === ReminderState.DIGEST) {
            row.fireAt = digestAt;
            toEnqueue.push(row);
          }
        }
      } else if (row.state !== ReminderState.SENT && row.state !== ReminderState.SUPERSEDED && (row.state !== ReminderState.PENDING || row.fireAt.getTime() !== p.fireAt.getTime())) {
        // Moved or wanted again; a sent one, or one a later stage superseded, is done with.
        row.fireAt = p.fireAt;
        row.state = ReminderState.PENDING;
        toEnqueue.push(row);
      }
    }
    // Reminders the plan no longer wants (report submitted, heads-up now in the past): cancel.
    for (const row of rows) {
      if ((row.state === ReminderState.PENDING || row.state === ReminderState.DIGEST) && !wanted.has(row.idempotencyKey)) row.state = ReminderState.CANCELLED;
    }
  }
  if (fresh.length) await insertReminders(em, fresh, toEnqueue);
  return toEnqueue.filter((r) => r !== null);
}

/**
 * Insert the new reminders; fill in their slots of `toEnqueue` (left null for a row another
 * transaction wrote first).
 */
async function insertReminders(
  em: EntityManager,
  fresh: NewReminder[],
  toEnqueue: (ReminderToEnqueue | null)[],
): Promise<void> {
  // Rows must not reference a report (or talent, unit) that is still only in the unit of work.
  if (fresh.some((f) => !persisted(f.report) || !persisted(f.report.talent) || !persisted(f.report.unit))) await em.flush();
  const col = columns(em);
  const ids = timeOrderedIds(fresh.length);
  const createdAt = new Date();
  const rows = fresh.map((f, i) => ({
    [col.id]: ids[i],
    [col.createdAt]: createdAt,
    [col.updatedAt]: createdAt,
    [col.version]: 1,
    [col.report]: f.report.id,
    [col.talent]: f.report.talent.id,
    [col.unit]: f.report.unit.id,
    [col.audience]: f.audience,
    [col.stage]: f.stage,
    [col.offsetDays]: f.offsetDays,
    [col.fireAt]: f.fireAt,
    [col.state]: f.state,
    [col.idempotencyKey]: f.key,
  }));
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const res = await em
      .createQueryBuilder(Reminder)
      // Keyed by column rather than property name, so that the query builder need not copy each
      // row to rename its keys (a third of its cost on 1,000 rows); hence the cast.
      .insert(rows.slice(i, i + INSERT_CHUNK) as RequiredEntityData<Reminder>[])
      .onConflict('idempotencyKey')
      .ignore()
      .execute('run');
    inserted += res.affectedRows;
  }
  let written: Set<string> | null = null;
  if (inserted !== rows.length) {
    // Some keys were written by a concurrent transaction since we read (its rows, its jobs): keep ours.
    const mine = await em.createQueryBuilder(Reminder).select('id').where({ id: { $in: ids } }).execute('all', false);
    written = new Set((mine as Record<string, string>[]).map((r) => r[col.id]!));
  }
  fresh.forEach((f, i) => {
    // A suppressed reminder has no job: it is never sent.
    if ((!written || written.has(ids[i]!)) && f.state !== ReminderState.SUPPRESSED) toEnqueue[f.at] = { id: ids[i]!, fireAt: f.fireAt };
  });
}

/**
 * Whether an entity's row is in the database: loaded or flushed (it has a snapshot), or a bare
 * reference (never loaded, so it points at a row). A new entity not flushed yet has neither.
 */
function persisted(entity: object | null | undefined): boolean {
  if (!entity) return true;
  const wrapped = helper(entity);
  return !wrapped.__initialized || wrapped.__originalEntityData != null;
}

const INSERTED = ['id', 'createdAt', 'updatedAt', 'version', 'report', 'talent', 'unit', 'audience', 'stage', 'offsetDays', 'fireAt', 'state', 'idempotencyKey'] as const;
type Columns = Record<(typeof INSERTED)[number], string>;
/** The reminder table's column names, from the ORM's metadata (so they follow the entity). */
function columns(em: EntityManager): Columns {
  const meta = em.getMetadata().get(Reminder);
  return Object.fromEntries(INSERTED.map((p) => [p, meta.properties[p].fieldNames[0]!])) as Columns;
}

/** The last millisecond and counter `timeOrderedIds` used, so that the next call continues after them. */
let lastMs = -Infinity;
let lastSeq = 0;
/**
 * `n` UUIDv7 ids in increasing order, as `BaseEntity` makes them (the `uuid` package's v7: 48-bit
 * milliseconds, a counter seeded at random within a millisecond, random tail), but with one
 * random draw for all of them: `uuid` draws 16 bytes from WebCrypto per id, which was a tenth
 * of the cost of planning 1,000 reminders. Ids stay in creation order, which lists rely on
 * (a report's reminders are read ordered by id).
 */
export function timeOrderedIds(n: number): string[] {
  const random = randomFillSync(new Uint8Array(n * 16));
  let msecs = Date.now();
  let seq: number;
  if (msecs > lastMs) seq = randomInt(0x80000000);
  else {
    msecs = lastMs;
    seq = lastSeq + 1;
  }
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    if (seq > 0xffffffff) {
      msecs++;
      seq = randomInt(0x80000000);
    }
    ids[i] = uuidv7({ msecs, seq, random: random.subarray(i * 16, i * 16 + 16) });
    seq++;
  }
  lastMs = msecs;
  lastSeq = seq - 1;
  return ids;
}
