import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/core/audit-chain.js';
import { REPO_TENANTS, startHarness, type GqlResult, type Harness } from '../support/harness.js';
import { createUnit } from '../support/fixtures.js';

/**
 * Property-based fuzzing of the mutations (core and Wenzhou plugin) with random and malformed
 * input: every answer is a success or a typed error with a known code (never
 * INTERNAL_SERVER_ERROR, never a 5xx), and afterwards the database is consistent: exactly the
 * acknowledged rows exist, every stored personal value decrypts, the audit chain is intact.
 */
let h: Harness;
let db: pg.Client;
let admin: string;
let unitId: string;
// BAD_REQUEST is Apollo's code for a body that is not a GraphQL request at all.
const KNOWN = new Set(['BAD_REQUEST', 'BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'INVALID_STATE', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);
const acknowledged = { talents: new Set<string>(), institutions: new Set<string>(), programmes: new Set<string>() };

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS] });
  db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
  admin = await h.token('wenzhou', ['commission-admin', 'committee-expert'], { userId: 'fuzzer' });
  unitId = await createUnit(h, admin, 'Fuzz Hospital');
  acknowledged.institutions.add(unitId);
}, 60_000);
afterAll(async () => {
  await db?.end();
  await h?.close();
});

// Values of every shape, valid-looking or not: what a careless or hostile client sends.
const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', "'; drop table talent; --", '${7*7}', '<script>', 'enc:v1:AAAA', '2025-02-30', '1985-13-01', '9999-99-99', 'NaN', 'x'.repeat(5000)),
  fc.integer(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 0, -1),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
// Mostly valid, so calls get past validation often enough to exercise the resolvers, the ORM and the database.
const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 20, arbitrary: valid }, { weight: 1, arbitrary: junk }, { weight: 1, arbitrary: fc.constant(undefined) });
const day = fc.date({ min: new Date('1940-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const idCard = fc.stringMatching(/^\d{17}[\dX]$/);
const phone = fc.stringMatching(/^\+?\d{6,15}$/);
const uuid = fc.uuid();

const talentInput = fc.record(
  {
    name: maybe(fc.string({ minLength: 1, maxLength: 30 })),
    gender: maybe(fc.constantFrom('MALE', 'FEMALE')),
    birthDate: maybe(day),
    unitId: fc.oneof({ weight: 8, arbitrary: fc.constant('UNIT') }, { weight: 1, arbitrary: uuid }, { weight: 1, arbitrary: junk }),
    field: maybe(fc.constantFrom('WESTERN_MEDICINE', 'TCM', 'NURSING')),
    profession: maybe(fc.constantFrom('DOCTOR', 'NURSE')),
    titleGrade: maybe(fc.constantFrom('JUNIOR', 'INTERMEDIATE', 'SENIOR')),
    highestDegree: maybe(fc.constantFrom('BACHELOR', 'MASTER')),
    talentProgrammes: maybe(fc.array(fc.stringMatching(/^[a-z_]{1,10}$/), { maxLength: 3 })),
    adminExperienceMonths: maybe(fc.integer({ min: -5, max: 800 })),
    idCardNumber: maybe(idCard),
    phone: maybe(phone),
    email: maybe(fc.emailAddress()),
  },
  { requiredKeys: [] },
);

type Call = { kind: 'createTalent' | 'updateTalent' | 'createInstitution' | 'createProgramme' | 'score' | 'raw'; vars: Record<string, unknown> };

const call: fc.Arbitrary<Call> = fc.oneof(
  talentInput.map((i) => ({ kind: 'createTalent' as const, vars: { i } })),
  fc.record({ id: fc.oneof({ weight: 8, arbitrary: fc.constant('TALENT') }, { weight: 1, arbitrary: uuid }, { weight: 1, arbitrary: junk }), p: talentInput.map(({ unitId: _u, gender: _g, ...patch }) => patch), v: maybe(fc.integer({ min: 0, max: 5 })) }).map((vars) => ({ kind: 'updateTalent' as const, vars })),
  fc
    .record({ name: maybe(fc.string({ minLength: 1, maxLength: 30 })), kind: maybe(fc.constantFrom('HOSPITAL', 'CDC', 'UNIVERSITY')), country: maybe(fc.constantFrom('CN', 'US', 'DE', 'cn', 'XYZ')), adminLevel: maybe(fc.constantFrom('CITY', 'COUNTY')) }, { requiredKeys: [] })
    .map((i) => ({ kind: 'createInstitution' as const, vars: { i } })),
  fc
    .record({ scheme: maybe(fc.constantFrom('wenzhou-overseas', 'county-pairing', 'nope')), code: maybe(fc.stringMatching(/^[A-Z0-9-]{1,12}$/)), name: maybe(fc.string({ minLength: 1, maxLength: 20 })), year: maybe(fc.integer({ min: 1990, max: 2100 })), referenceDate: maybe(day), quota: maybe(fc.integer({ min: -2, max: 500 })) }, { requiredKeys: [] })
    .map((i) => ({ kind: 'createProgramme' as const, vars: { i } })),
  fc
    .record({ candidacyId: fc.oneof(uuid, junk), businessAbility: maybe(fc.integer({ min: -10, max: 200 })), clinicalLevel: maybe(fc.integer({ min: 0, max: 100 })), languageResult: maybe(fc.integer({ min: 0, max: 100 })), socialEvaluation: maybe(fc.integer({ min: 0, max: 100 })), comment: maybe(fc.string({ maxLength: 50 })) }, { requiredKeys: [] })
    .map((i) => ({ kind: 'score' as const, vars: { i } })),
  fc.string({ maxLength: 200 }).map((text) => ({ kind: 'raw' as const, vars: { text } })),
);

const DOCS: Record<Exclude<Call['kind'], 'raw'>, string> = {
  createTalent: `mutation($i: TalentInput!) { createTalent(input: $i) { id phone idCardNumber } }`,
  updateTalent: `mutation($id: ID!, $p: TalentPatch!, $v: Int) { updateTalent(id: $id, patch: $p, expectedVersion: $v) { id version } }`,
  createInstitution: `mutation($i: InstitutionInput!) { createInstitution(input: $i) { id } }`,
  createProgramme: `mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`,
  score: `mutation($i: WenzhouScoreInput!) { wenzhouScoreApplicant(input: $i) { id } }`,
};

async function send(c: Call): Promise<GqlResult> {
  if (c.kind === 'raw') {
    // A body that is not even a GraphQL request (or is, by luck).
    const res = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: String(c.vars.text) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResult['body'] };
  }
  const known = [...acknowledged.talents];
  const vars = JSON.parse(JSON.stringify(c.vars), (_k, v) => (v === 'UNIT' ? unitId : v === 'TALENT' ? (known[known.length - 1] ?? v) : v));
  return h.gql(admin, DOCS[c.kind], vars);
}

describe('fuzzing the mutations', () => {
  it('answers every random or malformed call with success or a typed error, and keeps the database consistent', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(call, async (c) => {
        const r = await send(c);
        const codes = (r.body.errors ?? []).map((e) => String(e.extensions?.code));
        for (const code of codes) seen.set(code, (seen.get(code) ?? 0) + 1);
        if (!codes.length) seen.set('OK', (seen.get('OK') ?? 0) + 1);
        expect(r.status, JSON.stringify(r.body).slice(0, 400)).toBeLessThan(500);
        for (const code of codes) expect(KNOWN, `${c.kind}: ${JSON.stringify(r.body).slice(0, 400)}`).toContain(code);
        // A typed input error names the field it is about.
        for (const e of r.body.errors ?? []) if (e.extensions?.code === 'BAD_USER_INPUT' && c.kind !== 'raw' && !/Variable|JSON|Syntax/i.test(e.message)) expect(e.extensions?.field ?? e.message).toBeTruthy();
        const d = r.body.data as Record<string, { id: string } | null> | undefined;
        if (!codes.length && d) {
          if (c.kind === 'createTalent') acknowledged.talents.add(d.createTalent!.id);
          if (c.kind === 'createInstitution') acknowledged.institutions.add(d.createInstitution!.id);
          if (c.kind === 'createProgramme') acknowledged.programmes.add(d.createProgramme!.id);
        } else if (d) {
          // A failed mutation wrote nothing: its root field is null.
          for (const v of Object.values(d)) expect(v).toBeNull();
        }
      }),
      { numRuns: 250 },
    );
    console.log(`fuzz: ${[...seen].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(seen.get('OK') ?? 0).toBeGreaterThan(0);
    expect(seen.get('BAD_USER_INPUT') ?? 0).toBeGreaterThan(0);

    // Exactly the acknowledged rows exist.
    const ids = async (table: string) => new Set((await db.query(`select id::text from t_wenzhou."${table}"`)).rows.map((r) => r.id as string));
    expect(await ids('talent')).toEqual(acknowledged.talents);
    expect(await ids('institution')).toEqual(acknowledged.institutions);
    expect(await ids('programme')).toEqual(acknowledged.programmes);
    // Every stored talent reads back whole, personal data decrypting, formats as validated.
    const all = await h.ok(admin, `{ talents(first: 500) { nodes { id idCardNumber phone birthDate } } }`);
    for (const t of all.talents.nodes) {
      if (t.idCardNumber) expect(t.idCardNumber).toMatch(/^\d{17}[\dX]$/);
      if (t.phone) expect(t.phone).toMatch(/^\+?\d{6,15}$/);
      expect(t.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const dupes = (await db.query(`select id_card_index from t_wenzhou.talent where id_card_index is not null group by 1 having count(*) > 1`)).rows;
    expect(dupes).toEqual([]);
    const chain = await verifyAuditChain(h.app.orm.em.fork(), 't_wenzhou', 'wenzhou');
    expect(chain.ok, JSON.stringify(chain.firstBreak)).toBe(true);
  }, 240_000);
});
