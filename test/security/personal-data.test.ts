import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit-chain.js';
import { createLogger } from '../../src/log.js';
import { FIXTURE_TENANTS, startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';

/**
 * ID-card numbers and phone numbers: readable only by the talent, their unit and the commission;
 * encrypted at rest (the stored bytes never contain the clear value), matched through a blind
 * index (one talent per ID number in a tenant), and never written to a log.
 */
const ID = '33030219850315123X';
const PHONE = '13912345678';
let h: Harness;
let db: pg.Client;
let logged = '';
let admin: string;
let unitA: string;
let unitB: string;
let talentA: string;

beforeAll(async () => {
  // Every log line of the app, at the most verbose level, goes into `logged`.
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged += chunk.toString();
      done();
    },
  });
  h = await startHarness({ log: createLogger('trace', sink) });
  db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
  admin = await h.token('alpha', 'commission-admin');
  unitA = await createUnit(h, admin, 'Unit A');
  unitB = await createUnit(h, admin, 'Unit B');
  const coordA = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
  talentA = await createTalent(h, coordA, unitA, { name: 'Person A', phone: PHONE, idCardNumber: ID });
});
afterAll(async () => {
  await db?.end();
  await h?.close();
});

const q = `query($id: ID!) { talent(id: $id) { name phone idCardNumber } }`;

describe('who reads personal data', () => {
  it('the talent, their unit and the commission read it', async () => {
    const readers = [
      await h.token('alpha', 'talent', { talentId: talentA, unitId: unitA }),
      await h.token('alpha', 'unit-coordinator', { unitId: unitA }),
      admin,
    ];
    for (const t of readers) expect((await h.ok(t, q, { id: talentA })).talent).toEqual({ name: 'Person A', phone: PHONE, idCardNumber: ID });
  });

  it('everyone else gets FORBIDDEN on those fields (or no row at all), and never the value', async () => {
    for (const role of ['viewer', 'committee-expert', 'mentor'] as const) {
      const r = await h.gql(await h.token('alpha', role), q, { id: talentA });
      expect(r.body.data?.talent).toEqual({ name: 'Person A', phone: null, idCardNumber: null });
      expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(JSON.stringify(r.body)).not.toContain(PHONE);
    }
    const otherUnit = await h.gql(await h.token('alpha', 'unit-coordinator', { unitId: unitB }), q, { id: talentA });
    expect(otherUnit.body).toEqual({ data: { talent: null } });
    const otherTalent = await h.gql(await h.token('alpha', 'talent', { talentId: '00000000-0000-7000-8000-000000000001', unitId: unitA }), `{ talents { nodes { phone } } }`);
    expect(otherTalent.body.data?.talents.nodes).toEqual([]);
  });
});

describe('at rest', () => {
  it('stores ciphertext: no column, audit entry or index of the tenant contains the clear values', async () => {
    const row = (await db.query(`select id_card_number, phone, id_card_index from t_alpha.talent where id = $1`, [talentA])).rows[0];
    expect(row.id_card_number).toMatch(/^enc:v1:/);
    expect(row.phone).toMatch(/^enc:v1:/);
    expect(row.id_card_index).toMatch(/^[0-9a-f]{64}$/);
    const tables = (await db.query(`select table_name from information_schema.tables where table_schema = 't_alpha' and table_type = 'BASE TABLE'`)).rows.map((r) => r.table_name as string);
    expect(tables).toContain('audit_entry');
    for (const t of tables) {
      const dump = (await db.query(`select coalesce(string_agg(x::text, E'\\n'), '') as text from t_alpha."${t}" x`)).rows[0].text as string;
      expect(dump, t).not.toContain(PHONE);
      expect(dump, t).not.toContain(ID);
      expect(dump, t).not.toContain('19850315');
    }
  });

  it('changing one field does not rewrite the encrypted ones (one version step, one changed field audited)', async () => {
    const before = (await db.query(`select version, phone from t_alpha.talent where id = $1`, [talentA])).rows[0];
    await h.ok(admin, `mutation($id: ID!) { updateTalent(id: $id, patch: { department: "Cardiology" }) { id } }`, { id: talentA });
    const after = (await db.query(`select version, phone from t_alpha.talent where id = $1`, [talentA])).rows[0];
    expect(after.version).toBe(before.version + 1);
    expect(after.phone).toBe(before.phone);
    const audit = (await db.query(`select after from t_alpha.audit_entry where entity_id = $1 and action = 'update' order by seq desc limit 1`, [talentA])).rows[0];
    expect(Object.keys(audit.after).sort()).toEqual(['department', 'updatedAt']);
    expect(audit.after).toHaveProperty('department', 'Cardiology');
  });

  it('rows written before encryption are encrypted and indexed when the tenant is migrated again', async () => {
    const legacyId = '110101199001011234';
    await db.query(
      `insert into t_alpha.talent (id, created_at, updated_at, version, name, gender, birth_date, unit_id, field, profession, title_grade, highest_degree, id_card_number, phone)
       values ('01900000-0000-7000-8000-000000000abc', now(), now(), 1, 'Legacy Person', 'female', '1990-01-01', $1, 'nursing', 'nurse', 'junior', 'bachelor', $2, '13800000000')`,
      [unitA, legacyId],
    );
    await h.app.provisionFolder(FIXTURE_TENANTS);
    const row = (await db.query(`select id_card_number, phone, id_card_index from t_alpha.talent where name = 'Legacy Person'`)).rows[0];
    expect(row.id_card_number).toMatch(/^enc:v1:/);
    expect(row.phone).toMatch(/^enc:v1:/);
    const found = await h.ok(admin, `query($n: String!) { talents(filter: { idCardNumber: $n }) { nodes { name phone } } }`, { n: legacyId });
    expect(found.talents.nodes).toEqual([{ name: 'Legacy Person', phone: '13800000000' }]);
  });
});

describe('matching through the blind index', () => {
  it('finds a talent by ID number (case and spaces do not matter), for the unit and the commission only', async () => {
    const find = `query($n: String!) { talents(filter: { idCardNumber: $n }) { nodes { id } } }`;
    expect((await h.ok(admin, find, { n: ID })).talents.nodes).toEqual([{ id: talentA }]);
    expect((await h.ok(admin, find, { n: ` ${ID.toLowerCase()} ` })).talents.nodes).toEqual([{ id: talentA }]);
    expect((await h.ok(admin, find, { n: '330302198503151230' })).talents.nodes).toEqual([]);
    const viewer = await h.gql(await h.token('alpha', 'viewer'), find, { n: ID });
    expect(viewer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(viewer.body)).not.toContain(talentA);
    // Another unit's coordinator is row-scoped: the match is not even revealed.
    expect((await h.ok(await h.token('alpha', 'unit-coordinator', { unitId: unitB }), find, { n: ID })).talents.nodes).toEqual([]);
  });

  it('allows one talent per ID number in a tenant (CONFLICT naming the field, nothing written), and the same number in another tenant', async () => {
    const count = async () => (await db.query(`select count(*)::int as n from t_alpha.talent`)).rows[0].n;
    const n = await count();
    const r = await h.gql(await h.token('alpha', 'unit-coordinator', { unitId: unitB }), `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
      i: { name: 'Copy', gender: 'MALE', birthDate: '1985-03-15', unitId: unitB, field: 'NURSING', profession: 'NURSE', titleGrade: 'JUNIOR', highestDegree: 'BACHELOR', idCardNumber: ID },
    });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idCardNumber' });
    expect(await count()).toBe(n);
    const beta = await h.token('beta', 'commission-admin');
    await createTalent(h, beta, await createUnit(h, beta, 'Beta unit'), { name: 'Beta namesake', idCardNumber: ID });
  });

  it('two requests registering the same new ID number at once: one wins, the other gets CONFLICT', async () => {
    const fresh = '440101199202023456';
    const make = (name: string) =>
      h.gql(admin, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
        i: { name, gender: 'MALE', birthDate: '1992-02-02', unitId: unitA, field: 'NURSING', profession: 'NURSE', titleGrade: 'JUNIOR', highestDegree: 'BACHELOR', idCardNumber: fresh },
      });
    const results = await Promise.all([make('Racer 1'), make('Racer 2'), make('Racer 3')]);
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const { rows } = await db.query(`select count(*)::int as n from t_alpha.talent where name like 'Racer %'`);
    expect(rows[0].n).toBe(1);
  });
});

describe('no ID-number oracle across units (issue 12, item 11)', () => {
  const create = (token: string, unitId: string, idCardNumber: string, name = 'Probe') =>
    h.gql(token, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
      i: { name, gender: 'MALE', birthDate: '1985-03-15', unitId, field: 'NURSING', profession: 'NURSE', titleGrade: 'JUNIOR', highestDegree: 'BACHELOR', idCardNumber },
    });
  const refusals = async (unitId: string) => (await db.query(`select actor, entity_id from t_alpha.audit_entry where action = 'refused-foreign-id-number' and after->>'unitId' = $1`, [unitId])).rows;

  it('tells a unit only that the number is taken in the region, audits it, and stops a unit that keeps probing', async () => {
    const unitC = await createUnit(h, admin, 'Unit C');
    const coordC = await h.token('alpha', 'unit-coordinator', { unitId: unitC, userId: 'coord-c' });
    const talents = async () => (await db.query(`select count(*)::int as n from t_alpha.talent`)).rows[0].n;
    const before = await talents();

    const first = await create(coordC, unitC, ID);
    expect(first.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idCardNumber' });
    expect(first.body.errors?.[0]?.message).toMatch(/another unit/);
    expect(JSON.stringify(first.body)).not.toContain(talentA);
    // The refusal outlives the request's rollback, in the commission's audit trail, naming whom it concerns.
    expect(await refusals(unitC)).toEqual([{ actor: 'coord-c', entity_id: talentA }]);

    // Four more (the local default allows five a day per unit), then every ID number is refused, taken or not.
    for (let i = 0; i < 4; i++) expect((await create(coordC, unitC, ID)).body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const fresh = await create(coordC, unitC, '120104199307085678');
    expect(fresh.body.errors?.[0]?.extensions).toMatchObject({ code: 'ID_NUMBER_CHECKS_EXHAUSTED', field: 'idCardNumber', max: 5 });
    const another = await h.token('alpha', 'unit-coordinator', { unitId: unitC, userId: 'coord-c2' });
    expect((await create(another, unitC, ID)).body.errors?.[0]?.extensions?.code).toBe('ID_NUMBER_CHECKS_EXHAUSTED');
    expect(await refusals(unitC)).toHaveLength(5);
    expect(await talents()).toBe(before);

    // The unit still registers people without an ID number; the commission still writes ID numbers for it.
    const plain = await create(coordC, unitC, undefined as never, 'No number yet');
    expect(plain.body.errors, JSON.stringify(plain.body)).toBeUndefined();
    expect((await create(admin, unitC, '120104199307085678', 'By the commission')).body.errors).toBeUndefined();
    // The refusals joined the tenant's hash chain like any entry.
    expect((await verifyAuditChain(h.app.orm.em.fork(), 't_alpha', 'alpha')).ok).toBe(true);
  });

  it('tells the commission and the unit that has the person which talent it is', async () => {
    const coordA = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
    for (const t of [admin, coordA]) {
      const r = await create(t, unitA, ID);
      expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idCardNumber', talentId: talentA });
    }
    expect(await refusals(unitA)).toEqual([]);
  });
});

describe('logs', () => {
  it('never contain the clear values, whatever the request did', async () => {
    // A bad request carrying personal data, a read, an update, and a refused duplicate.
    await h.gql(admin, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
      i: { name: 'Bad', gender: 'MALE', birthDate: '1985-03-15', unitId: unitA, field: 'NURSING', profession: 'NURSE', titleGrade: 'JUNIOR', highestDegree: 'BACHELOR', idCardNumber: `${ID}9`, phone: `x${PHONE}` },
    });
    await h.ok(admin, q, { id: talentA });
    await h.ok(admin, `mutation($id: ID!, $p: String!) { updateTalent(id: $id, patch: { phone: $p }) { phone } }`, { id: talentA, p: PHONE });
    h.app.log.info({ talent: { idCardNumber: ID, phone: PHONE }, variables: { input: { phone: PHONE } } }, 'a careless log line');
    await new Promise((r) => setTimeout(r, 50));
    expect(logged).toContain('"msg":"request"');
    expect(logged).toContain('a careless log line');
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain(ID);
  });
});
