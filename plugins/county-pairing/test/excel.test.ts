import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { readXlsx, xlsx } from '../../../test/support/xlsx.js';
import { T, apprenticeToken, publish, rankApprentices, rankMentors, register, round, runMatching, startCounty, talent, unit } from './support.js';

/** An apprentice's case log kept in Excel, brought in row by row as countyLogCase checks it; the county dashboard as a workbook. */
let h: Harness;
let admin: string;
let pairId: string;
let apprentice: string;
let other: string;

beforeAll(async () => {
  h = await startCounty();
  admin = await h.token(T, 'commission-admin');
  const hospital = await unit(h, admin, '玉屏县人民医院');
  const township = await unit(h, admin, '大寨乡卫生院');
  const roundId = await round(h, admin, 'YP-PAIR-2025');
  const m = await talent(h, admin, hospital, '王医生', 'WESTERN_MEDICINE', 'SENIOR');
  const mentor = await publish(h, roundId, m, 1);
  const a = await talent(h, admin, township, '李医生', 'WESTERN_MEDICINE', 'JUNIOR');
  const app = await register(h, admin, roundId, a);
  await rankMentors(h, admin, app, [mentor.id]);
  await rankApprentices(h, mentor.token, mentor.id, [app]);
  await runMatching(h, admin, roundId);
  const confirmed = await h.ok(admin, `mutation($r: ID!) { countyConfirmRound(roundId: $r) { pairs { id } } }`, { r: roundId });
  pairId = confirmed.countyConfirmRound.pairs[0].id;
  apprentice = await apprenticeToken(h, a);
  other = await apprenticeToken(h, await talent(h, admin, township, '张医生', 'WESTERN_MEDICINE', 'JUNIOR'));
});
afterAll(() => h?.close());

const HEADER = ['类型', '手术级别', '角色', '日期', '病案号', '说明'];
const upload = async (token: string, body: Buffer) => (await h.http(token, `/imports/county-pairing.case-logs?pairId=${pairId}`, { method: 'POST', body })).json() as Promise<any>;

describe('a case log from Excel', () => {
  it('refuses per row what the mutation refuses, then logs the clean list once', async () => {
    const bad = await xlsx([HEADER, ['手术', 2, '独立完成', '2025-06-02', 'ZY-1', null], ['手术', null, '独立完成', '2025-06-02', 'ZY-2', null], ['手术', 1, '独立完成', '2025-08-02', 'ZY-3', '未来日期'], ['针灸', null, '助手', '2025-06-03', 'ZY-4', null]]);
    const r = await upload(apprentice, bad);
    expect(r.problems.map((p: any) => [p.row, p.column, p.header])).toEqual([
      [3, 'B', '手术级别'],
      [4, 'D', '日期'],
      [5, 'A', '类型'],
    ]);
    const good = await xlsx([HEADER, ['手术', 2, '独立完成', '2025-06-02', 'ZY-1', null], ['手术', 3, '指导下完成', '2025年6月10日', 'ZY-5', '腹腔镜']]);
    const dry = await upload(apprentice, good);
    expect(dry).toMatchObject({ state: 'checked', created: 2 });
    expect(await (await h.http(apprentice, `/imports/batches/${dry.batchId}/commit`, { method: 'POST' })).json()).toMatchObject({ state: 'committed', created: 2 });
    const log = await h.ok(admin, `query($p: ID!) { countyCaseLog(filter: { pairId: $p }) { nodes { kind grade role performedOn caseReference } } }`, { p: pairId });
    expect(log.countyCaseLog.nodes).toEqual([
      { kind: 'OPERATION', grade: 2, role: 'INDEPENDENT', performedOn: '2025-06-02', caseReference: 'ZY-1' },
      { kind: 'OPERATION', grade: 3, role: 'UNDER_GUIDANCE', performedOn: '2025-06-10', caseReference: 'ZY-5' },
    ]);
    // The same cases in another file: already logged, nothing added.
    const again = await upload(apprentice, await xlsx([HEADER, ['手术', 2, '独立完成', '2025-06-02', 'ZY-1', '重复']]));
    expect(again).toMatchObject({ state: 'checked', created: 0, unchanged: 1 });
  });

  it('another apprentice cannot log into this pair', async () => {
    const r = await upload(other, await xlsx([HEADER, ['手术', 1, '独立完成', '2025-06-04', 'ZY-9', null]]));
    expect(r.problems[0]).toMatchObject({ row: 2 });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(r.problems[0].code);
  });

  it('the dashboard workbook', async () => {
    const book = await readXlsx(Buffer.from(await (await h.http(admin, '/exports/county-pairing.dashboard')).arrayBuffer()));
    const figures = Object.fromEntries(book.sheets[0]!.rows.slice(1).map((r) => [r[0], r[1]]));
    expect(figures).toMatchObject({ 结对学员: 1, 带教老师: 1, '独立完成一、二级手术': 1, 指导下完成三级手术: 1 });
  });
});
