import { fileURLToPath } from 'node:url';
import { startHarness, type Harness } from '../../../test/support/harness.js';
import { expectError, hostInstitution, institution, talent as kitTalent } from '../../../test/kit/index.js';
import { wenzhouOverseasPlugin } from '../wenzhou-overseas.plugin.js';

export const WZ_TENANTS = fileURLToPath(new URL('./fixtures/tenants', import.meta.url));

/** A real server with only this plugin registered, on the wenzhou tenant (a copy of tenants/wenzhou.yaml). */
export const startWenzhou = (seedDemo = false, tenantsDirs = [WZ_TENANTS]) => startHarness({ plugins: [wenzhouOverseasPlugin], tenantsDirs, seedDemo });

export interface World {
  admin: string;
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

export async function world(h: Harness, year = 2025): Promise<World> {
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
  return {
    admin,
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

export async function register(h: Harness, token: string, programmeId: string, talentId: string, track: string) {
  return (await h.ok(token, REGISTER, { i: { programmeId, talentId, track, unitAttestation: true } })).wenzhouRegister;
}

export const ASSESS = `mutation($i: WenzhouLanguageAssessmentInput!) { wenzhouRecordLanguageAssessment(input: $i) { id stage application { status } } }`;
export const SCORE = `mutation($i: WenzhouScoreInput!) { wenzhouScoreApplicant(input: $i) { id weighted } }`;

/** Register → assess → three scores (all `score`) for a talent. */
export async function throughScoring(h: Harness, w: World, talentId: string, track: string, score: number, coord = w.coordA) {
  const c = await register(h, coord, w.programmeId, talentId, track);
  await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: c.id, level: 'GOOD', score: 80 } });
  for (const e of w.expertsB) await h.ok(e, SCORE, { i: { candidacyId: c.id, businessAbility: score, clinicalLevel: score, languageResult: score, socialEvaluation: score } });
  return c.id as string;
}

/** All the way to exit formalities done, for one talent of unit A in a track. */
export async function throughExit(h: Harness, w: World, talentId: string, track: string): Promise<string> {
  const id = await throughScoring(h, w, talentId, track, 90);
  await h.ok(w.admin, `mutation($p: ID!, $t: String!) { wenzhouRankTrack(programmeId: $p, track: $t) { quota } }`, { p: w.programmeId, t: track });
  await h.ok(w.admin, `mutation($p: ID!, $t: String!) { wenzhouApproveTrack(programmeId: $p, track: $t) { id } }`, { p: w.programmeId, t: track });
  await h.ok(w.admin, `mutation($p: ID!) { wenzhouPublishList(input: { programmeId: $p }) { publication { id } } }`, { p: w.programmeId });
  await h.ok(w.coordA, EXIT, { i: { candidacyId: id, completedOn: '2025-09-20', travelDocumentsReady: true, preDepartureTrainingDone: true, confidentialityBriefingDone: true } });
  return id;
}

export const EXIT = `mutation($i: WenzhouExitFormalitiesInput!) { wenzhouCompleteExitFormalities(input: $i) { id stage exitClearedOn } }`;
