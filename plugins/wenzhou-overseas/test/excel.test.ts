import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { readXlsx, xlsx } from '../../../test/support/xlsx.js';
import { ADD_MEMBER, ASSESS, EXIT, SCORE, startWenzhou, world, type World } from './helpers.js';

/**
 * The plan's lists in Excel, through the API: units register staff to a call from a name list
 * (every bad row named, a second import changes nothing), the published list goes out marked
 * internal (四(四)) and each unit gets only its own people, the cost sheet shows yuan.
 */
let h: Harness;
let w: World;
const ids: Record<string, string> = {};
const ID = (n: number) => `330302198203150${String(n).padStart(3, '0')}`;

async function staff(unitId: string, name: string, n: number) {
  const r = await h.ok(w.admin, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
    i: { name, gender: 'FEMALE', birthDate: '1982-03-15', unitId, field: 'WESTERN_MEDICINE', profession: 'DOCTOR', titleGrade: 'ASSOCIATE_SENIOR', highestDegree: 'DOCTORATE', englishSelfDeclared: 'GOOD', idCardNumber: ID(n), department: '心内科' },
  });
  ids[name] = r.createTalent.id;
}
const HEADER = ['姓名', '身份证号', '选派类别', '单位承诺'];
const upload = async (token: string, body: Buffer) => (await h.http(token, `/imports/wenzhou-overseas.registrations?programmeId=${w.programmeId}&filename=${encodeURIComponent('报名名单.xlsx')}`, { method: 'POST', body })).json() as Promise<any>;
const commit = async (token: string, id: string) => (await h.http(token, `/imports/batches/${id}/commit`, { method: 'POST' })).json() as Promise<any>;

beforeAll(async () => {
  h = await startWenzhou();
  w = await world(h);
  await staff(w.unitA, '陈志远', 1);
  await staff(w.unitA, '林晓', 2);
  await staff(w.unitA, '黄蕾', 3);
  await staff(w.unitB, '周敏', 4);
});
afterAll(() => h?.close());

describe('registrations from a unit’s list', () => {
  let file: Buffer;

  it('the dry run names every bad row; the rows of another unit are not found, never named', async () => {
    const bad = await xlsx([
      HEADER,
      ['陈志远', ID(1), '临床骨干人才', '是'],
      ['周敏', ID(4), '临床骨干人才', '是'], // unit B's
      ['林晓', ID(2), '心外科人才', '是'], // no such track
      ['林小', ID(2), '医学创新人才', '是'], // wrong name for the ID number
      ['黄蕾', ID(3), '医学创新人才', '否'], // the unit does not attest (WenzhouRegisterInput's rule)
    ], { textColumns: [2] });
    const r = await upload(w.coordA, bad);
    expect(r).toMatchObject({ state: 'rejected', rows: 5, created: 1 });
    expect(r.problems.map((p: any) => [p.row, p.column, p.header])).toEqual([
      [4, 'C', '选派类别'],
      [3, 'B', '身份证号'],
      [5, 'A', '姓名'],
      [6, 'D', '单位承诺'],
    ]);
    expect(JSON.stringify(r.problems)).not.toContain('周敏');
    expect(r.problems.find((p: any) => p.row === 6).message).toMatch(/unit must attest/);
    const list = await h.ok(w.admin, `query($p: ID!) { wenzhouCandidacies(first: 10, filter: { programmeId: $p }) { totalCount } }`, { p: w.programmeId });
    expect(list.wenzhouCandidacies.totalCount).toBe(0);
  });

  it('a clean list commits all at once, judged by the plan’s rule; the same file again changes nothing', async () => {
    file = await xlsx([HEADER, ['陈志远', ID(1), '临床骨干人才', '是'], ['林晓', ID(2), '医学创新人才', '是'], ['黄蕾', ID(3), '临床骨干人才', '是']], { textColumns: [2] });
    const dry = await upload(w.coordA, file);
    expect(dry).toMatchObject({ state: 'checked', created: 3 });
    expect(await commit(w.coordA, dry.batchId)).toMatchObject({ state: 'committed', created: 3 });
    const list = await h.ok(w.admin, `query($p: ID!) { wenzhouCandidacies(first: 10, filter: { programmeId: $p }) { nodes { track stage talent { name } application { status } } } }`, { p: w.programmeId });
    expect(list.wenzhouCandidacies.nodes.map((c: any) => [c.talent.name, c.track, c.stage, c.application.status])).toEqual([
      ['陈志远', 'clinical_backbone', 'REGISTERED', 'ELIGIBLE'],
      ['林晓', 'medical_innovation', 'REGISTERED', 'ELIGIBLE'],
      ['黄蕾', 'clinical_backbone', 'REGISTERED', 'ELIGIBLE'],
    ]);
    expect(await upload(w.coordA, file)).toMatchObject({ alreadyImported: true, created: 0 });
  });
});

describe('the published list and the cost sheet', () => {
  beforeAll(async () => {
    // Unit B registers its own through the API; everyone is assessed, scored, ranked, approved, published.
    await h.ok(w.coordB, `mutation($i: WenzhouRegisterInput!) { wenzhouRegister(input: $i) { id } }`, { i: { programmeId: w.programmeId, talentId: ids['周敏'], track: 'clinical_backbone', unitAttestation: true } });
    for (const i of [0, 1, 2]) await h.ok(w.admin, ADD_MEMBER, { i: { committeeId: w.committeeId, expertId: `expert-a${i}`, name: `专家${i}`, titleGrade: 'ASSOCIATE_SENIOR', specialty: '临床医学', unitId: w.unitA } });
    const all = await h.ok(w.admin, `query($p: ID!) { wenzhouCandidacies(first: 10, filter: { programmeId: $p }) { nodes { id unit { id } } } }`, { p: w.programmeId });
    for (const c of all.wenzhouCandidacies.nodes) {
      await h.ok(w.expertsB[0]!, ASSESS, { i: { candidacyId: c.id, level: 'GOOD', score: 80 } });
      const experts = c.unit.id === w.unitB ? [w.expertA, w.expertA, w.expertA] : w.expertsB;
      for (const [i, e] of experts.entries()) {
        const token = c.unit.id === w.unitB ? await h.token('wenzhou', 'committee-expert', { unitId: w.unitA, userId: `expert-a${i}` }) : e;
        await h.ok(token, SCORE, { i: { candidacyId: c.id, businessAbility: 90, clinicalLevel: 88, socialEvaluation: 85 } });
      }
    }
    for (const t of ['clinical_backbone', 'medical_innovation']) {
      await h.ok(w.admin, `mutation($p: ID!, $t: String!) { wenzhouRankTrack(programmeId: $p, track: $t) { quota } }`, { p: w.programmeId, t });
      await h.ok(w.admin, `mutation($p: ID!, $t: String!) { wenzhouApproveTrack(programmeId: $p, track: $t) { id } }`, { p: w.programmeId, t });
    }
    await h.ok(w.admin, `mutation($p: ID!) { wenzhouPublishList(input: { programmeId: $p }) { publication { id } } }`, { p: w.programmeId });
  });

  const exportList = (token: string) => h.http(token, `/exports/wenzhou-overseas.published-list?programmeId=${w.programmeId}`);

  it('is marked internal everywhere a reader looks: name, header, banner, page header, properties', async () => {
    const res = await exportList(w.admin);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('x-classification')!)).toBe('内部资料');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^百医出海选派名单（内部资料）-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = await readXlsx(Buffer.from(await res.arrayBuffer()));
    const rows = book.sheets[0]!.rows;
    expect(String(rows[0]![0])).toContain('【内部资料】');
    expect(String(rows[0]![0])).toContain('各单位不得将人才名单对外发布');
    expect(String(book.headerFooter.oddHeader)).toContain('内部资料');
    expect(book.properties).toMatchObject({ keywords: '内部资料', category: '内部资料' });
    expect(String(book.properties.subject)).toContain('四（四）');
    const header = rows.findIndex((r) => r?.[0] === '序号');
    expect(rows.slice(header + 1).map((r) => r[2]).sort()).toEqual(['周敏', '林晓', '陈志远', '黄蕾'].sort());
  });

  it('a unit gets only its own people; a viewer and an expert get nothing', async () => {
    const rowsOf = async (token: string) => {
      const rows = (await readXlsx(Buffer.from(await (await exportList(token)).arrayBuffer()))).sheets[0]!.rows;
      return rows.slice(rows.findIndex((r) => r?.[0] === '序号') + 1).map((r) => r[2]);
    };
    expect((await rowsOf(w.coordA)).sort()).toEqual(['林晓', '陈志远', '黄蕾'].sort());
    expect(await rowsOf(w.coordB)).toEqual(['周敏']);
    expect((await exportList(await h.token('wenzhou', 'viewer'))).status).toBe(403);
    expect((await exportList(w.expertA)).status).toBe(403);
  });

  it('the cost sheet shows yuan in money cells, split by the plan’s shares, with a total', async () => {
    const cid = (await h.ok(w.admin, `query($p: ID!) { wenzhouCandidacies(first: 10, filter: { programmeId: $p }) { nodes { id talent { name } } } }`, { p: w.programmeId })).wenzhouCandidacies.nodes.find((c: any) => c.talent.name === '陈志远').id;
    await h.ok(w.coordA, EXIT, { i: { candidacyId: cid, completedOn: '2025-09-20', travelDocumentsReady: true, preDepartureTrainingDone: true, confidentialityBriefingDone: true, politicalEducationDone: true } });
    const stay = await h.ok(w.coordA, `mutation($i: WenzhouPlaceInput!) { wenzhouPlace(input: $i) { id } }`, { i: { candidacyId: cid, hostInstitutionId: w.hostUS, plannedStart: '2025-10-01', plannedEnd: '2025-11-30', liaisonName: '王主任' } });
    await h.ok(w.coordA, `mutation($i: WenzhouCostItemInput!) { wenzhouAddCostItem(input: $i) { id } }`, { i: { stayId: stay.wenzhouPlace.id, category: 'AIRFARE', description: '往返机票', incurredOn: '2025-09-25', amountFen: 1_234_567 } });
    const res = await h.http(w.coordA, `/exports/wenzhou-overseas.cost-sheet?programmeId=${w.programmeId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-classification')).toBeNull();
    const book = await readXlsx(Buffer.from(await res.arrayBuffer()));
    const rows = book.sheets[0]!.rows;
    const header = rows.findIndex((r) => r?.[0] === '姓名');
    const item = rows[header + 1]!;
    expect(item.slice(0, 4)).toEqual(['陈志远', '温州医科大学附属第一医院', '临床骨干人才', '国际旅费']);
    expect(item[5]).toEqual(new Date(Date.UTC(2025, 8, 25)));
    expect(item.slice(6, 11)).toEqual([12345.67, 6172.83, 4938.27, 1234.57, '50/40/10']);
    expect(book.formats.get(`经费分担!${header + 2}:7`)).toBe('"¥"#,##0.00');
    expect(rows[header + 2]!.slice(0, 1).concat(rows[header + 2]!.slice(6, 10))).toEqual(['合计', 12345.67, 6172.83, 4938.27, 1234.57]);
  });

  it('the statistics workbook carries the dashboard’s figures', async () => {
    const book = await readXlsx(Buffer.from(await (await h.http(w.admin, '/exports/wenzhou-overseas.statistics')).arrayBuffer()));
    expect(book.sheets.map((s) => s.name)).toEqual(['概览', '分类别', '成果', '经费']);
    const overview = Object.fromEntries(book.sheets[0]!.rows.filter((r) => r && typeof r[1] === 'number').map((r) => [r[0], r[1]]));
    expect(overview).toMatchObject({ 报名人数: 4, 入选人数: 4 });
    expect(book.sheets[3]!.rows.find((r) => r?.[0] === '合计')![1]).toBe(12345.67);
  });
});
