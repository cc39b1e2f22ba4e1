import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

let h: Harness;
let admin: string;
let unitA: string;
let unitB: string;
let talentA: string;
let talentB: string;

const sign = (claims: Record<string, unknown>, secret: string, exp: string | number = '1h') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('someone').setIssuer('talent-schemes').setAudience('talent-schemes-api').setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(secret));

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  unitA = await createUnit(h, admin, 'Unit A');
  unitB = await createUnit(h, admin, 'Unit B');
  talentA = await createTalent(h, admin, unitA, { name: 'Person A', phone: '13900000002', idCardNumber: '33030219850315123X' });
  talentB = await createTalent(h, admin, unitB, { name: 'Person B' });
});
afterAll(async () => h?.close());

describe('bearer tokens', () => {
  it('refuses a request without a token, and never falls back to a default tenant', async () => {
    const r = await h.gql(null, `{ talents { totalCount } }`);
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.body.data).toBeUndefined();
  });

  it.each([
    ['signed with another key', async () => sign({ tenant: 'alpha', roles: ['commission-admin'] }, 'x'.repeat(40))],
    ['expired', async () => sign({ tenant: 'alpha', roles: ['commission-admin'] }, h.app.config.jwtSecret!, Math.floor(Date.now() / 1000) - 60)],
    ['alg none', async () => new UnsecuredJWT({ tenant: 'alpha', roles: ['commission-admin'] }).setSubject('x').setIssuer('talent-schemes').setAudience('talent-schemes-api').encode()],
    ['without roles', async () => sign({ tenant: 'alpha', roles: [] }, h.app.config.jwtSecret!)],
    ['with an unknown role', async () => sign({ tenant: 'alpha', roles: ['root'] }, h.app.config.jwtSecret!)],
  ])('refuses a token %s', async (_name, make) => {
    const r = await h.gql(await make(), `{ talents { totalCount } }`);
    expect(r.status).toBe(401);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(r.body)).not.toContain('Person');
  });

  it('refuses an X-Tenant header that differs from the token’s tenant', async () => {
    const r = await h.gql(admin, `{ talents { totalCount } }`, {}, { 'x-tenant': 'beta' });
    expect(r.status).toBe(403);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('TENANT_MISMATCH');
    const same = await h.gql(admin, `{ talents { totalCount } }`, {}, { 'x-tenant': 'alpha' });
    expect(same.body.data?.talents.totalCount).toBe(2);
  });

  it('refuses a token for a tenant that does not exist', async () => {
    const r = await h.gql(await h.token('nowhere', 'commission-admin'), `{ me { userId } }`);
    expect(r.status).toBe(403);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('TENANT_UNKNOWN');
  });

  it('tells the caller who they are', async () => {
    const t = await h.token('alpha', 'unit-coordinator', { unitId: unitA, userId: 'coord-a' });
    expect(await h.ok(t, `{ me { userId roles unitId } tenant { key plugins { key } } }`)).toEqual({
      me: { userId: 'coord-a', roles: ['unit-coordinator'], unitId: unitA },
      tenant: { key: 'alpha', plugins: [{ key: 'sample-scheme' }] },
    });
  });
});

describe('roles and row scoping', () => {
  it('a unit coordinator sees only its own unit’s talents, even when filtering for another unit', async () => {
    const t = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
    const r = await h.ok(t, `query($b: ID!, $tb: ID!) { talents { nodes { name } } other: talents(filter: { unitId: $b }) { totalCount } talent(id: $tb) { name } }`, { b: unitB, tb: talentB });
    expect(r).toEqual({ talents: { nodes: [{ name: 'Person A' }] }, other: { totalCount: 0 }, talent: null });
  });

  it('a unit coordinator cannot create or change talents of another unit', async () => {
    const t = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
    const create = await h.gql(t, `mutation($u: ID!) { createTalent(input: { name: "X", gender: MALE, birthDate: "1990-01-01", unitId: $u, field: NURSING, profession: NURSE, titleGrade: JUNIOR, highestDegree: BACHELOR }) { id } }`, { u: unitB });
    expect(create.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const update = await h.gql(t, `mutation($id: ID!) { updateTalent(id: $id, patch: { department: "X" }) { id } }`, { id: talentB });
    expect(update.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const count = await h.ok(admin, `{ talents { totalCount } }`);
    expect(count.talents.totalCount).toBe(2);
  });

  it('a viewer reads but cannot write', async () => {
    const viewer = await h.token('alpha', 'viewer');
    expect((await h.ok(viewer, `{ talents { totalCount } }`)).talents.totalCount).toBe(2);
    const r = await h.gql(viewer, `mutation { createInstitution(input: { name: "X", kind: HOSPITAL, country: "CN" }) { id } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a talent sees only itself', async () => {
    const t = await h.token('alpha', 'talent', { talentId: talentA, unitId: unitA });
    const r = await h.ok(t, `{ talents { nodes { name phone } } }`);
    expect(r.talents.nodes).toEqual([{ name: 'Person A', phone: '13900000002' }]);
  });

  it('personal data is for the talent, their unit and the commission only', async () => {
    const q = `query($id: ID!) { talent(id: $id) { name phone idCardNumber } }`;
    const coordA = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
    expect((await h.ok(coordA, q, { id: talentA })).talent).toEqual({ name: 'Person A', phone: '13900000002', idCardNumber: '33030219850315123X' });
    expect((await h.ok(admin, q, { id: talentA })).talent.phone).toBe('13900000002');
    const expert = await h.token('alpha', 'committee-expert');
    const r = await h.gql(expert, q, { id: talentA });
    expect(r.body.data?.talent).toEqual({ name: 'Person A', phone: null, idCardNumber: null });
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(JSON.stringify(r.body)).not.toContain('13900000002');
  });
});
