/** Helpers for the plugin's API tests: everything goes through GraphQL. */
import type { Harness } from '../../../test/support/harness.js';

export interface InstitutionSpec {
  name: string;
  adminLevel?: string | null;
  region?: string | null;
  province?: string | null;
  host?: boolean;
}

export async function institution(h: Harness, token: string, spec: InstitutionSpec): Promise<string> {
  const data = await h.ok(
    token,
    `mutation($i: InstitutionInput!) { createInstitution(input: $i) { id } }`,
    {
      i: {
        name: spec.name,
        kind: 'HOSPITAL',
        country: 'CN',
        dispatching: !spec.host,
        host: !!spec.host,
        adminLevel: spec.adminLevel ?? null,
        region: spec.region ?? null,
        province: spec.province ?? null,
      },
    },
  );
  return data.createInstitution.id;
}

export interface TalentSpec {
  name: string;
  unitId: string;
  profession?: string;
  titleGrade?: string;
}

export async function talent(h: Harness, token: string, spec: TalentSpec): Promise<string> {
  const data = await h.ok(token, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
    i: {
      name: spec.name,
      gender: 'FEMALE',
      birthDate: '1986-03-01',
      unitId: spec.unitId,
      field: 'WESTERN_MEDICINE',
      profession: spec.profession ?? 'DOCTOR',
      titleGrade: spec.titleGrade ?? 'INTERMEDIATE',
      highestDegree: 'MASTER',
    },
  });
  return data.createTalent.id;
}

export interface CohortSpec {
  code: string;
  name?: string;
  round: number;
  period: number;
  hostInstitutionId: string;
  hostRegion?: string;
  subPlans?: string[];
  components?: string[] | null;
  capacity?: number;
  startDate: string;
}

export async function cohort(h: Harness, token: string, spec: CohortSpec): Promise<{ id: string; programmeId: string }> {
  const data = await h.ok(token, `mutation($i: GuizhouCohortInput!) { guizhouCreateCohort(input: $i) { id programme { id } } }`, {
    i: {
      code: spec.code,
      name: spec.name ?? spec.code,
      round: spec.round,
      period: spec.period,
      hostInstitutionId: spec.hostInstitutionId,
      hostRegion: spec.hostRegion ?? 'SHANGHAI',
      subPlans: spec.subPlans ?? ['BACKBONE', 'FOREST_CULTIVATION'],
      components: spec.components ?? null,
      capacity: spec.capacity ?? 10,
      startDate: spec.startDate,
    },
  });
  return { id: data.guizhouCreateCohort.id, programmeId: data.guizhouCreateCohort.programme.id };
}

export async function apply(h: Harness, token: string, programmeId: string, talentId: string, track = 'backbone') {
  const data = await h.ok(
    token,
    `mutation($i: SubmitApplicationInput!) { submitApplication(input: $i) { id status eligibility { eligible reasons { code message messageZh } } } }`,
    { i: { programmeId, talentId, track } },
  );
  return data.submitApplication as { id: string; status: string; eligibility: { eligible: boolean; reasons: { code: string; message: string; messageZh: string | null }[] } };
}

export async function select(h: Harness, token: string, applicationId: string): Promise<void> {
  await h.ok(token, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: applicationId });
}

export const TRAINEE_FIELDS = `id status termMonths subPlan startedOn endedOn finalGrade midTermGrade withdrawalStage withdrawalReason returnedOn
  mentorName returnedTo { id name } placement { id status plannedStart plannedEnd actualStart actualEnd }
  reports { kind title dueOn status }`;

export async function enrol(h: Harness, token: string, applicationId: string, termMonths: number, mentor: Record<string, unknown> | null = null) {
  const data = await h.ok(token, `mutation($i: GuizhouEnrolInput!) { guizhouEnrolTrainee(input: $i) { ${TRAINEE_FIELDS} } }`, { i: { applicationId, termMonths, mentor } });
  return data.guizhouEnrolTrainee;
}

/** A talent of `unitId` applied, selected and enrolled: the trainee. */
export async function enrolled(h: Harness, token: string, programmeId: string, unitId: string, name: string, termMonths = 6) {
  const talentId = await talent(h, token, { name, unitId });
  const app = await apply(h, token, programmeId, talentId);
  await select(h, token, app.id);
  return { talentId, ...(await enrol(h, token, app.id, termMonths)) };
}
