import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { createTalent, createUnit } from '../support/fixtures.js';
import { readXlsx, xlsx } from '../support/xlsx.js';

/**
 * A unit's name list, in and out of Excel through the API: a dry run that names every bad cell
 * (sheet, row, column) and writes nothing, a commit of all rows or none, a second import of the
 * same file that changes nothing, and a roster export holding only what the requester may read.
 */
let h: Harness;
let admin: string;
let unitA: string;
let unitB: string;
let coordA: string;
let coordB: string;

const HEADER = ['姓名', '性别', '出生日期', '身份证号', '科室', '专业类别', '职业', '职称', '最高学历', '人才项目', '英语水平', '负主责医疗事件', '手机号', '电子邮箱'];
const person = (name: string, id: string | number | null, over: Partial<Record<string, unknown>> = {}) => {
  const base: Record<string, unknown> = { 姓名: name, 性别: '男', 出生日期: new Date(Date.UTC(1985, 2, 15)), 身份证号: id, 科室: '心内科', 专业类别: '西医', 职业: '医师', 职称: '副高级', 最高学历: '博士', 人才项目: 'rising_star、wenzhou_e_class', 英语水平: '良好', 负主责医疗事件: '否', 手机号: '13800000000', 电子邮箱: null, ...over };
  return HEADER.map((k) => base[k] ?? null);
};
const ID = (n: number) => `330302198503150${String(n).padStart(3, '0')}`;

async function dryRun(token: string, body: Buffer, unitId: string, filename = '名册.xlsx') {
  const res = await h.http(token, `/imports/talents?unitId=${unitId}&filename=${encodeURIComponent(filename)}`, { method: 'POST', body });
  return { status: res.status, body: (await res.json()) as any };
}
const commit = async (token: string, batchId: string) => {
  const res = await h.http(token, `/imports/batches/${batchId}/commit`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as any };
};
const count = async (unitId: string) => (await h.ok(admin, `query($u: ID) { talents(first: 1, filter: { unitId: $u }) { totalCount } }`, { u: unitId })).talents.totalCount as number;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('alpha', 'commission-admin');
  unitA = await createUnit(h, admin, '温州医科大学附属第一医院');
  unitB = await createUnit(h, admin, '温州市中心医院');
  coordA = await h.token('alpha', 'unit-coordinator', { unitId: unitA });
  coordB = await h.token('alpha', 'unit-coordinator', { unitId: unitB });
  await createTalent(h, admin, unitB, { name: '他院医生', idCardNumber: ID(99) });
});
afterAll(() => h?.close());

describe('the dry run', () => {
  it('names every bad row and cell, with the API’s own reasons, and writes nothing', async () => {
    const file = await xlsx(
      [
        ['温州医科大学附属第一医院 2025年人才名册'],
        HEADER,
        person('陈医生', ID(1)),
        person('', ID(2)), // row 4: name required
        person('王医生', ID(3), { 性别: '未知' }), // row 5: gender not a label
        person('李医生', ID(4), { 出生日期: '1985-02-30' }), // row 6: not a date
        person('赵医生', 330302198503150041), // row 7: an 18-digit number Excel already rounded
        person('钱医生', '12345'), // row 8: the API's ID number rule
        person('孙医生', ID(1)), // row 9: the same person as row 3
        person('周医生', ID(99)), // row 10: registered by another unit
        person('吴医生', ID(5), { 电子邮箱: 'not-an-email', 职称: '院士' }), // row 11: two cells
        person('郑医生', ID(6)),
      ],
      { textColumns: [4] },
    );
    const before = await count(unitA);
    const { status, body } = await dryRun(coordA, file, unitA);
    expect(status).toBe(200);
    expect(body).toMatchObject({ importer: 'talents', dryRun: true, state: 'rejected', rows: 10, created: 2, commitPath: null });
    const at = body.problems.map((p: any) => [p.row, p.column, p.header, p.code]).sort((a: any, b: any) => a[0] - b[0]);
    expect(at).toEqual([
      [4, 'A', '姓名', 'BAD_USER_INPUT'],
      [5, 'B', '性别', 'BAD_USER_INPUT'],
      [6, 'C', '出生日期', 'BAD_USER_INPUT'],
      [7, 'D', '身份证号', 'BAD_USER_INPUT'],
      [8, 'D', '身份证号', 'BAD_USER_INPUT'],
      [9, null, null, 'CONFLICT'],
      [10, 'D', '身份证号', 'CONFLICT'],
      [11, 'H', '职称', 'BAD_USER_INPUT'],
      [11, 'N', '电子邮箱', 'BAD_USER_INPUT'],
    ]);
    const byRow = (r: number) => body.problems.filter((p: any) => p.row === r);
    expect(byRow(4)[0].message).toBe('is required');
    expect(byRow(5)[0].message).toBe('must be one of 男、女');
    expect(byRow(7)[0].message).toMatch(/more digits than Excel keeps/);
    expect(byRow(8)[0].message).toBe('must be an 18-character resident ID number');
    expect(byRow(9)[0].message).toBe('the same person or record as row 3');
    expect(byRow(10)[0].message).toMatch(/another unit/);
    // Both bad cells of a row are named: the unreadable one, and what TalentInput's own rules say of the rest.
    expect(byRow(11).map((p: any) => [p.header, p.message])).toEqual([['职称', 'must be one of 无、初级、中级、副高级、正高级'], ['电子邮箱', 'must be an email address']]);
    expect(new Set(body.problems.map((p: any) => p.row))).toEqual(new Set([4, 5, 6, 7, 8, 9, 10, 11]));
    expect(body.problems.every((p: any) => p.sheet === 'Sheet1')).toBe(true);
    expect(await count(unitA)).toBe(before);
    // A rejected batch cannot be committed.
    expect((await commit(coordA, body.batchId)).status).toBe(409);
    expect(await count(unitA)).toBe(before);
  });
});

describe('the commit', () => {
  // One file, kept: the same file is the same bytes (exceljs stamps each new file with the time).
  let cleanFile: Buffer | undefined;
  const clean = async () =>
    (cleanFile ??= await xlsx([HEADER, person('陈医生', ID(11)), person('林医生', ID(12), { 性别: '女', 职业: '护士', 专业类别: '护理' }), person('黄医生', null, { 出生日期: '1990年7月1日' })], { textColumns: [4] }));
  let batchId: string;

  it('writes every row at once, audited with the request, after a clean dry run', async () => {
    const { body: checked } = await dryRun(coordA, await clean(), unitA, '第一批.xlsx');
    expect(checked).toMatchObject({ state: 'checked', rows: 3, created: 3, unchanged: 0, problemCount: 0, alreadyImported: false });
    expect(await count(unitA)).toBe(0);
    batchId = checked.batchId;
    const { status, body } = await commit(coordA, batchId);
    expect(status).toBe(200);
    expect(body).toMatchObject({ state: 'committed', created: 3, alreadyImported: false });
    expect(await count(unitA)).toBe(3);
    const found = await h.ok(coordA, `query { talents(first: 10, filter: { search: "黄" }) { nodes { name birthDate idCardNumber gender } } }`);
    expect(found.talents.nodes).toEqual([{ name: '黄医生', birthDate: '1990-07-01', idCardNumber: null, gender: 'MALE' }]);
    const trail = await h.ok(admin, `query { auditTrail(first: 50, filter: { entity: "Talent" }) { nodes { action actor requestId } } }`);
    const created = trail.auditTrail.nodes.filter((n: any) => n.action === 'create' && n.actor === 'user-unit-coordinator');
    expect(created).toHaveLength(3);
    expect(new Set(created.map((n: any) => n.requestId)).size).toBe(1);
  });

  it('the same file again changes nothing: recognised by its checksum, and committing twice is a no-op', async () => {
    const again = await dryRun(coordA, await clean(), unitA, 'copy of 第一批.xlsx');
    expect(again.body).toMatchObject({ batchId, alreadyImported: true, state: 'committed', created: 0 });
    expect((await commit(coordA, batchId)).body).toMatchObject({ alreadyImported: true, created: 0 });
    expect(await count(unitA)).toBe(3);
  });

  it('a new list with the same people adds only who is new (natural keys)', async () => {
    const file = await xlsx([HEADER, person('陈医生', ID(11)), person('林医生', ID(12)), person('黄医生', null, { 出生日期: '1990-07-01' }), person('新医生', ID(13))], { textColumns: [4] });
    const { body } = await dryRun(coordA, file, unitA, '第二批.xlsx');
    expect(body).toMatchObject({ state: 'checked', created: 1, unchanged: 3 });
    expect((await commit(coordA, body.batchId)).body).toMatchObject({ state: 'committed', created: 1, unchanged: 3 });
    expect(await count(unitA)).toBe(4);
  });

  it('a coordinator cannot import into another unit, nor commit another unit’s batch', async () => {
    const { status, body } = await dryRun(coordB, await clean(), unitA);
    expect(status).toBe(200);
    expect(body.problems[0]).toMatchObject({ code: 'FORBIDDEN', row: 2 });
    const mine = await dryRun(coordA, await xlsx([HEADER, person('另一位', ID(14))], { textColumns: [4] }), unitA);
    expect((await commit(coordB, mine.body.batchId)).status).toBe(404);
  });
});

describe('the roster export', () => {
  it('a unit exports only its own people, with date cells and the ID numbers it may read; the file imports again unchanged', async () => {
    const res = await h.http(coordA, '/exports/talents');
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/^人才名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const data = Buffer.from(await res.arrayBuffer());
    const book = await readXlsx(data);
    const [sheet] = book.sheets;
    expect(sheet!.rows[0]).toContain('身份证号');
    const body = sheet!.rows.slice(1);
    expect(body).toHaveLength(4 + 0);
    expect(body.every((r) => r[4] === '温州医科大学附属第一医院')).toBe(true);
    expect(body.map((r) => r[0])).not.toContain('他院医生');
    const chen = body.find((r) => r[0] === '陈医生')!;
    expect(chen[2]).toEqual(new Date(Date.UTC(1985, 2, 15)));
    expect(book.formats.get('人才名册!2:3')).toBe('yyyy-mm-dd');
    expect(chen[3]).toBe(ID(11));
    // Round trip: the exported roster is a valid import, and every row is already there.
    const back = await dryRun(coordA, data, unitA, '导出的名册.xlsx');
    expect(back.body).toMatchObject({ state: 'checked', rows: 4, created: 0, unchanged: 4, problemCount: 0 });
  });

  it('a viewer’s roster has no personal-data columns at all', async () => {
    const viewer = await h.token('alpha', 'viewer');
    const book = await readXlsx(Buffer.from(await (await h.http(viewer, '/exports/talents')).arrayBuffer()));
    const header = book.sheets[0]!.rows[0]!;
    expect(header).not.toContain('身份证号');
    expect(header).not.toContain('手机号');
    expect(JSON.stringify(book.sheets)).not.toContain(ID(11));
    expect(book.sheets[0]!.rows).toHaveLength(1 + 5);
  });

  it('exports are audited, and a talent may not export rosters', async () => {
    const trail = await h.ok(admin, `query { auditTrail(first: 20, filter: { entity: "Export" }) { nodes { action entityId actor } } }`);
    expect(trail.auditTrail.nodes.map((n: any) => [n.action, n.entityId])).toContainEqual(['export', 'talents']);
    const talent = await h.token('alpha', 'talent', { talentId: '00000000-0000-0000-0000-000000000001' });
    expect((await h.http(talent, '/exports/talents')).status).toBe(403);
  });
});
