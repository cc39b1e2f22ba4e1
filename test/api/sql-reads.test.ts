import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOperationAST, parse } from 'graphql';
import { decodeCursor } from '../../src/graphql/pagination.js';
import { answerInSql } from '../../src/graphql/sql-reads.js';
import { statementName, type SqlStatement } from '../../src/db/prepared-statements.js';
import { REPO_TENANTS, startHarness, type Harness } from '../support/harness.js';

/**
 * Reads answered in one SQL statement (src/graphql/sql-reads.ts) must give exactly the JSON the
 * resolvers give — same values, same key order, same errors (whitespace aside: PostgreSQL's
 * json_agg puts a newline between elements). The resolvers' answer comes from
 * Apollo (asked for `application/graphql-response+json`, which the planner never answers).
 */
let h: Harness;
let admin: string;
let coordinator: string;

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
  admin = await h.token('wenzhou', 'commission-admin');
  const unitId = (await h.ok(admin, `{ placements(first: 1) { nodes { unit { id } } } }`)).placements.nodes[0].unit.id as string;
  coordinator = await h.token('wenzhou', 'unit-coordinator', { unitId });
}, 120_000);
afterAll(async () => h?.close());

const DASHBOARD = `query Dashboard($first: Int!, $after: String) {
  placements(first: $first, after: $after) {
    nodes {
      id status plannedStart plannedEnd actualStart actualEnd createdAt version
      talent { id name field titleGrade birthDate gender department }
      unit { id name }
      hostInstitution { id name country }
      reports { id kind title dueOn status }
      outcomes { id category title achievedOn verified }
    }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** The fast path's answer, the resolvers' answer, and how many statements the fast one took. */
async function both(token: string, query: string, variables: Record<string, unknown> = {}) {
  const before = h.sqlCount();
  const fast = await h.gql(token, query, variables);
  const statements = h.sqlCount() - before;
  const slow = await h.gql(token, query, variables, { accept: 'application/graphql-response+json' });
  return { fast, slow, statements };
}

describe('the commission dashboard in one statement', () => {
  it('gives the resolvers’ JSON (values and key order) in one SQL statement', async () => {
    const { fast, slow, statements } = await both(admin, DASHBOARD, { first: 50 });
    expect(fast.status).toBe(200);
    expect(fast.body.errors).toBeUndefined();
    expect(fast.body.data.placements.nodes.length).toBeGreaterThan(0);
    expect(fast.body.data.placements.nodes.some((n: { reports: unknown[] }) => n.reports.length > 0)).toBe(true);
    expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
    expect(statements).toBe(1);
  });

  it('pages the same way: first, after, hasNextPage, hasPreviousPage, startCursor, endCursor', async () => {
    const p1 = await both(admin, DASHBOARD, { first: 2 });
    expect(JSON.stringify(p1.fast.body)).toBe(JSON.stringify(p1.slow.body));
    expect(p1.fast.body.data.placements.pageInfo.hasNextPage).toBe(true);
    const after = p1.fast.body.data.placements.pageInfo.endCursor;
    expect(p1.fast.body.data.placements.pageInfo.hasPreviousPage).toBe(false);
    expect(decodeCursor(after)).toBe(p1.fast.body.data.placements.nodes[1].id);
    expect(decodeCursor(p1.fast.body.data.placements.pageInfo.startCursor)).toBe(p1.fast.body.data.placements.nodes[0].id);
    const p2 = await both(admin, DASHBOARD, { first: 2, after });
    expect(JSON.stringify(p2.fast.body)).toBe(JSON.stringify(p2.slow.body));
    expect(p2.fast.body.data.placements.pageInfo.hasPreviousPage).toBe(true);
    expect(p2.fast.body.data.placements.nodes[0].id > decodeCursor(after)!).toBe(true);
    const end = await both(admin, DASHBOARD, { first: 100, after });
    expect(JSON.stringify(end.fast.body)).toBe(JSON.stringify(end.slow.body));
    expect(end.fast.body.data.placements.pageInfo.hasNextPage).toBe(false);
    // Backward pages are the resolvers' (the planner answers first/after only): same shape either way.
    const BACK = DASHBOARD.replace('($first: Int!, $after: String)', '($last: Int!)').replace('(first: $first, after: $after)', '(last: $last)');
    const back = await both(admin, BACK, { last: 2 });
    expect(JSON.stringify(back.fast.body)).toBe(JSON.stringify(back.slow.body));
    expect(back.fast.body.data.placements.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('keeps aliases, __typename, totalCount, nested programme and application, and filters', async () => {
    const query = `query($s: PlacementStatus) { list: placements(first: 5, filter: { status: $s }) {
      __typename total: totalCount
      info: pageInfo { __typename more: hasNextPage }
      nodes { __typename key: id status programme { code name } application { id status track } updatedAt } } }`;
    const statuses = (await h.ok(admin, `{ placements(first: 1000) { nodes { status } } }`)).placements.nodes.map((n: { status: string }) => n.status);
    for (const s of [null, ...new Set<string>(statuses)]) {
      const { fast, slow, statements } = await both(admin, query, { s });
      expect(fast.body.errors).toBeUndefined();
      expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
      expect(statements).toBe(1);
    }
  });

  it('an empty page is an empty list, not null', async () => {
    const last = (await h.ok(admin, `{ placements(first: 1000) { pageInfo { endCursor } } }`)).placements.pageInfo.endCursor;
    const { fast, slow } = await both(admin, DASHBOARD, { first: 10, after: last });
    expect(fast.body.data.placements).toEqual({ nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null } });
    expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
  });
});

describe('one row by id, with its relations, in one statement', () => {
  it('talent, report, application and placement by id give the resolvers’ JSON', async () => {
    const ids = (await h.ok(admin, `{ placements(first: 1) { nodes { id talent { id } application { id } reports { id } } } }`)).placements.nodes[0];
    const cases: [string, Record<string, unknown>][] = [
      [`query($id: ID!) { talent(id: $id) { id name birthDate titleGrade unit { name kind } applications { status track } placements { status reports { kind dueOn } } outcomes { title verified } } }`, { id: ids.talent.id }],
      [`query($id: ID!) { report(id: $id) { id kind status dueOn placement { status talent { name unit { name } } } talent { id } } }`, { id: ids.reports[0].id }],
      [`query($id: ID!) { application(id: $id) { id status track programme { code } talent { name } unit { name } placements { id plannedStart } } }`, { id: ids.application.id }],
      [`query($id: ID!) { placement(id: $id) { id status talent { name } } }`, { id: ids.id }],
    ];
    for (const [query, variables] of cases) {
      const { fast, slow, statements } = await both(admin, query, variables);
      expect(fast.body.errors).toBeUndefined();
      expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
      expect(statements).toBe(1);
    }
  });

  it('no such row: null, as the resolver’s loader answers; a malformed id: the resolver’s error', async () => {
    const q = `query($id: ID!) { talent(id: $id) { id name } }`;
    const missing = await both(admin, q, { id: '01900000-0000-7000-8000-000000000000' });
    expect(missing.fast.body).toEqual({ data: { talent: null } });
    expect(JSON.stringify(missing.fast.body)).toBe(JSON.stringify(missing.slow.body));
    expect(missing.statements).toBe(1);
    const malformed = await both(admin, q, { id: 'not-a-uuid' });
    expect(malformed.fast.body.errors?.[0]?.extensions?.code).toBe(malformed.slow.body.errors?.[0]?.extensions?.code);
  });
});

describe('what the resolvers answer instead', () => {
  it('a scoped actor (a unit coordinator): the row filter decides row by row', async () => {
    const { fast, slow, statements } = await both(coordinator, DASHBOARD, { first: 50 });
    expect(fast.body.errors).toBeUndefined();
    expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
    expect(statements).toBeGreaterThan(1);
  });

  it('fields with their own resolver or rule (personal data, age on a day)', async () => {
    const query = `{ placements(first: 5) { nodes { id talent { name phone age } } } }`;
    const { fast, slow, statements } = await both(admin, query);
    expect(fast.body.errors).toBeUndefined();
    expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
    expect(statements).toBeGreaterThan(1);
  });

  it('fragments and directives', async () => {
    for (const query of [
      `{ placements(first: 3) { nodes { ...P } } } fragment P on Placement { id status unit { name } }`,
      `query($t: Boolean!) { placements(first: 3) { nodes { id status @include(if: $t) unit { name } } } }`,
    ]) {
      const { fast, slow, statements } = await both(admin, query, { t: true });
      expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
      expect(statements).toBeGreaterThan(1);
    }
  });

  it('bad page arguments: the same BAD_USER_INPUT naming the argument, nothing planned', async () => {
    const { fast, slow } = await both(admin, DASHBOARD, { first: 0 });
    expect(fast.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(fast.body.errors?.[0]?.extensions?.fields).toEqual(slow.body.errors?.[0]?.extensions?.fields);
    expect(JSON.stringify(fast.body.errors?.[0]?.extensions?.fields)).toContain('first');
  });
});

describe('SQL_READS=off', () => {
  it('sends every read through the resolvers (an operator’s switch), with the same answer', async () => {
    const off = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true, env: { SQL_READS: 'off' } });
    try {
      const token = await off.token('wenzhou', 'commission-admin');
      const before = off.sqlCount();
      const r = await off.gql(token, DASHBOARD, { first: 50 });
      expect(r.body.errors).toBeUndefined();
      expect(off.sqlCount() - before).toBeGreaterThan(1);
      expect(r.body.data.placements.nodes.length).toBe((await h.ok(admin, DASHBOARD, { first: 50 })).placements.nodes.length);
    } finally {
      await off.close();
    }
  }, 120_000);
});

describe('prepared statements (PREPARED_STATEMENTS=on, the default)', () => {
  it('a read by id is prepared once per tenant schema on a connection, never answered with another tenant’s statement, at most PREPARED_STATEMENTS_PER_CONNECTION kept', async () => {
    // One connection, so the test sees the statements its requests leave on it; room for two.
    const p = await startHarness({ poolMax: 1, env: { PREPARED_STATEMENTS_PER_CONNECTION: '2' } });
    try {
      const held = async () => (await p.app.orm.em.getConnection().execute(`select name, statement from pg_prepared_statements order by prepare_time`)) as { name: string; statement: string }[];
      const tenants = ['alpha', 'beta', 'gamma'] as const;
      const ids: Record<string, string> = {};
      const admins: Record<string, string> = {};
      for (const t of tenants) {
        admins[t] = await p.token(t, 'commission-admin');
        const unit = (await p.ok(admins[t]!, `mutation { createInstitution(input: { name: "${t} hospital", kind: HOSPITAL, dispatching: true, country: "CN", adminLevel: CITY }) { id } }`)).createInstitution.id;
        ids[t] = (await p.ok(admins[t]!, `mutation($u: ID!) { createTalent(input: { name: "${t} talent", gender: FEMALE, birthDate: "1980-05-01", unitId: $u, field: WESTERN_MEDICINE, profession: DOCTOR, titleGrade: INTERMEDIATE, highestDegree: MASTER }) { id } }`, { u: unit })).createTalent.id;
      }
      const query = `query($id: ID!) { talent(id: $id) { id name titleGrade birthDate } }`;
      /** Tenant `t` asked for the talent `id`: the planned answer (checked against the resolvers') and its statements. */
      const ask = async (t: string, id: string) => {
        const before = p.sqlCount();
        const fast = await p.gql(admins[t]!, query, { id });
        const statements = p.sqlCount() - before;
        const slow = await p.gql(admins[t]!, query, { id }, { accept: 'application/graphql-response+json' });
        expect(fast.body.errors).toBeUndefined();
        expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
        return { name: (fast.body.data.talent?.name ?? null) as string | null, statements };
      };

      // The same operation (one plan) in two schemas on one connection: each tenant its own rows.
      expect(await ask('alpha', ids.alpha!)).toEqual({ name: 'alpha talent', statements: 1 });
      expect(await ask('beta', ids.alpha!)).toEqual({ name: null, statements: 1 });
      expect(await ask('beta', ids.beta!)).toEqual({ name: 'beta talent', statements: 1 });
      expect(await ask('alpha', ids.beta!)).toEqual({ name: null, statements: 1 });
      const two = await held();
      expect(two).toHaveLength(2);
      expect(two.map((s) => s.statement.match(/"t_(\w+)"\."talent"/)?.[1])).toEqual(['alpha', 'beta']);

      // A third schema: beta's statement, the least recently used, is deallocated first.
      expect(await ask('gamma', ids.gamma!)).toEqual({ name: 'gamma talent', statements: 2 });
      const after = await held();
      expect(after.map((s) => s.statement.match(/"t_(\w+)"\."talent"/)?.[1]).sort()).toEqual(['alpha', 'gamma']);
      // …and prepared again when beta asks again (pg forgot it too), still within the bound.
      expect(await ask('beta', ids.beta!)).toEqual({ name: 'beta talent', statements: 2 });
      expect(await held()).toHaveLength(2);
    } finally {
      await p.close();
    }
  }, 120_000);
});

describe('planned pages as prepared statements', () => {
  it('a first page without a filter is a named statement (planned once per connection); a page after a cursor, or filtered, is sent unnamed', async () => {
    const tenant = (await h.app.tenancy.get('wenzhou'))!;
    const built = await h.app.schemas.get(h.app.host.enabled(tenant));
    const ctx = h.app.requestContext(tenant, { userId: 'planner', tenant: 'wenzhou', roles: ['commission-admin'], unitId: null, talentId: null }, 'prepared-pages');
    const sent: SqlStatement[] = [];
    const read = ctx.read.bind(ctx);
    ctx.read = (s: SqlStatement) => (sent.push(s), read(s));
    const op = getOperationAST(parse(`query($after: String, $filter: PlacementFilter) { placements(first: 2, after: $after, filter: $filter) { nodes { id unit { id } } pageInfo { endCursor } } }`))!;
    const first = JSON.parse((await answerInSql(built.schema, op, {}, ctx))!);
    const again = JSON.parse((await answerInSql(built.schema, op, {}, ctx))!);
    expect(again).toEqual(first);
    await answerInSql(built.schema, op, { after: first.placements.pageInfo.endCursor }, ctx);
    await answerInSql(built.schema, op, { filter: { unitId: first.placements.nodes[0].unit.id } }, ctx);
    expect(sent).toHaveLength(4);
    // The same text twice, under the hash of that text: one name is always one text.
    expect(sent[0]!.name).toBe(statementName(sent[0]!.text));
    expect(sent[1]!).toEqual(sent[0]!);
    expect([sent[2]!.name, sent[3]!.name]).toEqual([undefined, undefined]);
  });
});
