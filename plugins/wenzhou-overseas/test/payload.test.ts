/**
 * The Wenzhou mutations in their payload form (issue 17: one `input`, a `…Payload` with typed
 * `userErrors`), end to end through the API: a talent from registration to a clawback case, the
 * money on the way as Money, and mistakes a user can correct returned as userErrors, in Chinese
 * and English, with nothing written. The deprecated mutations keep their own tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { QUALIFIED, startWenzhou, talent, world, type World } from './helpers.js';

let h: Harness;
let w: World;
let talentId: string;
let candidacyId: string;
let stayId: string;
let clawbackId: string;
beforeAll(async () => {
  h = await startWenzhou();
  w = await world(h);
  talentId = await talent(h, w.admin, { unitId: w.unitA, name: '沈医生' });
});
afterAll(async () => {
  h?.app.clock.reset();
  await h?.close();
});

const ERRORS = 'userErrors { code field message messageZh }';
const CHINESE = /[\u4e00-\u9fff]/;
/** A payload mutation that must succeed: its userErrors are empty, and its record is returned. */
async function done(token: string, name: string, inputType: string, selection: string, input: Record<string, unknown>) {
  const r = await h.ok(token, `mutation($i: ${inputType}!) { ${name}(input: $i) { ${selection} ${ERRORS} } }`, { i: input });
  expect(r[name].userErrors).toEqual([]);
  return r[name];
}
const members = async () => (await h.ok(w.admin, `query($p: ID!) { wenzhouCommittee(programmeId: $p) { members { expertId active } } }`, { p: w.programmeId })).wenzhouCommittee.members as { expertId: string; active: boolean }[];

describe('the selection pipeline with payload mutations', () => {
  it('lists the tracks with labelZh/labelEn, the codes every track field holds', async () => {
    const r = await h.ok(w.admin, `{ wenzhouTracks { code labelZh labelEn nameZh nameEn } }`);
    expect(r.wenzhouTracks).toContainEqual({ code: 'leading_talent', labelZh: '医学领军人才', labelEn: 'Leading medical talent', nameZh: '医学领军人才', nameEn: 'Leading medical talent' });
    expect(r.wenzhouTracks.map((t: { code: string }) => t.code)).toEqual(['leading_talent', 'clinical_backbone', 'medical_innovation', 'teaching', 'health_management']);
  });

  it('appoints and stands down a committee member; a junior one is a userError naming titleGrade in Chinese, and no member is added', async () => {
    const before = await members();
    const refused = await h.ok(w.admin, `mutation($i: WenzhouCommitteeMemberInput!) { wenzhouCommitteeMemberAdd(input: $i) { committeeMember { id } ${ERRORS} } }`, {
      i: { committeeId: w.committeeId, expertId: 'expert-junior', name: '钱医生', titleGrade: 'INTERMEDIATE', specialty: '临床医学' },
    });
    expect(refused.wenzhouCommitteeMemberAdd.committeeMember).toBeNull();
    expect(refused.wenzhouCommitteeMemberAdd.userErrors).toHaveLength(1);
    const [e] = refused.wenzhouCommitteeMemberAdd.userErrors;
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'titleGrade' });
    expect(e.messageZh).toBe('评选委员会由高级专家组成：委员须具有副高级及以上职称，此人为中级');
    expect(await members()).toEqual(before);

    const added = await done(w.admin, 'wenzhouCommitteeMemberAdd', 'WenzhouCommitteeMemberInput', 'committeeMember { id active titleGrade }', { committeeId: w.committeeId, expertId: 'expert-c', name: '孙教授', titleGrade: 'SENIOR', specialty: '护理学' });
    expect(added.committeeMember).toMatchObject({ active: true, titleGrade: 'SENIOR' });
    const down = await done(w.admin, 'wenzhouCommitteeMemberStandDown', 'WenzhouCommitteeMemberStandDownInput', 'committeeMember { id active }', { memberId: added.committeeMember.id });
    expect(down.committeeMember).toEqual({ id: added.committeeMember.id, active: false });
  });

  it('registers, assesses, scores, ranks, approves, publishes and clears a talent; an unknown track is a userError and registers no one', async () => {
    const count = async () => (await h.ok(w.admin, `{ wenzhouCandidacies(first: 1) { totalCount } }`)).wenzhouCandidacies.totalCount as number;
    const before = await count();
    const bad = await h.ok(w.coordA, `mutation($i: WenzhouRegisterInput!) { wenzhouCandidacyRegister(input: $i) { candidacy { id } ${ERRORS} } }`, {
      i: { programmeId: w.programmeId, talentId, track: 'surgery', unitAttestation: true },
    });
    expect(bad.wenzhouCandidacyRegister.candidacy).toBeNull();
    expect(bad.wenzhouCandidacyRegister.userErrors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'track' }]);
    expect(bad.wenzhouCandidacyRegister.userErrors[0].messageZh).toMatch(CHINESE);
    expect(await count()).toBe(before);

    const reg = await done(w.coordA, 'wenzhouCandidacyRegister', 'WenzhouRegisterInput', 'candidacy { id stage track application { status } }', {
      programmeId: w.programmeId, talentId, track: 'clinical_backbone', unitAttestation: true, qualifications: { ...QUALIFIED, influence: undefined, influenceLevel: 'provincial' },
    });
    expect(reg.candidacy).toMatchObject({ stage: 'REGISTERED', track: 'clinical_backbone', application: { status: 'ELIGIBLE' } });
    candidacyId = reg.candidacy.id;
    // The influence attested as the enum (influenceLevel) is what the eligibility rule reads: city-wide is not enough to lead (二(一)).
    const leader = await talent(h, w.admin, { unitId: w.unitA, name: '韩主任' });
    const city = await done(w.coordA, 'wenzhouCandidacyRegister', 'WenzhouRegisterInput', 'candidacy { application { status eligibility { reasons { code } } } }', {
      programmeId: w.programmeId, talentId: leader, track: 'leading_talent', unitAttestation: true, qualifications: { clinicalTeaching: true, leadsTeam: true, influenceLevel: 'city' },
    });
    expect(city.candidacy.application.status).toBe('INELIGIBLE');
    expect(city.candidacy.application.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['INFLUENCE_INSUFFICIENT']);

    await done(w.expertsB[0]!, 'wenzhouCandidacyRecordLanguageAssessment', 'WenzhouLanguageAssessmentInput', 'candidacy { stage languageScore }', { candidacyId, level: 'GOOD', score: 90 });
    for (const e of w.expertsB) {
      const s = await done(e, 'wenzhouCandidacyScore', 'WenzhouScoreInput', 'score { weighted languageResult weightsForProfession }', { candidacyId, businessAbility: 90, clinicalLevel: 90, socialEvaluation: 90 });
      // A doctor is weighed by the general weights: no profession's own weights applied.
      expect(s.score).toEqual({ weighted: 90, languageResult: 90, weightsForProfession: null });
    }
    // Who may do it stays a top-level error, not a userError: an expert never scores their own unit's applicant.
    const own = await h.gql(w.expertA, `mutation($i: WenzhouScoreInput!) { wenzhouCandidacyScore(input: $i) { score { id } ${ERRORS} } }`, { i: { candidacyId, businessAbility: 1, clinicalLevel: 1, socialEvaluation: 1 } });
    expect(own.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const ranked = await done(w.admin, 'wenzhouTrackRank', 'WenzhouTrackRankInput', 'ranking { track quota ranked { id rank withinQuota } }', { programmeId: w.programmeId, track: 'clinical_backbone' });
    expect(ranked.ranking).toMatchObject({ track: 'clinical_backbone', quota: 8, ranked: [{ id: candidacyId, rank: 1, withinQuota: true }] });
    const approved = await done(w.admin, 'wenzhouTrackApprove', 'WenzhouTrackApproveInput', 'candidacies { id stage }', { programmeId: w.programmeId, track: 'clinical_backbone' });
    expect(approved.candidacies).toEqual([{ id: candidacyId, stage: 'APPROVED' }]);
    const published = await done(w.admin, 'wenzhouListPublish', 'WenzhouPublishInput', 'publicationResult { publication { count } filings { office } }', { programmeId: w.programmeId });
    expect(published.publicationResult).toEqual({ publication: { count: 1 }, filings: [{ office: 'TALENT_OFFICE' }, { office: 'FOREIGN_AFFAIRS_OFFICE' }] });

    h.app.clock.set('2025-09-20T02:00:00Z');
    const exit = await done(w.coordA, 'wenzhouCandidacyCompleteExitFormalities', 'WenzhouExitFormalitiesInput', 'candidacy { stage exitChecklist }', {
      candidacyId, completedOn: '2025-09-20', travelDocumentsReady: true, preDepartureTrainingDone: true, confidentialityBriefingDone: true, politicalEducationDone: true,
    });
    expect(exit.candidacy).toEqual({ stage: 'EXIT_CLEARED', exitChecklist: ['travel_documents', 'pre_departure_training', 'political_education', 'confidentiality_briefing'] });
  });
});

describe('the stay and its money with payload mutations', () => {
  it('places the talent; departure without the agreement is an INVALID_STATE userError and the talent stays placed', async () => {
    const placed = await done(w.coordA, 'wenzhouCandidacyPlace', 'WenzhouPlaceInput', 'stay { id track candidacy { stage } }', {
      candidacyId, hostInstitutionId: w.hostUS, plannedStart: '2025-10-01', plannedEnd: '2025-11-30', liaisonName: '王主任',
    });
    expect(placed.stay).toMatchObject({ track: 'clinical_backbone', candidacy: { stage: 'PLACED' } });
    stayId = placed.stay.id;
    await done(w.coordA, 'wenzhouStaySetStudyPlan', 'WenzhouStudyPlanInput', 'stay { uncoveredDays }', {
      stayId, items: [{ fromDay: '2025-10-01', toDay: '2025-11-30', activity: '心血管介入临床研修' }],
    });
    const early = await h.ok(w.coordA, `mutation($i: WenzhouStayRecordDepartureInput!) { wenzhouStayRecordDeparture(input: $i) { stay { id } ${ERRORS} } }`, { i: { stayId, departedOn: '2025-10-01' } });
    expect(early.wenzhouStayRecordDeparture.stay).toBeNull();
    expect(early.wenzhouStayRecordDeparture.userErrors).toMatchObject([{ code: 'INVALID_STATE', field: 'stayId' }]);
    expect(early.wenzhouStayRecordDeparture.userErrors[0].messageZh).toMatch(CHINESE);
    const still = await h.ok(w.coordA, `query($id: ID!) { wenzhouStay(id: $id) { candidacy { stage } placement { actualStart } } }`, { id: stayId });
    expect(still.wenzhouStay).toEqual({ candidacy: { stage: 'PLACED' }, placement: { actualStart: null } });

    const agreement = await done(w.coordA, 'wenzhouAgreementRecord', 'WenzhouAgreementInput', 'agreement { servicePeriodMonths clauses { code kind owedBy } }', {
      stayId, signedOn: '2025-09-20', tasks: ['掌握一项国际前沿介入技术', '建立长期国际交流合作机制'], servicePeriodMonths: 36,
    });
    expect(agreement.agreement.clauses).toContainEqual({ code: 'T2', kind: 'task', owedBy: 'talent' });
    expect(agreement.agreement.clauses).toContainEqual({ code: 'G2', kind: 'guarantee', owedBy: 'unit' });
    const departed = await done(w.coordA, 'wenzhouStayRecordDeparture', 'WenzhouStayRecordDepartureInput', 'stay { candidacy { stage } placement { actualStart } }', { stayId, departedOn: '2025-10-01' });
    expect(departed.stay).toEqual({ candidacy: { stage: 'ABROAD' }, placement: { actualStart: '2025-10-01' } });
  });

  it('records pay and costs as Money, returns the talent, and opens a clawback case', async () => {
    const pay = await done(w.coordA, 'wenzhouBenefitPaymentRecord', 'WenzhouBenefitPaymentInput', 'benefitPayment { baseSalary { fen amount currencyCode } performancePay { fen } departmentAverage { fen } guaranteesMissed }', {
      stayId, month: '2025-10', baseSalaryFen: 1_250_000, baseSalaryDueFen: 1_250_000, performancePayFen: 800_000, departmentAverageFen: 920_000,
    });
    expect(pay.benefitPayment).toEqual({ baseSalary: { fen: 1_250_000, amount: '12500.00', currencyCode: 'CNY' }, performancePay: { fen: 800_000 }, departmentAverage: { fen: 920_000 }, guaranteesMissed: ['PERFORMANCE_BELOW_AVERAGE'] });
    const cost = await done(w.coordA, 'wenzhouCostItemAdd', 'WenzhouCostItemInput', 'costItem { amount { fen amount } foundationShare { fen } unitShare { fen } individualShare { fen currencyCode } }', {
      stayId, category: 'AIRFARE', description: '往返机票', incurredOn: '2025-10-01', amountFen: 1_000_001,
    });
    expect(cost.costItem.amount).toEqual({ fen: 1_000_001, amount: '10000.01' });
    const shares = [cost.costItem.foundationShare.fen, cost.costItem.unitShare.fen, cost.costItem.individualShare.fen];
    expect(shares.reduce((a: number, b: number) => a + b, 0)).toBe(1_000_001);
    expect(shares.map((f: number) => Math.round(f / 10_000))).toEqual([50, 40, 10]);

    h.app.clock.set('2025-12-02T02:00:00Z');
    const back = await done(w.coordA, 'wenzhouStayRecordReturn', 'WenzhouStayRecordReturnInput', 'stay { candidacy { stage } serviceUntil breach }', { stayId, returnedOn: '2025-11-30' });
    expect(back.stay).toEqual({ candidacy: { stage: 'RETURNED' }, serviceUntil: '2028-11-30', breach: false });
    await done(w.coordA, 'wenzhouFollowUpRecord', 'WenzhouFollowUpInput', 'followUp { tasksCompleted }', { stayId, assessedOn: '2025-12-01', tasksCompleted: false, summary: '第二项任务未完成' });
    const opened = await done(w.coordA, 'wenzhouClawbackOpen', 'WenzhouClawbackInput', 'clawback { id status clauseCode amount { fen } recovered { fen } }', {
      stayId, reason: 'TASKS_NOT_COMPLETED', clauseCode: 'T2', note: '未按协议完成研学任务', amountFen: 500_000,
    });
    expect(opened.clawback).toMatchObject({ status: 'OPEN', clauseCode: 'T2', amount: { fen: 500_000 }, recovered: { fen: 0 } });
    clawbackId = opened.clawback.id;
  });

  it('records a recovery; more than is outstanding is a userError naming recoveredFen in Chinese, and nothing is recovered', async () => {
    const over = await h.ok(w.coordA, `mutation($i: WenzhouClawbackRecordRecoveryInput!) { wenzhouClawbackRecordRecovery(input: $i) { clawback { id } ${ERRORS} } }`, { i: { clawbackId, recoveredFen: 600_000 } });
    expect(over.wenzhouClawbackRecordRecovery).toEqual({
      clawback: null,
      userErrors: [{ code: 'BAD_USER_INPUT', field: 'recoveredFen', message: 'is more than the 500000 fen outstanding', messageZh: '超过尚未追回的5000.00元' }],
    });
    const stats = async () => (await h.ok(w.admin, `query($p: ID) { wenzhouStatistics(programmeId: $p) { openClawbacks clawbackOutstanding { fen amount currencyCode } spending { total { fen } foundationShare { fen } } } }`, { p: w.programmeId })).wenzhouStatistics;
    expect((await stats()).clawbackOutstanding).toEqual({ fen: 500_000, amount: '5000.00', currencyCode: 'CNY' });

    const part = await done(w.coordA, 'wenzhouClawbackRecordRecovery', 'WenzhouClawbackRecordRecoveryInput', 'clawback { status recovered { fen amount } recoveredFen }', { clawbackId, recoveredFen: 200_000 });
    expect(part.clawback).toEqual({ status: 'OPEN', recovered: { fen: 200_000, amount: '2000.00' }, recoveredFen: 200_000 });
    const s = await stats();
    expect(s).toMatchObject({ openClawbacks: 1, clawbackOutstanding: { fen: 300_000 }, spending: { total: { fen: 1_000_001 } } });
    expect(s.spending.foundationShare.fen).toBeGreaterThan(0);
  });
});
