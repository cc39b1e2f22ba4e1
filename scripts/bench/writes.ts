/**
 * The audited write mix alone (issue 18, target 2), without the rest of `npm run bench`: the app
 * and the hand-written `pg` handler (server.ts, mode `writes`) doing the same writes as section 3
 * of run.ts (submitApplication and wenzhouScoreApplicant in turn, each with its audit entry) at 8
 * connections, in alternating runs, with server CPU and SQL queries sent per write and the load
 * beside each. Not part of `npm test`; needs `npm run bench:seed` first.
 *
 *   npx tsx scripts/bench/writes.ts [rounds=2] [seconds=5]
 *   PROFILE=1 npx tsx scripts/bench/writes.ts 1 10   # the app under --cpu-prof; top functions printed
 *
 * Each app request applies a talent not yet applied (the first half of the free talents, as in
 * run.ts, the handler the second half), so the applications written are real inserts each time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TokenService } from '../../src/auth/tokens.js';
import { SERVER_NODE_FLAGS, SHAPE, benchEnv, benchServices } from './common.js';
import { formBenchCommittees } from './committee.js';

const ROUNDS = Number(process.argv[2] ?? 2);
const SECONDS = Number(process.argv[3] ?? 5);
const PROFILE = process.env.PROFILE === '1';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const profDir = join(ROOT, '.bench/profiles');

const { services, databaseUrl } = await benchServices();
// BENCH_COUNT=wire: both sides count the queries they send to PostgreSQL, BEGIN and COMMIT included.
const env = benchEnv({ BENCH_DATABASE_URL: databaseUrl, BENCH_REDIS_URL: services.redisUrl, BENCH_COUNT: 'wire' });
const tokens = new TokenService({ secret: env.JWT_SECRET, issuer: 'talent-schemes', audience: 'talent-schemes-api' });
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const sign = (roles: string[], userId: string) => tokens.sign({ tenant: SHAPE.big.key, roles: roles as never, userId, unitId: null, talentId: null }, '2h');
const admin = { authorization: `Bearer ${await sign(['commission-admin'], 'bench-user')}` };
const experts = await Promise.all(Array.from({ length: 20 }, async (_, i) => ({ authorization: `Bearer ${await sign(['committee-expert'], `expert-${i}`)}` })));

const programme = (await db.query(`select id from t_big.programme where status = 'open' limit 1`)).rows[0].id as string;
const free = (await db.query(`select t.id from t_big.talent t where not exists (select 1 from t_big.application a where a.talent_id = t.id and a.programme_id = $1) order by t.id limit 20000`, [programme])).rows.map((r) => r.id as string);
const candidacies = (await db.query(`select id from t_big.wz_candidacy order by id`)).rows.map((r) => r.id as string);
const HALF = Math.floor(free.length / 2);
const SUBMIT = `mutation Apply($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }`;
const SCORE = `mutation Score($input: WenzhouScoreInput!) { wenzhouScoreApplicant(input: $input) { id weighted } }`;
let w = 0;
let hw = 0;
// Scores vary with the request so a repeated sheet is a real change for both sides (constant scores let the app write nothing while the handler replaced the row),
// and with the run: request i scores the same candidacy as expert i % 20 in every run, and the same scores again wrote nothing (37 × 31 = 1,147 combinations).
const RUN = Math.floor(Math.random() * 1147);
const appRequest = (url: string) => {
  const i = w++;
  if (i % 2 === 0) return { url: `${url}/graphql`, headers: admin, body: JSON.stringify({ query: SUBMIT, variables: { input: { programmeId: programme, talentId: free[(i / 2) % HALF], track: 'clinical_backbone' } } }) };
  return { url: `${url}/graphql`, headers: experts[i % experts.length]!, body: JSON.stringify({ query: SCORE, variables: { input: { candidacyId: candidacies[(i * 7919) % candidacies.length], businessAbility: 60 + ((i + RUN) % 37), clinicalLevel: 60 + ((i + RUN) % 31), socialEvaluation: 90 } } }) };
};
const handRequest = (url: string) => {
  const i = hw++;
  if (i % 2 === 0) return { url: `${url}/submit`, headers: {}, body: JSON.stringify({ programmeId: programme, talentId: free[HALF + ((i / 2) % HALF)], track: 'clinical_backbone', actor: 'bench-user', roles: ['commission-admin'] }) };
  return { url: `${url}/score`, headers: {}, body: JSON.stringify({ candidacyId: candidacies[(i * 7919) % candidacies.length], expertId: `expert-${i % 20}`, businessAbility: 60 + ((i + RUN) % 37), clinicalLevel: 60 + ((i + RUN) % 31), languageResult: 70, socialEvaluation: 90 }) };
};

interface Srv { url: string; stats: string; proc: ChildProcess }
async function start(mode: string, profile = false): Promise<Srv> {
  const args = [...SERVER_NODE_FLAGS, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), '--import', 'tsx', 'scripts/bench/server.ts', mode];
  const proc = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = out.match(/READY (\S+) (\S+)/);
      if (m) resolve({ url: m[1]!, stats: m[2]!, proc });
    });
    proc.on('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
}
async function stop(s: Srv): Promise<void> {
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
}
const stats = async (s: Srv) => (await (await fetch(`${s.stats}/stats`)).json()) as { sql: number; cpuUs: number };

async function drive(s: Srv, next: Next, seconds: number, connections = 8) {
  const agents = Array.from({ length: connections }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  let n = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(agents.map(async (agent) => {
    while (performance.now() - t0 < seconds * 1000) {
      const r = next(s.url);
      const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(r.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body), ...r.headers } }, (m) => {
          const chunks: Buffer[] = [];
          m.on('data', (c: Buffer) => chunks.push(c));
          m.on('end', () => resolve({ status: m.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', reject);
        req.end(r.body);
      });
      if (res.status !== 200 || res.text.includes('"errors"')) {
        if (!errors) console.error(`error answer: ${res.text.slice(0, 300)}`);
        errors++;
      }
      n++;
    }
  }));
  for (const a of agents) a.destroy();
  return { n, rps: n / ((performance.now() - t0) / 1000), errors };
}

type Next = (url: string) => { url: string; headers: Record<string, string>; body: string };
async function measure(s: Srv, next: Next) {
  await drive(s, next, 1); // warm-up
  const a = await stats(s);
  const l0 = os.loadavg()[0]!;
  const r = await drive(s, next, SECONDS);
  const b = await stats(s);
  return { ...r, cpuMs: (b.cpuUs - a.cpuUs) / 1000 / r.n, sql: (b.sql - a.sql) / r.n, load: (l0 + os.loadavg()[0]!) / 2 };
}

const fmt = (x: number, d = 2) => x.toFixed(d);
const rows: string[] = [];
try {
  const app = await start('app', PROFILE);
  await formBenchCommittees(db, `${app.url}/graphql`, admin);
  const hand = PROFILE ? null : await start('writes');
  const before = new Set(PROFILE ? (mkdirSync(profDir, { recursive: true }), readdirSync(profDir)) : []);
  for (let round = 1; round <= ROUNDS; round++) {
    const a = await measure(app, appRequest);
    rows.push(`round ${round} app:  ${fmt(a.rps, 0)} writes/s, ${fmt(a.cpuMs)} ms CPU and ${fmt(a.sql, 1)} queries sent per write, ${a.errors} errors (load ${fmt(a.load, 1)})`);
    console.log(rows.at(-1));
    if (hand) {
      const h = await measure(hand, handRequest);
      rows.push(`round ${round} hand: ${fmt(h.rps, 0)} writes/s, ${fmt(h.cpuMs)} ms CPU and ${fmt(h.sql, 1)} queries sent per write (load ${fmt(h.load, 1)}); ratio ${fmt(a.rps / h.rps)}×`);
      console.log(rows.at(-1));
    }
  }
  await stop(app);
  if (hand) await stop(hand);
  if (PROFILE) {
    const file = readdirSync(profDir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
    if (file) {
      const p = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
      const byId = new Map(p.nodes.map((n) => [n.id, n]));
      const self = new Map<string, number>();
      let total = 0;
      p.samples.forEach((s, i) => {
        const cf = byId.get(s)!.callFrame;
        const key = `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|plugins)\//, '$1/')}:${cf.lineNumber + 1}`;
        const dt = p.timeDeltas[i + 1] ?? 0;
        self.set(key, (self.get(key) ?? 0) + dt);
        total += dt;
      });
      console.log(`profile ${join(profDir, file)}: top functions by self time`);
      for (const [k, v] of [...self].sort((x, y) => y[1] - x[1]).slice(0, Number(process.env.TOP ?? 40))) console.log(`${fmt((100 * v) / total, 1).padStart(5)}%  ${k}`);
    }
  }
} finally {
  await db.end();
}
