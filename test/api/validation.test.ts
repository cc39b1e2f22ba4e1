import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

let h: Harness;
let admin: string;
let unit: string;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  unit = await createUnit(h, admin, 'Unit');
});
afterAll(async () => h?.close());

const CREATE = `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`;
const base = () => ({ name: 'Wang Wu', gender: 'MALE', birthDate: '1980-01-01', unitId: unit, field: 'NURSING', profession: 'NURSE', titleGrade: 'JUNIOR', highestDegree: 'BACHELOR' });
const count = async () => (await h.ok(admin, `{ talents { totalCount } }`)).talents.totalCount as number;

describe('input validation', () => {
  it('names every bad field and writes nothing', async () => {
    const before = await count();
    const r = await h.gql(admin, CREATE, { i: { ...base(), name: '  ', phone: 'call me', idCardNumber: '123', adminExperienceMonths: -1 } });
    const err = r.body.errors?.[0];
    expect(err?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err?.extensions?.fields.map((f: any) => f.field).sort()).toEqual(['adminExperienceMonths', 'idCardNumber', 'name', 'phone']);
    expect(err?.message).toContain('phone');
    expect(await count()).toBe(before);
  });

  it('refuses an impossible calendar date in the Date scalar', async () => {
    const r = await h.gql(admin, CREATE, { i: { ...base(), birthDate: '2023-02-30' } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toContain('i.birthDate');
    expect(r.body.errors?.[0]?.message).toContain('calendar day');
  });

  it('refuses an unknown enum value before any resolver runs', async () => {
    const r = await h.gql(admin, CREATE, { i: { ...base(), field: 'ASTROLOGY' } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors?.[0]?.message).toContain('field');
  });

  it('refuses a unit that does not exist', async () => {
    const r = await h.gql(admin, CREATE, { i: { ...base(), unitId: '01900000-0000-7000-8000-000000000000' } });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Institution' });
  });

  it('turns a lost update into a conflict', async () => {
    const id = await createTalent(h, admin, unit, { name: 'Versioned' });
    const { talent } = await h.ok(admin, `query($id: ID!) { talent(id: $id) { version } }`, { id });
    await h.ok(admin, `mutation($id: ID!, $v: Int) { updateTalent(id: $id, patch: { department: "ICU" }, expectedVersion: $v) { version } }`, { id, v: talent.version });
    const stale = await h.gql(admin, `mutation($id: ID!, $v: Int) { updateTalent(id: $id, patch: { department: "ER" }, expectedVersion: $v) { version } }`, { id, v: talent.version });
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    const now = await h.ok(admin, `query($id: ID!) { talent(id: $id) { department } }`, { id });
    expect(now.talent.department).toBe('ICU');
  });
});

describe('cursor pagination', () => {
  it('walks every row exactly once, in creation order', async () => {
    for (let i = 0; i < 7; i++) await createTalent(h, admin, unit, { name: `Paged ${i}` });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await h.ok(admin, `query($a: String) { talents(first: 3, after: $a, filter: { search: "Paged" }) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`, { a: after });
      seen.push(...r.talents.edges.map((e: any) => e.node.name));
      if (!r.talents.pageInfo.hasNextPage) break;
      after = r.talents.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Paged ${i}`));
  });

  it('refuses a page size out of range and a cursor that is not ours', async () => {
    const a = await h.gql(admin, `{ talents(first: 0) { totalCount } }`);
    expect(a.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const b = await h.gql(admin, `{ talents(after: "'; drop table talent; --") { totalCount } }`);
    expect(b.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // Cursors are opaque: a bare id (what cursors were once) is not one.
    const id = (await h.ok(admin, `{ talents(first: 1) { nodes { id } } }`)).talents.nodes[0].id;
    const c = await h.gql(admin, `query($a: String) { talents(first: 1, after: $a) { totalCount } }`, { a: id });
    expect(c.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const d = await h.gql(admin, `{ talents(first: 2, last: 2) { totalCount } }`);
    expect(d.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    const e = await h.gql(admin, `{ talents(last: 1001) { totalCount } }`);
    expect(e.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
  });

  it('walks backward with last and before, and says where each page sits', async () => {
    const PAGE = `query($b: String) { talents(last: 3, before: $b, filter: { search: "Paged" }) { nodes { name } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const pages: string[][] = [];
    let before: string | null = null;
    for (;;) {
      const r: any = await h.ok(admin, PAGE, { b: before });
      pages.push(r.talents.nodes.map((n: any) => n.name));
      expect(r.talents.pageInfo.hasNextPage).toBe(before !== null);
      if (!r.talents.pageInfo.hasPreviousPage) break;
      before = r.talents.pageInfo.startCursor;
    }
    expect(pages).toEqual([['Paged 4', 'Paged 5', 'Paged 6'], ['Paged 1', 'Paged 2', 'Paged 3'], ['Paged 0']]);
    // Forward from the middle: the page knows there are rows before it.
    const first = (await h.ok(admin, `{ talents(first: 2, filter: { search: "Paged" }) { pageInfo { hasPreviousPage endCursor } } }`)).talents.pageInfo;
    expect(first.hasPreviousPage).toBe(false);
    const second = (await h.ok(admin, `query($a: String) { talents(first: 2, after: $a, filter: { search: "Paged" }) { nodes { name } pageInfo { hasPreviousPage hasNextPage } } }`, { a: first.endCursor })).talents;
    expect(second).toEqual({ nodes: [{ name: 'Paged 2' }, { name: 'Paged 3' }], pageInfo: { hasPreviousPage: true, hasNextPage: true } });
  });

  it('the audit trail pages the same way, by its sequence', async () => {
    const all = (await h.ok(admin, `{ auditTrail(first: 1000) { nodes { seq } } }`)).auditTrail.nodes.map((n: any) => n.seq);
    expect(all.length).toBeGreaterThan(3);
    const tail = (await h.ok(admin, `{ auditTrail(last: 2) { nodes { seq } pageInfo { hasPreviousPage hasNextPage startCursor } } }`)).auditTrail;
    expect(tail.nodes.map((n: any) => n.seq)).toEqual(all.slice(-2));
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const bad = await h.gql(admin, `{ auditTrail(first: 5000) { totalCount } }`);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('transactions', () => {
  it('a mutation request is all or nothing: a failing second field undoes the first', async () => {
    const before = await count();
    const r = await h.gql(admin, `mutation($a: TalentInput!, $b: TalentInput!) { first: createTalent(input: $a) { id } second: createTalent(input: $b) { id } }`, {
      a: { ...base(), name: 'Committed?' },
      b: { ...base(), name: 'Broken', unitId: '01900000-0000-7000-8000-000000000000' },
    });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await count()).toBe(before);
    const search = await h.ok(admin, `{ talents(filter: { search: "Committed?" }) { totalCount } }`);
    expect(search.talents.totalCount).toBe(0);
  });
});
