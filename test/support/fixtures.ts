import type { Harness } from './harness.js';
import { institution, talent, type TalentSpec } from '../kit/index.js';

/** Small builders used by the core's API tests, on the public test kit: each goes through GraphQL like a client would. */
export const createUnit = (h: Harness, token: string, name: string, extra: Record<string, unknown> = {}) => institution(h, token, { name, adminLevel: 'CITY', ...extra });

export const createHost = (h: Harness, token: string, name: string) => institution(h, token, { name, host: true });

export type { TalentSpec };

export const createTalent = (h: Harness, token: string, unitId: string, spec: TalentSpec = {}) =>
  talent(h, token, unitId, { name: 'Zhang San', gender: 'MALE', ...spec });

export async function createOpenProgramme(h: Harness, token: string, code: string, scheme = 'sample-scheme', referenceDate = '2025-06-30'): Promise<string> {
  const r = await h.ok(token, `mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`, {
    i: { scheme, code, name: `Programme ${code}`, year: 2025, referenceDate, tracks: [{ code: 'clinical', name: 'Clinical' }] },
  });
  const id = r.createProgramme.id;
  await h.ok(token, `mutation($id: ID!) { setProgrammeStatus(id: $id, status: OPEN) { id } }`, { id });
  return id;
}
