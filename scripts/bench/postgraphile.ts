/**
 * The peer in the benchmark (issue 18, target 5): PostGraphile v5 with its Amber preset serving
 * the benchmark's large tenant schema (`t_big`), started by run.ts like server.ts's modes (its
 * own process, pinned to core 0). Modes:
 *
 * - `plain`: Amber on Node's http server (`grafserv/node`), production mode, GraphiQL, explain
 *   and websockets off, `outputDataAsString` on (a documented speed-up).
 * - `jwt`: the same plus its JWT preset (`PgLazyJWTPreset`): every request's bearer token is
 *   verified (HS256, the app's secret, issuer and audience, so the app's own tokens pass) and its
 *   claims become `jwt.claims.*` settings, which PostGraphile applies in a transaction around the
 *   request's statements.
 *
 * Both use one `pg` pool of the app's size (10, src/db/orm.ts) and list relations beside
 * connections (`defaultBehavior: +list`), so the dashboard reads reports and outcomes as plain
 * lists as the app's schema has them. Prints `READY <url> <statsUrl>` on stdout; GET /stats on the
 * second port answers the statements sent through the pool, CPU time and memory, as server.ts does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

/** The app's pool size (src/db/orm.ts, `poolMax` default): the peer gets the same number of connections. */
export const PEER_POOL_SIZE = 10;
/** The only schema the peer serves: the benchmark's large tenant, the one the dashboard reads. */
export const PEER_SCHEMA = 't_big';

/**
 * The app's `Dashboard` query (scripts/bench/common.ts) in PostGraphile's schema, through its own
 * relations; aliases give the app's keys (Amber names a column `id` `rowId`, its `id` being the
 * global Node id), so the two answers compare field by field.
 */
export const PEER_DASHBOARD_QUERY = `query Dashboard($first: Int!) {
  placements: allPlacements(first: $first, orderBy: PRIMARY_KEY_ASC) {
    nodes {
      id: rowId status plannedStart plannedEnd actualStart actualEnd
      talent: talentByTalentId { id: rowId name field titleGrade }
      unit: institutionByUnitId { id: rowId name }
      hostInstitution: institutionByHostInstitutionId { id: rowId name country }
      reports: reportsByPlacementIdList(orderBy: PRIMARY_KEY_ASC) { id: rowId kind title dueOn status }
      outcomes: outcomesByPlacementIdList(orderBy: PRIMARY_KEY_ASC) { id: rowId category title achievedOn verified }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
/** The app's small query (one talent by id, five fields) in PostGraphile's schema. */
export const PEER_SMALL_QUERY = `query Talent($id: UUID!) { talent: talentByRowId(rowId: $id) { id: rowId name field titleGrade birthDate } }`;

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'plain' && mode !== 'jwt') throw new Error(`unknown mode ${mode}: plain or jwt`);
  const databaseUrl = process.env.BENCH_DATABASE_URL!;
  // Loaded here, not at the top: run.ts imports this file for its queries only.
  const { postgraphile } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { PgLazyJWTPreset } = await import('postgraphile/presets/lazy-jwt');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');

  let sql = 0;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: PEER_POOL_SIZE });
  // Count every statement PostGraphile sends, as server.ts counts the app's through the ORM's hook.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      sql++;
      return query(...args);
    };
  });

  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset, ...(mode === 'jwt' ? [PgLazyJWTPreset] : [])],
    pgServices: [makePgService({ pool, schemas: [PEER_SCHEMA] })],
    schema: { defaultBehavior: '+list' },
    grafserv: {
      graphiql: false,
      websockets: false,
      // Grafast writes the response's JSON itself instead of building objects for JSON.stringify:
      // its documented speed-up, ~10-15% of the 1,000-row page's CPU here. The peer runs at its best.
      outputDataAsString: true,
      ...(mode === 'jwt' ? { pgJwtSecret: process.env.JWT_SECRET!, pgJwtVerifyOptions: { issuer: 'talent-schemes', audience: 'talent-schemes-api' } } : {}),
    },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  await pgl.getSchema(); // introspect and build before serving, as the app builds its schemas first
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  await serv.addTo(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

  const stats = createServer((_req, res) => {
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sql, cpuUs: cpu.user + cpu.system, rss: mem.rss, heapUsed: mem.heapUsed }));
  });
  await new Promise<void>((r) => stats.listen(0, '127.0.0.1', r));
  const url = (s: typeof server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  process.stdout.write(`READY ${url(server)}/graphql ${url(stats)}\n`);
  process.on('SIGTERM', () => process.exit(0));
}

// Imported by run.ts for the queries; a server only when started as a script.
if (process.argv[1]?.endsWith('postgraphile.ts')) await main();
