/**
 * `npm run bench:small`: the small query (issue 18, target 3) alone, without the rest of `npm run
 * bench`: the app against a bare Apollo Server answering a constant of the same JSON, measured
 * alternately (ROUNDS, default 3): p50 at concurrency 1, req/s at 8 connections, and the server
 * process's CPU time and SQL statements per request (what load distorts least).
 *
 * `SMALL_BASE_ROOT=/path/to/another/checkout` adds that checkout's app as a third side (before and
 * after a change, in one run); `PAIRED=1` loads every side at once instead of in turn. Servers are pinned to core 0 and this process to core 1 when
 * `taskset` exists, as in run.ts. Needs `npm run bench:seed` (BENCH_DB names the database).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { TokenService } from '../../src/auth/tokens.js';
import { SERVER_NODE_FLAGS, SHAPE, SMALL_QUERY, benchEnv, benchServices } from './common.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 4);
const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
if (hasTaskset) spawnSync('taskset', ['-a', '-cp', '1', String(process.pid)]);

const { services, databaseUrl } = await benchServices();
const env = benchEnv({ BENCH_DATABASE_URL: databaseUrl, BENCH_REDIS_URL: services.redisUrl });
const tokens = new TokenService({ secret: env.JWT_SECRET!, issuer: 'talent-schemes', audience: 'talent-schemes-api' });
const token = await tokens.sign({ tenant: SHAPE.big.key, roles: ['commission-admin'], userId: 'bench-user', unitId: null, talentId: null }, '2h');
const db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
const id = (await db.query(`select id from t_big.talent order by id offset 4321 limit 1`)).rows[0].id as string;
await db.end();
const body = JSON.stringify({ query: SMALL_QUERY, variables: { id } });

interface Srv {
  name: string;
  url: string;
  stats: string;
  proc: ChildProcess;
}
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

async function startServer(name: string, root: string, mode: string, extra: Record<string, string> = {}): Promise<Srv> {
  const args = [...SERVER_NODE_FLAGS, '--import', 'tsx', 'scripts/bench/server.ts', mode];
  const cmd = hasTaskset ? ['taskset', ['-c', '0', process.execPath, ...args]] as const : [process.execPath, args] as const;
  const proc = spawn(cmd[0], [...cmd[1]], { cwd: root, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = out.match(/READY (\S+) (\S+)/);
      if (m) resolve({ name, url: mode === 'app' ? `${m[1]}/graphql` : m[1]!, stats: m[2]!, proc });
    });
    proc.on('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
}

const stats = async (s: Srv) => (await (await fetch(`${s.stats}/stats`)).json()) as { sql: number; cpuUs: number };
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Row { side: string; round: number; p50c1: number; rps8: number; p50c8: number; cpuMsPerRequest: number; sqlPerRequest: number; load: number }
async function measure(s: Srv, round: number): Promise<Row> {
  const headers: Record<string, string> = s.name === 'apollo' || s.name === 'roundtrip' ? {} : { authorization: `Bearer ${token}` };
  for (let i = 0; i < 50; i++) await post(s.url, headers);
  const lat: number[] = [];
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    const a = performance.now();
    await post(s.url, headers);
    lat.push(performance.now() - a);
  }
  lat.sort((a, b) => a - b);
  const before = await stats(s);
  const load0 = os.loadavg()[0]!;
  const r = await autocannon({ url: s.url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections: 8, duration: SECONDS });
  const after = await stats(s);
  const n = r.requests.total + 2; // the two /stats requests are the stats server's, not counted there
  if (r.non2xx) throw new Error(`${s.name}: ${r.non2xx} non-2xx answers`);
  return { side: s.name, round, p50c1: lat[Math.floor(lat.length / 2)]!, rps8: r.requests.average, p50c8: r.latency.p50, cpuMsPerRequest: (after.cpuUs - before.cpuUs) / 1000 / n, sqlPerRequest: (after.sql - before.sql) / r.requests.total, load: (load0 + os.loadavg()[0]!) / 2 };
}

const sides: Srv[] = [await startServer('app', ROOT, 'app')];
if (process.env.SMALL_BASE_ROOT) sides.push(await startServer('base', process.env.SMALL_BASE_ROOT, 'app'));
const answer = JSON.parse(await post(sides[0]!.url, { authorization: `Bearer ${token}` })).data.talent;
sides.push(await startServer('apollo', ROOT, 'apollo', { BENCH_CONSTANT: JSON.stringify(answer) }));
// The floor of a database round trip (no GraphQL, no token): what p50 at c=1 can reach at best.
const floor = await startServer('roundtrip', ROOT, 'roundtrip');
const floorAnswer = JSON.parse(await post(floor.url, {})).data.talent;
if (JSON.stringify(floorAnswer) !== JSON.stringify(answer)) throw new Error(`the round-trip handler answers ${JSON.stringify(floorAnswer)}, the app ${JSON.stringify(answer)}`);
sides.push(floor);

/**
 * PAIRED=1: every side under load at once (8 connections each, all on core 0), so each is measured
 * in the same moment of a shared machine: its CPU per request, and its share of the throughput.
 */
async function paired(round: number): Promise<Row[]> {
  const before = await Promise.all(sides.map(stats));
  const load0 = os.loadavg()[0]!;
  const runs = await Promise.all(sides.map((s) => autocannon({ url: s.url, method: 'POST', headers: { 'content-type': 'application/json', ...(s.name === 'apollo' || s.name === 'roundtrip' ? {} : { authorization: `Bearer ${token}` }) }, body, connections: 8, duration: SECONDS })));
  const after = await Promise.all(sides.map(stats));
  const load = (load0 + os.loadavg()[0]!) / 2;
  return sides.map((s, i) => ({ side: s.name, round, p50c1: NaN, rps8: runs[i]!.requests.average, p50c8: runs[i]!.latency.p50, cpuMsPerRequest: (after[i]!.cpuUs - before[i]!.cpuUs) / 1000 / (runs[i]!.requests.total + 2), sqlPerRequest: (after[i]!.sql - before[i]!.sql) / runs[i]!.requests.total, load }));
}

const rows: Row[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  if (process.env.PAIRED === '1') {
    for (const row of await paired(round)) {
      rows.push(row);
      process.stderr.write(`${JSON.stringify(row)}\n`);
    }
    continue;
  }
  for (const s of round % 2 ? sides : [...sides].reverse()) {
    const row = await measure(s, round);
    rows.push(row);
    process.stderr.write(`${JSON.stringify(row)}\n`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = Object.fromEntries(
  sides.map((s) => {
    const mine = rows.filter((r) => r.side === s.name);
    return [s.name, { p50c1: median(mine.map((r) => r.p50c1)), rps8: median(mine.map((r) => r.rps8)), cpuMsPerRequest: median(mine.map((r) => r.cpuMsPerRequest)), sqlPerRequest: median(mine.map((r) => r.sqlPerRequest)), load: median(mine.map((r) => r.load)) }];
  }),
);
process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
for (const s of sides) s.proc.kill('SIGTERM');
agent.destroy();
await services.stop();
process.exit(0);
