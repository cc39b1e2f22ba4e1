import type { Pool, PoolClient } from 'pg';
import { dayInShanghai } from '../calendar.js';
import { ReportStatus } from '../core/domain.js';
import { tenantTable } from '../db/tables.js';
import { reminderText } from './messages.js';
import { timeOrderedIds } from './reminders.js';

/**
 * Reminder delivery in batches, in plain SQL (issue 18): one transaction per batch of a tenant's
 * reminders instead of one per reminder through the unit of work (five statements and ~3 ms of
 * Node CPU each, which bounded firing at ~200 deliveries/s on one worker process).
 *
 * A batch is the reminders asked for by id (none, when a firing of the tenant's instant job runs
 * it: src/jobs/firing.ts), plus the tenant's pending reminders that are due (`fire_at` at or
 * before now, the oldest first, up to the batch size), whatever their instant. Taking only the
 * reminders of one instant made batches of ~3 when a tenant's reminders fall due on many days and
 * jobs of many tenants arrive interleaved (40 deliveries/s). In one transaction:
 *
 * 1. one statement locks the batch (`FOR UPDATE OF r SKIP LOCKED`) and reads each reminder's
 *    report and talent with it;
 * 2. one multi-row insert writes the inbox messages (`ON CONFLICT (reminder_id) DO NOTHING`, the
 *    unique key that makes a second message impossible);
 * 3. one update marks the reminders sent (or cancelled, for a report no longer owed);
 * 4. one multi-row insert writes the webhook deliveries, if the tenant has a webhook.
 *
 * Only the latest stage is sent: a due reminder with a later due stage pending for the same report
 * and audience (the workers were down past both instants) is marked `superseded`, not sent, so an
 * outage leaves one message per report and recipient rather than several saying the same thing.
 *
 * Exactly once, as before: a reminder is delivered only under its row lock, only from the
 * `pending` state as the lock returns it, and its state changes in the transaction that writes its
 * message. A worker killed mid-batch leaves the transaction uncommitted (PostgreSQL rolls it
 * back), its job stalls and is retried by another worker, which finds the rows pending. A due row
 * another transaction holds (another worker's batch, a report being edited) is not skipped on
 * trust: the firing delivers it alone afterwards, waiting for the lock.
 *
 * Reminder, inbox and webhook rows are derived rows, not audited (`SKIPPED_ENTITIES` in
 * core/audit.ts), so writing them past the unit of work loses no audit entry.
 */
/** `digest`: the reminder waits for a digest (src/jobs/digests.ts); its job writes the digests instead. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'cancelled' | 'early' | 'locked' | 'digest' | 'superseded';

export interface BatchResult {
  /** The outcome of every reminder id asked for; `locked`: another transaction holds its row. */
  outcomes: Map<string, DeliveryOutcome>;
  /** Every reminder the batch sent (those asked for and those it took because they were due). */
  sent: string[];
  /** Due reminders the batch took besides those asked for (whatever their instant), and what became of them. */
  extra: Map<string, DeliveryOutcome>;
  /** The fire instants (epoch ms) of the reminders the batch sent, cancelled or superseded. */
  instants: number[];
  /** SQL statements the batch ran, BEGIN and COMMIT included. */
  statements: number;
}

interface Row {
  id: string;
  state: string;
  fire_ms: number | string;
  audience: string;
  stage: string;
  talent_id: string;
  unit_id: string;
  status: string;
  title: string;
  due_on: string;
  name: string;
  /** A later stage for the same report and audience is due and pending: this one is not sent. */
  superseded: boolean;
}

const OWED = new Set<string>([ReportStatus.DUE, ReportStatus.RETURNED]);
const q = tenantTable;

export interface BatchInput {
  schema: string;
  ids: readonly string[];
  now: Date;
  /** Most reminders one batch takes, those asked for included (more asked for are all taken). */
  limit: number;
  webhookUrl?: string | null;
}

export async function deliverBatch(pool: Pool, input: BatchInput): Promise<BatchResult> {
  const client = await pool.connect();
  let statements = 0;
  const run = (c: PoolClient, text: string, values?: unknown[]) => {
    statements++;
    return c.query(text, values);
  };
  try {
    await run(client, 'begin');
    try {
      const result = await batchInTransaction(input, (text, values) => run(client, text, values));
      await run(client, 'commit');
      return { ...result, statements };
    } catch (e) {
      await client.query('rollback').catch(() => undefined);
      throw e;
    }
  } finally {
    client.release();
  }
}

async function batchInTransaction(input: BatchInput, run: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>): Promise<Omit<BatchResult, 'statements'>> {
  const { schema, ids, now, limit } = input;
  const reminder = q(schema, 'reminder');
  const soon = new Date(now.getTime() + 1000);
  const extraLimit = Math.max(0, limit - ids.length);
  // The ids asked for and the tenant's due reminders, locked together; rows another transaction
  // holds are skipped, and the state is judged on the row as the lock returns it.
  const { rows } = (await run(
    `select r.id, r.state, (extract(epoch from r.fire_at) * 1000)::float8 as fire_ms, r.audience, r.stage, r.talent_id, r.unit_id,
            p.status, p.title, p.due_on::text as due_on, t.name,
            exists (select 1 from ${reminder} s
                     where s.report_id = r.report_id and s.audience = r.audience and s.state = 'pending'
                       and s.fire_at <= $2 and (s.fire_at, s.id) > (r.fire_at, r.id)) as superseded
       from ${reminder} r
       join ${q(schema, 'report')} p on p.id = r.report_id
       join ${q(schema, 'talent')} t on t.id = r.talent_id
      where r.id in (select x.id from ${reminder} x where x.id = any($1::uuid[])
                     union all
                     (select x.id from ${reminder} x
                       where x.state = 'pending' and x.fire_at <= $2
                       order by x.fire_at, x.id limit $3))
      order by r.id
        for update of r skip locked`,
    [ids, soon, extraLimit],
  )) as { rows: Row[] };
  const asked = new Set(ids);
  const outcomes = new Map<string, DeliveryOutcome>();
  const extra = new Map<string, DeliveryOutcome>();
  const sent: Row[] = [];
  const changed: { id: string; state: string }[] = [];
  const instants = new Set<number>();
  const today = dayInShanghai(now);
  for (const r of rows) {
    let outcome: DeliveryOutcome;
    if (r.state === 'digest') outcome = 'digest';
    else if (r.state !== 'pending') outcome = 'skipped';
    else if (Number(r.fire_ms) > soon.getTime()) outcome = 'early';
    else if (!OWED.has(r.status)) outcome = 'cancelled';
    else if (r.superseded) outcome = 'superseded';
    else outcome = 'sent';
    if (outcome === 'sent') sent.push(r);
    if (outcome === 'sent' || outcome === 'cancelled' || outcome === 'superseded') {
      changed.push({ id: r.id, state: outcome });
      instants.add(Math.trunc(Number(r.fire_ms)));
    }
    (asked.has(r.id) ? outcomes : extra).set(r.id, outcome);
  }
  // Asked for but not returned: held by another transaction (or gone); the caller decides.
  for (const id of ids) if (!outcomes.has(id)) outcomes.set(id, 'locked');

  if (sent.length) {
    const created = new Date();
    const msgIds = timeOrderedIds(sent.length);
    const cols: string[][] = [[], [], [], [], [], [], [], []];
    for (const r of sent) {
      const text = reminderText({ audience: r.audience, stage: r.stage, reportTitle: r.title, talentName: r.name, dueOn: r.due_on, today });
      [r.id, r.talent_id, r.unit_id, r.audience, text.titleZh, text.titleEn, text.bodyZh, text.bodyEn].forEach((v, i) => cols[i]!.push(v));
    }
    await run(
      `insert into ${q(schema, 'inbox_message')} (id, created_at, updated_at, version, reminder_id, talent_id, unit_id, audience, title_zh, title_en, body_zh, body_en)
       select x.id, $2, $2, 1, x.reminder_id, x.talent_id, x.unit_id, x.audience, x.title_zh, x.title_en, x.body_zh, x.body_en
         from unnest($1::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
              as x(id, reminder_id, talent_id, unit_id, audience, title_zh, title_en, body_zh, body_en)
       on conflict (reminder_id) do nothing`,
      [msgIds, created, ...cols],
    );
  }
  if (changed.length) {
    await run(
      `update ${reminder} r set state = x.state, sent_at = case when x.state = 'sent' then $3 else r.sent_at end, updated_at = $4, version = r.version + 1
         from unnest($1::uuid[], $2::text[]) as x(id, state) where r.id = x.id`,
      [changed.map((c) => c.id), changed.map((c) => c.state), now, new Date()],
    );
  }
  if (sent.length && input.webhookUrl) {
    const created = new Date();
    await run(
      `insert into ${q(schema, 'webhook_delivery')} (id, created_at, updated_at, version, reminder_id, url, state, attempts)
       select x.id, $3, $3, 1, x.reminder_id, $4, 'pending', 0 from unnest($1::uuid[], $2::uuid[]) as x(id, reminder_id)
       on conflict (reminder_id) do nothing`,
      [timeOrderedIds(sent.length), sent.map((r) => r.id), created, input.webhookUrl],
    );
  }
  return { outcomes, extra, sent: sent.map((r) => r.id), instants: [...instants] };
}
