/**
 * Issue 14, Wenzhou (seed 003), selection side, each through the GraphQL API and quoting the
 * clause it implements: the call's closing day, the track-specific criteria, the language
 * assessment as the committee's language score, the committee of senior experts, and weights by
 * profession.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { ADD_MEMBER, ASSESS, FORM_COMMITTEE, REGISTER, SCORE, expectError, register, startWenzhou, talent, world, type World } from './helpers.js';

let h: Harness;
let w: World;
beforeAll(async () => {
  h = await startWenzhou();
  w = await world(h);
});
afterAll(async () => {
  h?.app.clock.reset();
  await h?.close();
});

const WAIVE = `mutation($i: EligibilityWaiverInput!) { waiveEligibilityCriterion(input: $i) { id status } }`;
const codes = (c: any) => c.application.eligibility.reasons.map((r: any) => r.code);

describe('四(一) 由各单位按照每年关于"百医出海"工作通知组织开展报名: the call closes on closesOn', () => {
  it('registers on the closing day; the day after is refused with CALL_CLOSED and nothing is written', async () => {
    const t1 = await talent(h, w.admin, { unitId: w.unitA });
    const t2 = await talent(h, w.admin, { unitId: w.unitA });
    h.app.clock.set('2025-08-31T15:59:00Z'); // 23:59 on 31 August in Shanghai: still open
    await register(h, w.coordA, w.programmeId, t1, 'clinical_backbone');
    h.app.clock.set('2025-08-31T16:00:00Z'); // 00:00 on 1 September in Shanghai
    const e = await expectError(h.gql(w.coordA, REGISTER, { i: { programmeId: w.programmeId, talentId: t2, track: 'clinical_backbone', unitAttestation: true } }), 'INVALID_STATE', 'programmeId');
    expect(e.extensions).toMatchObject({ reason: 'CALL_CLOSED', closesOn: '2025-08-31' });
    const apps = await h.ok(w.admin, `query($t: ID!) { talent(id: $t) { applications { id } } }`, { t: t2 });
    expect(apps.talent.applications).toEqual([]);
    h.app.clock.set('2025-07-10T02:00:00Z');
  });
});

describe('二、重点任务 1.项目对象: each track’s own criteria, with reasons', () => {
  it('二(二) 临床型人才: a pharmacist or a manager is not a clinical talent (not waivable); a nurse is', async () => {
    const pharmacist = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, profession: 'PHARMACIST', field: 'PHARMACY' }), 'clinical_backbone');
    const manager = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, profession: 'MANAGER', field: 'MANAGEMENT' }), 'clinical_backbone');
    const nurse = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, profession: 'NURSE', field: 'NURSING' }), 'clinical_backbone');
    for (const c of [pharmacist, manager]) {
      expect(c.application.status).toBe('INELIGIBLE');
      expect(c.application.eligibility.reasons).toEqual([expect.objectContaining({ code: 'NOT_CLINICAL_TALENT', waivable: false, messageZh: expect.stringContaining('临床型人才') })]);
    }
    expect(nurse.application.status).toBe('ELIGIBLE');
    const e = await expectError(h.gql(w.admin, WAIVE, { i: { applicationId: pharmacist.application.id, code: 'NOT_CLINICAL_TALENT', reason: '临床药师' } }), 'BAD_USER_INPUT', 'code');
    expect(e.message).toContain('cannot be waived');
    // The same pharmacist may apply to a track without the restriction (innovation).
    const innovation = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, profession: 'PHARMACIST', field: 'PHARMACY' }), 'medical_innovation');
    expect(innovation.application.status).toBe('ELIGIBLE');
  });

  it('二(四) 具有临床带教工作经验或毕业后医学教育、继续医学教育管理经验: without either, refused; either one, or residency faculty, passes', async () => {
    const none = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'teaching', null);
    expect(codes(none)).toEqual(['NO_TEACHING_EXPERIENCE']);
    expect(none.application.eligibility.reasons[0]).toMatchObject({ waivable: false, messageZh: expect.stringContaining('临床带教') });
    const manages = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'teaching', { educationManagement: true });
    expect(manages.application.status).toBe('ELIGIBLE');
    const faculty = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, talentProgrammes: ['residency_faculty'] }), 'teaching', null);
    expect(faculty.application.status).toBe('ELIGIBLE');
  });

  it('二(一) 已带领团队形成显著优势和鲜明特色，在全国或者全省同行中具有较强影响力: both are needed; city-wide influence is not enough', async () => {
    const none = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'leading_talent', null);
    expect(codes(none)).toEqual(['NO_TEAM_LEADERSHIP', 'INFLUENCE_INSUFFICIENT']);
    const city = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'leading_talent', { leadsTeam: true, influence: 'city' });
    expect(codes(city)).toEqual(['INFLUENCE_INSUFFICIENT']);
    expect(city.application.eligibility.reasons[0].messageZh).toContain('全省');
    const national = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'leading_talent', { leadsTeam: true, influence: 'national', note: '牵头国家重点研发计划' });
    expect(national.application.status).toBe('ELIGIBLE');
    await expectError(h.gql(w.coordA, REGISTER, { i: { programmeId: w.programmeId, talentId: await talent(h, w.admin, { unitId: w.unitA }), track: 'leading_talent', unitAttestation: true, qualifications: { influence: 'galactic' } } }), 'BAD_USER_INPUT', 'qualifications.influence');
  });
});

describe('三(三) 对考试成绩不作硬性要求 / 四(三) 外语评估结果: the assessment is the committee’s language score', () => {
  it('the language result is taken from the recorded assessment; a contradicting one is refused naming the field', async () => {
    const c = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'clinical_backbone');
    await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: c.id, level: 'WORKING', score: 72 } });
    const e = await expectError(h.gql(w.expertsB[0]!, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 80, languageResult: 95, socialEvaluation: 80 } }), 'BAD_USER_INPUT', 'languageResult');
    expect(e.message).toContain('72');
    await h.ok(w.expertsB[0]!, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 80, socialEvaluation: 80 } });
    await h.ok(w.expertsB[1]!, SCORE, { i: { candidacyId: c.id, businessAbility: 80, clinicalLevel: 80, languageResult: 72, socialEvaluation: 80 } });
    const r = await h.ok(w.admin, `query($id: ID!) { wenzhouCandidacy(id: $id) { languageScore scores { languageResult weighted } } }`, { id: c.id });
    expect(r.wenzhouCandidacy).toEqual({ languageScore: 72, scores: [{ languageResult: 72, weighted: 78 }, { languageResult: 72, weighted: 78 }] });
  });
});

describe('四(三) 评选委员会由医疗卫生健康领域高级专家组成，根据申报人员职业特点…开展综合评价', () => {
  it('only senior experts are appointed; only active members of the call’s committee score its applicants', async () => {
    await expectError(h.gql(w.admin, ADD_MEMBER, { i: { committeeId: w.committeeId, expertId: 'expert-junior', name: '钱医生', titleGrade: 'INTERMEDIATE', specialty: '内科' } }), 'BAD_USER_INPUT', 'titleGrade');
    await expectError(h.gql(w.admin, FORM_COMMITTEE, { i: { programmeId: w.programmeId, name: '第二个委员会' } }), 'CONFLICT', 'programmeId');
    await expectError(h.gql(w.coordA, FORM_COMMITTEE, { i: { programmeId: w.programmeId, name: 'x' } }), 'FORBIDDEN');
    const c = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA }), 'clinical_backbone');
    await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: c.id, level: 'GOOD', score: 80 } });
    const outsider = await h.token('wenzhou', 'committee-expert', { unitId: w.unitB, userId: 'expert-outsider' });
    const sheet = { candidacyId: c.id, businessAbility: 80, clinicalLevel: 80, socialEvaluation: 80 };
    await expectError(h.gql(outsider, SCORE, { i: sheet }), 'FORBIDDEN');
    const committee = await h.ok(w.admin, `query($p: ID!) { wenzhouCommittee(programmeId: $p) { name members { id expertId titleGrade active } } }`, { p: w.programmeId });
    expect(committee.wenzhouCommittee.members.map((m: any) => m.titleGrade)).toEqual(['SENIOR', 'SENIOR', 'SENIOR', 'SENIOR']);
    const b3 = committee.wenzhouCommittee.members.find((m: any) => m.expertId === 'expert-b3');
    await h.ok(w.admin, `mutation($m: ID!) { wenzhouStandDownCommitteeMember(memberId: $m) { active } }`, { m: b3.id });
    await expectError(h.gql(w.expertsB[2]!, SCORE, { i: sheet }), 'FORBIDDEN');
    await h.ok(w.expertsB[0]!, SCORE, { i: sheet });
    const r = await h.ok(w.admin, `query($id: ID!) { wenzhouCandidacy(id: $id) { scores { expertId } } }`, { id: c.id });
    expect(r.wenzhouCandidacy.scores).toEqual([{ expertId: 'expert-b1' }]);
  });

  it("a manager is weighed by the management weights (clinical level counts for nothing by default), a doctor by the general ones", async () => {
    const manager = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, profession: 'MANAGER', field: 'MANAGEMENT', adminExperienceMonths: 60, englishSelfDeclared: 'BASIC' }), 'health_management');
    await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: manager.id, level: 'BASIC', score: 60 } });
    const m = await h.ok(w.expertsB[0]!, `mutation($i: WenzhouScoreInput!) { wenzhouScoreApplicant(input: $i) { weighted weightsProfession } }`, { i: { candidacyId: manager.id, businessAbility: 90, clinicalLevel: 0, socialEvaluation: 80 } });
    // 40% × 90 + 0% × 0 + 25% × 60 + 35% × 80 = 36 + 15 + 28 = 79
    expect(m.wenzhouScoreApplicant).toEqual({ weighted: 79, weightsProfession: 'manager' });
    const doctor = await register(h, w.coordA, w.programmeId, await talent(h, w.admin, { unitId: w.unitA, adminExperienceMonths: 60 }), 'health_management');
    await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: doctor.id, level: 'BASIC', score: 60 } });
    const d = await h.ok(w.expertsB[0]!, `mutation($i: WenzhouScoreInput!) { wenzhouScoreApplicant(input: $i) { weighted weightsProfession } }`, { i: { candidacyId: doctor.id, businessAbility: 90, clinicalLevel: 0, socialEvaluation: 80 } });
    expect(d.wenzhouScoreApplicant).toEqual({ weighted: 57.5, weightsProfession: null });
  });
});
