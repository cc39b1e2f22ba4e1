/**
 * `npm run loadtest [-- --clients 32 --seconds 20 --writes 0.3]`: a load test, not part of
 * `npm test`. It starts the API on 127.0.0.1 (a random port) against a fresh database of its own,
 * holds N concurrent clients for a fixed time with a mix of reads and writes, then reports
 * throughput, latency percentiles, errors by code, and lost writes: every write the API
 * acknowledged must be in the database afterwards, with the value it acknowledged (must be 0).
 *
 * It is meant to run while PostgreSQL or Redis restarts (that is what it measures): answers of
 * SERVICE_UNAVAILABLE are then expected and reported, a write whose answer never came may or may
 * not have happened (either is correct; that record is not edited again), and the exit code is 1
 * only for a lost write or an error of another kind. Its database and queue keys are removed at
 * the end, also after Ctrl-C or a failure, retrying while PostgreSQL is still coming back.
 *
 * Bounded: at most --seconds of load (≤ 300) and --max-requests requests; loopback only.
 * Uses DATABASE_URL / REDIS_URL or the local/embedded servers, like `npm start`.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ensureServices } from '../src/infra/services.js';
import { createLogger } from '../src/log.js';
import { plugins } from '../plugins/index.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '20' },
    writes: { type: 'string', default: '0.3' },
    'max-requests': { type: 'string', default: '200000' },
    tenant: { type: 'string', default: 'wenzhou' },
    'log-level': { type: 'string', default: 'error' },
  },
});
const clients = Math.min(512, Math.max(1, Number(values.clients)));
const seconds = Math.min(300, Math.max(1, Number(values.seconds)));
const writeShare = Math.min(1, Math.max(0, Number(values.writes)));
const maxRequests = Math.max(1, Number(values['max-requests']));
const tenantKey = values.tenant!;
const logLevel = values['log-level'] as 'error';
/** The answer a client gets while a dependency is down: correct behaviour, not a failure. */
const UNAVAILABLE = 'SERVICE_UNAVAILABLE';

const services = await ensureServices({ log: () => undefined });
const dbName = `ts_loadtest_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const queuePrefix = `{loadtest-${randomBytes(3).toString('hex')}}`;
const dbUrl = new URL(services.databaseUrl);
dbUrl.pathname = `/${dbName}`;

/** A connection per statement: a long-lived one dies with a PostgreSQL restart (its 'error' event crashed this script). */
async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => undefined); // reported by the awaited calls below
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Retry while PostgreSQL restarts (the load may end in the middle of one). */
async function retrying<T>(what: string, fn: () => Promise<T>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

let app: App | undefined;
let cleaning: Promise<void> | undefined;
/** Removes what this run created; once, whichever way the run ends. */
const cleanUp = () =>
  (cleaning ??= (async () => {
    await app?.close(5_000).catch(() => undefined);
    const redis = new Redis(services.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
    } catch (e) {
      console.error(`could not delete the queue keys ${queuePrefix}:*: ${(e as Error).message}`);
    } finally {
      redis.disconnect();
    }
    await retrying(`dropping database ${dbName}`, () => sql(services.databaseUrl, `drop database if exists "${dbName}" with (force)`)).catch((e: Error) => console.error(e.message));
    await services.stop().catch(() => undefined);
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

let exitCode = 0;
try {
  await sql(services.databaseUrl, `create database "${dbName}"`);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: logLevel, RATE_LIMIT_MAX: '1000000' });
  // Rate limiting on but per client (each client has its own token subject).
  app = await App.create({ config, plugins, databaseUrl: dbUrl.toString(), redisUrl: services.redisUrl, log: createLogger(logLevel), queuePrefix });
  await app.provisionFolder(fileURLToPath(new URL('../tenants', import.meta.url)));
  const url = `${await app.listen(0, '127.0.0.1')}/graphql`;
  const tenant = await app.tenancy.get(tenantKey);
  if (!tenant) throw new Error(`no tenant ${tenantKey}`);
  const tokens = app.tokens;
  const boss = await tokens.sign({ tenant: tenantKey, roles: ['commission-admin'], userId: 'loadtest-setup' });

  /** One request; a request that got no GraphQL answer at all is an error with its own code. */
  const gql = async (token: string, query: string, variables: Record<string, unknown>) => {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json().catch(() => ({ errors: [{ extensions: { code: `HTTP_${res.status}` } }] }))) as { data?: any; errors?: { extensions?: { code?: string } }[] };
      return { status: res.status, body };
    } catch {
      return { status: 0, body: { errors: [{ extensions: { code: 'NO_ANSWER' } }] } as { data?: any; errors?: { extensions?: { code?: string } }[] } };
    }
  };
  const unitAnswer = await gql(boss, `mutation { createInstitution(input: { name: "Load Test Hospital", kind: HOSPITAL, country: "CN", dispatching: true }) { id } }`, {});
  const unit = unitAnswer.body.data?.createInstitution.id as string;
  if (!unit) throw new Error(`could not create the unit: ${JSON.stringify(unitAnswer.body.errors)}`);

  // What the API acknowledged: talent id → the department it last confirmed (with its version),
  // and the departments of later writes whose answer was "unavailable" or never came.
  const acknowledged = new Map<string, { department: string; version: number }>();
  const uncertain = new Map<string, Set<string>>();
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let requests = 0;
  let reads = 0;
  let writes = 0;
  const deadline = Date.now() + seconds * 1000;
  const unsure = (codes: string[]) => codes.includes(UNAVAILABLE) || codes.includes('NO_ANSWER') || codes.some((c) => c.startsWith('HTTP_5'));

  async function client(n: number): Promise<void> {
    const token = await tokens.sign({ tenant: tenantKey, roles: ['commission-admin'], userId: `loadtest-${n}` });
    const mine: string[] = [];
    let i = 0;
    while (Date.now() < deadline && requests < maxRequests) {
      requests++;
      i++;
      const started = performance.now();
      let r;
      const write = Math.random() < writeShare;
      if (write && (mine.length === 0 || Math.random() < 0.5)) {
        writes++;
        const department = `d-${n}-${i}`;
        r = await gql(token, `mutation($i: TalentInput!) { createTalent(input: $i) { id department version } }`, {
          i: { name: `Load ${n}-${i}`, gender: 'FEMALE', birthDate: '1988-04-01', unitId: unit, field: 'NURSING', profession: 'NURSE', titleGrade: 'INTERMEDIATE', highestDegree: 'BACHELOR', department },
        });
        const t = r.body.data?.createTalent;
        if (t) {
          mine.push(t.id);
          acknowledged.set(t.id, { department: t.department, version: t.version });
        }
      } else if (write) {
        writes++;
        // Edit one of this client's talents, with the version it last saw (another client never edits it).
        const at = Math.floor(Math.random() * mine.length);
        const id = mine[at]!;
        const seen = acknowledged.get(id)!;
        const department = `d-${n}-${i}`;
        r = await gql(token, `mutation($id: ID!, $v: Int!, $d: String!) { updateTalent(id: $id, expectedVersion: $v, patch: { department: $d }) { id department version } }`, { id, v: seen.version, d: department });
        const t = r.body.data?.updateTalent;
        if (t) acknowledged.set(t.id, { department: t.department, version: t.version });
        else if (unsure((r.body.errors ?? []).map((e) => e.extensions?.code ?? 'UNKNOWN'))) {
          // It may have committed: its version is unknown now, so this client leaves the record alone.
          uncertain.set(id, (uncertain.get(id) ?? new Set()).add(department));
          mine.splice(at, 1);
        }
      } else {
        reads++;
        r = await gql(token, `query($n: Int) { talents(first: $n) { totalCount nodes { id name department unit { name } } } }`, { n: 20 });
      }
      latencies.push(performance.now() - started);
      const codes = r.body.errors?.map((e) => e.extensions?.code ?? 'UNKNOWN') ?? [];
      if (r.status >= 500 && !codes.length) codes.push(`HTTP_${r.status}`);
      for (const c of codes) errors.set(c, (errors.get(c) ?? 0) + 1);
    }
  }

  console.log(`loading: ${clients} clients for ${seconds} s, database ${dbName}, queue prefix ${queuePrefix}`);
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  const elapsed = (Date.now() - started) / 1000;

  // Every acknowledged write is in the database, with the value acknowledged last (or a later one whose answer was lost).
  const rows = await retrying('reading the talents back', async () => new Map((await sql(dbUrl.toString(), `select id::text, department, version from "${tenant.schema}".talent`)).rows.map((r) => [r.id as string, r as { department: string; version: number }])));
  let lost = 0;
  let landedUnanswered = 0;
  for (const [id, ack] of acknowledged) {
    const row = rows.get(id);
    if (row && row.department === ack.department && row.version === ack.version) continue;
    if (row && uncertain.get(id)?.has(row.department)) landedUnanswered++;
    else lost++;
  }

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1) : '-');
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const unexpected = [...errors].filter(([c]) => c !== UNAVAILABLE).reduce((a, [, n]) => a + n, 0);
  console.log(
    [
      `load test: ${clients} clients for ${elapsed.toFixed(1)} s against ${url} (tenant ${tenantKey}, ${Math.round(writeShare * 100)}% writes)`,
      `requests:  ${requests} (${reads} reads, ${writes} writes), ${(requests / elapsed).toFixed(0)} req/s`,
      `latency:   p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms`,
      `errors:    ${errorCount}${errors.size ? ` (${[...errors].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}; unexpected (not ${UNAVAILABLE}): ${unexpected}`,
      `writes acknowledged: ${acknowledged.size} talents; lost writes: ${lost}; unanswered writes that landed: ${landedUnanswered}`,
    ].join('\n'),
  );
  if (lost > 0 || unexpected > 0) exitCode = 1;
} catch (e) {
  console.error(`load test failed: ${(e as Error).stack}`);
  exitCode = 2;
} finally {
  await cleanUp();
}
process.exit(exitCode);
