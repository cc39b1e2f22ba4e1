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
