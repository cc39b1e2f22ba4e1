/** Helpers for the plugin's API tests: everything goes through GraphQL. */
import { institution as kitInstitution, talent as kitTalent, type Harness, type InstitutionSpec } from '../../../test/kit/index.js';

export type { InstitutionSpec };

/** An institution in China (Guizhou's units, and the host hospitals in Shanghai, Guangdong…). */
export const institution = (h: Harness, token: string, spec: InstitutionSpec) => kitInstitution(h, token, { country: 'CN', ...spec });

export interface TalentSpec {
  name: string;
  unitId: string;
  profession?: string;
  titleGrade?: string;
  birthDate?: string;
}

export const talent = (h: Harness, token: string, { unitId, ...spec }: TalentSpec) => kitTalent(h, token, unitId, { birthDate: '1986-03-01', ...spec });

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
