/**
 * Seed 000 through the API, on a hospital's own tenant (`wuhanunion`, under `hubei`): the three
 * channels with their criteria, a stay abroad with its funding and summary report, the appraisal
 * of its three periods with the grade's consequence, the research comparison before and after on
 * a data set whose answer is worked out by hand below, visiting experts, and the province reading
 * aggregates only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, hostInstitution, institution, startScheme, talent, tokens, type Harness } from '../../../test/kit/index.js';
import { hospitalOverseasPlugin } from '../hospital-overseas.plugin.js';

let h: Harness;
let office: string;
let union: string;
let jhu: string;
const T = 'wuhanunion';
const stays: Record<string, { talent: string; stay: string; placement: string }> = {};

beforeAll(async () => {
  h = await startScheme({
    plugins: [hospitalOverseasPlugin],
    tenants: { hubei: { level: 'province' }, wuhanunion: { level: 'hospital', parent: 'hubei', plugins: { 'hospital-overseas': {} } } },
    today: '2026-03-01',
  });
  office = await tokens(h, T).admin();
  union = await institution(h, office, { name: '华中科技大学同济医学院附属协和医院', province: '湖北省', city: '武汉市' });
  jhu = await hostInstitution(h, office, 'Johns Hopkins Hospital', { city: 'Baltimore' });
}, 60_000);
afterAll(async () => h?.close());

const APPLY = `mutation($p: ID!, $t: ID!, $c: String!) { submitApplication(input: { programmeId: $p, talentId: $t, track: $c }) { id status eligibility { eligible reasons { code messageZh waivable } } } }`;
const PLACE = `mutation($i: HospitalStayInput!) { hospitalPlaceStay(input: $i) { id channel appraisalScheme fundingFen placement { id reports { kind dueOn } } } }`;
const APPRAISE = `mutation($i: HospitalAppraisalInput!) { hospitalAppraise(input: $i) { overallScore grade consequence consequenceFen gradedOn appraisals { period score } } }`;
const plan = async (year: number) => (await h.ok(office, `mutation($y: Int!, $d: Date!) { hospitalCreatePlan(input: { year: $y, referenceDate: $d, open: true }) { id tracks { code } } }`, { y: year, d: `${year}-03-01` })).hospitalCreatePlan;
const stayCount = async () => (await h.ok(office, `{ hospitalStays { totalCount } }`)).hospitalStays.totalCount as number;

/** Apply, select, place and record the actual dates. */
async function send(key: string, programmeId: string, channel: string, spec: Parameters<typeof talent>[3], start: string, end: string, fundingFen?: number) {
  const t = await talent(h, office, union, { highestDegree: 'DOCTORATE', englishSelfDeclared: 'GOOD', ...spec });
  const a = (await h.ok(office, APPLY, { p: programmeId, t, c: channel })).submitApplication;
  expect(a.status, JSON.stringify(a.eligibility)).toBe('ELIGIBLE');
  await h.ok(office, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.id });
  const s = (await h.ok(office, PLACE, { i: { applicationId: a.id, hostInstitutionId: jhu, plannedStart: start, plannedEnd: end, fundingFen } })).hospitalPlaceStay;
  await h.ok(office, `mutation($id: ID!, $s: Date!, $e: Date!) { updatePlacementDates(id: $id, dates: { actualStart: $s, actualEnd: $e }) { status } }`, { id: s.placement.id, s: start, e: end });
  stays[key] = { talent: t, stay: s.id, placement: s.placement.id };
  return s;
}

describe('channels and who may use them', () => {
  it('a plan opens the channels that exist in its year (the eight-year plan from 2014)', async () => {
    expect((await plan(2013)).tracks.map((t: any) => t.code)).toEqual(['state_sponsored', 'award_2012']);
    expect((await plan(2018)).tracks.map((t: any) => t.code)).toEqual(['state_sponsored', 'award_2012', 'eight_year_2014']);
    await expectError(h.gql(office, `mutation { hospitalCreatePlan(input: { year: 2018, referenceDate: "2018-03-01" }) { id } }`), 'CONFLICT', 'year');
  });

  it('judges each channel by its own criteria, every failed one listed; the age limit is waived with a reason', async () => {
    const p = (await h.ok(office, `{ programmes(filter: { year: 2018 }) { nodes { id } } }`)).programmes.nodes[0].id;
    const older = await talent(h, office, union, { birthDate: '1965-01-01', highestDegree: 'MASTER' });
    const r = (await h.ok(office, APPLY, { p, t: older, c: 'eight_year_2014' })).submitApplication;
    expect(r.status).toBe('INELIGIBLE');
    expect(r.eligibility.reasons.map((x: any) => x.code)).toEqual(['AGE_OVER_CAP', 'DEGREE_TOO_LOW', 'ENGLISH_INSUFFICIENT', 'NOT_IN_TARGET_GROUP']);
    const senior = await talent(h, office, union, { birthDate: '1970-01-01', highestDegree: 'DOCTORATE', englishSelfDeclared: 'GOOD' });
    const a = (await h.ok(office, APPLY, { p, t: senior, c: 'award_2012' })).submitApplication;
    expect(a.eligibility.reasons).toEqual([{ code: 'AGE_OVER_CAP', messageZh: '截至2018-03-01年龄48周岁，优秀中青年人才出国研修奖励计划原则上不超过45周岁', waivable: true }]);
    const w = await h.ok(office, `mutation($i: EligibilityWaiverInput!) { waiveEligibilityCriterion(input: $i) { status waivers { code } } }`, { i: { applicationId: a.id, code: 'AGE_OVER_CAP', reason: '学科带头人，院长办公会同意' } });
    expect(w.waiveEligibilityCriterion).toEqual({ status: 'ELIGIBLE', waivers: [{ code: 'AGE_OVER_CAP' }] });
  });

  it('lists each channel’s sponsor, criteria and obligations with where each comes from', async () => {
    const c = (await h.ok(office, `{ hospitalChannels { code since source sponsorSource serviceYears obligationsSource eligibility { maxAge requiredProgrammes source } } }`)).hospitalChannels;
    expect(c.map((x: any) => [x.code, x.since])).toEqual([['state_sponsored', null], ['award_2012', 2012], ['eight_year_2014', 2014]]);
    expect(c[2].eligibility.requiredProgrammes).toEqual(['eight_year_graduate']);
    for (const x of c) {
      expect(x.source).toMatch(/^seed 000/);
      expect(x.obligationsSource).toMatch(/local default/);
    }
  });
});

describe('stays abroad', () => {
  it('refuses a host in China, a stay outside the channel’s months and an unselected application, naming the field; writes nothing', async () => {
    const p = (await h.ok(office, `{ programmes(filter: { year: 2018 }) { nodes { id } } }`)).programmes.nodes[0].id;
    const t = await talent(h, office, union, { highestDegree: 'DOCTORATE', englishSelfDeclared: 'GOOD' });
    const a = (await h.ok(office, APPLY, { p, t, c: 'state_sponsored' })).submitApplication;
    const ruijin = await institution(h, office, { name: '上海瑞金医院', host: true, country: 'CN', qualificationVerified: true });
    const i = { applicationId: a.id, hostInstitutionId: jhu, plannedStart: '2019-01-01', plannedEnd: '2019-06-30' };
    await expectError(h.gql(office, PLACE, { i }), 'INVALID_STATE', 'applicationId');
    await h.ok(office, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: a.id });
    await expectError(h.gql(office, PLACE, { i: { ...i, hostInstitutionId: ruijin } }), 'BAD_USER_INPUT', 'hostInstitutionId');
    await expectError(h.gql(office, PLACE, { i: { ...i, plannedEnd: '2019-04-30' } }), 'BAD_USER_INPUT', 'plannedEnd');
    await expectError(h.gql(office, PLACE, { i: { ...i, fundingFen: 10.5 } }), 'BAD_USER_INPUT');
    expect(await stayCount()).toBe(0);
  });

  it('funds a stay from the channel unless told, owes a summary report a month after return, and service after it', async () => {
    const p = (await h.ok(office, `{ programmes(filter: { year: 2018 }) { nodes { id } } }`)).programmes.nodes[0].id;
    const p2023 = (await plan(2023)).id;
    const a = await send('A', p, 'award_2012', { name: '陈思远', department: '心血管内科', birthDate: '1982-05-01' }, '2019-03-01', '2020-02-29');
    expect(a).toMatchObject({ channel: 'award_2012', appraisalScheme: 'award_plan', fundingFen: 18_000_000 }); // 1,500,000 fen × 12 months
    await send('B', p, 'state_sponsored', { name: '李卓', department: '骨科', birthDate: '1984-02-01', highestDegree: 'MASTER' }, '2019-09-01', '2020-02-29');
    await send('C', p, 'eight_year_2014', { name: '王一凡', department: '肿瘤中心', birthDate: '1990-07-01', titleGrade: 'JUNIOR', talentProgrammes: ['eight_year_graduate'] }, '2018-09-01', '2019-08-31');
    const d = await send('D', p2023, 'award_2012', { name: '张晓雯', department: '神经外科', birthDate: '1985-11-11' }, '2023-09-01', '2024-08-31', 16_000_000);
    expect(d.fundingFen).toBe(16_000_000);
    const got = (await h.ok(office, `query($id: ID!) { placement(id: $id) { reports { kind dueOn status } } }`, { id: stays.A!.placement })).placement;
    expect(got.reports.filter((r: any) => r.kind === 'summary')).toEqual([{ kind: 'summary', dueOn: '2020-03-29', status: 'DUE' }]);
    // The core's outcome follow-ups (issue 15) fall 6, 12 and 24 months after return; a stay recorded
    // years after it owes none already past: A (back 2020-02-29) none, D (back 2024-08-31) the 24-month one.
    expect(got.reports.filter((r: any) => r.kind === 'evaluation.follow_up')).toEqual([]);
    const dReports = (await h.ok(office, `query($id: ID!) { placement(id: $id) { reports { kind sequence dueOn } } }`, { id: stays.D!.placement })).placement.reports;
    expect(dReports.filter((r: any) => r.kind === 'evaluation.follow_up')).toEqual([{ kind: 'evaluation.follow_up', sequence: 24, dueOn: '2026-08-31' }]);
    const service = (await h.ok(office, `{ hospitalStays(channel: "award_2012") { nodes { serviceUntil talent { name } } } }`)).hospitalStays.nodes;
    expect(service.find((n: any) => n.talent.name === '陈思远').serviceUntil).toBe('2025-02-28'); // 5 years after 2020-02-29
  });
});

describe('performance appraisal', () => {
  const sheet = (period: string, appraisedOn: string, scores: [string, number][]) => ({ i: { stayId: '', period, appraisedOn, scores: scores.map(([indicator, score]) => ({ indicator, score })) } });
  const appraise = (key: string, period: string, appraisedOn: string, scores: [string, number][]) => {
    const v = sheet(period, appraisedOn, scores);
    v.i.stayId = stays[key]!.stay;
    return h.gql(office, APPRAISE, v);
  };

  it('goes period by period; a wrong sheet names its entry and nothing is written', async () => {
    await expectError(appraise('A', 'DURING', '2019-09-01', [['periodic_reports', 90], ['progress', 90], ['discipline', 100]]), 'INVALID_STATE');
    await expectError(appraise('A', 'BEFORE', '2019-02-20', [['study_plan', 101], ['language', 90]]), 'BAD_USER_INPUT', 'scores.0.score');
    await expectError(appraise('A', 'BEFORE', '2019-02-20', [['study_plan', 95]]), 'BAD_USER_INPUT', 'scores');
    await expectError(appraise('A', 'BEFORE', '2026-03-02', [['study_plan', 95], ['language', 90]]), 'BAD_USER_INPUT', 'appraisedOn');
    const viewer = await tokens(h, T).viewer();
    expect((await h.gql(viewer, APPRAISE, { i: { ...sheet('BEFORE', '2019-02-20', [['study_plan', 95]]).i, stayId: stays.A!.stay } })).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const s = (await h.ok(office, `query($id: ID!) { placement(id: $id) { id } }`, { id: stays.A!.placement })).placement;
    expect(s.id).toBeTruthy();
    expect((await h.ok(office, `{ hospitalStays(channel: "award_2012") { nodes { appraisals { period } } } }`)).hospitalStays.nodes.flatMap((n: any) => n.appraisals)).toEqual([]);
  });

  it('the third period grades the stay: excellent brings the incentive, pass a warning, fail a clawback of half the funding', async () => {
    // A, award plan (20/30/50): 93, 92, 92.5 → 18.6 + 27.6 + 46.25 = 92.45, excellent
    for (const [p, d, s] of [['BEFORE', '2019-02-20', [['study_plan', 95], ['language', 90]]], ['DURING', '2019-09-01', [['periodic_reports', 90], ['progress', 90], ['discipline', 100]]]] as const) (await appraise('A', p, d, s as never)).body.errors?.length && expect.unreachable();
    const a = (await appraise('A', 'AFTER', '2020-05-01', [['research_output', 95], ['clinical_application', 90], ['summary_report', 90]])).body.data!.hospitalAppraise;
    expect(a).toMatchObject({ overallScore: 92.45, grade: 'EXCELLENT', consequence: 'INCENTIVE', consequenceFen: 2_000_000, gradedOn: '2020-05-01' });
    expect(a.appraisals.map((x: any) => [x.period, x.score])).toEqual([['BEFORE', 93], ['DURING', 92], ['AFTER', 92.5]]);
    // B, state standard (10/20/70): 70, 65, 62 → 7 + 13 + 43.4 = 63.4, pass
    await appraise('B', 'BEFORE', '2019-08-20', [['study_plan', 70]]);
    await appraise('B', 'DURING', '2019-12-01', [['periodic_reports', 65]]);
    const b = (await appraise('B', 'AFTER', '2020-04-01', [['research_output', 60], ['clinical_application', 60], ['summary_report', 70]])).body.data!.hospitalAppraise;
    expect(b).toMatchObject({ overallScore: 63.4, grade: 'PASS', consequence: 'WARNING', consequenceFen: 0 });
    // C, research training (20/30/50): 60, 53, 43 → 12 + 15.9 + 21.5 = 49.4, fail: half of 12,000,000 fen
    await appraise('C', 'BEFORE', '2018-08-20', [['research_proposal', 60]]);
    await appraise('C', 'DURING', '2019-03-01', [['lab_progress', 50], ['periodic_reports', 60]]);
    const c = (await appraise('C', 'AFTER', '2019-12-01', [['research_output', 40], ['summary_report', 50]])).body.data!.hospitalAppraise;
    expect(c).toMatchObject({ overallScore: 49.4, grade: 'FAIL', consequence: 'CLAWBACK', consequenceFen: 6_000_000 });
    await expectError(appraise('C', 'AFTER', '2019-12-02', [['research_output', 90], ['summary_report', 90]]), 'INVALID_STATE');
    const grades = (await h.ok(office, `{ hospitalGrades { grade consequence stays amountFen } }`)).hospitalGrades;
    expect(grades).toEqual([
      { grade: 'EXCELLENT', consequence: 'INCENTIVE', stays: 1, amountFen: 2_000_000 },
      { grade: 'PASS', consequence: 'WARNING', stays: 1, amountFen: 0 },
      { grade: 'FAIL', consequence: 'CLAWBACK', stays: 1, amountFen: 6_000_000 },
    ]);
  });
});

describe('research output before and after', () => {
  const record = (key: string, kind: string, achievedOn: string, detail: Record<string, unknown>) =>
    h.ok(office, `mutation($i: ResearchOutputInput!) { recordResearchOutput(input: $i) { id } }`, { i: { talentId: stays[key]!.talent, kind, title: `${kind} ${achievedOn}`, achievedOn, ...detail } });
  const sci = (impactFactor: number) => ({ paper: { journal: 'Circulation', indexing: ['SCI'], impactFactor, authorRole: 'FIRST' } });
  const Q = `query($w: Int, $d: Date) { hospitalResearchComparison(windowMonths: $w, asOf: $d) { windowMonths asOf pending
    overall { people perPersonBefore perPersonAfter before { total } after { total } }
    byChannel { key people perPersonBefore perPersonAfter before { total sciPapers impactFactor } after { total sciPapers impactFactor grants grantFen awards patents clinicalTechniques } }
    byAppraisalScheme { key people perPersonBefore perPersonAfter } } }`;

  it('counts output per person in equal windows, per channel and per appraisal scheme (worked out by hand)', async () => {
    // A, stay 2019-03-01..2020-02-29: 12-month windows 2018-03-01..2019-02-28 and 2020-03-01..2021-02-28
    await record('A', 'PAPER', '2018-06-01', sci(3.5)); // before
    await record('A', 'PAPER', '2018-12-01', { paper: { journal: '中华心血管病杂志', indexing: ['PKU_CORE'], authorRole: 'CORRESPONDING' } }); // before, not SCI
    await record('A', 'PAPER', '2019-10-01', sci(9)); // while away: neither window
    await record('A', 'PAPER', '2020-09-01', sci(6.2)); // after
    await record('A', 'PAPER', '2021-01-15', sci(4.1)); // after
    await record('A', 'GRANT', '2020-08-20', { grant: { funder: '国家自然科学基金委员会', level: 'NATIONAL', amountFen: 55_000_000 } }); // after
    await record('A', 'PAPER', '2021-03-01', sci(5)); // a day past the 12-month after-window
    // B, 2019-09-01..2020-02-29: a patent before, a new technique after
    await record('B', 'PATENT', '2019-05-01', { patent: { patentType: 'UTILITY_MODEL' } });
    await record('B', 'CLINICAL_TECHNIQUE', '2020-12-01', { technique: { department: '骨科', level: 'PROVINCIAL' } });
    // C, 2018-09-01..2019-08-31: nothing before, an award after
    await record('C', 'AWARD', '2020-01-10', { award: { awardingBody: '湖北省人民政府', level: 'PROVINCIAL', grade: '二等奖' } });
    // D, 2023-09-01..2024-08-31: a paper before, nothing after
    await record('D', 'PAPER', '2023-01-01', sci(2));

    const c = (await h.ok(office, Q, { w: 12, d: '2026-03-01' })).hospitalResearchComparison;
    expect(c.pending).toBe(0);
    // overall: 4 people; before A 2 + B 1 + C 0 + D 1 = 4 (1.00 each); after A 3 + B 1 + C 1 + D 0 = 5 (1.25)
    expect(c.overall).toEqual({ people: 4, perPersonBefore: 1, perPersonAfter: 1.25, before: { total: 4 }, after: { total: 5 } });
    const channel = Object.fromEntries(c.byChannel.map((g: any) => [g.key, g]));
    expect(channel.award_2012).toEqual({
      key: 'award_2012', people: 2, perPersonBefore: 1.5, perPersonAfter: 1.5, // A and D: before 2 + 1, after 3 + 0
      before: { total: 3, sciPapers: 2, impactFactor: 5.5 },
      after: { total: 3, sciPapers: 2, impactFactor: 10.3, grants: 1, grantFen: 55_000_000, awards: 0, patents: 0, clinicalTechniques: 0 },
    });
    expect(channel.state_sponsored).toMatchObject({ people: 1, perPersonBefore: 1, perPersonAfter: 1, after: { clinicalTechniques: 1 } });
    expect(channel.eight_year_2014).toMatchObject({ people: 1, perPersonBefore: 0, perPersonAfter: 1, after: { awards: 1 } });
    expect(c.byAppraisalScheme.map((g: any) => [g.key, g.people, g.perPersonBefore, g.perPersonAfter])).toEqual([
      ['award_plan', 2, 1.5, 1.5],
      ['research_training', 1, 0, 1],
      ['state_standard', 1, 1, 1],
    ]);
  });

  it('leaves out a stay whose after-window is still open; the default window is 24 months', async () => {
    const c = (await h.ok(office, Q, {})).hospitalResearchComparison;
    expect(c).toMatchObject({ windowMonths: 24, asOf: '2026-03-01', pending: 1 }); // D's 24 months after end on 2026-08-31
    const award = c.byChannel.find((g: any) => g.key === 'award_2012');
    expect(award).toMatchObject({ people: 1, perPersonBefore: 2, perPersonAfter: 4 }); // A alone; the 2021-03-01 paper is now inside
  });
});

describe('visiting experts', () => {
  it('records visits and lectures with departments and attendance; a lecture outside the visit is refused naming heldOn', async () => {
    const v = (await h.ok(office, `mutation($i: HospitalExpertVisitInput!) { hospitalRecordExpertVisit(input: $i) { id } }`, {
      i: { expertName: 'Prof. Michael Carter', expertTitle: 'Professor of Cardiology', affiliation: 'Johns Hopkins University', country: 'US', arrivesOn: '2025-10-12', departsOn: '2025-10-16', departments: ['心血管内科'], purpose: '学术讲座与病例讨论' },
    })).hospitalRecordExpertVisit.id;
    const L = `mutation($i: HospitalLectureInput!) { hospitalRecordLecture(input: $i) { id } }`;
    await expectError(h.gql(office, L, { i: { visitId: v, title: 'TAVR update', heldOn: '2025-10-20', department: '心血管内科', attendance: 120 } }), 'BAD_USER_INPUT', 'heldOn');
    await expectError(h.gql(office, L, { i: { visitId: v, title: 'TAVR update', heldOn: '2025-10-13', department: '心血管内科', attendance: -1 } }), 'BAD_USER_INPUT', 'attendance');
    await h.ok(office, L, { i: { visitId: v, title: 'Advances in TAVR', heldOn: '2025-10-13', department: '心血管内科', attendance: 180 } });
    await h.ok(office, L, { i: { visitId: v, title: 'Heart team in practice', heldOn: '2025-10-15', department: '心脏大血管外科', attendance: 65 } });
    const s = (await h.ok(office, `{ hospitalExpertStatistics(from: "2025-01-01") { visits countries lectures attendance byDepartment { department lectures attendance } } hospitalExpertVisits { nodes { departments lectures { title } } } }`));
    expect(s.hospitalExpertStatistics).toEqual({ visits: 1, countries: 1, lectures: 2, attendance: 245, byDepartment: [{ department: '心脏大血管外科', lectures: 1, attendance: 65 }, { department: '心血管内科', lectures: 1, attendance: 180 }] });
    expect(s.hospitalExpertVisits.nodes[0].departments).toEqual(['心血管内科', '心脏大血管外科']);
  });
});

describe('the province above', () => {
  it('reads the hospital’s figures as aggregates, and none of its rows', async () => {
    const hubei = await h.token('hubei', 'commission-admin');
    const r = (await h.ok(hubei, `{ subRegionFigures { tenant level plugin withheld minCellSize figures { metric group value } } }`)).subRegionFigures;
    expect(r.map((x: any) => [x.tenant, x.level, x.plugin])).toEqual([['wuhanunion', 'hospital', 'hospital-overseas']]);
    const f = (metric: string, group: string | null = null) => r[0].figures.find((x: any) => x.metric === metric && x.group === group)?.value;
    expect(f('stays')).toBe(4);
    expect(f('stays_graded')).toBe(3);
    expect(f('lecture_attendance')).toBe(245);
    // A channel's comparison about one stay names its talent to whoever knows the hospital: left
    // out, as regionOverview withholds it, and counted. The two views show the same figures.
    expect(f('channel.stays_compared', 'award_2012')).toBeUndefined();
    expect(f('channel.outputs_per_person_after', 'award_2012')).toBeUndefined();
    const overview = (await h.ok(hubei, `{ regionOverview { minCellSize regions { tenant figures { plugin metric group value suppressed } } } }`)).regionOverview;
    const scheme = overview.regions.find((x: any) => x.tenant === 'wuhanunion').figures.filter((x: any) => x.plugin === 'hospital-overseas');
    expect(r[0].figures).toEqual(scheme.filter((x: any) => !x.suppressed).map(({ metric, group, value }: any) => ({ metric, group, value })));
    expect(r[0].withheld).toBe(scheme.filter((x: any) => x.suppressed).length);
    expect(r[0].withheld).toBeGreaterThan(0);
    expect(r[0].minCellSize).toBe(overview.minCellSize);
    const text = JSON.stringify(r);
    for (const name of ['陈思远', stays.A!.talent, stays.A!.stay, 'Michael Carter']) expect(text).not.toContain(name);
    expect((await h.gql(hubei, `{ hospitalStays { totalCount } }`)).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // the hospital is not the province: it sees no region inside it
    expect((await h.ok(office, `{ subRegionFigures { tenant } }`)).subRegionFigures).toEqual([]);
  });
});
