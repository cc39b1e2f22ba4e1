import { fileURLToPath } from 'node:url';
import { startHarness, type Harness } from '../../../test/support/harness.js';
import { expectError, hostInstitution, institution, talent as kitTalent } from '../../../test/kit/index.js';
import { wenzhouOverseasPlugin } from '../wenzhou-overseas.plugin.js';

export const WZ_TENANTS = fileURLToPath(new URL('./fixtures/tenants', import.meta.url));

/** A real server with only this plugin registered, on the wenzhou tenant (a copy of tenants/wenzhou.yaml). */
export const startWenzhou = (seedDemo = false, tenantsDirs = [WZ_TENANTS]) => startHarness({ plugins: [wenzhouOverseasPlugin], tenantsDirs, seedDemo });

export interface World {
  admin: string;
  committeeId: string;
  unitA: string;
  unitB: string;
  coordA: string;
  coordB: string;
  hostUS: string;
  hostTH: string;
  hostCN: string;
  hostUnverified: string;
  programmeId: string;
  /** Three experts from unit B (so they may score unit A's people) and one from unit A. */
  expertsB: string[];
  expertA: string;
}

export { expectError };

export const FORM_COMMITTEE = `mutation($i: WenzhouCommitteeInput!) { wenzhouFormCommittee(input: $i) { id } }`;
export const ADD_MEMBER = `mutation($i: WenzhouCommitteeMemberInput!) { wenzhouAddCommitteeMember(input: $i) { id expertId titleGrade } }`;

/**
 * Unit A and B, hosts, the year's call (open from 1 July to 31 August; the clock is set to 10 July
 * of that year so registration is open) and its committee of four senior experts: three from
 * unit B and one from unit A.
 */
export async function world(h: Harness, year = 2025): Promise<World> {
  h.app.clock.set(`${year}-07-10T02:00:00Z`);
  const admin = await h.token('wenzhou', 'commission-admin');
  const unit = (name: string) => institution(h, admin, { name, city: '温州', level: 'grade-3A' });
  const [unitA, unitB] = [await unit('温州医科大学附属第一医院'), await unit('温州市人民医院')];
  const hostUS = await hostInstitution(h, admin, 'Mayo Clinic', { city: 'Rochester' });
  const hostTH = await hostInstitution(h, admin, 'Siriraj Hospital', { country: 'TH', city: 'Bangkok' });
  const hostCN = await hostInstitution(h, admin, '上海瑞金医院', { country: 'CN', city: '上海' });
  const hostUnverified = await hostInstitution(h, admin, 'Unverified Clinic', { qualificationVerified: false });
  const call = await h.ok(admin, `mutation($i: WenzhouCallInput!) { wenzhouCreateCall(input: $i) { id } }`, {
    i: { year, referenceDate: `${year}-07-01`, opensOn: `${year}-07-01`, closesOn: `${year}-08-31`, open: true },
  });
  const committee = (await h.ok(admin, FORM_COMMITTEE, { i: { programmeId: call.wenzhouCreateCall.id, name: `${year}年度“百医出海”评选委员会` } })).wenzhouFormCommittee.id;
  for (const [expertId, unitId, name] of [['expert-b1', unitB, '张教授'], ['expert-b2', unitB, '李主任'], ['expert-b3', unitB, '王主任'], ['expert-a', unitA, '赵教授']] as const) {
    await h.ok(admin, ADD_MEMBER, { i: { committeeId: committee, expertId, name, titleGrade: 'SENIOR', specialty: '临床医学', unitId } });
  }
  return {
    admin,
    committeeId: committee,
    unitA,
    unitB,
    coordA: await h.token('wenzhou', 'unit-coordinator', { unitId: unitA, userId: 'coord-a' }),
    coordB: await h.token('wenzhou', 'unit-coordinator', { unitId: unitB, userId: 'coord-b' }),
    hostUS,
    hostTH,
    hostCN,
    hostUnverified,
    programmeId: call.wenzhouCreateCall.id,
    expertsB: await Promise.all([1, 2, 3].map((n) => h.token('wenzhou', 'committee-expert', { unitId: unitB, userId: `expert-b${n}` }))),
    expertA: await h.token('wenzhou', 'committee-expert', { unitId: unitA, userId: 'expert-a' }),
  };
}

export interface TalentSpec {
  name?: string;
  profession?: string;
  field?: string;
  birthDate?: string;
  titleGrade?: string;
  highestDegree?: string;
  talentProgrammes?: string[];
  adminExperienceMonths?: number;
  englishSelfDeclared?: string;
  adverseIncidentPrimaryResponsibility?: boolean;
  unitId: string;
}

/** A senior doctor with a doctorate and good English (the plan's typical applicant) unless told otherwise. */
export const talent = (h: Harness, admin: string, { unitId, ...spec }: TalentSpec) =>
  kitTalent(h, admin, unitId, { birthDate: '1982-03-15', titleGrade: 'ASSOCIATE_SENIOR', highestDegree: 'DOCTORATE', englishSelfDeclared: 'GOOD', phone: '13900000000', ...spec });

export const REGISTER = `mutation($i: WenzhouRegisterInput!) { wenzhouRegister(input: $i) {
  id stage track priorityGroups
  application { id status eligibility { eligible configVersion rule reasons { code message messageZh waivable } } }
} }`;

/** What a unit attests for a typical applicant: a teacher who leads a team known across the province. */
export const QUALIFIED = { clinicalTeaching: true, educationManagement: false, leadsTeam: true, influence: 'provincial' };

export async function register(h: Harness, token: string, programmeId: string, talentId: string, track: string, qualifications: Record<string, unknown> | null = QUALIFIED) {
  return (await h.ok(token, REGISTER, { i: { programmeId, talentId, track, unitAttestation: true, qualifications } })).wenzhouRegister;
}

export const ASSESS = `mutation($i: WenzhouLanguageAssessmentInput!) { wenzhouRecordLanguageAssessment(input: $i) { id stage application { status } } }`;
export const SCORE = `mutation($i: WenzhouScoreInput!) { wenzhouScoreApplicant(input: $i) { id weighted } }`;

/** Register → assess → three scores (all `score`) for a talent. */
export async function throughScoring(h: Harness, w: World, talentId: string, track: string, score: number, coord = w.coordA) {
  const c = await register(h, coord, w.programmeId, talentId, track);
  // The language assessment's score is the committee's language result (四(三) 外语评估结果).
  await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: c.id, level: 'GOOD', score } });
  for (const e of w.expertsB) await h.ok(e, SCORE, { i: { candidacyId: c.id, businessAbility: score, clinicalLevel: score, socialEvaluation: score } });
  return c.id as string;
}

/** All the way to exit formalities done, for one talent of unit A in a track. */
export async function throughExit(h: Harness, w: World, talentId: string, track: string): Promise<string> {
  const id = await throughScoring(h, w, talentId, track, 90);
  await h.ok(w.admin, `mutation($p: ID!, $t: String!) { wenzhouRankTrack(programmeId: $p, track: $t) { quota } }`, { p: w.programmeId, t: track });
  await h.ok(w.admin, `mutation($p: ID!, $t: String!) { wenzhouApproveTrack(programmeId: $p, track: $t) { id } }`, { p: w.programmeId, t: track });
  await h.ok(w.admin, `mutation($p: ID!) { wenzhouPublishList(input: { programmeId: $p }) { publication { id } } }`, { p: w.programmeId });
  h.app.clock.set('2025-09-20T02:00:00Z');
  await h.ok(w.coordA, EXIT, { i: { candidacyId: id, completedOn: '2025-09-20', travelDocumentsReady: true, preDepartureTrainingDone: true, confidentialityBriefingDone: true, politicalEducationDone: true } });
  return id;
}

export const EXIT = `mutation($i: WenzhouExitFormalitiesInput!) { wenzhouCompleteExitFormalities(input: $i) { id stage exitClearedOn } }`;

export const AGREE = `mutation($i: WenzhouAgreementInput!) { wenzhouRecordAgreement(input: $i) { id servicePeriodMonths servicePeriodDefaulted clauses { code kind owedBy text } } }`;

/** 协议: the agreement every stay needs before departure (two tasks; the service period given or the local default). */
export async function agree(h: Harness, token: string, stayId: string, servicePeriodMonths: number | null = 36) {
  return (await h.ok(token, AGREE, { i: { stayId, signedOn: '2025-09-20', tasks: ['掌握并引进一项国际前沿诊疗技术', '协助建立长期稳定的国际化医学交流合作机制'], servicePeriodMonths } })).wenzhouRecordAgreement;
}
