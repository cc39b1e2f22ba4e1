import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('smoke', () => {
  it('creates an institution and a talent and reads them back', async () => {
    const admin = await h.token('alpha', 'commission-admin');
    const inst = await h.ok(admin, `mutation { createInstitution(input: { name: "Alpha People's Hospital", kind: HOSPITAL, dispatching: true, country: "CN", adminLevel: CITY }) { id name } }`);
    const unitId = inst.createInstitution.id;
    const t = await h.ok(admin, `mutation($u: ID!) { createTalent(input: { name: "Li Wei", gender: FEMALE, birthDate: "1980-05-01", unitId: $u, field: WESTERN_MEDICINE, profession: DOCTOR, titleGrade: INTERMEDIATE, highestDegree: MASTER, phone: "13800000000" }) { id name birthDate age(on: "2025-05-01") unit { name } sampleBadge phone } }`, { u: unitId });
    expect(t.createTalent).toMatchObject({ name: 'Li Wei', birthDate: '1980-05-01', age: 45, unit: { name: "Alpha People's Hospital" }, sampleBadge: 'alpha:Li Wei', phone: '13800000000' });
    const list = await h.ok(admin, `{ talents(first: 10) { totalCount nodes { name } pageInfo { hasNextPage } } }`);
    expect(list.talents.totalCount).toBe(1);
  });
});
