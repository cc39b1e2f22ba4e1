import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_TENANTS, startHarness, type Harness } from '../support/harness.js';

/**
 * `orderBy` on the core's main lists (issue 17), through the API on the seeded Wenzhou tenant:
 * every order, both directions, paged forward (first/after) and backward (last/before) across
 * page boundaries, gives exactly the list's rows sorted here by (value, id) with empty values
 * last; cursors of another order or list are refused naming the argument. The commission's
 * placements are answered by the SQL planner (src/graphql/sql-reads.ts), a coordinator's by the
 * resolvers: both are checked.
 */
let h: Harness;
let admin: string;
let coordinator: string;

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
  admin = await h.token('wenzhou', 'commission-admin');
  const unitId = (await h.ok(admin, `{ placements(first: 1) { nodes { unit { id } } } }`)).placements.nodes[0].unit.id as string;
  coordinator = await h.token('wenzhou', 'unit-coordinator', { unitId });
  // The demo has one call and few outcomes: more, with ties and empty values, to sort.
  const programmes: [string, string, number | null, string | null][] = [
    ['ORD-1', '排序测试 乙', 2025, '2025-09-30'],
    ['ORD-2', '排序测试 甲', 2025, null],
    ['ORD-3', '排序测试 乙', null, '2025-09-30'],
    ['ORD-4', 'Ordering test', 2024, '2024-09-30'],
    ['ORD-5', '排序测试 乙', null, null],
  ];
  for (const [code, name, year, closesOn] of programmes) {
    await h.ok(admin, `mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`, { i: { scheme: 'wenzhou-overseas', code, name, year, referenceDate: '2025-06-30', closesOn } });
  }
  const talentId = (await h.ok(admin, `{ talents(first: 1) { nodes { id } } }`)).talents.nodes[0].id as string;
  const outcomes: [string, string][] = [
    ['paper', '2025-03-01'],
    ['patent', '2025-03-01'],
    ['paper', '2025-01-15'],
    ['paper', '2025-03-01'],
    ['grant', '2024-12-31'],
    ['patent', '2025-01-15'],
  ];
  for (const [category, achievedOn] of outcomes) {
    await h.ok(admin, `mutation($i: OutcomeInput!) { recordOutcome(input: $i) { id } }`, { i: { talentId, category, title: `Ordering ${category}`, achievedOn } });
  }
}, 300_000);
afterAll(async () => h?.close());

type Row = { id: string } & Record<string, unknown>;
type Page = { nodes: Row[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };

/** Each list, its order input, and fields to sort by (enum value → the field selected to check it). */
const LISTS: { list: string; type: string; fields: Record<string, string>; enums?: string[] }[] = [
  { list: 'talents', type: 'TalentOrder', fields: { NAME: 'name', BIRTH_DATE: 'birthDate', CREATED_AT: 'createdAt' } },
  { list: 'institutions', type: 'InstitutionOrder', fields: { NAME: 'name', COUNTRY: 'country', KIND: 'kind' }, enums: ['kind'] },
  { list: 'programmes', type: 'ProgrammeOrder', fields: { YEAR: 'year', NAME: 'name', CLOSES_ON: 'closesOn' } },
  { list: 'applications', type: 'ApplicationOrder', fields: { SUBMITTED_AT: 'submittedAt', STATUS: 'status', UPDATED_AT: 'updatedAt' }, enums: ['status'] },
  { list: 'placements', type: 'PlacementOrder', fields: { PLANNED_START: 'plannedStart', ACTUAL_START: 'actualStart', STATUS: 'status' }, enums: ['status'] },
  { list: 'reports', type: 'ReportOrder', fields: { DUE_ON: 'dueOn', SUBMITTED_AT: 'submittedAt', STATUS: 'status' }, enums: ['status'] },
  { list: 'outcomes', type: 'OutcomeOrder', fields: { ACHIEVED_ON: 'achievedOn', CATEGORY: 'category' } },
];

const query = (list: string, type: string, field: string) => `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: ${type}) {
  ${list}(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
    nodes { id ${field} }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** The rows sorted as the API promises: by value (enum values as stored, in lower case), empty last, then id; all in the direction. */
function sorted(rows: Row[], field: string, desc: boolean, isEnum: boolean): string[] {
  const key = (r: Row) => {
    const v = r[field];
    return v == null ? null : isEnum ? String(v).toLowerCase() : v;
  };
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : (a as string | number) < (b as string | number) ? -1 : 1);
  return [...rows]
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === null || y === null) return x === y ? cmp(a.id, b.id) * (desc ? -1 : 1) : x === null ? 1 : -1;
      return (cmp(x, y) || cmp(a.id, b.id)) * (desc ? -1 : 1);
    })
    .map((r) => r.id);
}

/** Walk the whole list forward and backward in pages of `size`, checking pageInfo on the way; the ids in list order each way. */
async function walk(token: string, q: string, orderBy: unknown, size: number, compare?: (vars: Record<string, unknown>) => Promise<void>) {
  const pages: Page[] = [];
  const get = async (vars: Record<string, unknown>): Promise<Page> => {
    await compare?.(vars);
    const data = await h.ok(token, q, { ...vars, orderBy });
    return Object.values(data)[0] as Page;
  };
  const forward: string[] = [];
  let after: string | null = null;
  for (let i = 0; ; i++) {
    const p = await get({ first: size, after });
    pages.push(p);
    forward.push(...p.nodes.map((n) => n.id));
    expect(p.pageInfo.hasPreviousPage).toBe(i > 0);
    if (!p.pageInfo.hasNextPage) break;
    expect(p.nodes).toHaveLength(size);
    after = p.pageInfo.endCursor;
  }
  const backward: string[] = [];
  let before: string | null = null;
  for (let i = 0; ; i++) {
    const p = await get({ last: size, before });
    backward.unshift(...p.nodes.map((n) => n.id));
    expect(p.pageInfo.hasNextPage).toBe(i > 0);
    if (!p.pageInfo.hasPreviousPage) break;
    expect(p.nodes).toHaveLength(size);
    before = p.pageInfo.startCursor;
  }
  // The page before the second forward page is the first.
  if (pages.length > 1) {
    const back = await get({ last: size, before: pages[1]!.pageInfo.startCursor });
    expect(back.nodes.map((n) => n.id)).toEqual(pages[0]!.nodes.map((n) => n.id));
  }
  return { forward, backward, boundaries: pages.slice(0, -1).map((p) => p.nodes.at(-1)!.id) };
}

describe('orderBy on the main lists', () => {
  let ties = 0;
  let empties = 0;
  for (const { list, type, fields, enums = [] } of LISTS) {
    for (const [value, field] of Object.entries(fields)) {
      it(`${list} by ${value}, ASC and DESC, forward and backward across pages`, async () => {
        const q = query(list, type, field);
        const all = (Object.values(await h.ok(admin, q, { first: 1000 }))[0] as Page).nodes;
        expect(all.length, `${list} has rows to sort`).toBeGreaterThan(3);
        const size = Math.max(2, Math.ceil(all.length / 5));
        for (const direction of ['ASC', 'DESC']) {
          const expected = sorted(all, field, direction === 'DESC', enums.includes(field));
          const { forward, backward, boundaries } = await walk(admin, q, { field: value, direction }, size);
          expect(forward, `${list} ${value} ${direction} forward`).toEqual(expected);
          expect(backward, `${list} ${value} ${direction} backward`).toEqual(expected);
          // Ties across a page boundary: the last row of a page and the first of the next share a value.
          const byId = new Map(all.map((r) => [r.id, r[field]]));
          ties += boundaries.filter((id) => byId.get(id) === byId.get(expected[expected.indexOf(id) + 1]!)).length;
          empties += all.filter((r) => r[field] == null).length;
        }
      });
    }
  }

  it('the cases above met ties at page boundaries and empty values', () => {
    expect(ties).toBeGreaterThan(5);
    expect(empties).toBeGreaterThan(0);
  });

  it('placements sorted for the commission (one SQL statement) and for a unit coordinator (the resolvers) give the resolvers’ answer', async () => {
    const q = query('placements', 'PlacementOrder', 'plannedStart status');
    const slowEqualsFast = async (vars: Record<string, unknown>): Promise<Page> => {
      const before = h.sqlCount();
      const fast = await h.gql(admin, q, vars);
      // The planner answered: one statement for the page, its cursors and pageInfo.
      expect(h.sqlCount() - before).toBe(1);
      const slow = await h.gql(admin, q, vars, { accept: 'application/graphql-response+json' });
      expect(fast.body.errors).toBeUndefined();
      expect(JSON.stringify(fast.body)).toBe(JSON.stringify(slow.body));
      return fast.body.data.placements;
    };
    for (const direction of ['ASC', 'DESC']) {
      const orderBy = { field: 'PLANNED_START', direction };
      let page = await slowEqualsFast({ first: 4, orderBy });
      while (page.pageInfo.hasNextPage) page = await slowEqualsFast({ first: 4, after: page.pageInfo.endCursor, orderBy });

      const mine = (await h.ok(coordinator, q, { first: 1000 })).placements.nodes as Row[];
      expect(mine.length).toBeGreaterThan(1);
      const { forward, backward } = await walk(coordinator, q, orderBy, 2);
      const expected = sorted(mine, 'plannedStart', direction === 'DESC', false);
      expect(forward).toEqual(expected);
      expect(backward).toEqual(expected);
    }
  });

  it('refuses a cursor of another order, of another list, of the default order and a made-up one, naming after or before', async () => {
    const byName = (await h.ok(admin, query('talents', 'TalentOrder', 'name'), { first: 2, orderBy: { field: 'NAME', direction: 'ASC' } })).talents.pageInfo.endCursor as string;
    const plain = (await h.ok(admin, query('talents', 'TalentOrder', 'name'), { first: 2 })).talents.pageInfo.endCursor as string;
    const unitByName = (await h.ok(admin, query('institutions', 'InstitutionOrder', 'name'), { first: 2, orderBy: { field: 'NAME', direction: 'ASC' } })).institutions.pageInfo.endCursor as string;
    const refused = async (vars: Record<string, unknown>, field: string, message: RegExp) => {
      const r = await h.gql(admin, query('talents', 'TalentOrder', 'name'), vars);
      expect(r.body.data?.talents ?? null).toBeNull();
      expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(r.body.errors?.[0]?.message).toMatch(message);
    };
    const other = /another order or list.*另一种排序/;
    await refused({ first: 2, after: byName, orderBy: { field: 'NAME', direction: 'DESC' } }, 'after', other);
    await refused({ first: 2, after: byName, orderBy: { field: 'BIRTH_DATE', direction: 'ASC' } }, 'after', other);
    await refused({ last: 2, before: byName }, 'before', other);
    await refused({ last: 2, before: plain, orderBy: { field: 'NAME', direction: 'ASC' } }, 'before', other);
    await refused({ first: 2, after: unitByName, orderBy: { field: 'NAME', direction: 'ASC' } }, 'after', other);
    await refused({ first: 2, after: Buffer.from('v1|Talent.name.asc|=x|nope').toString('base64url'), orderBy: { field: 'NAME', direction: 'ASC' } }, 'after', /not a cursor from this API.*不是本接口/);
    await refused({ first: 2, after: Buffer.from('v1|Talent.birthDate.asc|=yesterday|018f0000-0000-7000-8000-000000000000').toString('base64url'), orderBy: { field: 'BIRTH_DATE', direction: 'ASC' } }, 'after', /not a cursor from this API/);
    // The same order takes it.
    const next = await h.ok(admin, query('talents', 'TalentOrder', 'name'), { first: 2, after: byName, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(next.talents.nodes).toHaveLength(2);
  });
});

/**
 * The plugins' main lists take the same `orderBy`: found from each tenant's schema (every root
 * list with an `orderBy` argument whose type carries the plugin's prefix), each field of its enum
 * in both directions, walked forward and backward, equal to the rows sorted here.
 */
describe('orderBy on the plugins’ lists', () => {
  const TENANTS: [string, string][] = [
    ['wenzhou', 'Wenzhou'],
    ['guizhou', 'Guizhou'],
    ['yuping', 'County'],
    ['wuhanunion', 'Hospital'],
  ];
  const nonEmpty: string[] = [];
  for (const [tenant, prefix] of TENANTS) {
    it(`${tenant}: every ${prefix}…Order field, ASC and DESC, forward and backward`, async () => {
      const token = await h.token(tenant, 'commission-admin');
      const schema = await h.ok(token, `{ __schema { queryType { fields { name args { name type { name } } type { ofType { name } } } } } }`);
      const lists = (schema.__schema.queryType.fields as { name: string; args: { name: string; type: { name: string | null } }[]; type: { ofType: { name: string } | null } }[]).filter((f) =>
        f.args.some((a) => a.name === 'orderBy' && a.type.name?.startsWith(prefix)),
      );
      expect(lists.length, `${tenant} has plugin lists with orderBy`).toBeGreaterThan(0);
      for (const list of lists) {
        const orderType = list.args.find((a) => a.name === 'orderBy')!.type.name!;
        const values = (await h.ok(token, `query($n: String!) { __type(name: $n) { enumValues { name } } }`, { n: `${orderType}Field` })).__type.enumValues.map((v: { name: string }) => v.name) as string[];
        const conn = (await h.ok(token, `query($n: String!) { __type(name: $n) { fields { name type { ofType { ofType { ofType { name } } } } } } }`, { n: list.type.ofType!.name })).__type.fields;
        const nodeType = conn.find((f: { name: string }) => f.name === 'nodes').type.ofType.ofType.ofType.name as string;
        const fields = (await h.ok(token, `query($n: String!) { __type(name: $n) { fields { name type { kind name ofType { kind name } } } } }`, { n: nodeType })).__type.fields as { name: string; type: { kind: string; name: string | null; ofType: { kind: string; name: string } | null } }[];
        for (const value of values) {
          // The enum's field is the record's field of the same name (PLANNED_START → plannedStart).
          const name = value.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
          const field = fields.find((f) => f.name === name);
          expect(field, `${nodeType}.${name}`).toBeDefined();
          const leaf = field!.type.kind === 'NON_NULL' ? field!.type.ofType! : field!.type;
          const q = query(list.name, orderType, name);
          const all = (Object.values(await h.ok(token, q, { first: 1000 }))[0] as Page).nodes;
          if (all.length > 3) nonEmpty.push(`${list.name}.${value}`);
          for (const direction of ['ASC', 'DESC']) {
            const expected = sorted(all, name, direction === 'DESC', leaf.kind === 'ENUM');
            const { forward, backward } = await walk(token, q, { field: value, direction }, Math.max(2, Math.ceil(all.length / 4)));
            expect(forward, `${list.name} ${value} ${direction} forward`).toEqual(expected);
            expect(backward, `${list.name} ${value} ${direction} backward`).toEqual(expected);
          }
        }
      }
    });
  }

  it('most plugin lists had rows to sort', () => {
    expect(new Set(nonEmpty.map((n) => n.split('.')[0])).size).toBeGreaterThanOrEqual(5);
  });
});
