/**
 * The selection pipeline through the GraphQL API on a real database: registration and the
 * eligibility rule (with reasons, in both languages, and the config revision), waivers, the
 * language assessment, committee scores, ranking within quota, approval, internal publication
 * and filing, exit formalities — and out-of-order or unauthorised moves refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { ASSESS, EXIT, REGISTER, SCORE, expectError, register, startWenzhou, talent, throughScoring, world, type World } from './helpers.js';

let h: Harness;
let w: World;
beforeAll(async () => {
  h = await startWenzhou();
  w = await world(h);
});
afterAll(async () => h?.close());

const candidacyCount = async () => (await h.ok(w.admin, `{ wenzhouCandidacies(first: 500) { totalCount } }`)).wenzhouCandidacies.totalCount as number;

describe('call and tracks', () => {
  it('creates the yearly call with the five tracks and quotas from the configuration', async () => {
    const p = await h.ok(w.admin, `query($id: ID!) { programme(id: $id) { code scheme status quota tracks { code quota } } }`, { id: w.programmeId });
    expect(p.programme).toMatchObject({ code: 'WZ-2025', scheme: 'wenzhou-overseas', status: 'OPEN', quota: 20 });
    expect(p.programme.tracks.map((t: any) => t.code).sort()).toEqual(['clinical_backbone', 'health_management', 'leading_talent', 'medical_innovation', 'teaching']);
    const tracks = await h.ok(w.coordA, `{ wenzhouTracks { code ageCap favourUnderAge minAdminMonths minEnglish typicalDaysMin typicalDaysMax outcomeCategories { code labelZh } } }`);
    const byCode = Object.fromEntries(tracks.wenzhouTracks.map((t: any) => [t.code, t]));
    expect(byCode.leading_talent.ageCap).toBe(55);
    expect(byCode.clinical_backbone).toMatchObject({ ageCap: 50, favourUnderAge: 45 });
    expect(byCode.health_management).toMatchObject({ minAdminMonths: 36, minEnglish: 'BASIC' });
    expect(byCode.teaching).toMatchObject({ typicalDaysMin: 10, typicalDaysMax: 21 });
    expect(byCode.leading_talent.outcomeCategories.map((c: any) => c.code)).toContain('original_technology');
  });

  it('refuses a second call for the same year', async () => {
    await expectError(h.gql(w.admin, `mutation { wenzhouCreateCall(input: { year: 2025, referenceDate: "2025-07-01", opensOn: "2025-07-01", closesOn: "2025-08-31" }) { id } }`), 'CONFLICT', 'year');
  });
});

describe('registration and eligibility', () => {
  it('the day before, of and after the 56th birthday on the reference date (leading talent, cap 55)', async () => {
    const dayBefore = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, birthDate: '1969-07-02' }), 'leading_talent');
    const dayOf = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, birthDate: '1969-07-01' }), 'leading_talent');
    const dayAfter = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, birthDate: '1969-06-30' }), 'leading_talent');
    expect(dayBefore.application.eligibility.eligible).toBe(true); // still 55 on 2025-07-01
    expect(dayBefore.application.status).toBe('ELIGIBLE');
    for (const c of [dayOf, dayAfter]) {
      expect(c.application.status).toBe('INELIGIBLE');
      expect(c.application.eligibility.reasons).toEqual([
        expect.objectContaining({ code: 'AGE_OVER_CAP', waivable: true, messageZh: expect.stringContaining('原则上不超过55周岁'), message: expect.stringContaining('aged 56') }),
      ]);
    }
    expect(dayOf.application.eligibility).toMatchObject({ rule: 'wenzhou-overseas/wenzhou-eligibility', configVersion: 1 });
  });

  it('management track: 2 years 11 months of administration fail, 3 years pass; English relaxed to basic', async () => {
    const short = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, adminExperienceMonths: 35, englishSelfDeclared: 'BASIC' }), 'health_management');
    const enough = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, adminExperienceMonths: 36, englishSelfDeclared: 'BASIC', talentProgrammes: ['reserve_cadre'] }), 'health_management');
    expect(short.application.eligibility.reasons).toEqual([expect.objectContaining({ code: 'ADMIN_EXPERIENCE_TOO_SHORT', waivable: false, message: expect.stringContaining('2 years 11 months') })]);
    expect(enough.application.eligibility).toMatchObject({ eligible: true, reasons: [] });
    expect(enough.priorityGroups).toEqual(['reserve_cadre']);
  });

  it('lists every failed criterion, not just the first, each with a code and messages in Chinese and English', async () => {
    const t = await talent(h, w.admin, {
      unitId: w.unitA,
      birthDate: '1960-01-01',
      titleGrade: 'JUNIOR',
      highestDegree: 'BELOW_BACHELOR',
      englishSelfDeclared: 'BASIC',
      adverseIncidentPrimaryResponsibility: true,
    });
    const c = await register(h, w.coordA, w.programmeId, t, 'clinical_backbone');
    const codes = c.application.eligibility.reasons.map((r: any) => r.code);
    expect(codes).toEqual(['DEGREE_BELOW_BACHELOR', 'TITLE_BELOW_INTERMEDIATE', 'AGE_OVER_CAP', 'ADVERSE_INCIDENT_PRIMARY_RESPONSIBILITY', 'ENGLISH_INSUFFICIENT']);
    for (const r of c.application.eligibility.reasons) expect(r.messageZh && r.message).toBeTruthy();
    expect(c.application.eligibility.reasons.filter((r: any) => r.waivable).map((r: any) => r.code)).toEqual(['TITLE_BELOW_INTERMEDIATE', 'AGE_OVER_CAP']);
  });

  it('priority groups rank, they do not gate: under-45 favour in clinical, E-class under 45 in innovation', async () => {
    const young = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, birthDate: '1985-01-01', talentProgrammes: ['rising_star'] }), 'clinical_backbone');
    expect(young.priorityGroups).toEqual(['rising_star', 'under_45']);
    const eclass = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, birthDate: '1986-01-01', talentProgrammes: ['wenzhou_e_class'] }), 'medical_innovation');
    expect(eclass.priorityGroups).toEqual(['under_45_wenzhou_e_class']);
    const notE = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, birthDate: '1986-01-01' }), 'medical_innovation');
    expect(notE.priorityGroups).toEqual([]);
    expect(notE.application.status).toBe('ELIGIBLE');
  });

  it('bad input names the field and writes nothing: unknown track, missing attestation', async () => {
    const t = await talent(h, w.admin, { unitId: w.unitA });
    const before = await candidacyCount();
    const e = await expectError(h.gql(w.coordA, REGISTER, { i: { programmeId: w.programmeId, talentId: t, track: 'surgery', unitAttestation: true } }), 'BAD_USER_INPUT', 'track');
    expect(e.message).toContain('unknown track');
    await expectError(h.gql(w.coordA, REGISTER, { i: { programmeId: w.programmeId, talentId: t, track: 'teaching', unitAttestation: false } }), 'BAD_USER_INPUT', 'unitAttestation');
    expect(await candidacyCount()).toBe(before);
    const apps = await h.ok(w.admin, `query($t: ID!) { talent(id: $t) { applications { id } } }`, { t });
    expect(apps.talent.applications).toEqual([]);
  });

  it("a unit cannot register another unit's staff; a talent cannot register at all", async () => {
    const t = await talent(h, w.admin, { unitId: w.unitA });
    await expectError(h.gql(w.coordB, REGISTER, { i: { programmeId: w.programmeId, talentId: t, track: 'teaching', unitAttestation: true } }), 'NOT_FOUND');
    const self = await h.token('wenzhou', 'talent', { talentId: t, unitId: w.unitA });
    await expectError(h.gql(self, REGISTER, { i: { programmeId: w.programmeId, talentId: t, track: 'teaching', unitAttestation: true } }), 'FORBIDDEN');
  });
});

describe('waivers', () => {
  // The core's waiver (issue 13: moved from this plugin to the core), on a Wenzhou application.
  const WAIVE = `mutation($i: EligibilityWaiverInput!) { waiveEligibilityCriterion(input: $i) { id status waivers { code reason waivedBy configVersion } } }`;

  it('a commission admin waives an "in principle" age cap with a recorded, audited reason', async () => {
    const c = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, birthDate: '1969-05-01' }), 'leading_talent');
    expect(c.application.status).toBe('INELIGIBLE');
    await expectError(h.gql(w.coordA, WAIVE, { i: { applicationId: c.application.id, code: 'AGE_OVER_CAP', reason: 'x' } }), 'FORBIDDEN');
    await expectError(h.gql(w.admin, WAIVE, { i: { applicationId: c.application.id, code: 'AGE_OVER_CAP', reason: ' ' } }), 'BAD_USER_INPUT', 'reason');
    const r = await h.ok(w.admin, WAIVE, { i: { applicationId: c.application.id, code: 'AGE_OVER_CAP', reason: '国家级人才项目入选者，经委务会研究同意' } });
    expect(r.waiveEligibilityCriterion.status).toBe('ELIGIBLE');
    expect(r.waiveEligibilityCriterion.waivers).toEqual([{ code: 'AGE_OVER_CAP', reason: '国家级人才项目入选者，经委务会研究同意', waivedBy: 'user-commission-admin', configVersion: 1 }]);
    const audit = await h.ok(w.admin, `{ auditTrail(first: 500, filter: { entity: "EligibilityWaiver" }) { nodes { entity action actor } } }`);
    expect(audit.auditTrail.nodes).toEqual([{ entity: 'EligibilityWaiver', action: 'create', actor: 'user-commission-admin' }]);
    // a second waiver of the same criterion is a conflict, and nothing more is written
    await expectError(h.gql(w.admin, WAIVE, { i: { applicationId: c.application.id, code: 'AGE_OVER_CAP', reason: 'again' } }), 'CONFLICT', 'code');
  });

  it('a firm requirement (adverse incident) cannot be waived; a criterion that did not fail cannot either', async () => {
    const c = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, adverseIncidentPrimaryResponsibility: true }), 'teaching');
    const e = await expectError(h.gql(w.admin, WAIVE, { i: { applicationId: c.application.id, code: 'ADVERSE_INCIDENT_PRIMARY_RESPONSIBILITY', reason: 'please' } }), 'BAD_USER_INPUT', 'code');
    expect(e.message).toContain('cannot be waived');
    await expectError(h.gql(w.admin, WAIVE, { i: { applicationId: c.application.id, code: 'AGE_OVER_CAP', reason: 'please' } }), 'BAD_USER_INPUT', 'code');
  });
});

describe('language assessment and committee scores', () => {
  it('only an expert records the language assessment; an assessed level below the need makes the applicant ineligible', async () => {
    const c = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, englishSelfDeclared: 'FLUENT' }), 'clinical_backbone');
    await expectError(h.gql(w.admin, ASSESS, { i: { candidacyId: c.id, level: 'GOOD', score: 80 } }), 'FORBIDDEN');
    await expectError(h.gql(w.expertsB[0]!, ASSESS, { i: { candidacyId: c.id, level: 'GOOD', score: 101 } }), 'BAD_USER_INPUT', 'score');
    const r = await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: c.id, level: 'BASIC', score: 40 } });
    expect(r.wenzhouRecordLanguageAssessment).toMatchObject({ stage: 'LANGUAGE_ASSESSED', application: { status: 'INELIGIBLE' } });
    await expectError(h.gql(w.expertsB[1]!, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 80, languageResult: 40, socialEvaluation: 80 } }), 'INVALID_STATE');
  });

  it('refuses scores before the language assessment (out of order)', async () => {
    const c = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'teaching');
    const e = await expectError(h.gql(w.expertsB[0]!, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 80, languageResult: 80, socialEvaluation: 80 } }), 'INVALID_STATE');
    expect(e.extensions).toMatchObject({ stage: 'registered' });
  });

  it("an expert cannot score an applicant from their own unit; scores out of range are refused naming the field; nothing is written", async () => {
    const c = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'teaching');
    await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: c.id, level: 'GOOD', score: 85 } });
    await expectError(h.gql(w.expertA, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 80, languageResult: 85, socialEvaluation: 80 } }), 'FORBIDDEN');
    const e = await expectError(h.gql(w.expertsB[0]!, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 101, languageResult: -1, socialEvaluation: 80 } }), 'BAD_USER_INPUT', 'clinicalLevel');
    expect(e.extensions!.fields.map((f: any) => f.field)).toEqual(['clinicalLevel', 'languageResult']);
    await expectError(h.gql(w.coordB, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 80, languageResult: 80, socialEvaluation: 80 } }), 'FORBIDDEN');
    const r = await h.ok(w.admin, `query($id: ID!) { wenzhouCandidacy(id: $id) { stage scoreCount scores { expertId } } }`, { id: c.id });
    expect(r.wenzhouCandidacy).toEqual({ stage: 'LANGUAGE_ASSESSED', scoreCount: 0, scores: [] });
    // Re-scoring replaces the expert's own sheet.
    await h.ok(w.expertsB[0]!, SCORE, { i: { candidacyId: c.id, businessAbility: 60, clinicalLevel: 60, socialEvaluation: 60 } });
    const again = await h.ok(w.expertsB[0]!, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 90, socialEvaluation: 100 } });
    expect(again.wenzhouScoreApplicant.weighted).toBe(88.75); // (80 + 90 + 85 assessed + 100) / 4
    const after = await h.ok(w.admin, `query($id: ID!) { wenzhouCandidacy(id: $id) { stage scoreCount } }`, { id: c.id });
    expect(after.wenzhouCandidacy).toEqual({ stage: 'SCORED', scoreCount: 1 });
  });
});

describe('ranking, approval, publication, exit formalities', () => {
  const RANK = `mutation($p: ID!, $t: String!) { wenzhouRankTrack(programmeId: $p, track: $t) { quota ranked { id rank totalScore withinQuota } notReady { id } } }`;
  const APPROVE = `mutation($p: ID!, $t: String!) { wenzhouApproveTrack(programmeId: $p, track: $t) { id stage application { status } } }`;
  const PUBLISHED = `query($p: ID!) { wenzhouPublishedList(programmeId: $p, first: 100) { nodes { id stage talent { name } unit { id } } } }`;

  let ids: Record<string, string> = {};

  it('ranks a track by weighted score plus the priority bonus; the first `quota` (4 in innovation) are within quota', async () => {
    // Five innovation applicants of unit A: 90, 86+bonus(E-class under 45) = 91, 80, 70, 60, and one with too few scores.
    const a = await throughScoring(h, w, await talent(h, w.admin, { unitId: w.unitA, name: '甲' }), 'medical_innovation', 90);
    const b = await throughScoring(h, w, await talent(h, w.admin, { unitId: w.unitA, name: '乙', birthDate: '1988-01-01', talentProgrammes: ['wenzhou_e_class'] }), 'medical_innovation', 86);
    const c = await throughScoring(h, w, await talent(h, w.admin, { unitId: w.unitA, name: '丙' }), 'medical_innovation', 80);
    const d = await throughScoring(h, w, await talent(h, w.admin, { unitId: w.unitB, name: '丁' }), 'medical_innovation', 70, w.coordB).catch(() => null);
    expect(d).toBeNull(); // experts of unit B cannot score unit B's own applicant
    const e = await throughScoring(h, w, await talent(h, w.admin, { unitId: w.unitA, name: '戊' }), 'medical_innovation', 60);
    const f = await throughScoring(h, w, await talent(h, w.admin, { unitId: w.unitA, name: '己' }), 'medical_innovation', 50);
    const g = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, name: '庚' }), 'medical_innovation');
    await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: g.id, level: 'GOOD', score: 90 } });
    await h.ok(w.expertsB[0]!, SCORE, { i: { candidacyId: g.id, businessAbility: 99, clinicalLevel: 99, socialEvaluation: 99 } });
    ids = { a, b, c, e, f, g: g.id };

    await expectError(h.gql(w.admin, APPROVE, { p: w.programmeId, t: 'medical_innovation' }), 'INVALID_STATE'); // not ranked yet
    await expectError(h.gql(w.expertsB[0]!, RANK, { p: w.programmeId, t: 'medical_innovation' }), 'FORBIDDEN');
    await expectError(h.gql(w.admin, RANK, { p: w.programmeId, t: 'dentistry' }), 'BAD_USER_INPUT', 'track');
    const r = (await h.ok(w.admin, RANK, { p: w.programmeId, t: 'medical_innovation' })).wenzhouRankTrack;
    expect(r.quota).toBe(4);
    expect(r.ranked.map((x: any) => [x.id, x.rank, x.totalScore, x.withinQuota])).toEqual([
      [b, 1, 91, true],
      [a, 2, 90, true],
      [c, 3, 80, true],
      [e, 4, 60, true],
      [f, 5, 50, false],
    ]);
    expect(r.notReady.map((x: any) => x.id)).toEqual([g.id]);
  });

  it('the commission approves the list within quota: they are selected, the rest stay on the reserve list', async () => {
    await expectError(h.gql(w.coordA, APPROVE, { p: w.programmeId, t: 'medical_innovation' }), 'FORBIDDEN');
    const r = (await h.ok(w.admin, APPROVE, { p: w.programmeId, t: 'medical_innovation' })).wenzhouApproveTrack;
    expect(r.map((x: any) => x.id)).toEqual([ids.b, ids.a, ids.c, ids.e]);
    for (const x of r) expect(x).toMatchObject({ stage: 'APPROVED', application: { status: 'SELECTED' } });
    const reserve = await h.ok(w.admin, `query($id: ID!) { wenzhouCandidacy(id: $id) { stage rank withinQuota application { status } } }`, { id: ids.f });
    expect(reserve.wenzhouCandidacy).toEqual({ stage: 'RANKED', rank: 5, withinQuota: false, application: { status: 'ELIGIBLE' } });
    await expectError(h.gql(w.admin, RANK, { p: w.programmeId, t: 'medical_innovation' }), 'INVALID_STATE'); // approved lists are fixed
  });

  it('exit formalities before publication are refused (out of order)', async () => {
    await expectError(h.gql(w.coordA, EXIT, { i: { candidacyId: ids.a, completedOn: '2025-09-20', travelDocumentsReady: true, preDepartureTrainingDone: true, confidentialityBriefingDone: true, politicalEducationDone: true } }), 'INVALID_STATE');
  });

  it('publishes internally and files with the talent office and the foreign-affairs office', async () => {
    await expectError(h.gql(w.coordA, `mutation($p: ID!) { wenzhouPublishList(input: { programmeId: $p }) { publication { id } } }`, { p: w.programmeId }), 'FORBIDDEN');
    const r = await h.ok(w.admin, `mutation($p: ID!) { wenzhouPublishList(input: { programmeId: $p, talentOfficeReference: "温人才备〔2025〕12号" }) { publication { count publishedBy } filings { office reference count } } }`, { p: w.programmeId });
    expect(r.wenzhouPublishList.publication).toEqual({ count: 4, publishedBy: 'user-commission-admin' });
    expect(r.wenzhouPublishList.filings).toEqual([
      { office: 'TALENT_OFFICE', reference: '温人才备〔2025〕12号', count: 4 },
      { office: 'FOREIGN_AFFAIRS_OFFICE', reference: null, count: 4 },
    ]);
    await expectError(h.gql(w.admin, `mutation($p: ID!) { wenzhouPublishList(input: { programmeId: $p }) { publication { id } } }`, { p: w.programmeId }), 'INVALID_STATE');
  });

  it('the published list: the commission sees all, a unit only its own people, never other units, talents or experts', async () => {
    const all = await h.ok(w.admin, PUBLISHED, { p: w.programmeId });
    expect(all.wenzhouPublishedList.nodes).toHaveLength(4);
    const own = await h.ok(w.coordA, PUBLISHED, { p: w.programmeId });
    expect(own.wenzhouPublishedList.nodes).toHaveLength(4);
    const other = await h.ok(w.coordB, PUBLISHED, { p: w.programmeId });
    expect(other.wenzhouPublishedList.nodes).toEqual([]);
    const someoneElse = await h.token('wenzhou', 'talent', { talentId: '0190aaaa-0000-7000-8000-000000000000', unitId: w.unitB });
    await expectError(h.gql(someoneElse, PUBLISHED, { p: w.programmeId }), 'FORBIDDEN');
    await expectError(h.gql(w.expertsB[0]!, PUBLISHED, { p: w.programmeId }), 'FORBIDDEN');
    await expectError(h.gql(await h.token('wenzhou', 'viewer'), PUBLISHED, { p: w.programmeId }), 'FORBIDDEN');
    const anon = await h.gql(null, PUBLISHED, { p: w.programmeId });
    expect(anon.body.data?.wenzhouPublishedList ?? null).toBeNull();
    expect(anon.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await expectError(h.gql(w.coordB, `query($id: ID!) { wenzhouCandidacy(id: $id) { id } }`, { id: ids.a }), 'NOT_FOUND');
  });

  it('exit formalities are the unit’s: every checklist item must be done; then the stage moves on', async () => {
    const base = { candidacyId: ids.a, completedOn: '2025-09-20', travelDocumentsReady: true, preDepartureTrainingDone: true, confidentialityBriefingDone: true, politicalEducationDone: true };
    await expectError(h.gql(w.coordA, EXIT, { i: { ...base, confidentialityBriefingDone: false } }), 'BAD_USER_INPUT', 'confidentialityBriefingDone');
    // 五(二) 强化思想政治和意识形态教育: left out, it is not done.
    await expectError(h.gql(w.coordA, EXIT, { i: { ...base, politicalEducationDone: undefined } }), 'BAD_USER_INPUT', 'politicalEducationDone');
    await expectError(h.gql(w.coordB, EXIT, { i: base }), 'NOT_FOUND');
    const r = await h.ok(w.coordA, EXIT, { i: base });
    expect(r.wenzhouCompleteExitFormalities).toMatchObject({ stage: 'EXIT_CLEARED', exitClearedOn: '2025-09-20' });
    await expectError(h.gql(w.coordA, EXIT, { i: base }), 'INVALID_STATE');
  });
});

describe('tenancy and query cost', () => {
  it('a tenant without the plugin has no Wenzhou API', async () => {
    const other = await h.token('other', 'commission-admin');
    const r = await h.gql(other, `{ wenzhouTracks { code } }`);
    expect(r.body.errors?.[0]?.message).toContain('wenzhouTracks');
  });

  it('listing applicants with their talent, unit and application costs the same SQL for few rows or many', async () => {
    const Q = `query($n: Int) { wenzhouCandidacies(first: $n) { nodes { id talent { name } unit { name } application { status } scoreCount priorityGroups } } }`;
    const cost = async (n: number) => {
      const before = h.sqlCount();
      const r = await h.ok(w.admin, Q, { n });
      expect(r.wenzhouCandidacies.nodes.length).toBe(n);
      return h.sqlCount() - before;
    };
    expect(await cost(20)).toBe(await cost(2));
  });
});
