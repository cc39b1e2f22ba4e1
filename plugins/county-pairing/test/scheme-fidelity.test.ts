/**
 * Issue 14, county pairing (seed 004), through the API: each test names the clause it implements.
 * A 2024 round (1 March 2024 – 28 February 2025) at two county hospitals; today is 2025-07-01.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Harness } from '../../../test/support/harness.js';
import { CountyConfig } from '../config.js';
import { T, apprenticeToken, errorOf, mentorToken, rankApprentices, rankMentors, register, round, runMatching, startCounty, talent, unit } from './support.js';

let h: Harness;
let admin: string;
let roundId: string;
let peoples: string;
let tcm: string;
const mentor: Record<string, { id: string; token: string; talentId: string }> = {};
const app: Record<string, { id: string; talentId: string }> = {};
const pair: Record<string, { id: string; placementId: string }> = {};

const PUBLISH = `mutation($i: CountyMentorInput!) { countyPublishMentor(input: $i) { id } }`;

beforeAll(async () => {
  h = await startCounty();
  admin = await h.token(T, 'commission-admin');
  peoples = await unit(h, admin, '玉屏侗族自治县人民医院');
  tcm = await unit(h, admin, '玉屏侗族自治县中医医院');
  roundId = await round(h, admin, 'YP-PAIR-2024', '2024-03-01', '2025-02-28');
  for (const [k, hospital, field] of [['wang', peoples, 'WESTERN_MEDICINE'], ['tian', tcm, 'TCM']] as const) {
    const talentId = await talent(h, admin, hospital, k === 'wang' ? '王建华' : '田秀英', field, 'ASSOCIATE_SENIOR');
    const token = await mentorToken(h, talentId);
    mentor[k] = { talentId, token, id: (await h.ok(token, PUBLISH, { i: { roundId, capacity: 2 } })).countyPublishMentor.id };
  }
  for (const [k, hospital, field, title] of [['li', peoples, 'WESTERN_MEDICINE', 'JUNIOR'], ['wu', peoples, 'WESTERN_MEDICINE', 'INTERMEDIATE'], ['yang', tcm, 'TCM', 'JUNIOR']] as const) {
    const talentId = await talent(h, admin, hospital, { li: '李娜', wu: '吴强', yang: '杨丽' }[k], field, title);
    app[k] = { talentId, id: await register(h, admin, roundId, talentId) };
  }
  for (const [a, m] of [['li', 'wang'], ['wu', 'wang'], ['yang', 'tian']] as const) await rankMentors(h, admin, app[a]!.id, [mentor[m]!.id]);
  await rankApprentices(h, mentor.wang!.token, mentor.wang!.id, [app.li!.id, app.wu!.id]);
  await rankApprentices(h, mentor.tian!.token, mentor.tian!.id, [app.yang!.id]);
  await runMatching(h, admin, roundId);
  const confirmed = await h.ok(admin, `mutation($r: ID!) { countyConfirmRound(roundId: $r) { pairs { id talent { id } placement { id } } } }`, { r: roundId });
  for (const [k, v] of Object.entries(app)) {
    const p = confirmed.countyConfirmRound.pairs.find((x: { talent: { id: string } }) => x.talent.id === v.talentId);
    pair[k] = { id: p.id, placementId: p.placement.id };
  }
});
afterAll(async () => h?.close());

describe('分层培养: apprentices in tiers', () => {
  it('seed 004: "the principle of "stratified training, professional pairing and two-way selection"": registration places each apprentice in a tier by title, and the dashboard counts each tier', async () => {
    const d = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { apprentices { displayName tier tierReason } } }`, { r: roundId });
    const tiers = Object.fromEntries(d.countyRound.apprentices.map((a: { displayName: string; tier: string }) => [a.displayName, a.tier]));
    expect(tiers).toEqual({ 李娜: 'FOUNDATION', 吴强: 'INTERMEDIATE', 杨丽: 'FOUNDATION' });
    const dash = await h.ok(admin, `query($r: ID!) { countyDashboard(roundId: $r) { traineesByTier { tier count } } }`, { r: roundId });
    expect(dash.countyDashboard.traineesByTier).toEqual([{ tier: 'FOUNDATION', count: 2 }, { tier: 'INTERMEDIATE', count: 1 }, { tier: 'ADVANCED', count: 0 }]);
  });

  it('the commission moves an apprentice to another tier with a reason; others may not; a missing reason names the field', async () => {
    const SET = `mutation($i: CountySetTierInput!) { countySetApprenticeTier(input: $i) { tier tierReason } }`;
    const noReason = await h.gql(admin, SET, { i: { apprenticeId: app.li!.id, tier: 'INTERMEDIATE', reason: ' ' } });
    expect(errorOf(noReason)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const byMentor = await h.gql(mentor.wang!.token, SET, { i: { apprenticeId: app.li!.id, tier: 'INTERMEDIATE', reason: '已独立完成二级手术' } });
    expect(errorOf(byMentor)?.extensions?.code).toBe('FORBIDDEN');
    const moved = await h.ok(admin, SET, { i: { apprenticeId: app.li!.id, tier: 'INTERMEDIATE', reason: '已独立完成二级手术' } });
    expect(moved.countySetApprenticeTier).toEqual({ tier: 'INTERMEDIATE', tierReason: '已独立完成二级手术' });
    const dash = await h.ok(admin, `query($r: ID!) { countyDashboard(roundId: $r) { traineesByTier { tier count } } }`, { r: roundId });
    expect(dash.countyDashboard.traineesByTier[1]).toEqual({ tier: 'INTERMEDIATE', count: 2 });
  });
});

describe('mentor qualification', () => {
  it('seed 004: the tutor imparts "rich working experience and exquisite professional skills": a mentor below the configured title (associate senior, a local default) is refused naming talentId, in English and Chinese', async () => {
    const open = await round(h, admin, 'YP-PAIR-2025', '2025-09-01', '2026-08-31');
    const junior = await talent(h, admin, peoples, '蒲小红', 'NURSING', 'INTERMEDIATE');
    const r = await h.gql(await mentorToken(h, junior), PUBLISH, { i: { roundId: open, capacity: 1 } });
    expect(errorOf(r)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'talentId' });
    expect(errorOf(r)?.extensions?.reasons.map((x: { code: string }) => x.code)).toEqual(['MENTOR_TITLE_BELOW_MINIMUM']);
    expect(errorOf(r)?.message).toContain('副高级');
    const offers = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { mentors { displayName } } }`, { r: open });
    expect(offers.countyRound.mentors).toEqual([]);
    const senior = await talent(h, admin, peoples, '姚春梅', 'NURSING', 'ASSOCIATE_SENIOR');
    await h.ok(await mentorToken(h, senior), PUBLISH, { i: { roundId: open, capacity: 1 } });
  });
});

describe('case-log totals: signed off and pending', () => {
  it('totals count every logged entry and say which are signed off and which pending (total = signedOff + pending), in the totals and on the dashboard', async () => {
    const CASE = `mutation($i: CountyCaseInput!) { countyLogCase(input: $i) { id } }`;
    const ids: string[] = [];
    for (const [k, grade, role] of [[1, 1, 'INDEPENDENT'], [2, 2, 'INDEPENDENT'], [3, 2, 'INDEPENDENT'], [4, 3, 'UNDER_GUIDANCE']] as const) {
      ids.push((await h.ok(admin, CASE, { i: { pairId: pair.li!.id, kind: 'OPERATION', grade, role, performedOn: `2024-0${3 + k}-10`, caseReference: `ZY2024-${k}` } })).countyLogCase.id);
    }
    await h.ok(mentor.wang!.token, `mutation($ids: [ID!]!) { countySignOffCaseLogs(ids: $ids) { id } }`, { ids: [ids[0], ids[3]] });
    const t = await h.ok(admin, `query($p: ID!) { countyCaseTotals(filter: { pairId: $p }) { total signedOff pending byGrade { grade total signedOff pending } byKind { kind count signedOff pending } } }`, { p: pair.li!.id });
    expect(t.countyCaseTotals).toMatchObject({ total: 4, signedOff: 2, pending: 2, byKind: [{ kind: 'OPERATION', count: 4, signedOff: 2, pending: 2 }] });
    expect(t.countyCaseTotals.byGrade.slice(0, 3)).toEqual([
      { grade: 1, total: 1, signedOff: 1, pending: 0 },
      { grade: 2, total: 2, signedOff: 0, pending: 2 },
      { grade: 3, total: 1, signedOff: 1, pending: 0 },
    ]);
    const d = await h.ok(admin, `query($r: ID!) { countyDashboard(roundId: $r) {
      independentGrade1And2Operations independentGrade1And2OperationsSignedOff independentGrade1And2OperationsPending
      guidedGrade3Operations guidedGrade3OperationsSignedOff guidedGrade3OperationsPending casesByGradeAndRole { grade role count signedOff pending } } }`, { r: roundId });
    expect(d.countyDashboard).toMatchObject({
      independentGrade1And2Operations: 3, independentGrade1And2OperationsSignedOff: 1, independentGrade1And2OperationsPending: 2,
      guidedGrade3Operations: 1, guidedGrade3OperationsSignedOff: 1, guidedGrade3OperationsPending: 0,
    });
    const schema = await h.ok(admin, `{ __type(name: "CountyCaseTotals") { fields { name description } } }`);
    const desc = Object.fromEntries(schema.__type.fields.map((f: { name: string; description: string }) => [f.name, f.description]));
    expect(desc.total).toMatch(/signed off or not/);
    expect(desc.signedOff).toMatch(/signed off by the mentor/);
    expect(desc.pending).toMatch(/not yet signed off/);
  });
});

describe('promotions by hospital', () => {
  it('seed 004: "County people\'s Hospital 3 trainees become department heads, 24 trainees become department business backbone": heads and backbones are broken down by hospital', async () => {
    const GROW = `mutation($i: CountyGrowthInput!) { countyRecordGrowth(input: $i) { id } }`;
    await h.ok(admin, GROW, { i: { pairId: pair.li!.id, kind: 'PROMOTION_DEPARTMENT_BACKBONE', title: '普外科业务骨干', achievedOn: '2025-01-10' } });
    await h.ok(admin, GROW, { i: { pairId: pair.wu!.id, kind: 'PROMOTION_DEPARTMENT_HEAD', title: '普外科负责人', achievedOn: '2025-03-01' } });
    await h.ok(admin, GROW, { i: { pairId: pair.yang!.id, kind: 'PROMOTION_DEPARTMENT_BACKBONE', title: '针灸科业务骨干', achievedOn: '2025-02-01' } });
    const d = await h.ok(admin, `{ countyDashboard { departmentHeads departmentBackbones promotionsByHospital { hospital { id name } departmentHeads departmentBackbones } } }`);
    expect(d.countyDashboard.departmentHeads).toBe(1);
    expect(d.countyDashboard.departmentBackbones).toBe(2);
    expect(d.countyDashboard.promotionsByHospital).toEqual([
      { hospital: { id: peoples, name: '玉屏侗族自治县人民医院' }, departmentHeads: 1, departmentBackbones: 1 },
      { hospital: { id: tcm, name: '玉屏侗族自治县中医医院' }, departmentHeads: 0, departmentBackbones: 1 },
    ]);
  });
});

describe('the competency check at the end', () => {
  const CHECK = `mutation($i: CountyCompetencyInput!) { countyRecordCompetencyCheck(input: $i) { checkedOn passed items { item met } } }`;
  const all = (met: boolean[]) => ['THEORY', 'SKILLS', 'COMMON_DISEASES', 'CRITICAL_CARE'].map((item, i) => ({ item, met: met[i] }));

  it('seed 004: trainees "have significantly improved the diagnosis and treatment ability of common and frequently-occurring diseases … and can master the diagnosis and treatment process of critical and severe diseases": the check is owed at the end, refused before it, passed when every item is met, and hands in the report', async () => {
    const before = await h.ok(admin, `query($id: ID!) { placement(id: $id) { reports { kind dueOn status } } }`, { id: pair.li!.placementId });
    expect(before.placement.reports.filter((r: { kind: string }) => r.kind === 'competency_check')).toEqual([{ kind: 'competency_check', dueOn: '2025-03-30', status: 'DUE' }]);
    const early = await h.gql(mentor.wang!.token, CHECK, { i: { pairId: pair.li!.id, checkedOn: '2025-02-20', items: all([true, true, true, true]), examiner: '王建华' } });
    expect(errorOf(early)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'checkedOn' });
    const missing = await h.gql(mentor.wang!.token, CHECK, { i: { pairId: pair.li!.id, checkedOn: '2025-03-05', items: all([true, true, true, true]).slice(0, 3), examiner: '王建华' } });
    expect(errorOf(missing)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
    const other = await h.gql(mentor.tian!.token, CHECK, { i: { pairId: pair.li!.id, checkedOn: '2025-03-05', items: all([true, true, true, true]), examiner: '田秀英' } });
    expect(errorOf(other)?.extensions?.code).toBe('FORBIDDEN');

    const ok = await h.ok(mentor.wang!.token, CHECK, { i: { pairId: pair.li!.id, checkedOn: '2025-03-05', items: all([true, true, true, true]), examiner: '县卫健局考核组' } });
    expect(ok.countyRecordCompetencyCheck).toMatchObject({ checkedOn: '2025-03-05', passed: true });
    const after = await h.ok(admin, `query($id: ID!) { placement(id: $id) { reports { kind status } } }`, { id: pair.li!.placementId });
    expect(after.placement.reports.find((r: { kind: string }) => r.kind === 'competency_check').status).toBe('SUBMITTED');

    const failed = await h.ok(admin, CHECK, { i: { pairId: pair.yang!.id, checkedOn: '2025-03-06', items: all([true, true, true, false]), examiner: '县卫健局考核组' } });
    expect(failed.countyRecordCompetencyCheck.passed).toBe(false);
    const d = await h.ok(admin, `query($r: ID!) { countyDashboard(roundId: $r) { competency { checked passed passRate byItem { item met } } } }`, { r: roundId });
    expect(d.countyDashboard.competency).toEqual({
      checked: 2, passed: 1, passRate: 0.5,
      byItem: [{ item: 'THEORY', met: 2 }, { item: 'SKILLS', met: 2 }, { item: 'COMMON_DISEASES', met: 2 }, { item: 'CRITICAL_CARE', met: 1 }],
    });
    const shown = await h.ok(admin, `query($p: ID!) { countyPair(id: $p) { competencyCheck { passed examiner } } }`, { p: pair.yang!.id });
    expect(shown.countyPair.competencyCheck).toEqual({ passed: false, examiner: '县卫健局考核组' });
  });
});

describe('激励关爱: incentive and care', () => {
  const CARE = `mutation($i: CountyCareInput!) { countyRecordCare(input: $i) { id kind title amountFen } }`;
  it('seed 004: "The bureau will continue to improve the mechanism of talent incentive care, improve the political quality and business ability of the training object": records each kind, money in fen, and the dashboard sums them', async () => {
    await h.ok(admin, CARE, { i: { talentId: app.li!.talentId, kind: 'INCENTIVE', title: '县级优秀学员表彰', givenOn: '2025-03-10', amountFen: 200000 } });
    await h.ok(admin, CARE, { i: { talentId: app.wu!.talentId, kind: 'INCENTIVE', title: '县级优秀学员表彰', givenOn: '2025-03-10', amountFen: 200000 } });
    await h.ok(admin, CARE, { i: { talentId: app.yang!.talentId, kind: 'CARE', title: '春节走访慰问', givenOn: '2025-01-20' } });
    await h.ok(admin, CARE, { i: { talentId: app.yang!.talentId, kind: 'POLITICAL_QUALITY', title: '党史学习教育专题培训', givenOn: '2024-07-01' } });
    const bad = await h.gql(admin, CARE, { i: { talentId: app.yang!.talentId, kind: 'POLITICAL_QUALITY', title: '专题培训', givenOn: '2024-07-02', amountFen: 100 } });
    expect(errorOf(bad)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountFen' });
    const future = await h.gql(admin, CARE, { i: { talentId: app.yang!.talentId, kind: 'CARE', title: '慰问', givenOn: '2025-07-02' } });
    expect(errorOf(future)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'givenOn' });
    const notApprentice = await h.gql(admin, CARE, { i: { talentId: mentor.wang!.talentId, kind: 'CARE', title: '慰问', givenOn: '2025-06-02' } });
    expect(errorOf(notApprentice)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'talentId' });
    const d = await h.ok(admin, `query($r: ID!) { countyDashboard(roundId: $r) { care { kind count people amountFen } } }`, { r: roundId });
    expect(d.countyDashboard.care).toEqual([
      { kind: 'INCENTIVE', count: 2, people: 2, amountFen: 400000 },
      { kind: 'CARE', count: 1, people: 1, amountFen: 0 },
      { kind: 'POLITICAL_QUALITY', count: 1, people: 1, amountFen: 0 },
      { kind: 'BUSINESS_ABILITY', count: 0, people: 0, amountFen: 0 },
    ]);
    const mine = await h.ok(await apprenticeToken(h, app.yang!.talentId), `{ countyCareRecords(first: 10) { totalCount nodes { title } } }`);
    expect(mine.countyCareRecords.totalCount).toBe(2);
  });
});

describe('the configuration says where each value comes from', () => {
  it('every field carries a source and a Chinese label; the monthly sign-off and the 7-day review are local defaults, the capacity quotes seed 004', () => {
    const schema = z.toJSONSchema(CountyConfig, { io: 'input' }) as { properties: Record<string, { source?: string; labelZh?: string }> };
    const fields = Object.keys(CountyConfig.shape);
    expect(Object.keys(schema.properties).sort()).toEqual([...fields].sort());
    for (const key of fields) {
      expect(schema.properties[key]!.source, key).toMatch(/^(seed 004: |local default)/);
      expect(schema.properties[key]!.labelZh, key).toMatch(/\p{Script=Han}/u);
    }
    for (const key of ['signOffEveryMonths', 'stageReviewAfterDays', 'minAdjustReasonLength', 'tierByTitle', 'mentorMinTitle', 'competencyCheckWithinDays']) {
      expect(schema.properties[key]!.source, key).toMatch(/^local default/);
    }
    expect(schema.properties.maxMentorCapacity!.source).toMatch(/^seed 004: .*One Belt Two/);
  });
});
