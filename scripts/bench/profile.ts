/**
 * `npm run bench:profile -- <dashboard|small> [seconds] [app|apollo]`: where the server's CPU goes
 * in one benchmark scenario. Starts the server (the app as `npm run bench` does, or the bare
 * Apollo Server of the small-query comparison) under `--cpu-prof`, drives the scenario with
 * autocannon at 8 connections, stops the server and prints the self time by package and by
 * function (`CONNECTIONS=1` for one request at a time). The raw `.cpuprofile` stays in `.bench/profiles/` for Chrome DevTools. Needs
 * `npm run bench:seed` first. `PAGE=100` sets the dashboard's page size, `TOP=80` the list length.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { TokenService } from '../../src/auth/tokens.js';
import { DASHBOARD_QUERY, SERVER_NODE_FLAGS, SHAPE, SMALL_QUERY, benchEnv, benchServices } from './common.js';

const scenario = process.argv[2] ?? 'small';
const seconds = Number(process.argv[3] ?? 8);
const mode = process.argv[4] ?? 'app';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = join(ROOT, '.bench/profiles');
mkdirSync(dir, { recursive: true });

const { services, databaseUrl } = await benchServices();
const env = benchEnv({ BENCH_DATABASE_URL: process.env.PROFILE_DATABASE_URL ?? databaseUrl, BENCH_REDIS_URL: services.redisUrl });
const tokens = new TokenService({ secret: env.JWT_SECRET, issuer: 'talent-schemes', audience: 'talent-schemes-api' });
const db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
const token = await tokens.sign({ tenant: SHAPE.big.key, roles: ['commission-admin'], userId: 'bench-user', unitId: null, talentId: null }, '2h');

const bodies: Record<string, () => Promise<string>> = {
  small: async () => {
    const id = (await db.query(`select id from t_big.talent order by id offset 4321 limit 1`)).rows[0].id as string;
    return JSON.stringify({ query: SMALL_QUERY, variables: { id } });
  },
  dashboard: async () => JSON.stringify({ query: DASHBOARD_QUERY, variables: { first: Number(process.env.PAGE ?? 1000) } }),
};
if (!bodies[scenario]) throw new Error(`unknown scenario ${scenario}: one of ${Object.keys(bodies).join(', ')}`);
const body = await bodies[scenario]();
await db.end();

const before = new Set(readdirSync(dir));
const constant = mode === 'apollo' ? { BENCH_CONSTANT: JSON.stringify({ id: '0', name: 'x'.repeat(6), field: 'INTERNAL_MEDICINE', titleGrade: 'SENIOR', birthDate: '1980-01-01' }) } : {};
const proc = spawn(process.execPath, [...(process.env.PROFILE_NODE_FLAGS?.split(' ').filter(Boolean) ?? SERVER_NODE_FLAGS), '--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', 'scripts/bench/server.ts', mode], { cwd: ROOT, env: { ...env, ...constant }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    const m = out.match(/READY (\S+)/);
    if (m) resolve(m[1]!);
  });
  proc.on('exit', (code) => reject(new Error(`server exited (${code})`)));
});
const opts = { url: mode === 'apollo' ? url : `${url}/graphql`, method: 'POST' as const, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body, connections: Number(process.env.CONNECTIONS ?? 8) };
await autocannon({ ...opts, duration: 2 });
const r = await autocannon({ ...opts, duration: seconds });
process.stderr.write(`${scenario} (${mode}): ${r.requests.average} req/s, p50 ${r.latency.p50} ms, ${r.non2xx} non-2xx\n`);
const exited = new Promise((res) => proc.once('exit', res));
proc.kill('SIGTERM');
await exited;

const file = readdirSync(dir).filter((f) => !before.has(f) && f.endsWith('.cpuprofile')).map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!file) throw new Error('no profile written');
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const { functionName, url: src, lineNumber } = nodes.get(id)!.callFrame;
  const file = src.replace(/^file:\/\//, '').replace(ROOT, '');
  const pkg = file.includes('node_modules/') ? file.split('node_modules/').at(-1)!.split('/').slice(0, file.split('node_modules/').at(-1)!.startsWith('@') ? 2 : 1).join('/') : file || `(${functionName})`;
  const fn = `${functionName || '(anonymous)'} ${file.replace(/^.*node_modules\//, '')}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
});
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
process.stdout.write(`${file}\n${(total / 1e6).toFixed(1)} s sampled\n\n-- self time by package or file --\n${top(byPackage, 25)}\n\n-- self time by function --\n${top(byFunction, Number(process.env.TOP ?? 40))}\n`);
