/**
 * Issue 18, target 5: the app beside a peer, PostGraphile v5 (Amber preset; scripts/bench/postgraphile.ts),
 * on the same data (the large tenant's schema), the same pool size (10), the same pinned cores and
 * load generator as the rest of `npm run bench`. Three scenarios — the dashboard's pages of 100 and
 * 1,000 placements (the app's `Dashboard` query, the same JSON through PostGraphile's own relations)
 * and the small query (one talent by id) — each against three servers: the app, PostGraphile as
 * Amber ships, and PostGraphile with its JWT preset (the token verified and its claims applied on
 * every request, as the app checks its token on every request). Servers are measured in alternating
 * rounds (the first server rotates each round) and each side's median run is reported.
 *
 * run.ts passes its own measuring tools (`PeerKit`), so the numbers here are measured exactly as the
 * rest of the report's.
 */
import { DASHBOARD_QUERY, SMALL_QUERY } from './common.js';
import { PEER_DASHBOARD_QUERY, PEER_POOL_SIZE, PEER_SCHEMA, PEER_SMALL_QUERY } from './postgraphile.js';

export interface PeerRun { p50: number; p99: number; rps: number; n: number }
export interface PeerServer { url: string; stats: string }
interface Stats { sql: number; cpuUs: number }

/** What run.ts lends the peer section: its server starter, load generators and log. */
export interface PeerKit {
  startServer(mode: string, extraEnv: Record<string, string>, script: string): Promise<PeerServer>;
  stopServer(s: PeerServer): Promise<void>;
  stats(s: PeerServer): Promise<Stats>;
  post(url: string, body: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
  sequential(url: string, body: () => string, headers: Record<string, string>, ms?: number): Promise<PeerRun>;
  /** Throughput at `connections` after a warm-up; `afterWarmUp` runs between the two. */
  load(url: string, body: string, headers: Record<string, string>, connections: number, afterWarmUp: () => Promise<void>): Promise<PeerRun>;
  loadAvg(): number;
  log(m: string): void;
}

export interface PeerInput {
  /** The app's server, already running (its GraphQL endpoint is `${url}/graphql`). */
  app: PeerServer;
  /** The bearer token header the app's requests carry (a commission admin of the large tenant). */
  auth: Record<string, string>;
  /** The small query's talent. */
  talentId: string;
  rounds: number;
  /**
   * Time budget of one sequential (concurrency 1) run on the page of 1,000 (a few hundred ms per
   * request on a loaded machine: it needs the most); the page of 100 gets half, the small query a third.
   */
  seqMs: number;
  /**
   * Environment for the PostGraphile servers (`BENCH_DATABASE_URL` of the peer database, when
   * the bench database holds more tenants than PostGraphile can introspect); `database` says so in the report.
   */
  env?: Record<string, string>;
  database?: string;
}

export const PEER_SERVERS = ['the app', 'PostGraphile', 'PostGraphile + JWT preset'] as const;
type ServerName = (typeof PEER_SERVERS)[number];
export const PEER_SCENARIOS = ['dashboard, page of 100', 'dashboard, page of 1,000', 'small query (one talent by id)'] as const;
type ScenarioName = (typeof PEER_SCENARIOS)[number];

export interface PeerCell { c1: PeerRun; c8: PeerRun; cpuMs: number; sql: number; runsRps: number[] }
export interface PeerResult {
  cells: Record<ScenarioName, Record<ServerName, PeerCell>>;
  checks: string[];
  rounds: number;
  /** Load average (1 min) over the section: at its start, the median of its runs, at its end. */
  load: { start: number; median: number; end: number };
  /** Where both sides ran, when not the bench database (see PeerInput.database). */
  database?: string;
}

const gqlBody = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * PostGraphile's answer in the app's form: the columns the app exposes as GraphQL enums are text in
 * the tables (PostGraphile answers `active`, the app `ACTIVE`), and a page's `endCursor` is each
 * server's own opaque string; everything else must be equal, keys in the same order.
 */
function asTheApp(text: string): string {
  const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL errors: ${text.slice(0, 500)}`);
  const up = (o: Record<string, unknown> | null, ...keys: string[]) => {
    if (o) for (const k of keys) if (typeof o[k] === 'string') o[k] = (o[k] as string).toUpperCase();
  };
  const page = body.data.placements as { nodes: Record<string, unknown>[]; pageInfo: { endCursor: unknown } } | undefined;
  if (page) {
    for (const n of page.nodes) {
      up(n, 'status');
      up(n.talent as Record<string, unknown>, 'field', 'titleGrade');
      for (const r of n.reports as Record<string, unknown>[]) up(r, 'status');
    }
    page.pageInfo.endCursor = null;
  }
  up(body.data.talent as Record<string, unknown> | null, 'field', 'titleGrade');
  return JSON.stringify(body);
}
function appForm(text: string): string {
  const body = JSON.parse(text) as { data: { placements?: { pageInfo: { endCursor: unknown } } } };
  if (body.data.placements) body.data.placements.pageInfo.endCursor = null;
  return JSON.stringify(body);
}
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

export async function peerBenchmark(kit: PeerKit, input: PeerInput): Promise<PeerResult> {
  const loadStart = kit.loadAvg();
  // Grafast's mode follows NODE_ENV (production in benchEnv); said explicitly, as its docs advise.
  const plain = await kit.startServer('plain', { GRAPHILE_ENV: 'production', ...input.env }, 'scripts/bench/postgraphile.ts');
  const jwt = await kit.startServer('jwt', { GRAPHILE_ENV: 'production', ...input.env }, 'scripts/bench/postgraphile.ts');
  try {
    const servers: Record<ServerName, { srv: PeerServer; url: string }> = {
      'the app': { srv: input.app, url: `${input.app.url}/graphql` },
      PostGraphile: { srv: plain, url: plain.url },
      'PostGraphile + JWT preset': { srv: jwt, url: jwt.url },
    };
    const bodies: Record<ScenarioName, Record<ServerName, string>> = Object.create(null);
    for (const [scenario, appQuery, peerQuery, variables] of [
      [PEER_SCENARIOS[0], DASHBOARD_QUERY, PEER_DASHBOARD_QUERY, { first: 100 }],
      [PEER_SCENARIOS[1], DASHBOARD_QUERY, PEER_DASHBOARD_QUERY, { first: 1000 }],
      [PEER_SCENARIOS[2], SMALL_QUERY, PEER_SMALL_QUERY, { id: input.talentId }],
    ] as const) {
      bodies[scenario] = { 'the app': gqlBody(appQuery, variables), PostGraphile: gqlBody(peerQuery, variables), 'PostGraphile + JWT preset': gqlBody(peerQuery, variables) };
    }

    // Before any timing: every server gives the same content for every scenario; statements per
    // request are counted on one request each (the pools' counters, as section 5 counts the app's).
    const checks: string[] = [];
    const statements: Record<string, number> = {};
    const counted = async (name: ServerName, body: string) => {
      await kit.post(servers[name].url, body, input.auth); // warm: a new connection's set-up is not the request's
      const before = (await kit.stats(servers[name].srv)).sql;
      const r = await kit.post(servers[name].url, body, input.auth);
      return { r, sql: (await kit.stats(servers[name].srv)).sql - before };
    };
    for (const scenario of PEER_SCENARIOS) {
      const { r: ours, sql } = await counted('the app', bodies[scenario]['the app']);
      statements[`${scenario}|the app`] = sql;
      if (ours.status !== 200 || ours.text.includes('"errors"')) throw new Error(`the app's ${scenario} failed: ${ours.text.slice(0, 500)}`);
      const expected = appForm(ours.text);
      for (const name of PEER_SERVERS.slice(1)) {
        const { r: theirs, sql: theirSql } = await counted(name, bodies[scenario][name]);
        statements[`${scenario}|${name}`] = theirSql;
        if (theirs.status !== 200) throw new Error(`${name} answered ${theirs.status} to ${scenario}: ${theirs.text.slice(0, 500)}`);
        const got = asTheApp(theirs.text);
        if (got !== expected) throw new Error(`${name}'s ${scenario} differs from the app's ${firstDifference(expected, got)}`);
      }
      const size = Buffer.byteLength(ours.text);
      checks.push(`${scenario}: ${size < 10_240 ? `${size} bytes` : `${Math.round(size / 1024)} KB`} from the app, the same content from both PostGraphile servers (enum columns compared in the app's capitals${scenario === PEER_SCENARIOS[2] ? '' : ', `endCursor` each server\'s own'})`);
    }
    // A JWT-preset server must refuse a bad token, or it is not verifying one.
    kit.log('peer: a forged token next (PostGraphile prints its refusal, JsonWebTokenError, on stderr)');
    const forged = await kit.post(jwt.url, bodies[PEER_SCENARIOS[2]]['PostGraphile + JWT preset'], { authorization: `${input.auth.authorization!.slice(0, -4)}AAAA` });
    if (!forged.text.includes('"errors"') && forged.status === 200) throw new Error(`the JWT preset accepted a forged token: ${forged.text.slice(0, 300)}`);
    kit.log('peer: answers checked (the app, PostGraphile, PostGraphile + JWT preset agree); a forged token is refused');

    const runs: Record<string, { c1: PeerRun[]; c8: PeerRun[]; cpuMs: number[] }> = {};
    const loads: number[] = [];
    for (let round = 0; round < input.rounds; round++) {
      for (const scenario of PEER_SCENARIOS) {
        for (let k = 0; k < PEER_SERVERS.length; k++) {
          const name = PEER_SERVERS[(k + round) % PEER_SERVERS.length]!;
          const { srv, url } = servers[name];
          const body = bodies[scenario][name];
          const cell = (runs[`${scenario}|${name}`] ??= { c1: [], c8: [], cpuMs: [] });
          const budget = scenario === PEER_SCENARIOS[1] ? input.seqMs : scenario === PEER_SCENARIOS[0] ? input.seqMs / 2 : input.seqMs / 3;
          cell.c1.push(await kit.sequential(url, () => body, input.auth, budget));
          let before = { sql: 0, cpuUs: 0 };
          let l0 = 0;
          const c8 = await kit.load(url, body, input.auth, 8, async () => {
            before = await kit.stats(srv);
            l0 = kit.loadAvg();
          });
          const after = await kit.stats(srv);
          loads.push((l0 + kit.loadAvg()) / 2);
          cell.c8.push(c8);
          cell.cpuMs.push((after.cpuUs - before.cpuUs) / 1000 / Math.max(1, c8.n));
          kit.log(`peer round ${round + 1}/${input.rounds} ${scenario}, ${name}: p50 ${cell.c1.at(-1)!.p50.toFixed(2)} ms, ${c8.rps.toFixed(0)} req/s`);
        }
      }
    }
    const cells = Object.fromEntries(PEER_SCENARIOS.map((scenario) => [scenario, Object.fromEntries(PEER_SERVERS.map((name) => {
      const r = runs[`${scenario}|${name}`]!;
      const byP50 = [...r.c1].sort((a, b) => a.p50 - b.p50);
      const byRps = [...r.c8].sort((a, b) => a.rps - b.rps);
      return [name, { c1: byP50[Math.floor(byP50.length / 2)]!, c8: byRps[Math.floor(byRps.length / 2)]!, cpuMs: median(r.cpuMs), sql: statements[`${scenario}|${name}`]!, runsRps: r.c8.map((x) => x.rps) }];
    }))])) as PeerResult['cells'];
    return { cells, checks, rounds: input.rounds, load: { start: loadStart, median: median(loads), end: kit.loadAvg() }, database: input.database };
  } finally {
    await kit.stopServer(plain);
    await kit.stopServer(jwt);
  }
}

const fmt = (x: number, d = 1) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Each comparison the target asks for: the app against each PostGraphile server, per scenario, at p50 (c=1) and throughput (c=8). */
export function peerComparisons(r: PeerResult): { scenario: string; peer: string; p50: number; rps: number; cpu: number; ahead: boolean }[] {
  return PEER_SCENARIOS.flatMap((scenario) => PEER_SERVERS.slice(1).map((peer) => {
    const ours = r.cells[scenario]['the app'];
    const theirs = r.cells[scenario][peer];
    const p50 = ours.c1.p50 / theirs.c1.p50;
    const rps = ours.c8.rps / theirs.c8.rps;
    return { scenario, peer, p50, rps, cpu: ours.cpuMs / theirs.cpuMs, ahead: p50 < 1 && rps > 1 };
  }));
}

/** The target row of docs/benchmarks.md. */
export function peerTargetRow(r: PeerResult): string {
  const cmp = peerComparisons(r);
  const behind = cmp.filter((c) => !c.ahead);
  const summary = cmp.map((c) => `${c.scenario.replace(' (one talent by id)', '')} vs ${c.peer}: p50 ${fmt(c.p50, 2)}×, req/s ${fmt(c.rps, 2)}×`).join('; ');
  const verdict = behind.length === 0 ? '**met**' : '**missed**';
  return `| issue 18 (5): the app ahead of PostGraphile v5 on every row at p50 and throughput | the app's p50 (c=1) and req/s (c=8) ÷ PostGraphile's (load ${fmt(r.load.median, 1)}): ${summary}${behind.length ? `; behind on ${behind.length} of ${cmp.length}` : ''} | ${verdict} |`;
}

/** The report's "PostGraphile v5" section. */
export function peerSection(r: PeerResult, versions: string): string[] {
  const lines = ['## PostGraphile v5 beside the app (issue 18, target 5)', ''];
  lines.push(`PostGraphile ${versions} with its Amber preset (\`scripts/bench/postgraphile.ts\`) serves the large tenant's schema (\`${PEER_SCHEMA}\`) from the same database, on Node's http server (\`grafserv/node\`), production mode (\`GRAPHILE_ENV\`), GraphiQL, explain and websockets off, \`outputDataAsString\` on (Grafast writes the JSON text itself: ~10–15% less CPU on the page of 1,000), list relations beside connections (\`defaultBehavior: +list\`, so reports and outcomes are lists as in the app's schema), one \`pg\` pool of ${PEER_POOL_SIZE} connections as the app's. Its servers run pinned to core 0 like the app's, one process each, with the same Node flags; the load generator is the same. "PostGraphile + JWT preset" adds \`PgLazyJWTPreset\`: each request's bearer token (the app's own token, HS256, same issuer and audience) is verified with \`jsonwebtoken\`, and its claims are set as \`jwt.claims.*\` in a transaction around the request's statements; the app checks the same token on every request (its signature check is remembered for 60 s, src/auth/tokens.ts). The queries are the app's \`Dashboard\` and \`Talent\` through PostGraphile's own relations (\`allPlacements\`, \`talentByTalentId\`, \`reportsByPlacementIdList\`, …, aliased to the app's keys; \`scripts/bench/postgraphile.ts\`).`, '');
  if (r.database) lines.push(r.database, '');
  for (const c of r.checks) lines.push(`- ${c}`);
  lines.push('', `Each server was measured ${r.rounds} time(s) per scenario, in alternating rounds (the first server rotating); the table shows each one's median run. CPU is the server process's per request at 8 connections (its \`process.cpuUsage()\` over the timed run ÷ the requests answered); statements are those its pool sent for one request (BEGIN, \`set_config\` and COMMIT included). Load average ${fmt(r.load.start, 1)} at the start, ${fmt(r.load.median, 1)} over the runs (median), ${fmt(r.load.end, 1)} at the end.`, '');
  lines.push('| scenario | server | p50 ms (c=1) | p99 ms (c=1) | req/s (c=1) | p50 ms (c=8) | p99 ms (c=8) | req/s (c=8) | runs, req/s (c=8) | CPU ms / request | statements / request |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const scenario of PEER_SCENARIOS) {
    for (const name of PEER_SERVERS) {
      const c = r.cells[scenario][name];
      lines.push(`| ${scenario} | ${name} | ${fmt(c.c1.p50, 2)} | ${fmt(c.c1.p99, 2)} | ${fmt(c.c1.rps, 0)} | ${fmt(c.c8.p50, 0)} | ${fmt(c.c8.p99, 0)} | ${fmt(c.c8.rps, 0)} | ${c.runsRps.map((x) => fmt(x, 0)).join(', ')} | ${fmt(c.cpuMs, 3)} | ${c.sql} |`);
    }
  }
  lines.push('', '| scenario | against | the app\'s p50 (c=1) ÷ theirs | the app\'s req/s (c=8) ÷ theirs | the app ahead on both | the app\'s CPU per request ÷ theirs |', '|---|---|---|---|---|---|');
  for (const c of peerComparisons(r)) lines.push(`| ${c.scenario} | ${c.peer} | ${fmt(c.p50, 2)}× | ${fmt(c.rps, 2)}× | ${c.ahead ? 'yes' : '**no**'} | ${fmt(c.cpu, 2)}× |`);
  lines.push('', 'The target compares p50 at concurrency 1 and throughput at 8 connections; CPU per request, which load distorts least, is beside them for reading a loaded run.', '');
  return lines;
}
