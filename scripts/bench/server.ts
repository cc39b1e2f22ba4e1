/**
 * One benchmark server process (started by run.ts, pinned to its own core). Modes:
 *
 * - `app`: the real stack — App.create (one ORM pool, tenancy, schema cache, tokens, audit
 *   subscriber, rate limiter) listening on 127.0.0.1, NODE_ENV=production. A second port answers
 *   GET /stats with the SQL statement count (every statement through the ORM's onQuery, or with
 *   BENCH_COUNT=wire every query sent to PostgreSQL) and RSS.
 * - `limit`: the limit — hand-written SQL through `pg` in a plain node:http handler producing the
 *   dashboard's JSON: POST /flat (one flat JOIN, JSON built in Node) and POST /jsonagg (one
 *   json_agg query, JSON built in PostgreSQL).
 * - `apollo`: a bare Apollo Server 5 whose one resolver answers a constant of the small query's size.
 * - `roundtrip`: the small query's answer from one prepared statement through `pg` in a plain
 *   node:http handler (no GraphQL, token or tenant): the floor of any server that reads it.
 * - `writes`: the write mix's limit — a plain node:http handler doing the same writes as the app's
 *   `submitApplication` and `wenzhouScoreApplicant` through `pg`, each in one transaction with the
 *   same rows and the same `audit_entry` row (chained by the same trigger), without GraphQL, the
 *   unit of work or the eligibility rule: POST /submit {programmeId, talentId, track, actor, roles},
 *   POST /score {candidacyId, expertId, scores…}.
 *
 * Prints `READY <url> <statsUrl>` on stdout.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startTracing } from '../../src/telemetry/tracing.js';
import { plugins } from '../../plugins/index.js';
import { encodeCursor } from '../../src/graphql/pagination.js';
import { benchEnv } from './common.js';

const mode = process.argv[2];
const databaseUrl = process.env.BENCH_DATABASE_URL!;
const redisUrl = process.env.BENCH_REDIS_URL!;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function listen(server: ReturnType<typeof createServer>): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let sql = 0;
/** `BENCH_SQL_LOG=1`: the app mode prints every statement to stderr (what a write sends, in order). */
const SQL_LOG = process.env.BENCH_SQL_LOG === '1';
let extra: () => Record<string, unknown> = () => ({});
const stats = createServer((req, res) => {
  // `?gc` (with --expose-gc) collects first, so heapUsed is what is live.
  if (req.url?.includes('gc') && typeof globalThis.gc === 'function') globalThis.gc();
  const mem = process.memoryUsage();
  const cpu = process.cpuUsage();
  const body = JSON.stringify({ sql, cpuUs: cpu.user + cpu.system, rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, ...extra() });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
});

if (mode === 'app') {
  const config = loadConfig(benchEnv({ RATE_LIMIT_MAX: '0' }));
  // As `npm start` does: traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (what they cost per request).
  await startTracing('talent-api', createLogger('warn'));
  // BENCH_COUNT=wire (writes.ts): count the queries sent to PostgreSQL, BEGIN and COMMIT included, as
  // the `writes` handler counts its own; the ORM's onQuery leaves those two out.
  const wire = process.env.BENCH_COUNT === 'wire';
  if (wire) {
    // The ORM's pool may use its own copy of `pg` (@mikro-orm/postgresql's dependency): both are counted.
    const ormPg = createRequire(fileURLToPath(import.meta.resolve('@mikro-orm/postgresql')))('pg') as typeof pg;
    for (const proto of new Set([pg.Client.prototype, ormPg.Client.prototype])) {
      const query = proto.query as (...args: unknown[]) => unknown;
      (proto as unknown as { query: typeof query }).query = function countedQuery(this: unknown, ...args: unknown[]) {
        sql++;
        if (SQL_LOG) process.stderr.write(`WIRE ${typeof args[0] === 'string' ? args[0].slice(0, 120) : JSON.stringify((args[0] as { name?: string })?.name ?? null)}\n`);
        return query.apply(this, args);
      };
    }
  }
  const count = wire ? () => undefined : () => void sql++;
  const app = await App.create({ config, plugins, databaseUrl, redisUrl, log: createLogger('warn'), onQuery: SQL_LOG ? (q: string) => void (count(), process.stderr.write(`SQL ${q}\n`)) : count, queuePrefix: '{bench}' });
  // As `npm start` does: build each plugin set's schema before serving.
  const sets = new Map<string, unknown>();
  for (const t of await app.tenancy.list()) sets.set(app.host.enabled(t).map((p) => p.key).join('+'), await app.schemas.get(app.host.enabled(t)));
  extra = () => ({ schemas: app.schemas.size() });
  const url = await app.listen(0, '127.0.0.1');
  process.stdout.write(`READY ${url} ${await listen(stats)}\n`);
} else if (mode === 'limit') {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const upper = (s: string | null) => (s == null ? null : s.toUpperCase());
  const server = createServer(async (req, res) => {
    try {
      const { first } = JSON.parse(await readBody(req)) as { first: number };
      let text: string;
      if (req.url === '/flat') {
        sql++;
        const { rows } = await pool.query(
          `with p as (select * from t_big.placement order by id limit $1)
           select p.id, p.status, p.planned_start::text ps, p.planned_end::text pe, p.actual_start::text "as", p.actual_end::text ae,
                  t.id tid, t.name tname, t.field, t.title_grade, u.id uid, u.name uname, h.id hid, h.name hname, h.country,
                  r.id rid, r.kind, r.title rtitle, r.due_on::text rdue, r.status rstatus,
                  o.id oid, o.category, o.title otitle, o.achieved_on::text oon, o.verified
             from p join t_big.talent t on t.id = p.talent_id
                    join t_big.institution u on u.id = p.unit_id
                    join t_big.institution h on h.id = p.host_institution_id
                    left join t_big.report r on r.placement_id = p.id
                    left join t_big.outcome o on o.placement_id = p.id
            order by p.id, r.id, o.id`,
          [first + 1],
        );
        // Fold the flat rows (one per report × outcome) into nested objects.
        type Node = { id: string; status: string; plannedStart: string; plannedEnd: string; actualStart: string | null; actualEnd: string | null; talent: object; unit: object; hostInstitution: object; reports: object[]; outcomes: object[] };
        const nodes: Node[] = [];
        let cur: Node | undefined;
        let seenR = new Set<string>();
        let seenO = new Set<string>();
        for (const r of rows) {
          if (!cur || cur.id !== r.id) {
            cur = { id: r.id, status: upper(r.status)!, plannedStart: r.ps, plannedEnd: r.pe, actualStart: r.as, actualEnd: r.ae, talent: { id: r.tid, name: r.tname, field: upper(r.field), titleGrade: upper(r.title_grade) }, unit: { id: r.uid, name: r.uname }, hostInstitution: { id: r.hid, name: r.hname, country: r.country }, reports: [], outcomes: [] };
            nodes.push(cur);
            seenR = new Set();
            seenO = new Set();
          }
          if (r.rid && !seenR.has(r.rid)) {
            seenR.add(r.rid);
            cur.reports.push({ id: r.rid, kind: r.kind, title: r.rtitle, dueOn: r.rdue, status: upper(r.rstatus) });
          }
          if (r.oid && !seenO.has(r.oid)) {
            seenO.add(r.oid);
            cur.outcomes.push({ id: r.oid, category: r.category, title: r.otitle, achievedOn: r.oon, verified: r.verified });
          }
        }
        const hasNextPage = nodes.length > first;
        const page = nodes.slice(0, first);
        text = `${JSON.stringify({ data: { placements: { nodes: page, pageInfo: { hasNextPage, endCursor: page.at(-1) ? encodeCursor(page.at(-1)!.id) : null } } } })}\n`;
      } else {
        sql++;
        const { rows } = await pool.query(
          `with p as (select * from t_big.placement order by id limit $1)
           select (select coalesce(json_agg(x order by x.id), '[]')::text
                     from (select p.id, upper(p.status) status, p.planned_start::text "plannedStart", p.planned_end::text "plannedEnd",
                                  p.actual_start::text "actualStart", p.actual_end::text "actualEnd",
                                  (select row_to_json(t) from (select t.id, t.name, upper(t.field) field, upper(t.title_grade) "titleGrade" from t_big.talent t where t.id = p.talent_id) t) talent,
                                  (select row_to_json(u) from (select u.id, u.name from t_big.institution u where u.id = p.unit_id) u) unit,
                                  (select row_to_json(h) from (select h.id, h.name, h.country from t_big.institution h where h.id = p.host_institution_id) h) "hostInstitution",
                                  (select coalesce(json_agg(r order by r.id), '[]') from (select r.id, r.kind, r.title, r.due_on::text "dueOn", upper(r.status) status from t_big.report r where r.placement_id = p.id) r) reports,
                                  (select coalesce(json_agg(o order by o.id), '[]') from (select o.id, o.category, o.title, o.achieved_on::text "achievedOn", o.verified from t_big.outcome o where o.placement_id = p.id) o) outcomes
                             from p) x) nodes,
                  exists (select 1 from t_big.placement where id > (select id from p order by id desc limit 1)) more,
                  (select id::text from p order by id desc limit 1) last`,
          [first],
        );
        const r = rows[0];
        // The nodes arrive as JSON text built by PostgreSQL and are spliced in, not re-serialised.
        text = `{"data":{"placements":{"nodes":${r.nodes},"pageInfo":{"hasNextPage":${r.more},"endCursor":${r.last ? JSON.stringify(encodeCursor(r.last)) : 'null'}}}}}\n`;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    }
  });
  process.stdout.write(`READY ${await listen(server)} ${await listen(stats)}\n`);
} else if (mode === 'writes') {
  const { v7: uuidv7 } = await import('uuid');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const server = createServer(async (req, res) => {
    const client = await pool.connect();
    try {
      const b = JSON.parse(await readBody(req)) as Record<string, string & number & string[]>;
      const q = (text: string, values: unknown[] = []) => {
        sql++;
        return client.query(text, values);
      };
      await q('begin');
      let text: string;
      try {
        const now = new Date();
        if (req.url === '/submit') {
          const t = (await q(`select unit_id from t_big.talent where id = $1`, [b.talentId])).rows[0];
          const id = uuidv7();
          const row = { id, programme: b.programmeId, track: b.track, talent: b.talentId, unit: t.unit_id, status: 'submitted', submittedAt: now.toISOString() };
          await q(`insert into t_big.application (id, created_at, updated_at, version, programme_id, track, talent_id, unit_id, status, submitted_at) values ($1, $2, $2, 1, $3, $4, $5, $6, 'submitted', $2)`, [id, now, b.programmeId, b.track, b.talentId, t.unit_id]);
          await q(`insert into t_big.audit_entry (at, actor, actor_roles, entity, entity_id, action, before, after) values ($1, $2, $3, 'Application', $4, 'create', null, $5)`, [now, b.actor, b.roles, id, row]);
          text = JSON.stringify({ data: { submitApplication: { id, status: 'SUBMITTED' } } });
        } else {
          const c = (await q(`select talent_id, unit_id from t_big.wz_candidacy where id = $1`, [b.candidacyId])).rows[0];
          const weighted = b.businessAbility * 0.3 + b.clinicalLevel * 0.3 + b.languageResult * 0.2 + b.socialEvaluation * 0.2;
          const { rows } = await q(
            `insert into t_big.wz_score (id, created_at, updated_at, version, candidacy_id, talent_id, unit_id, expert_id, business_ability, clinical_level, language_result, social_evaluation, weighted)
             values ($1, $2, $2, 1, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             on conflict (candidacy_id, expert_id) do update set updated_at = excluded.updated_at, version = wz_score.version + 1, business_ability = excluded.business_ability,
               clinical_level = excluded.clinical_level, language_result = excluded.language_result, social_evaluation = excluded.social_evaluation, weighted = excluded.weighted
             returning id, (xmax = 0) as created`,
            [uuidv7(), now, b.candidacyId, c.talent_id, c.unit_id, b.expertId, b.businessAbility, b.clinicalLevel, b.languageResult, b.socialEvaluation, weighted],
          );
          const after = { businessAbility: b.businessAbility, clinicalLevel: b.clinicalLevel, languageResult: b.languageResult, socialEvaluation: b.socialEvaluation, weighted };
          await q(`insert into t_big.audit_entry (at, actor, actor_roles, entity, entity_id, action, before, after) values ($1, $2, $3, 'WzScore', $4, $5, null, $6)`, [now, b.expertId, ['committee-expert'], rows[0].id, rows[0].created ? 'create' : 'update', after]);
          text = JSON.stringify({ data: { wenzhouScoreApplicant: { id: rows[0].id, weighted } } });
        }
        await q('commit');
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    } finally {
      client.release();
    }
  });
  process.stdout.write(`READY ${await listen(server)} ${await listen(stats)}\n`);
} else if (mode === 'roundtrip') {
  // The floor of any server that reads the small query's answer from PostgreSQL: node:http, the
  // body parsed, one prepared statement through `pg` whose JSON PostgreSQL builds, spliced in. No
  // GraphQL, token, tenant or limits: what is left is the round trip itself.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const text = `select json_build_object('id', id, 'name', name, 'field', upper(field), 'titleGrade', upper(title_grade), 'birthDate', birth_date)::text as data from t_big.talent where id = $1`;
  const server = createServer(async (req, res) => {
    try {
      const { variables } = JSON.parse(await readBody(req)) as { variables: { id: string } };
      sql++;
      const { rows } = await pool.query({ name: 'roundtrip_talent', text, values: [variables.id] });
      const out = `{"data":{"talent":${rows[0]?.data ?? 'null'}}}\n`;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    } catch (e) {
      res.writeHead(500);
      res.end(String(e));
    }
  });
  process.stdout.write(`READY ${await listen(server)} ${await listen(stats)}\n`);
} else if (mode === 'apollo') {
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const constant = JSON.parse(process.env.BENCH_CONSTANT ?? '{}') as Record<string, unknown>;
  const server = new ApolloServer({
    typeDefs: `type Talent { id: ID! name: String! field: String! titleGrade: String! birthDate: String! }
               type Query { talent(id: ID!): Talent }`,
    resolvers: { Query: { talent: () => constant } },
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  process.stdout.write(`READY ${url.replace(/\/$/, '')} ${await listen(stats)}\n`);
} else {
  throw new Error(`unknown mode ${mode}`);
}

// Exit normally on SIGTERM, so `--cpu-prof` (npm run bench:profile) writes its profile.
process.on('SIGTERM', () => process.exit(0));
