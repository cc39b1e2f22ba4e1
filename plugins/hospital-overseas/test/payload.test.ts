/**
 * The schema conventions (issue 17) on the hospital's channels, through the API: the payload
 * mutations (one input, the record or typed userErrors in Chinese and English, nothing written
 * when refused), money as Money, the channel code as an enum with the same value on the wire,
 * the nameZh/nameEn pair, and the configured appraisal schemes listed with their labels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostInstitution, institution, startScheme, talent, tokens, type Harness } from '../../../test/kit/index.js';
import { hospitalOverseasPlugin } from '../hospital-overseas.plugin.js';

let h: Harness;
let office: string;
let union: string;
let jhu: string;
const CJK = /[\u4e00-\u9fff]/;
const ERRORS = 'userErrors { code field message messageZh }';

beforeAll(async () => {
  h = await startScheme({
    plugins: [hospitalOverseasPlugin],
    tenants: { hubei: { level: 'province' }, wuhanunion: { level: 'hospital', parent: 'hubei', plugins: { 'hospital-overseas': {} } } },
    today: '2026-03-01',
  });
  office = await tokens(h, 'wuhanunion').admin();
  union = await institution(h, office, { name: '华中科技大学同济医学院附属协和医院', province: '湖北省', city: '武汉市' });
  jhu = await hostInstitution(h, office, 'Johns Hopkins Hospital', { city: 'Baltimore' });
}, 60_000);
afterAll(async () => h?.close());

const stayCount = async () => (await h.ok(office, `{ hospitalStays { totalCount } }`)).hospitalStays.totalCount as number;
const programmeCount = async () => (await h.ok(office, `{ programmes { totalCount } }`)).programmes.totalCount as number;
const PLACE = `mutation($i: HospitalStayInput!) { hospitalStayPlace(input: $i) { stay { id channel fundingFen funding { fen amount currencyCode } appraisalScheme placement { id } } ${ERRORS} } }`;
const APPRAISE = `mutation($i: HospitalAppraisalInput!) { hospitalStayAppraise(input: $i) { stay { grade consequence consequenceFen consequenceAmount { fen amount currencyCode } appraisals { period } } ${ERRORS} } }`;
let programmeId: string;
let stayId: string;

describe('channels and schemes as a front end reads them', () => {
  it('lists each channel with nameZh/nameEn, its monthly funding as Money and its code as the enum value', async () => {
    const c = (await h.ok(office, `{ hospitalChannels { code name nameZh nameEn fundingFenPerMonth fundingPerMonth { fen amount currencyCode } appraisalScheme } }`)).hospitalChannels;
    expect(c.map((x: any) => x.code)).toEqual(['state_sponsored', 'award_2012', 'eight_year_2014']);
    const award = c[1];
    expect(award).toMatchObject({ nameZh: '优秀中青年人才出国研修奖励计划', nameEn: 'Outstanding Young and Middle-aged Personnel Study Abroad Award Plan', fundingFenPerMonth: 1_500_000 });
    expect(award.fundingPerMonth).toEqual({ fen: 1_500_000, amount: '15000.00', currencyCode: 'CNY' });
    for (const x of c) expect(x.nameEn).toBe(x.name);
  });

  it('lists the configured appraisal schemes, the codes every channel and stay refers to, with their indicators and grades', async () => {
    const schemes = (await h.ok(office, `{ hospitalAppraisalSchemes { code nameZh nameEn source periods { period weight indicators { code labelZh labelEn weight } } grades { grade minScore consequence incentive { fen amount } clawbackPercent } } }`)).hospitalAppraisalSchemes;
    expect(schemes.map((s: any) => s.code)).toEqual(['award_plan', 'research_training', 'state_standard']);
    const channels = (await h.ok(office, `{ hospitalChannels { appraisalScheme } }`)).hospitalChannels;
    for (const c of channels) expect(schemes.map((s: any) => s.code)).toContain(c.appraisalScheme);
    const award = schemes[0];
    expect(award).toMatchObject({ nameZh: '奖励计划绩效考核', nameEn: 'Performance appraisal of the award plan' });
    expect(award.source).toMatch(/local default/);
    expect(award.periods.map((p: any) => [p.period, p.weight])).toEqual([['BEFORE', 20], ['DURING', 30], ['AFTER', 50]]);
    expect(award.periods[0].indicators).toEqual([
      { code: 'study_plan', labelZh: '研修计划与接收函', labelEn: 'Study plan and host acceptance', weight: 60 },
      { code: 'language', labelZh: '外语水平', labelEn: 'Foreign language', weight: 40 },
    ]);
    expect(award.grades[0]).toEqual({ grade: 'EXCELLENT', minScore: 90, consequence: 'INCENTIVE', incentive: { fen: 2_000_000, amount: '20000.00' }, clawbackPercent: 0 });
  });
});

describe('payload mutations', () => {
  it('hospitalPlanCreate returns the programme; the same year again is a CONFLICT userError on year, and nothing is written', async () => {
    const r = (await h.ok(office, `mutation { hospitalPlanCreate(input: { year: 2024, referenceDate: "2024-03-01", open: true }) { programme { id tracks { code } } ${ERRORS} } }`)).hospitalPlanCreate;
    expect(r.userErrors).toEqual([]);
    expect(r.programme.tracks.map((t: any) => t.code)).toEqual(['state_sponsored', 'award_2012', 'eight_year_2014']);
    programmeId = r.programme.id;
    const before = await programmeCount();
    const again = (await h.ok(office, `mutation { hospitalPlanCreate(input: { year: 2024, referenceDate: "2024-04-01" }) { programme { id } ${ERRORS} } }`)).hospitalPlanCreate;
    expect(again.programme).toBeNull();
    expect(again.userErrors).toHaveLength(1);
    expect(again.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: 'year' });
    expect(again.userErrors[0].messageZh).toMatch(CJK);
    expect(await programmeCount()).toBe(before);
  });

  it('hospitalStayPlace refuses a stay ending before it starts as a userError on plannedEnd, in Chinese, writing nothing; then places it with its funding as Money', async () => {
    const t = await talent(h, office, union, { name: '陈思远', highestDegree: 'DOCTORATE', englishSelfDeclared: 'GOOD', birthDate: '1982-05-01' });
    const a = (await h.ok(office, `mutation($p: ID!, $t: ID!) { submitApplication(input: { programmeId: $p, talentId: $t, track: "award_2012" }) { id status } }`, { p: programmeId, t })).submitApplication;
    expect(a.status).toBe('ELIGIBLE');
    await h.ok(office, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.id });
    const input = { applicationId: a.id, hostInstitutionId: jhu, plannedStart: '2024-09-01', plannedEnd: '2025-08-31' };

    const bad = (await h.ok(office, PLACE, { i: { ...input, plannedEnd: '2024-08-01' } })).hospitalStayPlace;
    expect(bad.stay).toBeNull();
    expect(bad.userErrors).toEqual([{ code: 'BAD_USER_INPUT', field: 'plannedEnd', message: 'must not be before plannedStart', messageZh: '不得早于计划出发日期' }]);
    const short = (await h.ok(office, PLACE, { i: { ...input, plannedEnd: '2024-12-31' } })).hospitalStayPlace;
    expect(short.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'plannedEnd', messageZh: '研修4个月；优秀中青年人才出国研修奖励计划的研修期限为6–12个月' });
    expect(await stayCount()).toBe(0);
    expect((await h.ok(office, `{ placements { totalCount } }`)).placements.totalCount).toBe(0);

    const ok = (await h.ok(office, PLACE, { i: input })).hospitalStayPlace;
    expect(ok.userErrors).toEqual([]);
    expect(ok.stay).toMatchObject({ channel: 'award_2012', appraisalScheme: 'award_plan', fundingFen: 18_000_000, funding: { fen: 18_000_000, amount: '180000.00', currencyCode: 'CNY' } });
    stayId = ok.stay.id;
    await h.ok(office, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { actualStart: "2024-09-01", actualEnd: "2025-08-31" }) { status } }`, { id: ok.stay.placement.id });
    // The enum-typed filter beside the deprecated String one: the same stays.
    const byEnum = (await h.ok(office, `{ hospitalStays(channelCode: award_2012) { totalCount nodes { channel } } }`)).hospitalStays;
    const byString = (await h.ok(office, `{ hospitalStays(channel: "award_2012") { totalCount } }`)).hospitalStays;
    expect(byEnum).toEqual({ totalCount: 1, nodes: [{ channel: 'award_2012' }] });
    expect(byString.totalCount).toBe(1);
    expect((await h.ok(office, `{ hospitalStays(channelCode: state_sponsored) { totalCount } }`)).hospitalStays.totalCount).toBe(0);
  });

  it('hospitalStayAppraise names each wrong entry of a sheet in Chinese and writes nothing; three periods grade the stay, its incentive as Money', async () => {
    const sheet = (period: string, scores: [string, number][]) => ({ i: { stayId, period, appraisedOn: '2025-10-01', scores: scores.map(([indicator, score]) => ({ indicator, score })) } });
    const bad = (await h.ok(office, APPRAISE, sheet('BEFORE', [['study_plan', 101], ['lingo', 90]]))).hospitalStayAppraise;
    expect(bad.stay).toBeNull();
    expect(bad.userErrors.map((e: any) => [e.code, e.field])).toEqual([['BAD_USER_INPUT', 'scores.0.score'], ['BAD_USER_INPUT', 'scores.1.indicator'], ['BAD_USER_INPUT', 'scores']]);
    expect(bad.userErrors.map((e: any) => e.messageZh)).toEqual(['得分须在0至100之间', '"lingo"不是该考核阶段的指标，应为：study_plan、language', '缺少指标：language']);
    const outOfOrder = (await h.ok(office, APPRAISE, sheet('DURING', [['periodic_reports', 95], ['progress', 95], ['discipline', 95]]))).hospitalStayAppraise;
    expect(outOfOrder.userErrors).toEqual([{ code: 'INVALID_STATE', field: null, message: 'appraise the before period first (请先完成上一阶段考核)', messageZh: '请先完成上一阶段考核' }]);
    const appraisals = async () => (await h.ok(office, `{ hospitalStays { nodes { appraisals { period } } } }`)).hospitalStays.nodes[0].appraisals;
    expect(await appraisals()).toEqual([]);

    await h.ok(office, APPRAISE, sheet('BEFORE', [['study_plan', 95], ['language', 95]]));
    await h.ok(office, APPRAISE, sheet('DURING', [['periodic_reports', 95], ['progress', 95], ['discipline', 95]]));
    const graded = (await h.ok(office, APPRAISE, sheet('AFTER', [['research_output', 95], ['clinical_application', 95], ['summary_report', 95]]))).hospitalStayAppraise;
    expect(graded.userErrors).toEqual([]);
    expect(graded.stay).toMatchObject({ grade: 'EXCELLENT', consequence: 'INCENTIVE', consequenceFen: 2_000_000, consequenceAmount: { fen: 2_000_000, amount: '20000.00', currencyCode: 'CNY' } });
    const grades = (await h.ok(office, `{ hospitalGrades { grade stays amountFen amount { fen amount currencyCode } } }`)).hospitalGrades;
    expect(grades).toEqual([{ grade: 'EXCELLENT', stays: 1, amountFen: 2_000_000, amount: { fen: 2_000_000, amount: '20000.00', currencyCode: 'CNY' } }]);
  });

  it('hospitalExpertVisitRecord and hospitalLectureRecord: a lecture outside the visit is a userError on heldOn, nothing written', async () => {
    const v = (await h.ok(office, `mutation { hospitalExpertVisitRecord(input: { expertName: "Jane Doe", affiliation: "Johns Hopkins Hospital", country: "US", arrivesOn: "2025-05-10", departsOn: "2025-05-14", departments: ["心血管内科"] }) { expertVisit { id departments } ${ERRORS} } }`)).hospitalExpertVisitRecord;
    expect(v.userErrors).toEqual([]);
    const LECTURE = `mutation($i: HospitalLectureInput!) { hospitalLectureRecord(input: $i) { lecture { title department } ${ERRORS} } }`;
    const lecture = (heldOn: string) => ({ i: { visitId: v.expertVisit.id, title: 'Heart failure update', heldOn, department: '心内科', attendance: 80 } });
    const outside = (await h.ok(office, LECTURE, lecture('2025-05-20'))).hospitalLectureRecord;
    expect(outside).toEqual({ lecture: null, userErrors: [{ code: 'BAD_USER_INPUT', field: 'heldOn', message: 'must fall within the visit (2025-05-10 to 2025-05-14)', messageZh: '须在来访期间内（2025-05-10至2025-05-14）' }] });
    const stats = async () => (await h.ok(office, `{ hospitalExpertStatistics { visits lectures attendance } }`)).hospitalExpertStatistics;
    expect(await stats()).toEqual({ visits: 1, lectures: 0, attendance: 0 });
    expect((await h.ok(office, LECTURE, lecture('2025-05-12'))).hospitalLectureRecord).toEqual({ lecture: { title: 'Heart failure update', department: '心内科' }, userErrors: [] });
    expect(await stats()).toEqual({ visits: 1, lectures: 1, attendance: 80 });
  });

  it('keeps who-may-do-it a top-level FORBIDDEN, and the deprecated mutations each name their replacement', async () => {
    const viewer = await tokens(h, 'wuhanunion').viewer();
    const r = await h.gql(viewer, `mutation { hospitalPlanCreate(input: { year: 2030, referenceDate: "2030-03-01" }) { programme { id } userErrors { code } } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const fields = (await h.ok(office, `{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`)).__type.fields;
    const byName = Object.fromEntries(fields.map((f: any) => [f.name, f]));
    for (const [old, now] of [['hospitalCreatePlan', 'hospitalPlanCreate'], ['hospitalPlaceStay', 'hospitalStayPlace'], ['hospitalAppraise', 'hospitalStayAppraise'], ['hospitalRecordExpertVisit', 'hospitalExpertVisitRecord'], ['hospitalRecordLecture', 'hospitalLectureRecord']]) {
      expect(byName[old!]).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringMatching(new RegExp(`^Use ${now}:`)) });
      expect(byName[now!].isDeprecated).toBe(false);
    }
  });
});
