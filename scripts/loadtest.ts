/**
 * `npm run loadtest [-- --clients 32 --seconds 20 --writes 0.3]`: a load test, not part of
 * `npm test`. It starts the API on 127.0.0.1 (a random port) against a fresh database of its own,
 * holds N concurrent clients for a fixed time with a mix of reads and writes, then reports
 * throughput, latency percentiles, errors by code, and lost writes: every write the API
 * acknowledged must be in the database afterwards, with the value it acknowledged (must be 0).
 *
 * Bounded: at most --seconds of load (≤ 300) and --max-requests requests; loopback only.
 * Uses DATABASE_URL / REDIS_URL or the local/embedded servers, like `npm start`.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ensureServices } from '../src/infra/services.js';
import { createLogger } from '../src/log.js';
import { plugins } from '../plugins/index.js';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '20' },
    writes: { type: 'string', default: '0.3' },
    'max-requests': { type: 'string', default: '200000' },
    tenant: { type: 'string', default: 'wenzhou' },
  },
});
const clients = Math.min(512, Math.max(1, Number(values.clients)));
const seconds = Math.min(300, Math.max(1, Number(values.seconds)));
const writeShare = Math.min(1, Math.max(0, Number(values.writes)));
const maxRequests = Math.max(1, Number(values['max-requests']));
const tenantKey = values.tenant!;

const services = await ensureServices({ log: () => undefined });
const dbName = `ts_loadtest_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: services.databaseUrl });
await admin.connect();
await admin.query(`create database "${dbName}"`);
const dbUrl = new URL(services.databaseUrl);
dbUrl.pathname = `/${dbName}`;

// Quiet logs; rate limiting on but per client (each client has its own token subject).
const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '1000000' });
const app = await App.create({ config, plugins, databaseUrl: dbUrl.toString(), redisUrl: services.redisUrl, log: createLogger('warn'), queuePrefix: `{loadtest-${randomBytes(3).toString('hex')}}` });
let exitCode = 0;
try {
  await app.provisionFolder(fileURLToPath(new URL('../tenants', import.meta.url)));
  const url = `${await app.listen(0, '127.0.0.1')}/graphql`;
  const tenant = (await app.tenancy.get(tenantKey))!;
  if (!tenant) throw new Error(`no tenant ${tenantKey}`);
  const boss = await app.tokens.sign({ tenant: tenantKey, roles: ['commission-admin'], userId: 'loadtest-setup' });

  const gql = async (token: string, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };
  const unit = (await gql(boss, `mutation { createInstitution(input: { name: "Load Test Hospital", kind: HOSPITAL, country: "CN", dispatching: true }) { id } }`, {})).body.data.createInstitution.id as string;

  // What the API acknowledged: talent id → the department it last confirmed (with its version).
  const acknowledged = new Map<string, { department: string; version: number }>();
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let requests = 0;
  let reads = 0;
  let writes = 0;
  const deadline = Date.now() + seconds * 1000;

  async function client(n: number): Promise<void> {
    const token = await app.tokens.sign({ tenant: tenantKey, roles: ['commission-admin'], userId: `loadtest-${n}` });
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
        const id = mine[Math.floor(Math.random() * mine.length)]!;
        const seen = acknowledged.get(id)!;
        const department = `d-${n}-${i}`;
        r = await gql(token, `mutation($id: ID!, $v: Int!, $d: String!) { updateTalent(id: $id, expectedVersion: $v, patch: { department: $d }) { id department version } }`, { id, v: seen.version, d: department });
        const t = r.body.data?.updateTalent;
        if (t) acknowledged.set(t.id, { department: t.department, version: t.version });
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

  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  const elapsed = (Date.now() - started) / 1000;

  // Every acknowledged write is in the database, with the value acknowledged last.
  const check = new pg.Client({ connectionString: dbUrl.toString() });
  await check.connect();
  const rows = new Map((await check.query(`select id::text, department, version from "${tenant.schema}".talent`)).rows.map((r) => [r.id as string, r as { department: string; version: number }]));
  await check.end();
  let lost = 0;
  for (const [id, ack] of acknowledged) {
    const row = rows.get(id);
    if (!row || row.department !== ack.department || row.version !== ack.version) lost++;
  }

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1) : '-');
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(
    [
      `load test: ${clients} clients for ${elapsed.toFixed(1)} s against ${url} (tenant ${tenantKey}, ${Math.round(writeShare * 100)}% writes)`,
      `requests:  ${requests} (${reads} reads, ${writes} writes), ${(requests / elapsed).toFixed(0)} req/s`,
      `latency:   p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${pct(99)} ms, max ${pct(100)} ms`,
      `errors:    ${errorCount}${errors.size ? ` (${[...errors].map(([c, n]) => `${c} ${n}`).join(', ')})` : ''}`,
      `writes acknowledged: ${acknowledged.size} talents; lost writes: ${lost}`,
    ].join('\n'),
  );
  if (lost > 0 || errorCount > 0) exitCode = 1;
} catch (e) {
  console.error(`load test failed: ${(e as Error).stack}`);
  exitCode = 2;
} finally {
  const keys = await app.redis.keys(`${app.jobs.prefix}:*`).catch(() => [] as string[]);
  if (keys.length) await app.redis.del(...keys).catch(() => undefined);
  await app.close(5_000).catch(() => undefined);
  await admin.query(`drop database if exists "${dbName}" with (force)`).catch(() => undefined);
  await admin.end();
  await services.stop();
}
process.exit(exitCode);
