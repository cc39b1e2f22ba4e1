import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_TENANTS, startHarness, type Harness } from '../support/harness.js';

/**
 * Concurrent editors never lose an update silently: each request either lands (and what it wrote
 * is in the database afterwards) or gets CONFLICT. Requests are sent at the same moment over
 * separate connections, on the real tenants' demo data.
 */
let h: Harness;
let db: pg.Client;
let admin: string;

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
  db = new pg.Client({ connectionString: h.databaseUrl });
  await db.connect();
  admin = await h.token('wenzhou', 'commission-admin');
}, 120_000);
afterAll(async () => {
  await db?.end();
  await h?.close();
});

const code = (r: { body: { errors?: { extensions?: Record<string, any> }[] } }) => r.body.errors?.[0]?.extensions?.code ?? 'OK';
const anyTalent = async () => (await db.query(`select id::text, version from t_wenzhou.talent order by id limit 1 offset 3`)).rows[0] as { id: string; version: number };

describe('two coordinators editing one talent', () => {
  it('with the version they read: exactly one edit lands, the other gets CONFLICT', async () => {
    const t = await anyTalent();
    const edit = (dept: string) =>
      h.gql(admin, `mutation($id: ID!, $v: Int!, $d: String!) { updateTalent(id: $id, expectedVersion: $v, patch: { department: $d }) { department version } }`, { id: t.id, v: t.version, d: dept });
    const results = await Promise.all([edit('Cardiology'), edit('Oncology'), edit('Neurology'), edit('Urology')]);
    const codes = results.map(code);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'CONFLICT')).toBe(true);
    const winner = results.find((r) => code(r) === 'OK')!.body.data!.updateTalent;
    const row = (await db.query(`select department, version from t_wenzhou.talent where id = $1`, [t.id])).rows[0];
    expect(row).toEqual({ department: winner.department, version: t.version + 1 });
    const audited = (await db.query(`select count(*)::int as n from t_wenzhou.audit_entry where entity_id = $1 and action = 'update' and after->>'department' is not null`, [t.id])).rows[0].n;
    expect(audited).toBe(1);
  });

  it('without a version: every edit that answers OK is in the row afterwards, the others got CONFLICT', async () => {
    const t = await anyTalent();
    // Values the row surely does not hold yet, so every landed edit is a real change (one version step).
    const patches = [{ department: 'Surgery-race' }, { adminExperienceMonths: 371 }, { talentProgrammes: ['zz_race'] }, { email: 'race@example.org' }];
    const results = await Promise.all(patches.map((p) => h.gql(admin, `mutation($id: ID!, $p: TalentPatch!) { updateTalent(id: $id, patch: $p) { id } }`, { id: t.id, p })));
    const row = (await db.query(`select department, admin_experience_months, talent_programmes, email, version from t_wenzhou.talent where id = $1`, [t.id])).rows[0];
    const landed = results.map((r, i) => [code(r), patches[i]!] as const);
    for (const [c, p] of landed) {
      expect(['OK', 'CONFLICT']).toContain(c);
      if (c !== 'OK') continue;
      if ('department' in p) expect(row.department).toBe('Surgery-race');
      if ('adminExperienceMonths' in p) expect(row.admin_experience_months).toBe(371);
      if ('talentProgrammes' in p) expect(row.talent_programmes).toEqual(['zz_race']);
      if ('email' in p) expect(row.email).toBe('race@example.org');
    }
    expect(row.version).toBe(t.version + landed.filter(([c]) => c === 'OK').length);
  });
});

/** The active members of the committee of a candidacy's call. */
async function committeeOf(candidacyId: string): Promise<string[]> {
  const { rows } = await db.query(
    `select m.expert_id from t_wenzhou.wz_committee_member m join t_wenzhou.wz_committee k on k.id = m.committee_id
       join t_wenzhou.application a on a.programme_id = k.programme_id join t_wenzhou.wz_candidacy c on c.application_id = a.id
      where c.id = $1 and m.active order by m.expert_id`,
    [candidacyId],
  );
  return rows.map((r) => r.expert_id as string);
}

describe('two committee members scoring one applicant (Wenzhou)', () => {
  async function assessedCandidacy(): Promise<string> {
    const { rows } = await db.query(
      `select c.id::text from t_wenzhou.wz_candidacy c join t_wenzhou.application a on a.id = c.application_id
        where c.stage in ('language_assessed', 'scored') and a.status = 'eligible' order by c.id`,
    );
    expect(rows.length).toBeGreaterThan(0);
    return rows[0].id;
  }
  // The language score is the recorded assessment's (四(三)); only members of the call's committee score.
  const score = (token: string, candidacyId: string, points: number) =>
    h.gql(token, `mutation($i: WenzhouScoreInput!) { wenzhouScoreApplicant(input: $i) { expertId businessAbility } }`, {
      i: { candidacyId, businessAbility: points, clinicalLevel: points, socialEvaluation: points },
    });

  it('different experts at once: every sheet that answers OK is stored, and none is lost', async () => {
    const c = await assessedCandidacy();
    const ids = (await committeeOf(c)).slice(0, 4);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const before = (await db.query(`select expert_id, business_ability from t_wenzhou.wz_score where candidacy_id = $1`, [c])).rows;
    const experts = await Promise.all(ids.map((id) => h.token('wenzhou', 'committee-expert', { userId: id })));
    const results = await Promise.all(experts.map((t, i) => score(t, c, 70 + i)));
    const stored = (await db.query(`select expert_id, business_ability from t_wenzhou.wz_score where candidacy_id = $1`, [c])).rows;
    results.forEach((r, i) => {
      expect(['OK', 'CONFLICT']).toContain(code(r));
      const sheet = stored.find((s) => s.expert_id === ids[i]);
      if (code(r) === 'OK') expect(sheet?.business_ability).toBe(70 + i);
      else expect(sheet?.business_ability).toBe(before.find((s) => s.expert_id === ids[i])?.business_ability);
    });
    expect(results.filter((r) => code(r) === 'OK').length).toBeGreaterThanOrEqual(1);
  });

  it('one expert submitting twice at once keeps one sheet, holding a value that was acknowledged', async () => {
    const c = await assessedCandidacy();
    const member = (await committeeOf(c))[0]!;
    const t = await h.token('wenzhou', 'committee-expert', { userId: member });
    const results = await Promise.all([score(t, c, 60), score(t, c, 61), score(t, c, 62)]);
    for (const r of results) expect(['OK', 'CONFLICT']).toContain(code(r));
    const stored = (await db.query(`select business_ability from t_wenzhou.wz_score where candidacy_id = $1 and expert_id = $2`, [c, member])).rows;
    expect(stored).toHaveLength(1);
    const acknowledged = results.filter((r) => code(r) === 'OK').map((r) => r.body.data!.wenzhouScoreApplicant.businessAbility);
    expect(acknowledged).toContain(stored[0].business_ability);
  });
});

describe('one transaction per mutation request', () => {
  it('a plugin mutation followed by a failing one in the same request leaves nothing behind', async () => {
    const c = (await db.query(`select c.id::text from t_wenzhou.wz_candidacy c join t_wenzhou.application a on a.id = c.application_id where c.stage in ('language_assessed', 'scored') and a.status = 'eligible' order by c.id`)).rows[0].id;
    const member = (await committeeOf(c))[0]!;
    const expert = await h.token('wenzhou', ['committee-expert', 'commission-admin'], { userId: member });
    const sheetsBefore = (await db.query(`select count(*)::int as n, max(updated_at) as at from t_wenzhou.wz_score where expert_id = $1`, [member])).rows[0];
    const audit = async () => (await db.query(`select count(*)::int as n from t_wenzhou.audit_entry`)).rows[0].n;
    const before = await audit();
    const r = await h.gql(
      expert,
      `mutation($i: WenzhouScoreInput!) { s: wenzhouScoreApplicant(input: $i) { id } t: updateTalent(id: "01900000-0000-7000-8000-00000000dead", patch: { department: "x" }) { id } }`,
      { i: { candidacyId: c, businessAbility: 50, clinicalLevel: 50, socialEvaluation: 50 } },
    );
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const sheets = (await db.query(`select count(*)::int as n, max(updated_at) as at from t_wenzhou.wz_score where expert_id = $1`, [member])).rows[0];
    expect(sheets).toEqual(sheetsBefore);
    expect(await audit()).toBe(before);
  });
});
