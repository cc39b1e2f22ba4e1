/**
 * Reminder firing alone (issue 18, target 1), without the rest of `npm run bench`: the same
 * scheduling and firing as section 6 of run.ts on the first N reminder tenants, measured by
 * itself so before/after runs can alternate in minutes. Not part of `npm test`; needs
 * `npm run bench:seed` first.
 *
 *   npx tsx scripts/bench/firing.ts [tenants=100] [limitSeconds=120] [sweep=with|without|alone]
 *
 * - `with` (the default): the workers start as `npm run worker` starts them, so the sweep's first
 *   run goes beside the firing, as in run.ts;
 * - `without`: the sweep scheduler is kept from running (the firing alone);
 * - `alone`: also time one sweep over every tenant before the firing (its cost per tenant).
 *
 * Prints one line per figure: deliveries/s until the queue is drained (what run.ts reports), the
 * time until the last message was written, Node CPU and SQL statements per delivery, batches,
 * doubles, and the load average. Uses its own Redis prefix `{firing}`, wiped afterwards.
 */
import os from 'node:os';
import pg from 'pg';
import { Redis } from 'ioredis';
import { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { Clock } from '../../src/clock.js';
import { plugins } from '../../plugins/index.js';
import { BENCH_DB, benchEnv, keepLatestStages, migrateBenchTenants, remindersLeft, scheduleRemindersAsTheProductDoes, smallTenantKey } from './common.js';

const TENANTS = Number(process.argv[2] ?? 100);
const LIMIT_MS = Number(process.argv[3] ?? 120) * 1000;
const SWEEP = (process.argv[4] ?? 'with') as 'with' | 'without' | 'alone';
const databaseUrl = process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${BENCH_DB}`;
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = '{firing}';
const load = () => os.loadavg()[0]!;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

const keys = Array.from({ length: TENANTS }, (_, i) => smallTenantKey(i + 1));
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const wipe = async () => {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${PREFIX}:*`, 'COUNT', 5000);
    cursor = next;
    if (found.length) await redis.del(...found);
  } while (cursor !== '0');
};
for (const k of keys) await db.query(`truncate t_${k}.webhook_delivery, t_${k}.inbox_message, t_${k}.reminder`);
await wipe();

const clock = new Clock();
const now = new Date('2026-01-15T00:00:00Z');
clock.set(now);
// As run.ts: the sweep's interval is an hour, so only its first run (at worker start) happens.
const config = loadConfig(benchEnv({ SWEEP_EVERY_MS: '3600000' }));
const app = await App.create({ config, plugins, databaseUrl, redisUrl, log: createLogger('warn'), clock, queuePrefix: PREFIX });
const migrated = await migrateBenchTenants(app);
if (migrated) console.log(`brought ${migrated} tenants to this checkout's migrations`);
const out = (label: string, value: string) => console.log(`${label.padEnd(34)} ${value}`);
try {
  const scheduled = await scheduleRemindersAsTheProductDoes(app, keys, clock, 2);
  const jobs = await app.jobs.queues.reminders.getJobCountByTypes('delayed', 'waiting');
  out('scheduled', `${scheduled.count} reminders, ${jobs} jobs, in ${(scheduled.ms / 1000).toFixed(1)} s`);
  const burst = await keepLatestStages(db, keys);
  out('burst', `${burst} reminders to deliver (the latest stage of each report and audience; earlier ones cancelled, as a firing would supersede them)`);
  const tenantCount = (await app.tenancy.list()).length;
  if (SWEEP === 'alone') {
    const c0 = process.cpuUsage();
    const l0 = load();
    const t0 = performance.now();
    await app.jobs.sweep();
    const ms = performance.now() - t0;
    out('sweep alone (all jobs in Redis)', `${(ms / tenantCount).toFixed(1)} ms and ${(cpuMs(process.cpuUsage(c0)) / tenantCount).toFixed(2)} ms of Node CPU per tenant over ${tenantCount} tenants (load ${((l0 + load()) / 2).toFixed(1)})`);
  }

  clock.set(new Date(now.getTime() + 400 * 86_400_000));
  await app.jobs.queues.reminders.promoteJobs({ count: 200_000 });
  // `without`: the sweep's last run is recorded as just now, and its scheduler's first job is taken away.
  if (SWEEP === 'without') await redis.set(`${PREFIX}:sweep:last`, String(Date.now()));
  const l0 = load();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await app.jobs.startWorkers();
  if (SWEEP === 'without') await app.jobs.queues.scheduled.removeJobScheduler('sweep');
  let deliveredMs = 0;
  let drainedMs = 0;
  for (;;) {
    const left = await remindersLeft(app, clock);
    if (!deliveredMs && app.jobs.deliveryStats.sent >= burst) deliveredMs = performance.now() - t0;
    if (left === 0) {
      drainedMs = performance.now() - t0;
      break;
    }
    if (performance.now() - t0 > LIMIT_MS) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const ms = drainedMs || performance.now() - t0;
  if (!drainedMs) {
    // What kept the queue from draining: counts by state and a few of the jobs left.
    const c = await app.jobs.queues.reminders.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
    const left = await app.jobs.queues.reminders.getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, 4);
    out('left in the queue', `${JSON.stringify(c)}; e.g. ${left.map((j) => `${j.id} (${j.attemptsMade} tries${j.failedReason ? `, ${j.failedReason}` : ''})`).join(', ')}`);
  }
  const cpu = cpuMs(process.cpuUsage(c0));
  const l1 = load();
  const stats = { ...app.jobs.deliveryStats };
  await app.jobs.stopWorkers();
  let fired = 0;
  let doubled = 0;
  for (const k of keys) {
    fired += Number((await db.query(`select count(*) n from t_${k}.inbox_message`)).rows[0].n);
    doubled += Number((await db.query(`select count(*) n from (select reminder_id from t_${k}.inbox_message group by 1 having count(*) > 1) d`)).rows[0].n);
  }
  out('firing (sweep)', SWEEP === 'without' ? 'without the sweep' : 'the sweep\'s first run beside it');
  out('delivered', `${fired} of ${burst} inbox messages, ${doubled} delivered twice${drainedMs ? '' : ` (stopped at ${LIMIT_MS / 1000} s)`}`);
  out('deliveries/s (until drained)', `${(fired / (ms / 1000)).toFixed(0)}/s over ${(ms / 1000).toFixed(1)} s`);
  if (deliveredMs) out('deliveries/s (until all written)', `${(fired / (deliveredMs / 1000)).toFixed(0)}/s over ${(deliveredMs / 1000).toFixed(1)} s`);
  out('Node CPU per delivery', `${(cpu / Math.max(1, fired)).toFixed(3)} ms (${(cpu / 1000).toFixed(1)} s in all)`);
  out('statements per delivery', `${(stats.statements / Math.max(1, stats.sent)).toFixed(3)}`);
  out('jobs and batches', `${jobs} instant jobs scheduled; ${stats.jobs} run, ${stats.firings} firings (the others shared one), ${stats.batches} batches, ${stats.jobsRemoved} removed unrun (their instants emptied by a firing), ${stats.heldAlone} held rows delivered alone, ${stats.sent} sent`);
  out('load average', `${((l0 + l1) / 2).toFixed(1)} (${l0.toFixed(1)} → ${l1.toFixed(1)}), ${os.cpus().length} cores`);
} finally {
  await app.close(0);
  await wipe();
  await db.end();
  redis.disconnect();
}
