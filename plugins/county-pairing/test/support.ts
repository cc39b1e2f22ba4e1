import { fileURLToPath } from 'node:url';
import { institution, startScheme, talent as kitTalent, type Harness } from '../../../test/kit/index.js';
import { countyPairingPlugin } from '../county-pairing.plugin.js';

export const COUNTY_TENANTS = fileURLToPath(new URL('./tenants', import.meta.url));
export const T = 'county';

/** A real server with only this plugin and a test county, the clock at 2025-07-01 (Shanghai). */
export const startCounty = () => startScheme({ plugins: [countyPairingPlugin], tenants: COUNTY_TENANTS, today: '2025-07-01T04:00:00Z' });

export type FieldName = 'WESTERN_MEDICINE' | 'TCM' | 'NURSING' | 'PHARMACY' | 'MEDICAL_TECHNOLOGY' | 'PUBLIC_HEALTH';
const PROFESSION: Record<FieldName, string> = {
  WESTERN_MEDICINE: 'DOCTOR',
  TCM: 'DOCTOR',
  NURSING: 'NURSE',
  PHARMACY: 'PHARMACIST',
  MEDICAL_TECHNOLOGY: 'TECHNICIAN',
  PUBLIC_HEALTH: 'DOCTOR',
};

/** A county hospital that both sends staff and hosts apprentices (its mentors work there). */
export const unit = (h: Harness, admin: string, name: string) => institution(h, admin, { name, host: true, dispatching: true, country: 'CN', province: 'Guizhou', city: 'Tongren', adminLevel: 'COUNTY' });

export const talent = (h: Harness, admin: string, unitId: string, name: string, field: FieldName, title = 'INTERMEDIATE') =>
  kitTalent(h, admin, unitId, { name, birthDate: '1988-04-02', field, profession: PROFESSION[field], titleGrade: title, highestDegree: 'BACHELOR' });

export async function round(h: Harness, admin: string, code: string, pairingStart = '2025-03-01', pairingEnd = '2026-02-28'): Promise<string> {
  const r = await h.ok(admin, `mutation($i: CountyRoundInput!) { countyCreateRound(input: $i) { id } }`, {
    i: { code, name: `Round ${code}`, year: Number(pairingStart.slice(0, 4)), pairingStart, pairingEnd },
  });
  return r.countyCreateRound.id;
}

/** A mentor publishes their own offer with their own token (role mentor, talentId = theirs). */
export async function publish(h: Harness, roundId: string, mentorTalentId: string, capacity: number): Promise<{ id: string; token: string }> {
  const token = await mentorToken(h, mentorTalentId);
  const r = await h.ok(token, `mutation($i: CountyMentorInput!) { countyPublishMentor(input: $i) { id } }`, { i: { roundId, capacity } });
  return { id: r.countyPublishMentor.id, token };
}

export const mentorToken = (h: Harness, talentId: string) => h.token(T, 'mentor', { talentId, userId: `mentor-${talentId}` });
export const apprenticeToken = (h: Harness, talentId: string) => h.token(T, 'talent', { talentId, userId: `talent-${talentId}` });

export async function register(h: Harness, admin: string, roundId: string, talentId: string): Promise<string> {
  const r = await h.ok(admin, `mutation($i: CountyApprenticeInput!) { countyRegisterApprentice(input: $i) { id } }`, { i: { roundId, talentId } });
  return r.countyRegisterApprentice.id;
}

export async function rankMentors(h: Harness, token: string, apprenticeId: string, mentorIds: string[]) {
  return h.ok(token, `mutation($i: CountyRankMentorsInput!) { countyRankMentors(input: $i) { id } }`, { i: { apprenticeId, mentorIds } });
}

export async function rankApprentices(h: Harness, token: string, mentorId: string, apprenticeIds: string[]) {
  return h.ok(token, `mutation($i: CountyRankApprenticesInput!) { countyRankApprentices(input: $i) { id } }`, { i: { mentorId, apprenticeIds } });
}

export async function runMatching(h: Harness, admin: string, roundId: string) {
  const r = await h.ok(
    admin,
    `mutation($r: ID!) { countyRunMatching(roundId: $r) { algorithm pairs { id mentor { id } apprentice { id } } unmatched { side reason explanation open apprentice { id } mentor { id } } } }`,
    { r: roundId },
  );
  return r.countyRunMatching as {
    algorithm: string;
    pairs: { id: string; mentor: { id: string }; apprentice: { id: string } }[];
    unmatched: { side: string; reason: string; explanation: string; open: number; apprentice: { id: string } | null; mentor: { id: string } | null }[];
  };
}

export const errorOf = (r: { body: { errors?: { message: string; extensions?: Record<string, any> }[] } }) => r.body.errors?.[0];
