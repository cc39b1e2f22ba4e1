import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/harness.js';
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

export async function expectError(p: Promise<{ body: { errors?: { extensions?: Record<string, any>; message: string }[] } }>, code: string, field?: string) {
  const r = await p;
  expect(r.body.errors?.[0]?.extensions?.code, JSON.stringify(r.body.errors)).toBe(code);
  if (field) expect(r.body.errors?.[0]?.extensions?.field, JSON.stringify(r.body.errors)).toBe(field);
  return r.body.errors![0]!;
}

const INST = `mutation($i: InstitutionInput!) { createInstitution(input: $i) { id } }`;

export async function world(h: Harness, year = 2025): Promise<World> {
  const admin = await h.token('wenzhou', 'commission-admin');
  const inst = async (i: Record<string, unknown>) => (await h.ok(admin, INST, { i })).createInstitution.id as string;
  const unitA = await inst({ name: '温州医科大学附属第一医院', kind: 'HOSPITAL', dispatching: true, country: 'CN', city: '温州', level: 'grade-3A' });
  const unitB = await inst({ name: '温州市人民医院', kind: 'HOSPITAL', dispatching: true, country: 'CN', city: '温州', level: 'grade-3A' });
  const hostUS = await inst({ name: 'Mayo Clinic', kind: 'HOSPITAL', host: true, country: 'US', city: 'Rochester', qualificationVerified: true });
  const hostTH = await inst({ name: 'Siriraj Hospital', kind: 'HOSPITAL', host: true, country: 'TH', city: 'Bangkok', qualificationVerified: true });
  const hostCN = await inst({ name: '上海瑞金医院', kind: 'HOSPITAL', host: true, country: 'CN', city: '上海', qualificationVerified: true });
  const hostUnverified = await inst({ name: 'Unverified Clinic', kind: 'HOSPITAL', host: true, country: 'US', qualificationVerified: false });
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

let n = 0;
export async function talent(h: Harness, admin: string, spec: TalentSpec): Promise<string> {
  n += 1;
  const r = await h.ok(admin, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
    i: {
      name: spec.name ?? `医生${n}`,
      gender: 'FEMALE',
      birthDate: spec.birthDate ?? '1982-03-15',
      unitId: spec.unitId,
      field: 'WESTERN_MEDICINE',
      profession: 'DOCTOR',
      titleGrade: spec.titleGrade ?? 'ASSOCIATE_SENIOR',
      highestDegree: spec.highestDegree ?? 'DOCTORATE',
      talentProgrammes: spec.talentProgrammes ?? [],
      adminExperienceMonths: spec.adminExperienceMonths ?? 0,
      englishSelfDeclared: spec.englishSelfDeclared ?? 'GOOD',
      adverseIncidentPrimaryResponsibility: spec.adverseIncidentPrimaryResponsibility ?? false,
      phone: '13900000000',
    },
  });
  return r.createTalent.id;
}

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
