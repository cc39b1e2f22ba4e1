/**
 * Through the API against the real database, with the repository's tenants (guizhou and its
 * sub-region yuping, and wenzhou in Zhejiang): cohorts, who may enrol, the term, assessments,
 * withdrawal, return, contributions, reports, and what a unit may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_TENANTS, startHarness, type Harness } from '../../../test/support/harness.js';
import { TRAINEE_FIELDS, apply, cohort, enrol, enrolled, institution, select, talent } from './support.js';

let h: Harness;
let admin: string;
let ruijin: string;
let provincial: string;
let yupingCounty: string;
let c1: { id: string; programmeId: string };

const T = (s: string) => `mutation($i: ${s}) `;

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS] });
  h.app.clock.set('2022-01-10T02:00:00Z');
  admin = await h.token('guizhou', 'commission-admin');
  ruijin = await institution(h, admin, { name: 'Ruijin Hospital, Shanghai Jiao Tong University', host: true, province: 'Shanghai' });
  provincial = await institution(h, admin, { name: "Guizhou Provincial People's Hospital", adminLevel: 'PROVINCE', region: 'guizhou', province: 'Guizhou' });
  yupingCounty = await institution(h, admin, { name: "Yuping County People's Hospital", adminLevel: 'COUNTY', region: 'yuping', province: 'Guizhou' });
  c1 = await cohort(h, admin, { code: 'GZ-P6-RUIJIN', round: 2, period: 6, hostInstitutionId: ruijin, startDate: '2022-02-08', capacity: 3 });
});
afterAll(async () => h?.close());

async function count(kind: 'placements' | 'guizhouTrainees' | 'outcomes'): Promise<number> {
  const data = await h.ok(admin, `{ ${kind}(first: 1) { totalCount } }`);
  return data[kind].totalCount;
}

describe('cohorts', () => {
  it('creates the cohort with its programme open, the sub-plans as tracks and both components by default', async () => {
    const data = await h.ok(admin, `query($id: ID!) { guizhouCohort(id: $id) { code round period capacity startDate subPlans components hostRegion hostInstitution { name } programme { status scheme tracks { code } } } }`, { id: c1.id });
    expect(data.guizhouCohort).toEqual({
      code: 'GZ-P6-RUIJIN', round: 2, period: 6, capacity: 3, startDate: '2022-02-08',
      subPlans: ['BACKBONE', 'FOREST_CULTIVATION'], components: ['CULTIVATION', 'RETURN_PLAN'], hostRegion: 'SHANGHAI',
      hostInstitution: { name: 'Ruijin Hospital, Shanghai Jiao Tong University' },
      programme: { status: 'OPEN', scheme: 'guizhou-shanghai-class', tracks: [{ code: 'backbone' }, { code: 'forest_cultivation' }] },
    });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = (await h.ok(admin, `{ guizhouCohorts(first: 1) { totalCount } }`)).guizhouCohorts.totalCount;
    const base = { code: 'GZ-X', name: 'x', round: 1, period: 1, hostInstitutionId: ruijin, hostRegion: 'SHANGHAI', subPlans: ['BACKBONE'], capacity: 5, startDate: '2022-03-01' };
    const cases: [Record<string, unknown>, string][] = [
      [{ capacity: 0 }, 'capacity'],
      [{ subPlans: [] }, 'subPlans'],
      [{ subPlans: ['BACKBONE', 'BACKBONE'] }, 'subPlans'],
      [{ components: ['RETURN_PLAN'] }, 'components'],
      [{ hostInstitutionId: provincial }, 'hostInstitutionId'],
      [{ period: 6, round: 1 }, 'round'],
    ];
    for (const [patch, field] of cases) {
      const r = await h.gql(admin, `${T('GuizhouCohortInput!')}{ guizhouCreateCohort(input: $i) { id } }`, { i: { ...base, ...patch } });
      expect(r.body.errors?.[0]?.extensions, JSON.stringify(patch)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await h.ok(admin, `{ guizhouCohorts(first: 1) { totalCount } }`)).guizhouCohorts.totalCount).toBe(before);
    const dup = await h.gql(admin, `${T('GuizhouCohortInput!')}{ guizhouCreateCohort(input: $i) { id } }`, { i: { ...base, code: 'GZ-P6-RUIJIN-2', period: 6, round: 2 } });
    expect(dup.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'hostInstitutionId' });
  });

  it('lets only the commission create cohorts', async () => {
    const unit = await h.token('guizhou', 'unit-coordinator', { unitId: provincial });
    const r = await h.gql(unit, `${T('GuizhouCohortInput!')}{ guizhouCreateCohort(input: $i) { id } }`, {
      i: { code: 'GZ-Y', name: 'y', round: 1, period: 2, hostInstitutionId: ruijin, hostRegion: 'SHANGHAI', subPlans: ['BACKBONE'], capacity: 5, startDate: '2022-03-01' },
    });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('who may enrol', () => {
  it('takes a province-level doctor and a yuping county-level nurse (yuping is inside guizhou)', async () => {
    const a = await apply(h, admin, c1.programmeId, await talent(h, admin, { name: 'Wang Fang', unitId: provincial }));
    expect(a.eligibility).toEqual({ eligible: true, reasons: [] });
    const b = await apply(h, admin, c1.programmeId, await talent(h, admin, { name: 'Yang Li', unitId: yupingCounty, profession: 'NURSE' }), 'forest_cultivation');
    expect(b.status).toBe('ELIGIBLE');
  });

  it('refuses a trainee from another province, with the reason in English and Chinese', async () => {
    const zhejiang = await institution(h, admin, { name: 'Wenzhou Central Hospital', adminLevel: 'CITY', region: 'wenzhou', province: 'Zhejiang' });
    const a = await apply(h, admin, c1.programmeId, await talent(h, admin, { name: 'Chen Jie', unitId: zhejiang }));
    expect(a.status).toBe('INELIGIBLE');
    expect(a.eligibility.reasons).toHaveLength(1);
    expect(a.eligibility.reasons[0]).toMatchObject({ code: 'UNIT_OUTSIDE_REGION' });
    expect(a.eligibility.reasons[0]!.message).toContain('Zhejiang');
    expect(a.eligibility.reasons[0]!.messageZh).toContain('不在');
  });

  it('lists every failed criterion: level, profession, title', async () => {
    const township = await institution(h, admin, { name: 'Dalong Township Health Centre', adminLevel: 'TOWNSHIP', region: 'yuping' });
    const a = await apply(h, admin, c1.programmeId, await talent(h, admin, { name: 'Li Qiang', unitId: township, profession: 'PHARMACIST', titleGrade: 'JUNIOR' }));
    expect(a.eligibility.reasons.map((r) => r.code).sort()).toEqual(['PROFESSION_NOT_ELIGIBLE', 'TITLE_BELOW_INTERMEDIATE', 'UNIT_LEVEL_NOT_ELIGIBLE']);
    expect(a.eligibility.reasons.every((r) => r.messageZh)).toBe(true);
  });
});

describe('the term', () => {
  it('refuses a 4-month term with BAD_USER_INPUT naming termMonths, and writes nothing', async () => {
    const talentId = await talent(h, admin, { name: 'Zhao Min', unitId: provincial });
    const app = await apply(h, admin, c1.programmeId, talentId);
    await select(h, admin, app.id);
    const [placements, trainees] = [await count('placements'), await count('guizhouTrainees')];
    const r = await h.gql(admin, `${T('GuizhouEnrolInput!')}{ guizhouEnrolTrainee(input: $i) { id } }`, { i: { applicationId: app.id, termMonths: 4 } });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'termMonths' });
    expect(r.body.errors?.[0]?.message).toContain('3, 6, 12');
    expect([await count('placements'), await count('guizhouTrainees')]).toEqual([placements, trainees]);
    // The same application enrols on a 12-month term.
    const t = await enrol(h, admin, app.id, 12);
    expect(t).toMatchObject({ status: 'ENROLLED', termMonths: 12, placement: { plannedStart: '2022-02-08', plannedEnd: '2023-02-07', status: 'PLANNED' } });
  });

  it('refuses an application that was not selected, writing nothing', async () => {
    const app = await apply(h, admin, c1.programmeId, await talent(h, admin, { name: 'Sun Hao', unitId: provincial }));
    const placements = await count('placements');
    const r = await h.gql(admin, `${T('GuizhouEnrolInput!')}{ guizhouEnrolTrainee(input: $i) { id } }`, { i: { applicationId: app.id, termMonths: 6 } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    expect(await count('placements')).toBe(placements);
  });
});

describe('through the term and after the return', () => {
  let cohortId: string;
  let programmeId: string;
  beforeAll(async () => {
    const c = await cohort(h, admin, { code: 'GZ-P5-RUIJIN', round: 2, period: 5, hostInstitutionId: ruijin, startDate: '2021-06-01', capacity: 2 });
    cohortId = c.id;
    programmeId = c.programmeId;
  });

  it('owes a mid-term and a final assessment, a return confirmation and quarterly cascade-training reports', async () => {
    const t = await enrolled(h, admin, programmeId, provincial, 'Liu Yang', 6);
    const byKind = (kind: string) => t.reports.filter((r: { kind: string }) => r.kind === kind).map((r: { dueOn: string }) => r.dueOn).sort();
    expect(t.placement.plannedEnd).toBe('2021-11-30');
    expect(byKind('mid_term_assessment')).toEqual(['2021-08-31']);
    expect(byKind('final_assessment')).toEqual(['2021-11-30']);
    expect(byKind('return_confirmation')).toEqual(['2021-12-30']);
    expect(byKind('cascade_training')).toEqual(['2022-03-01', '2022-06-01', '2022-09-01', '2022-12-01', '2023-03-01', '2023-06-01', '2023-09-01', '2023-12-01']);
  });

  it('is full at capacity: a third enrolment is refused and nothing is written', async () => {
    await enrolled(h, admin, programmeId, yupingCounty, 'Wu Lei', 3);
    const talentId = await talent(h, admin, { name: 'Zheng Yu', unitId: provincial });
    const app = await apply(h, admin, programmeId, talentId);
    await select(h, admin, app.id);
    const placements = await count('placements');
    const r = await h.gql(admin, `${T('GuizhouEnrolInput!')}{ guizhouEnrolTrainee(input: $i) { id } }`, { i: { applicationId: app.id, termMonths: 6 } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
    expect(r.body.errors?.[0]?.message).toContain('full');
    expect(await count('placements')).toBe(placements);
  });

  it('goes from enrolled to completed and returned, with mentor, assessments, and reports answered', async () => {
    h.app.clock.set('2022-01-20T02:00:00Z');
    const list = await h.ok(admin, `query($c: ID!) { guizhouTrainees(first: 10, filter: { cohortId: $c }) { nodes { id talent { name } } } }`, { c: cohortId });
    const id = list.guizhouTrainees.nodes.find((n: { talent: { name: string } }) => n.talent.name === 'Liu Yang').id;
    const mentorToken = await h.token('guizhou', 'mentor');
    await h.ok(mentorToken, `mutation($id: ID!) { guizhouSetMentor(traineeId: $id, mentor: { name: "Prof. Ning Guang", department: "Endocrinology" }) { id } }`, { id });
    const future = await h.gql(admin, `mutation($id: ID!) { guizhouStartTraining(traineeId: $id, startedOn: "2022-02-01") { status } }`, { id });
    expect(future.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startedOn' });
    const started = await h.ok(admin, `mutation($id: ID!) { guizhouStartTraining(traineeId: $id, startedOn: "2021-06-03") { status startedOn placement { status actualStart } reports { kind dueOn } } }`, { id });
    expect(started.guizhouStartTraining).toMatchObject({ status: 'IN_TRAINING', startedOn: '2021-06-03', placement: { status: 'ACTIVE', actualStart: '2021-06-03' } });
    // A two-day late start moves the final assessment by two days.
    expect(started.guizhouStartTraining.reports.find((r: { kind: string }) => r.kind === 'final_assessment').dueOn).toBe('2021-12-02');

    const bad = await h.gql(mentorToken, `${T('GuizhouAssessmentInput!')}{ guizhouAssess(input: $i) { id } }`, { i: { traineeId: id, stage: 'MID_TERM', grade: 'PASS', assessedOn: '2021-05-01' } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assessedOn' });
    await h.ok(mentorToken, `${T('GuizhouAssessmentInput!')}{ guizhouAssess(input: $i) { id } }`, { i: { traineeId: id, stage: 'MID_TERM', grade: 'PASS', assessedOn: '2021-09-01' } });
    const fin = await h.ok(mentorToken, `${T('GuizhouAssessmentInput!')}{ guizhouAssess(input: $i) { ${TRAINEE_FIELDS} } }`, {
      i: { traineeId: id, stage: 'FINAL', grade: 'EXCELLENT', assessedOn: '2021-12-01', endedOn: '2021-12-02' },
    });
    expect(fin.guizhouAssess).toMatchObject({ status: 'COMPLETED', finalGrade: 'EXCELLENT', midTermGrade: 'PASS', endedOn: '2021-12-02', mentorName: 'Prof. Ning Guang', placement: { status: 'COMPLETED', actualEnd: '2021-12-02' } });
    const status = (kind: string) => fin.guizhouAssess.reports.find((r: { kind: string }) => r.kind === kind).status;
    expect([status('mid_term_assessment'), status('final_assessment'), status('return_confirmation')]).toEqual(['SUBMITTED', 'SUBMITTED', 'DUE']);

    const early = await h.gql(admin, `${T('GuizhouReturnInput!')}{ guizhouRecordReturn(input: $i) { id } }`, { i: { traineeId: id, returnedOn: '2021-11-01' } });
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'returnedOn' });
    const back = await h.ok(admin, `${T('GuizhouReturnInput!')}{ guizhouRecordReturn(input: $i) { ${TRAINEE_FIELDS} } }`, { i: { traineeId: id, returnedOn: '2021-12-10' } });
    expect(back.guizhouRecordReturn).toMatchObject({ returnedOn: '2021-12-10', returnedTo: { id: provincial } });
    const reports = back.guizhouRecordReturn.reports as { kind: string; dueOn: string; status: string }[];
    expect(reports.find((r) => r.kind === 'return_confirmation')!.status).toBe('SUBMITTED');
    expect(reports.filter((r) => r.kind === 'cascade_training').map((r) => r.dueOn).sort().slice(0, 2)).toEqual(['2022-03-10', '2022-06-10']);
    const twice = await h.gql(admin, `${T('GuizhouReturnInput!')}{ guizhouRecordReturn(input: $i) { id } }`, { i: { traineeId: id, returnedOn: '2021-12-11' } });
    expect(twice.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
  });

  it('records contributions linked to the returnee, validates them, and lets the commission verify them', async () => {
    const list = await h.ok(admin, `query($c: ID!) { guizhouTrainees(first: 10, filter: { cohortId: $c, returned: true }) { nodes { id talentId: talent { id } } } }`, { c: cohortId });
    expect(list.guizhouTrainees.nodes).toHaveLength(1);
    const traineeId = list.guizhouTrainees.nodes[0].id;
    const talentId = list.guizhouTrainees.nodes[0].talentId.id;
    const me = await h.token('guizhou', 'talent', { talentId, unitId: provincial });
    const rec = (token: string, i: Record<string, unknown>) => h.gql(token, `${T('GuizhouContributionInput!')}{ guizhouRecordContribution(input: $i) { id category quantity level verified } }`, { i: { traineeId, ...i } });
    const outcomes = await count('outcomes');
    const noLevel = await rec(me, { kind: 'GAP_FILLED', title: 'First thyroid RFA in the province', achievedOn: '2022-01-05' });
    expect(noLevel.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
    const noCount = await rec(me, { kind: 'CASCADE_TRAINING', title: 'Diabetes care for village doctors', achievedOn: '2022-01-06' });
    expect(noCount.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'headCount' });
    const beforeReturn = await rec(me, { kind: 'NEW_TECHNOLOGY', title: 'CGM clinic', achievedOn: '2021-12-01' });
    expect(beforeReturn.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'achievedOn' });
    expect(await count('outcomes')).toBe(outcomes);

    const gap = (await rec(me, { kind: 'GAP_FILLED', title: 'First thyroid RFA in the province', achievedOn: '2022-01-05', level: 'PROVINCE' })).body.data!.guizhouRecordContribution;
    expect(gap).toMatchObject({ category: 'technology_gap_filled', level: 'PROVINCE', quantity: 1, verified: false });
    const session = (await rec(me, { kind: 'CASCADE_TRAINING', title: 'Diabetes care for village doctors', achievedOn: '2022-01-06', headCount: 48 })).body.data!.guizhouRecordContribution;
    expect(session).toMatchObject({ category: 'cascade_training', quantity: 48 });
    await rec(me, { kind: 'NEW_TECHNOLOGY', title: 'CGM clinic', achievedOn: '2022-01-07' });

    const talentVerifies = await h.gql(me, `mutation($id: ID!) { guizhouVerifyContribution(outcomeId: $id) { verified } }`, { id: gap.id });
    expect(talentVerifies.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const v = await h.ok(admin, `mutation($id: ID!) { guizhouVerifyContribution(outcomeId: $id) { verified } }`, { id: gap.id });
    expect(v.guizhouVerifyContribution.verified).toBe(true);

    const d = await h.ok(admin, `{ all: guizhouDashboard(periods: [5]) { overall { newTechnologies gapsFilled gapsFilledProvince cascadeSessions grassrootsTrained } }
      verified: guizhouDashboard(periods: [5], verifiedOnly: true) { overall { newTechnologies gapsFilled grassrootsTrained } } }`);
    expect(d.all.overall).toEqual({ newTechnologies: 1, gapsFilled: 1, gapsFilledProvince: 1, cascadeSessions: 1, grassrootsTrained: 48 });
    expect(d.verified.overall).toEqual({ newTechnologies: 0, gapsFilled: 1, grassrootsTrained: 0 });
    const mine = await h.ok(me, `query($id: ID!) { guizhouTrainee(id: $id) { contributions { title } } }`, { id: traineeId });
    expect(mine.guizhouTrainee.contributions.map((c: { title: string }) => c.title).sort()).toEqual(['CGM clinic', 'Diabetes care for village doctors', 'First thyroid RFA in the province']);
  });
});

describe('withdrawal', () => {
  it('mid-term: counts against completion; before the start: not trained, and the place is freed', async () => {
    const c = await cohort(h, admin, { code: 'GZ-P4-ZJ', round: 2, period: 4, hostInstitutionId: ruijin, hostRegion: 'ZHEJIANG', startDate: '2021-03-01', capacity: 3 });
    const a = await enrolled(h, admin, c.programmeId, provincial, 'Tang Wei', 6);
    const b = await enrolled(h, admin, c.programmeId, provincial, 'Xu Jing', 6);
    const z = await enrolled(h, admin, c.programmeId, yupingCounty, 'Hu Bo', 3);
    const mentor = await h.token('guizhou', 'mentor');
    for (const t of [a, b]) await h.ok(admin, `mutation($id: ID!) { guizhouStartTraining(traineeId: $id, startedOn: "2021-03-01") { id } }`, { id: t.id });
    await h.ok(mentor, `${T('GuizhouAssessmentInput!')}{ guizhouAssess(input: $i) { id } }`, { i: { traineeId: a.id, stage: 'FINAL', grade: 'PASS', assessedOn: '2021-08-31' } });

    const noReason = await h.gql(admin, `${T('GuizhouWithdrawInput!')}{ guizhouWithdrawTrainee(input: $i) { id } }`, { i: { traineeId: b.id, reason: '  ', withdrawnOn: '2021-05-01' } });
    expect(noReason.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const w = await h.ok(admin, `${T('GuizhouWithdrawInput!')}{ guizhouWithdrawTrainee(input: $i) { ${TRAINEE_FIELDS} } }`, { i: { traineeId: b.id, reason: 'Family illness', withdrawnOn: '2021-05-01' } });
    expect(w.guizhouWithdrawTrainee).toMatchObject({ status: 'WITHDRAWN', withdrawalStage: 'MID_TERM', withdrawalReason: 'Family illness', endedOn: '2021-05-01', placement: { status: 'WITHDRAWN', actualEnd: '2021-05-01' } });
    expect(w.guizhouWithdrawTrainee.reports.every((r: { status: string }) => r.status === 'CANCELLED')).toBe(true);
    const w0 = await h.ok(admin, `${T('GuizhouWithdrawInput!')}{ guizhouWithdrawTrainee(input: $i) { status withdrawalStage } }`, { i: { traineeId: z.id, reason: 'Staff shortage at home', withdrawnOn: '2021-02-20' } });
    expect(w0.guizhouWithdrawTrainee).toEqual({ status: 'WITHDRAWN', withdrawalStage: 'BEFORE_START' });

    const d = await h.ok(admin, `{ guizhouDashboard(periods: [4]) { overall { trained concluded completed withdrawnMidTerm withdrawnBeforeStart completionRate completionRatePercent excellentRatePercent } } }`);
    // 2 trained (the pre-start withdrawal is not), both concluded; 1 completed: 1/2.
    expect(d.guizhouDashboard.overall).toEqual({ trained: 2, concluded: 2, completed: 1, withdrawnMidTerm: 1, withdrawnBeforeStart: 1, completionRate: 0.5, completionRatePercent: '50.00', excellentRatePercent: '0.00' });

    // The pre-start withdrawal freed its place: a new enrolment fits in the capacity of 3.
    await enrolled(h, admin, c.programmeId, yupingCounty, 'Ma Lin', 12);
  });
});

describe('capacity under concurrency', () => {
  it('gives the last place to exactly one of two simultaneous enrolments', async () => {
    const c = await cohort(h, admin, { code: 'GZ-P3-ONE', round: 1, period: 3, hostInstitutionId: ruijin, hostRegion: 'BEIJING', startDate: '2018-09-01', capacity: 1 });
    const apps = [];
    for (const name of ['Qin Yue', 'Pan Rui']) {
      const app = await apply(h, admin, c.programmeId, await talent(h, admin, { name, unitId: provincial }));
      await select(h, admin, app.id);
      apps.push(app.id);
    }
    const results = await Promise.all(apps.map((id) => h.gql(admin, `${T('GuizhouEnrolInput!')}{ guizhouEnrolTrainee(input: $i) { id } }`, { i: { applicationId: id, termMonths: 3 } })));
    expect(results.filter((r) => !r.body.errors).length).toBe(1);
    expect(results.filter((r) => r.body.errors?.[0]?.extensions?.code === 'INVALID_STATE').length).toBe(1);
    const d = await h.ok(admin, `query($c: ID!) { guizhouTrainees(first: 5, filter: { cohortId: $c }) { totalCount } placements(first: 1, filter: { programmeId: "${c.programmeId}" }) { totalCount } }`, { c: c.id });
    expect([d.guizhouTrainees.totalCount, d.placements.totalCount]).toEqual([1, 1]);
  });
});

describe('what a unit sees', () => {
  it('a coordinator sees and changes only their own staff; the dashboard is the commission’s', async () => {
    const unit = await h.token('guizhou', 'unit-coordinator', { unitId: yupingCounty });
    const seen = await h.ok(unit, `{ guizhouTrainees(first: 100) { nodes { unit { id } } } }`);
    expect(seen.guizhouTrainees.nodes.length).toBeGreaterThan(0);
    expect(seen.guizhouTrainees.nodes.every((n: { unit: { id: string } }) => n.unit.id === yupingCounty)).toBe(true);
    const other = await h.ok(admin, `query($u: ID!) { guizhouTrainees(first: 1, filter: { unitId: $u, status: ENROLLED }) { nodes { id } } }`, { u: provincial });
    const r = await h.gql(unit, `${T('GuizhouWithdrawInput!')}{ guizhouWithdrawTrainee(input: $i) { id } }`, { i: { traineeId: other.guizhouTrainees.nodes[0].id, reason: 'x' } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const dash = await h.gql(unit, `{ guizhouDashboard { overall { trained } } }`);
    expect(dash.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('adds guizhouTraineeships to the core Talent type', async () => {
    const data = await h.ok(admin, `{ talents(first: 100) { nodes { name guizhouTraineeships { termMonths cohort { code } } } } }`);
    const liu = data.talents.nodes.find((n: { name: string }) => n.name === 'Liu Yang');
    expect(liu.guizhouTraineeships).toEqual([{ termMonths: 6, cohort: { code: 'GZ-P5-RUIJIN' } }]);
  });
});
