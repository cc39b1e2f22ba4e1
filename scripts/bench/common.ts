/**
 * Shared pieces of the benchmark scripts: where the benchmark database lives, the seeded PRNG
 * and time-ordered ids, the progress bar, and the shape of the seeded data set.
 */
import pg from 'pg';
import type { App } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { ReportStatus } from '../../src/core/domain.js';
import { Report } from '../../src/core/entities/report.js';
import { syncReminders } from '../../src/jobs/reminders.js';
import { appDatabaseUrl, ensureServices, type Services } from '../../src/infra/services.js';

/** Benchmark data lives in its own database, never the test or demo ones. */
export const BENCH_DB = process.env.BENCH_DB ?? 'talent_bench';
export const SEED = Number(process.env.BENCH_SEED ?? 20261122);

/** The data set `npm run bench:seed` makes (the large tenant and the 999 small ones). */
export const SHAPE = {
  tenants: Number(process.env.BENCH_TENANTS ?? 1000),
  big: {
    key: 'big',
    plugin: 'wenzhou-overseas',
    units: 200,
    hosts: 120,
    programmes: 10,
    talents: 100_000,
    applicationsPerTalent: 3,
    placements: 50_000,
    reportsPerPlacement: 2,
    /** Outcomes per placement: 0, 1 or 2 (one on average). */
    candidacies: 5_000,
  },
  /** Small tenants that carry the issue-5 reminder benchmark's reports (1,002 reminders each). */
  reminderTenants: 100,
  reportsPerReminderTenant: 167,
  pluginSets: ['wenzhou-overseas', 'guizhou-shanghai-class', 'county-pairing'],
} as const;

/**
 * Node flags of every benchmark server, as `npm start` and `npm run worker` set them (package.json):
 * V8 sizes the young generation from the machine's memory (~64 MB semi-spaces on 24 GB), which
 * held ~100 MB of RSS more for no measurable throughput; 16 MB semi-spaces keep RSS near 300 MB.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=16'];

/** The environment the benchmark processes run the app with: production mode, fixed bench-only keys. */
export function benchEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-only-secret-0123456789-0123456789',
    DATA_ENCRYPTION_KEY: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff',
    ...extra,
  };
}

/** The commission dashboard: a page of placements with talent, units, reports and outcomes. */
export const DASHBOARD_QUERY = `query Dashboard($first: Int!) {
  placements(first: $first) {
    nodes {
      id status plannedStart plannedEnd actualStart actualEnd
      talent { id name field titleGrade }
      unit { id name }
      hostInstitution { id name country }
      reports { id kind title dueOn status }
      outcomes { id category title achievedOn verified }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
/** The small query: one talent by id, five fields. */
export const SMALL_QUERY = `query Talent($id: ID!) { talent(id: $id) { id name field titleGrade birthDate } }`;

export const smallTenantKey = (i: number) => `s${String(i).padStart(4, '0')}`;
export const pluginOfSmall = (i: number) => SHAPE.pluginSets[i % SHAPE.pluginSets.length]!;

/** mulberry32: a tiny seeded PRNG, so the same seed gives the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * UUIDv7-shaped ids from a counter and the PRNG: strictly increasing (so cursors follow
 * creation order, as with the app's own ids) and reproducible.
 */
export function idMaker(rand: () => number, startMs = Date.UTC(2025, 0, 1)): () => string {
  let ms = startMs;
  const hex4 = () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0');
  return () => {
    const t = (ms++).toString(16).padStart(12, '0');
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${hex4().slice(1)}-${(8 + Math.floor(rand() * 4)).toString(16)}${hex4().slice(1)}-${hex4()}${hex4()}${hex4()}`;
  };
}

/** A progress bar on stderr (plain lines when stderr is not a terminal). */
export function progress(label: string, total: number): { tick(n?: number, note?: string): void; done(note?: string): void } {
  let n = 0;
  let lastDraw = 0;
  let lastPct = -1;
  const started = Date.now();
  const tty = process.stderr.isTTY;
  const draw = (note = '', final = false) => {
    const pct = Math.floor((n / Math.max(1, total)) * 100);
    const now = Date.now();
    if (!final && now - lastDraw < 200 && pct === lastPct) return;
    if (!tty && !final && pct - lastPct < 10 && pct !== 100) return;
    lastDraw = now;
    lastPct = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const line = `${label.padEnd(22)} ${bar} ${String(pct).padStart(3)}% ${n.toLocaleString('en')}/${total.toLocaleString('en')} ${((now - started) / 1000).toFixed(1)}s ${note}`;
    process.stderr.write(tty ? `\r${line.padEnd(110)}` : `${line}\n`);
    if (final && tty) process.stderr.write('\n');
  };
  return {
    tick(k = 1, note) {
      n += k;
      draw(note);
    },
    done(note) {
      n = total;
      draw(note, true);
    },
  };
}

/** Find or start PostgreSQL and Redis; the URL of the benchmark database (created if missing). */
export async function benchServices(): Promise<{ services: Services; serverUrl: string; databaseUrl: string }> {
  const services = await ensureServices({ log: (m) => process.stderr.write(`[services] ${m}\n`) });
  const databaseUrl = appDatabaseUrl(services.databaseUrl, { ...process.env, DATABASE_URL: undefined }, BENCH_DB);
  return { services, serverUrl: services.databaseUrl, databaseUrl };
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * Insert many rows in one statement per chunk: `insert … select * from unnest($1::t[], …)`, one
 * array parameter per column (no 65,535-parameter limit, one round trip per 5,000 rows).
 */
export async function bulkInsert(c: pg.Client | pg.PoolClient, table: string, columns: [name: string, pgType: string][], rows: unknown[][], chunk = 5000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const arrays = columns.map((_, j) => part.map((r) => r[j] ?? null));
    const cols = columns.map(([n]) => `"${n}"`).join(', ');
    const params = columns.map(([, t], j) => `$${j + 1}::${t}[]`).join(', ');
    await c.query(`insert into ${table} (${cols}) select * from unnest(${params})`, arrays);
  }
}

/**
 * Reminder scheduling as the product does it, for `npm run bench` and reminders-profile.ts: per
 * tenant, load the owed reports and plan their reminders in one transaction with syncReminders
 * (in a transaction it inserts the new rows with multi-row INSERT … ON CONFLICT DO NOTHING;
 * reminder rows are not audited), then enqueue after commit with the job system's
 * enqueueReminders (addBulk, one call per tenant); `lanes` tenants at a time.
 */
export async function scheduleRemindersAsTheProductDoes(app: App, tenantKeys: readonly string[], clock: Clock, lanes = 2): Promise<{ ms: number; dbMs: number; enqueueMs: number; count: number }> {
  let count = 0;
  let dbMs = 0;
  let enqueueMs = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < tenantKeys.length) {
        const tenant = (await app.tenancy.get(tenantKeys[next++]!))!;
        const em = app.tenancy.em(tenant);
        const a = performance.now();
        const toEnqueue = await em.transactional(async (tx) => syncReminders(tx, tenant, await tx.find(Report, { status: ReportStatus.DUE }), clock.now()));
        const b = performance.now();
        await app.jobs.enqueueReminders(tenant.key, toEnqueue);
        dbMs += b - a;
        enqueueMs += performance.now() - b;
        count += toEnqueue.length;
      }
    }),
  );
  return { ms: performance.now() - t0, dbMs, enqueueMs, count };
}

/**
 * The bench database's tenants brought to this checkout's migrations, as `npm start` brings those
 * of its tenants folder: the seed may be older than the code (a reminder's `superseded` state,
 * core.0047, is refused by an older check constraint). Returns how many tenants had any to run.
 */
export async function migrateBenchTenants(app: App): Promise<number> {
  let migrated = 0;
  for (const tenant of await app.tenancy.list()) if ((await app.tenancy.migrateExisting(tenant)).length) migrated++;
  return migrated;
}

/**
 * The firing's burst is every reminder the product would send if its workers met them all due at
 * once: a due reminder with a later due stage for the same report and audience is superseded, not
 * sent (src/jobs/delivery-batch.ts), so those are cancelled before the clock moves and the burst
 * measures deliveries (messages written), as issue 18's target counts them. Their instants' jobs
 * stay and run, finding nothing of theirs. Returns how many reminders stay pending.
 */
export async function keepLatestStages(db: pg.Pool, tenantKeys: readonly string[]): Promise<number> {
  let pending = 0;
  for (const k of tenantKeys) {
    const reminder = `t_${k}.reminder`;
    await db.query(
      `update ${reminder} r set state = 'cancelled' where r.state = 'pending'
          and exists (select 1 from ${reminder} s where s.report_id = r.report_id and s.audience = r.audience and s.state = 'pending' and (s.fire_at, s.id) > (r.fire_at, r.id))`,
    );
    pending += Number((await db.query(`select count(*) as n from ${reminder} where state = 'pending'`)).rows[0].n);
  }
  return pending;
}

/**
 * Fire-instant jobs a firing has yet to run: waiting, active, and delayed ones whose instant the
 * clock has passed (retries). A job whose instant is still ahead of the clock (a reminder of the
 * large tenant planned past the benchmark's jump) put itself back until then and is not owed.
 */
export async function remindersLeft(app: App, clock: Clock): Promise<number> {
  const q = app.jobs.queues.reminders;
  const c = await q.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
  const running = (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
  if (running || !c.delayed) return running;
  const delayed = await q.getJobs(['delayed'], 0, 1000);
  return delayed.filter((j) => (j.data as { at?: number }).at === undefined || j.data.at <= clock.now().getTime()).length;
}
