import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, testDatabaseName } from '../support/leftovers.js';
import { freePort, startPrivateRedis } from '../support/private-redis.js';
import { eventually } from '../support/webhook-receiver.js';

/**
 * Redis loses everything while the API (`npm start` with WORKERS=0) and a worker process
 * (`npm run worker`) run, as in production: every due reminder is still delivered, exactly once,
 * with no process restarted, because the worker re-creates the job schedulers Redis lost and the
 * sweep re-enqueues the lost jobs. /readyz?detail names the missing schedulers meanwhile.
 *
 * The processes run the real scripts against a database and a Redis of this test's own; the
 * demo seed's past reminders (suppressed as history) are made pending again, a few dozen due
 * with no job, so the worker's sweep must find them all.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Every tenant file: a new tenant's due reminders are checked too, with no edit here.
const TENANTS = readdirSync(join(ROOT, 'tenants')).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, ''));
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let dbName: string;
let databaseUrl: string;
let apiUrl: string;
let api: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let env: Record<string, string>;
const output: string[] = [];

function run(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [script], {
    cwd: ROOT,
    detached: true, // its own process group: signals reach tsx's node child too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (c: Buffer) => output.push(`[${script}] ${c.toString()}`));
  return child;
}
const signal = (child: ChildProcess | undefined, sig: NodeJS.Signals) => {
  try {
    process.kill(-child!.pid!, sig);
  } catch {
    /* gone already */
  }
};
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  signal(child, 'SIGCONT');
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}
const allTenants = (select: (schema: string) => string) => TENANTS.map((t) => select(`t_${t}`)).join(' union all ');
const readyz = async () => {
  const r = await fetch(`${apiUrl}/readyz?detail`);
  return { status: r.status, body: (await r.json()) as any };
};

// Detached process groups outlive the test process unless killed: also when it ends abruptly.
const killAll = () => [api, worker].forEach((c) => signal(c, 'SIGKILL'));
process.once('exit', killAll);

beforeAll(async () => {
  redis = await startPrivateRedis();
  dbName = testDatabaseName(inject('runId'));
  const server = new URL(inject('databaseUrl'));
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  server.pathname = `/${dbName}`;
  databaseUrl = server.toString();

  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, LOG_LEVEL: 'warn', SWEEP_EVERY_MS: '2000', SCHEDULER_CHECK_MS: '2000' };
  api = run('scripts/start.ts', { ...env, WORKERS: '0', SEED_DEMO: '1', PORT: String(port), HOST: '127.0.0.1' });
  await eventually(
    () => fetch(`${apiUrl}/readyz`).then((r) => r.status, () => 0),
    (status) => status === 200 || api!.exitCode !== null,
    120_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${output.join('')}`);
  });
  if (api.exitCode !== null) throw new Error(`the API exited with ${api.exitCode}:\n${output.join('')}`);
  // The seed's history sends nothing (issue 14): its past reminders are suppressed, with no job.
  // This test wants thousands due and unqueued, so it makes them pending again: only the worker's
  // sweep can find and enqueue them, as after any loss of Redis.
  for (const t of TENANTS) {
    await sql(`update t_${t}.reminder r set state = 'pending' from t_${t}.report p where p.id = r.report_id and p.status in ('due', 'returned') and r.state = 'suppressed' and r.fire_at <= now()`);
  }
}, 150_000);

afterAll(async () => {
  await Promise.all([stop(worker), stop(api)]);
  process.off('exit', killAll);
  if (dbName) await dropDatabase(inject('databaseUrl'), dbName);
  await redis?.stop();
}, 60_000);

describe('Redis flushed while the API and a worker process run', () => {
  it('delivers every due reminder exactly once without a restart, and /readyz?detail names the missing schedulers meanwhile', async () => {
    // Before any worker: nothing created the sweep's scheduler, and /readyz?detail says so.
    const before = await readyz();
    expect(before.status).toBe(503);
    expect(before.body.schedulers).toMatchObject({ ok: false, missing: ['sweep'] });

    const due = (await sql<{ id: string }>(allTenants((s) => `select r.id::text from ${s}.reminder r join ${s}.report p on p.id = r.report_id where r.state = 'pending' and r.fire_at <= now() and p.status in ('due', 'returned')`))).map((r) => r.id);
    expect(due.length).toBeGreaterThan(20);
    const delivered = async () =>
      Number((await sql(`select count(*)::int as n from (${allTenants((s) => `select m.reminder_id from ${s}.inbox_message m where m.reminder_id = any($1::uuid[])`)}) x`, [due]))[0].n);

    // The worker process is up but frozen (not a restart: the same process resumes) while Redis loses
    // everything, so the flush's effect can be seen before it reacts. (Batched delivery sends a few
    // dozen reminders at once, so freezing it mid-delivery cannot be timed.)
    worker = run('scripts/worker.ts', env);
    signal(worker, 'SIGSTOP');
    const client = new Redis(redis.url);
    try {
      await client.flushall();
      expect(await client.dbsize()).toBe(0);
    } finally {
      client.disconnect();
    }
    const lost = due.length - (await delivered());
    expect(lost).toBeGreaterThan(0); // their jobs are gone with the flush: only the sweep can deliver them
    const during = await readyz();
    expect(during.status).toBe(503);
    expect(during.body.redis).toBe('ok');
    expect(during.body.schedulers).toMatchObject({ ok: false, present: 0, missing: ['sweep'] });

    signal(worker, 'SIGCONT');
    await eventually(delivered, (n) => n === due.length, 120_000).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${await delivered()} of ${due.length} delivered\n${output.join('').slice(-4000)}`);
    });

    // Exactly once: one inbox message per reminder, every reminder sent, none pending.
    const perReminder = await sql(`select reminder_id, count(*)::int as n from (${allTenants((s) => `select reminder_id from ${s}.inbox_message`)}) x where reminder_id = any($1::uuid[]) group by reminder_id having count(*) <> 1`, [due]);
    expect(perReminder).toEqual([]);
    const states = await sql(`select state, count(*)::int as n from (${allTenants((s) => `select state from ${s}.reminder where id = any($1::uuid[])`)}) x group by state`, [due]);
    expect(states).toEqual([{ state: 'sent', n: due.length }]);

    await eventually(readyz, (r) => r.status === 200, 30_000);
    expect((await readyz()).body.schedulers).toEqual({ ok: true, expected: 1, present: 1, missing: [], mismatched: [], unexpected: [] });
    // No process restarted.
    expect(worker!.exitCode).toBeNull();
    expect(api!.exitCode).toBeNull();
  }, 240_000);

  it('gets the schedulers back after Redis restarts empty', async () => {
    await redis.restart();
    await eventually(() => readyz().catch(() => ({ status: 0, body: {} as any })), (r) => r.status === 200 && r.body.schedulers?.ok === true, 60_000);
    expect(worker!.exitCode).toBeNull();
    expect(api!.exitCode).toBeNull();
    // Every Redis client of both processes handled its connection errors.
    expect(output.join('')).not.toContain('Unhandled error event');
  }, 90_000);
});
