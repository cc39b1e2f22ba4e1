import type { Harness } from './harness.js';

/** Small builders used by the API tests: each goes through GraphQL like a client would. */
export async function createUnit(h: Harness, token: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await h.ok(token, `mutation($i: InstitutionInput!) { createInstitution(input: $i) { id } }`, {
    i: { name, kind: 'HOSPITAL', dispatching: true, country: 'CN', adminLevel: 'CITY', ...extra },
  });
  return r.createInstitution.id;
}

export async function createHost(h: Harness, token: string, name: string): Promise<string> {
  return createUnit(h, token, name, { dispatching: false, host: true, country: 'US', adminLevel: null });
}

export interface TalentSpec {
  name?: string;
  birthDate?: string;
  titleGrade?: string;
  highestDegree?: string;
  phone?: string;
  idCardNumber?: string;
  talentProgrammes?: string[];
}

export async function createTalent(h: Harness, token: string, unitId: string, spec: TalentSpec = {}): Promise<string> {
  const r = await h.ok(token, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
    i: {
      name: spec.name ?? 'Zhang San',
      gender: 'MALE',
      birthDate: spec.birthDate ?? '1985-03-15',
      unitId,
      field: 'WESTERN_MEDICINE',
      profession: 'DOCTOR',
      titleGrade: spec.titleGrade ?? 'INTERMEDIATE',
      highestDegree: spec.highestDegree ?? 'MASTER',
      phone: spec.phone,
      idCardNumber: spec.idCardNumber,
      talentProgrammes: spec.talentProgrammes,
    },
  });
  return r.createTalent.id;
}

export async function createOpenProgramme(h: Harness, token: string, code: string, scheme = 'sample-scheme', referenceDate = '2025-06-30'): Promise<string> {
  const r = await h.ok(token, `mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`, {
    i: { scheme, code, name: `Programme ${code}`, year: 2025, referenceDate, tracks: [{ code: 'clinical', name: 'Clinical' }] },
  });
  const id = r.createProgramme.id;
  await h.ok(token, `mutation($id: ID!) { setProgrammeStatus(id: $id, status: OPEN) { id } }`, { id });
  return id;
}
