import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createUnit } from '../support/fixtures.js';

/**
 * Mutations with one input and a payload (src/graphql/payload.ts): a mistake the user can
 * correct comes back typed in `userErrors` and nothing is written; who may do it stays a
 * top-level error. Shown on the core's talentCreate / talentUpdate.
 */
let h: Harness;
let admin: string;
let unit: string;
const talentInput = (name: string, extra = '') => `{ name: "${name}", gender: FEMALE, birthDate: "1980-05-01", unitId: $u, field: WESTERN_MEDICINE, profession: DOCTOR, titleGrade: INTERMEDIATE, highestDegree: MASTER${extra} }`;
const count = async () => (await h.ok(admin, `{ talents(first: 1) { totalCount } }`)).talents.totalCount as number;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  unit = await createUnit(h, admin, '甲市人民医院');
});
afterAll(async () => h?.close());

describe('payload mutations', () => {
  it('return the record and no userErrors when they succeed', async () => {
    const r = await h.ok(admin, `mutation($u: ID!) { talentCreate(input: ${talentInput('王芳')}) { talent { id name version } userErrors { code field message messageZh } } }`, { u: unit });
    expect(r.talentCreate.userErrors).toEqual([]);
    expect(r.talentCreate.talent).toMatchObject({ name: '王芳', version: 1 });
    const u = await h.ok(admin, `mutation($id: ID!) { talentUpdate(input: { id: $id, patch: { name: "王芳芳" }, expectedVersion: 1 }) { talent { name version } userErrors { code } } }`, { id: r.talentCreate.talent.id });
    expect(u.talentUpdate).toEqual({ talent: { name: '王芳芳', version: 2 }, userErrors: [] });
  });

  it('give bad input as typed userErrors naming each field, in Chinese and English, and write nothing', async () => {
    const before = await count();
    const r = await h.gql(admin, `mutation($u: ID!) { talentCreate(input: ${talentInput('', ', phone: "call me"')}) { talent { id } userErrors { code field message messageZh } } }`, { u: unit });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.talentCreate.talent).toBeNull();
    const fields = r.body.data.talentCreate.userErrors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['name', 'phone']);
    for (const e of r.body.data.talentCreate.userErrors) {
      expect(e.code).toBe('BAD_USER_INPUT');
      expect(e.message).toMatch(/[a-z]/);
      expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await count()).toBe(before);
  });

  it('give a lost update as CONFLICT naming expectedVersion, and a missing record as NOT_FOUND', async () => {
    const t = await h.ok(admin, `mutation($u: ID!) { talentCreate(input: ${talentInput('李强')}) { talent { id } } }`, { u: unit });
    const id = t.talentCreate.talent.id;
    const stale = await h.ok(admin, `mutation($id: ID!) { talentUpdate(input: { id: $id, patch: { name: "李强强" }, expectedVersion: 7 }) { talent { id } userErrors { code field messageZh } } }`, { id });
    expect(stale.talentUpdate.talent).toBeNull();
    expect(stale.talentUpdate.userErrors).toMatchObject([{ code: 'CONFLICT', field: 'expectedVersion' }]);
    expect(stale.talentUpdate.userErrors[0].messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect((await h.ok(admin, `query($id: ID!) { talent(id: $id) { name } }`, { id })).talent.name).toBe('李强');
    const missing = await h.ok(admin, `mutation { talentUpdate(input: { id: "0190f0a0-0000-7000-8000-000000000000", patch: { name: "x" } }) { talent { id } userErrors { code } } }`);
    expect(missing.talentUpdate.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('roll the whole request back when one of its mutations has userErrors, as a thrown error does', async () => {
    const before = await count();
    const r = await h.ok(admin, `mutation($u: ID!) {
      first: talentCreate(input: ${talentInput('赵敏')}) { talent { id } userErrors { code } }
      second: talentCreate(input: ${talentInput('', '')}) { talent { id } userErrors { code field } }
    }`, { u: unit });
    expect(r.first.userErrors).toEqual([]);
    expect(r.second.userErrors).toEqual([{ code: 'BAD_USER_INPUT', field: 'name' }]);
    expect(await count()).toBe(before);
  });

  it('keep who-may-do-it a top-level error (FORBIDDEN), not a userError', async () => {
    const otherUnit = await createUnit(h, admin, '乙县医院');
    const coordinator = await h.token('alpha', 'unit-coordinator', { unitId: otherUnit });
    const r = await h.gql(coordinator, `mutation($u: ID!) { talentCreate(input: ${talentInput('孙丽')}) { talent { id } userErrors { code } } }`, { u: unit });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.body.data?.talentCreate ?? null).toBeNull();
  });

  it('keep the deprecated mutations working, each naming its replacement', async () => {
    const r = await h.ok(admin, `mutation($u: ID!) { createTalent(input: ${talentInput('周杰')}) { id name } }`, { u: unit });
    expect(r.createTalent.name).toBe('周杰');
    const sdl = await h.ok(admin, `{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`);
    const byName = Object.fromEntries(sdl.__type.fields.map((f: { name: string }) => [f.name, f]));
    expect(byName.createTalent).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringMatching(/^Use talentCreate/) });
    expect(byName.updateTalent).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringMatching(/^Use talentUpdate/) });
    expect(byName.talentCreate.isDeprecated).toBe(false);
  });
});
