import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, dayInShanghai } from '../../src/calendar.js';
import { ensureServices, type Services } from '../../src/infra/services.js';
import { fireJobId } from '../../src/jobs/job-system.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createOpenProgramme, createTalent, createUnit } from '../support/fixtures.js';
import { eventually, startWebhookReceiver } from '../support/webhook-receiver.js';

/**
 * Never lost, never doubled: a Redis that forgets everything (FLUSHALL) and a worker process
 * killed in the middle of a delivery. This file runs its own Redis, since it flushes it.
 */
const SECRET = 'crash-test-secret';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let redis: Services;
let h: Harness;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let holdMs = 0;
let admin: string;
let unit: string;

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

beforeAll(async () => {
  redis = await ensureServices({
    env: { ...process.env, DATABASE_URL: inject('databaseUrl'), REDIS_URL: '', SERVICES_FORCE_EMBEDDED: '1', EMBEDDED_REDIS_PORT: String(await freePort()) },
    dataDir: mkdtempSync(join(tmpdir(), 'crash-')),
    log: () => undefined,
  });
  process.env.CRASH_WEBHOOK_SECRET = SECRET;
  receiver = await startWebhookReceiver(SECRET, { holdMs: () => holdMs });
  const dir = mkdtempSync(join(tmpdir(), 'crash-tenants-'));
  writeFileSync(join(dir, 'crashy.yaml'), `key: crashy\nname: Crashy\nlevel: city\nplugins:\n  sample-scheme: {}\nwebhook:\n  url: ${receiver.url}\n  secretEnv: CRASH_WEBHOOK_SECRET\n`);
  h = await startHarness({ tenantsDirs: [dir], redisUrl: redis.redisUrl });
  admin = await h.token('crashy', 'commission-admin');
  unit = await createUnit(h, admin, 'Crashy Hospital');
}, 60_000);
afterAll(async () => {
  await h?.close();
  await receiver?.close();
  await redis?.stop();
});

/** A report that fell due 15 days ago (real time, within the tenant's 30-day overdue cut-off): its escalations are due now, each its own message. */
async function overdueReport(name: string) {
  const t = await createTalent(h, admin, unit, { name });
  const programme = await createOpenProgramme(h, admin, `C-${name}`);
  const a = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
  await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
  const host = await createHost(h, admin, `Host ${name}`);
  const today = dayInShanghai();
  const p = await h.ok(admin, `mutation($a: ID!, $h: ID!, $s: Date!, $e: Date!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: $s, plannedEnd: $e }) { reports { id reminders { id fireAt state audience } } } }`, {
    a: a.submitApplication.id, h: host, s: addDays(today, -120), e: addDays(today, -45),
  });
  return p.createPlacement.reports[0] as { id: string; reminders: { id: string; fireAt: string; audience: string }[] };
}

function startWorker(): ChildProcess {
  return spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/worker.ts'], {
    cwd: ROOT,
    detached: true, // its own process group, so a kill reaches tsx's child node too
    stdio: 'ignore',
    env: { ...process.env, DATABASE_URL: h.databaseUrl, REDIS_URL: redis.redisUrl, QUEUE_PREFIX: h.app.jobs.prefix, JOB_LOCK_MS: '1000', LOG_LEVEL: 'warn', CRASH_WEBHOOK_SECRET: SECRET },
  });
}
const kill = (w: ChildProcess, signal: NodeJS.Signals = 'SIGKILL') => {
  try {
    process.kill(-w.pid!, signal);
  } catch {
    /* already gone */
  }
};

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: h.databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

describe('Redis loses everything', () => {
  it('FLUSHALL, then the sweep re-creates exactly the missing jobs', async () => {
    h.app.clock.set('2020-01-01T00:00:00Z'); // keep every reminder in the future so nothing fires
    try {
      const t = await createTalent(h, admin, unit, { name: 'Flushed' });
      const programme = await createOpenProgramme(h, admin, 'C-flush');
      const a = await h.ok(admin, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "clinical" }) { id } }`, { p: programme, t });
      await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.submitApplication.id });
      const host = await createHost(h, admin, 'Host Flushed');
      const p = await h.ok(admin, `mutation($a: ID!, $h: ID!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2020-03-01", plannedEnd: "2020-05-31" }) { reports { reminders { id fireAt } } } }`, { a: a.submitApplication.id, h: host });
      const reminders = p.createPlacement.reports[0].reminders as { id: string; fireAt: string }[];
      expect(reminders).toHaveLength(6);
      const pending = (await sql(`select count(*)::int as n from t_crashy.reminder where state = 'pending'`))[0].n;

      const client = new Redis(redis.redisUrl);
      await client.flushall();
      await client.quit();
      expect(await h.app.jobs.queues.reminders.getJob(fireJobId('crashy', new Date(reminders[0]!.fireAt)))).toBeUndefined();

      expect(await h.app.jobs.sweep()).toEqual({ reminders: pending, webhooks: 0 });
      for (const r of reminders) {
        const job = await h.app.jobs.queues.reminders.getJob(fireJobId('crashy', new Date(r.fireAt)));
        expect(await job?.getState()).toBe('delayed');
      }
      expect(await h.app.jobs.sweep()).toEqual({ reminders: 0, webhooks: 0 });
    } finally {
      h.app.clock.reset();
    }
  });
});

describe('a worker killed during delivery', () => {
  it('is retried after restart without a second inbox entry or webhook call', async () => {
    const report = await overdueReport('Killed');
    const due = report.reminders.map((r) => r.id);
    expect(report.reminders.map((r) => r.audience)).toEqual(['UNIT', 'COMMISSION']);
    // Hold the reminder rows so the worker's delivery transaction blocks inside its work.
    const locker = new pg.Client({ connectionString: h.databaseUrl });
    await locker.connect();
    await locker.query('begin');
    await locker.query(`select id from t_crashy.reminder where id = any($1) for update`, [due]);
    let worker = startWorker();
    try {
      await eventually(
        () => sql(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`),
        (rows) => rows[0].n >= 1,
        30_000,
      );
      kill(worker); // mid-delivery: the worker's transaction never commits
      await new Promise((r) => setTimeout(r, 300));
      // Its orphaned sessions get the rows once we let go, fail to answer the dead client, and roll back.
      await locker.query('rollback');
      await eventually(() => sql(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`), (rows) => rows[0].n === 0);
      expect(receiver.calls.filter((c) => c.body.report.id === report.id)).toHaveLength(0);

      worker = startWorker();
      await eventually(() => sql(`select count(*)::int as n from t_crashy.inbox_message m join t_crashy.reminder r on r.id = m.reminder_id where r.report_id = $1`, [report.id]), (rows) => rows[0].n === 2, 30_000);
      await eventually(async () => receiver.calls.filter((c) => c.body.report.id === report.id).length, (n) => n === 2, 30_000);
      await new Promise((r) => setTimeout(r, 2500)); // time enough for any duplicate to show up
      expect((await sql(`select count(*)::int as n from t_crashy.inbox_message m join t_crashy.reminder r on r.id = m.reminder_id where r.report_id = $1`, [report.id]))[0].n).toBe(2);
      const calls = receiver.calls.filter((c) => c.body.report.id === report.id);
      expect(calls.map((c) => c.key).sort()).toEqual([`${report.id}.commission.7`, `${report.id}.unit.1`]);
      expect(calls.every((c) => c.signatureValid)).toBe(true);
      expect(await sql(`select state from t_crashy.reminder where id = any($1)`, [due])).toEqual([{ state: 'sent' }, { state: 'sent' }]);
    } finally {
      await locker.end().catch(() => undefined);
      kill(worker, 'SIGTERM');
    }
  }, 90_000);

  it('killed while a delivery waits on a lock: nothing of it is kept, the next worker delivers each reminder once', async () => {
    // Two reports due on the same day: their escalations share instants, so they go out in batches.
    const reports = [await overdueReport('BatchedA'), await overdueReport('BatchedB')];
    const ids = reports.flatMap((r) => r.reminders.map((x) => x.id));
    expect(ids).toHaveLength(4);
    // An uncommitted inbox message for one of them makes the batch's multi-row insert wait, after
    // the batch has locked its reminders and read their reports and talents.
    const locker = new pg.Client({ connectionString: h.databaseUrl });
    await locker.connect();
    await locker.query('begin');
    await locker.query(
      `insert into t_crashy.inbox_message (id, created_at, updated_at, version, reminder_id, talent_id, unit_id, audience, title_zh, title_en, body_zh, body_en)
       select gen_random_uuid(), now(), now(), 1, id, talent_id, unit_id, audience, 'x', 'x', 'x', 'x' from t_crashy.reminder where id = $1`,
      [ids[0]],
    );
    let worker = startWorker();
    try {
      // The delivery of ids[0] waits on the locker: the batch's insert of its message, or (the
      // locker's foreign key holds the reminder row, so the batch may skip it) its job delivering
      // it alone, waiting for the row. Either way it is in flight, uncommitted, when the worker dies.
      await eventually(
        () => sql(`select query from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`),
        (rows) => rows.some((r: { query: string }) => /insert into "t_crashy"\."inbox_message"|from "t_crashy"\."reminder"/.test(r.query)),
        30_000,
      );
      kill(worker); // mid-delivery: its transaction never commits
      await new Promise((r) => setTimeout(r, 300));
      await locker.query('rollback');
      await eventually(() => sql(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`), (rows) => rows[0].n === 0);
      expect((await sql(`select count(*)::int as n from t_crashy.inbox_message where reminder_id = $1`, [ids[0]]))[0].n).toBe(0);
      expect((await sql(`select state from t_crashy.reminder where id = $1`, [ids[0]]))[0].state).toBe('pending');

      worker = startWorker();
      await eventually(() => sql(`select count(*)::int as n from t_crashy.inbox_message where reminder_id = any($1)`, [ids]), (rows) => rows[0].n === 4, 30_000);
      const keysCalled = () => new Set(receiver.calls.filter((c) => reports.some((r) => c.body.report.id === r.id)).map((c) => c.key));
      await eventually(async () => keysCalled().size, (n) => n === 4, 30_000);
      await new Promise((r) => setTimeout(r, 2500)); // time enough for any duplicate to show up
      expect((await sql(`select count(*)::int as n, count(distinct reminder_id)::int as d from t_crashy.inbox_message where reminder_id = any($1)`, [ids]))[0]).toEqual({ n: 4, d: 4 });
      // The inbox is exactly-once. A webhook is one delivery per reminder, but the kill may land
      // while another reminder's HTTP call is in flight: the receiver may then see that call again,
      // always with the same Idempotency-Key (documented at-least-once), never a fifth key.
      expect(keysCalled().size).toBe(4);
      expect((await sql(`select count(*)::int as n, count(distinct reminder_id)::int as d from t_crashy.webhook_delivery where reminder_id = any($1)`, [ids]))[0]).toEqual({ n: 4, d: 4 });
      const calls = receiver.calls.filter((c) => reports.some((r) => c.body.report.id === r.id));
      expect(calls.every((c) => c.signatureValid)).toBe(true);
      expect((await sql(`select count(*)::int as n from t_crashy.reminder where id = any($1) and state = 'sent'`, [ids]))[0].n).toBe(4);
    } finally {
      await locker.end().catch(() => undefined);
      kill(worker, 'SIGTERM');
    }
  }, 120_000);

  it('killed while the webhook is being answered: the retry carries the same idempotency key', async () => {
    holdMs = 4000;
    const report = await overdueReport('Interrupted');
    let worker = startWorker();
    try {
      await eventually(async () => receiver.calls.filter((c) => c.body.report.id === report.id).length, (n) => n >= 1, 30_000);
      kill(worker); // the receiver got the call; the worker never heard back
      holdMs = 0;
      worker = startWorker();
      await eventually(() => sql(`select count(*)::int as n from t_crashy.webhook_delivery d join t_crashy.reminder r on r.id = d.reminder_id where r.report_id = $1 and d.state = 'delivered'`, [report.id]), (rows) => rows[0].n === 2, 40_000);
      const calls = receiver.calls.filter((c) => c.body.report.id === report.id);
      // HTTP cannot be exactly-once across a crash: the receiver may see a call again, always with
      // the same Idempotency-Key, so it can drop the repeat. Each reminder is one delivery.
      expect(new Set(calls.map((c) => c.key)).size).toBe(2);
      expect((await sql(`select count(*)::int as n from t_crashy.inbox_message m join t_crashy.reminder r on r.id = m.reminder_id where r.report_id = $1`, [report.id]))[0].n).toBe(2);
    } finally {
      holdMs = 0;
      kill(worker, 'SIGTERM');
    }
  }, 90_000);
});
