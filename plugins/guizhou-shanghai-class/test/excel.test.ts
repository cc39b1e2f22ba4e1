import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_TENANTS, startHarness, type Harness } from '../../../test/support/harness.js';
import { readXlsx, xlsx } from '../../../test/support/xlsx.js';
import { cohort, institution } from './support.js';

/** A cohort enrolled from the commission's list (each row applied, selected and enrolled as the API does), and the dashboard as a workbook. */
let h: Harness;
let admin: string;
let c1: { id: string; programmeId: string };
const ID = (n: number) => `520102198603010${String(n).padStart(3, '0')}`;

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS] });
  h.app.clock.set('2022-01-10T02:00:00Z');
  admin = await h.token('guizhou', 'commission-admin');
  const ruijin = await institution(h, admin, { name: 'Ruijin Hospital, Shanghai Jiao Tong University', host: true, province: 'Shanghai' });
  const provincial = await institution(h, admin, { name: '贵州省人民医院', adminLevel: 'PROVINCE', region: 'guizhou', province: 'Guizhou' });
  const township = await institution(h, admin, { name: '某乡镇卫生院', adminLevel: 'TOWNSHIP', region: 'yuping', province: 'Guizhou' });
  c1 = await cohort(h, admin, { code: 'GZ-P6-RUIJIN', round: 2, period: 6, hostInstitutionId: ruijin, startDate: '2022-02-08', capacity: 3 });
  const mk = async (name: string, unitId: string, n: number) =>
    h.ok(admin, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
      i: { name, gender: 'FEMALE', birthDate: '1986-03-01', unitId, field: 'WESTERN_MEDICINE', profession: 'DOCTOR', titleGrade: 'INTERMEDIATE', highestDegree: 'MASTER', idCardNumber: ID(n) },
    });
  await mk('吴娟', provincial, 1);
  await mk('杨帆', provincial, 2);
  await mk('龙梅', township, 3);
});
afterAll(async () => h?.close());

const HEADER = ['姓名', '身份证号', '子计划', '进修期限（月）', '带教老师'];
const upload = async (body: Buffer) => (await h.http(admin, `/imports/guizhou-shanghai-class.enrolments?cohortId=${c1.id}`, { method: 'POST', body })).json() as Promise<any>;

describe('enrolling a cohort from a list', () => {
  it('names the plan’s own refusals per row (term, eligibility), then enrols all at once', async () => {
    const bad = await xlsx([HEADER, ['吴娟', ID(1), '骨干人才', 6, '宁光'], ['杨帆', ID(2), '育林人才', 5, null], ['龙梅', ID(3), '骨干人才', 6, null]], { textColumns: [2] });
    const r = await upload(bad);
    expect(r.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
      [3, 'D', 'BAD_USER_INPUT'], // a 5-month term (3, 6 or 12)
      [4, null, 'INVALID_STATE'], // a township hospital's staff are not eligible
    ]);
    expect(r.problems[1].message).toMatch(/not eligible/);
    expect((await h.ok(admin, `{ guizhouTrainees(first: 1) { totalCount } }`)).guizhouTrainees.totalCount).toBe(0);

    const good = await xlsx([HEADER, ['吴娟', ID(1), '骨干人才', 6, '宁光'], ['杨帆', ID(2), '育林人才', 12, null]], { textColumns: [2] });
    const dry = await upload(good);
    expect(dry).toMatchObject({ state: 'checked', created: 2 });
    const done = await (await h.http(admin, `/imports/batches/${dry.batchId}/commit`, { method: 'POST' })).json();
    expect(done).toMatchObject({ state: 'committed', created: 2 });
    const list = await h.ok(admin, `{ guizhouTrainees(first: 10) { nodes { talent { name } subPlan termMonths mentorName placement { plannedStart plannedEnd } } } }`);
    expect(list.guizhouTrainees.nodes).toEqual([
      { talent: { name: '吴娟' }, subPlan: 'BACKBONE', termMonths: 6, mentorName: '宁光', placement: { plannedStart: '2022-02-08', plannedEnd: '2022-08-07' } },
      { talent: { name: '杨帆' }, subPlan: 'FOREST_CULTIVATION', termMonths: 12, mentorName: null, placement: { plannedStart: '2022-02-08', plannedEnd: '2023-02-07' } },
    ]);
    expect(await upload(good)).toMatchObject({ alreadyImported: true });
  });

  it('the dashboard workbook has its figures, rates as percent cells, and its definitions', async () => {
    const res = await h.http(admin, '/exports/guizhou-shanghai-class.dashboard');
    expect(res.status).toBe(200);
    const book = await readXlsx(Buffer.from(await res.arrayBuffer()));
    expect(book.sheets.map((s) => s.name)).toEqual(['总体', '按轮次', '按期次', '口径说明']);
    expect(book.sheets[0]!.rows[0]!.slice(0, 3)).toEqual(['范围', '培训人数', '在训']);
    expect(book.formats.get('总体!1:8') ?? book.formats.get('总体!2:8')).toBe('0.00%');
    expect(book.sheets[3]!.rows.length).toBeGreaterThan(3);
    expect((await h.http(await h.token('guizhou', 'unit-coordinator', { unitId: c1.id }), '/exports/guizhou-shanghai-class.dashboard')).status).toBe(403);
  });
});
