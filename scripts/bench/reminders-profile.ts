/**
 * Time (and, with `node --cpu-prof`, profile) the reminder part of `npm run bench` on a few
 * tenants, without the rest of the benchmark: the same jobs through BullMQ `addBulk` alone, then
 * the product's path exactly as `reminderBenchmark()` in run.ts calls it (2 tenants at a time).
 * Not part of `npm test`; needs `npm run bench:seed` first.
 *
 *   npx tsx scripts/bench/reminders-profile.ts [tenants=20] [rounds=3]
 *   node --cpu-prof --cpu-prof-dir=/tmp/remprof --import tsx scripts/bench/reminders-profile.ts 20 1
 *
 * Uses tenants s0001… of `talent_bench` (their reminder and inbox rows are deleted first, as the
 * benchmark does) and its own Redis prefixes `{remprof}` / `{remprofbulk}`, wiped afterwards.
 */
import pg from 'pg';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { Clock } from '../../src/clock.js';
import { plugins } from '../../plugins/index.js';
import { BENCH_DB, benchEnv, scheduleRemindersAsTheProductDoes, smallTenantKey } from './common.js';

const TENANTS = Number(process.argv[2] ?? 20);
const ROUNDS = Number(process.argv[3] ?? 3);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${BENCH_DB}`;
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = '{remprof}';
const BULK_PREFIX = '{remprofbulk}';

const keys = Array.from({ length: TENANTS }, (_, i) => smallTenantKey(i + 1));
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const wipe = async (prefix: string) => {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 5000);
    cursor = next;
    if (found.length) await redis.del(...found);
  } while (cursor !== '0');
};
const clean = async () => {
  for (const k of keys) await db.query(`truncate t_${k}.webhook_delivery, t_${k}.inbox_message, t_${k}.reminder`);
  await wipe(PREFIX);
  await wipe(BULK_PREFIX);
};

const clock = new Clock();
const now = new Date('2026-01-15T00:00:00Z');
clock.set(now);
const app = await App.create({ config: loadConfig(benchEnv()), plugins, databaseUrl, redisUrl, log: createLogger('warn'), clock, queuePrefix: PREFIX });

async function addBulkOnly(): Promise<number> {
  const plans: { tenant: string; jobs: { id: string; fireAt: Date }[] }[] = [];
  for (const k of keys) {
    const { rows } = await db.query(`select id from t_${k}.report where status = 'due' order by id`);
    const jobs = rows.flatMap((r: { id: string }, i: number) => Array.from({ length: 6 }, (_, j) => ({ id: `${r.id.slice(0, 30)}${String(i * 6 + j).padStart(6, '0')}`, fireAt: new Date(now.getTime() + (j + 1) * 86_400_000) })));
    plans.push({ tenant: k, jobs });
  }
  const q = new Queue('reminders', { connection: redis, prefix: BULK_PREFIX });
  const t0 = performance.now();
  for (const p of plans) {
    await q.addBulk(p.jobs.map((r) => ({ name: 'deliver', data: { tenant: p.tenant, reminderId: r.id }, opts: { jobId: `rem-${p.tenant}-${r.id}-${r.fireAt.getTime()}`, delay: r.fireAt.getTime() - now.getTime(), attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 7 * 86_400, count: 100_000 }, removeOnFail: { age: 30 * 86_400 } } })));
  }
  const ms = performance.now() - t0;
  await q.close();
  return ms;
}

/** The product's path, as reminderBenchmark() in run.ts runs it. */
const product = () => scheduleRemindersAsTheProductDoes(app, keys, clock, 2);

const fmt = (n: number) => n.toFixed(1);
try {
  for (let round = 1; round <= ROUNDS; round++) {
    await clean();
    const bulk = await addBulkOnly();
    await wipe(BULK_PREFIX);
    const p = await product();
    const jobs = await app.jobs.queues.reminders.getJobCountByTypes('delayed', 'waiting');
    let rows = 0;
    let instants = 0;
    for (const k of keys) {
      const { rows: [c] } = await db.query(`select count(*) n, count(distinct fire_at) i from t_${k}.reminder`);
      rows += Number(c.n);
      instants += Number(c.i);
    }
    // One job per tenant and fire instant (src/jobs/queues.ts, fireJobId).
    if (rows !== p.count || jobs !== instants) throw new Error(`expected ${p.count} rows and ${instants} jobs, found ${rows} rows and ${jobs} jobs`);
    console.log(
      `round ${round}: ${TENANTS} tenants, ${p.count} reminders (${rows} rows, ${jobs} jobs) — addBulk alone ${fmt(bulk)} ms (${fmt(bulk / TENANTS)}/tenant); ` +
        `product ${fmt(p.ms)} ms = ${(p.ms / bulk).toFixed(2)}× — per tenant db ${fmt(p.dbMs / TENANTS)} ms, enqueue ${fmt(p.enqueueMs / TENANTS)} ms (summed over the 2 concurrent lanes)`,
    );
  }
} finally {
  await clean();
  await app.close(0);
  await db.end();
  redis.disconnect();
}
