/**
 * The scheme's payload mutations (issue 17) through the API against the real database: one
 * `input`, a payload with the record, and `userErrors` (code, field, English and Chinese) for a
 * mistake the user can correct, with nothing written. The deprecated mutations they replace keep
 * working (test/lifecycle.test.ts exercises them) and name their replacements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_TENANTS, startHarness, type Harness } from '../../../test/support/harness.js';
import { apply, cohort, institution, select, talent } from './support.js';

let h: Harness;
let admin: string;
let ruijin: string;
let provincial: string;
let programmeId: string;
let traineeId: string;

const ERRORS = 'userErrors { code field message messageZh }';
const CJK = /[\u4e00-\u9fff]/;
const count = async (list: 'guizhouTrainees' | 'placements' | 'guizhouCohorts' | 'outcomes') => (await h.ok(admin, `{ ${list}(first: 1) { totalCount } }`))[list].totalCount as number;
const trainee = async (id: string) => (await h.ok(admin, `query($id: ID!) { guizhouTrainee(id: $id) { status mentorName startedOn returnedOn } }`, { id })).guizhouTrainee;
const today = (day: string) => h.app.clock.set(`${day}T02:00:00Z`);

/** A selected application of a new talent of the provincial hospital. */
async function selectedApplication(name: string): Promise<string> {
  const app = await apply(h, admin, programmeId, await talent(h, admin, { name, unitId: provincial }));
  await select(h, admin, app.id);
  return app.id;
}

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS] });
  today('2022-01-10');
  admin = await h.token('guizhou', 'commission-admin');
  ruijin = await institution(h, admin, { name: 'Ruijin Hospital, Shanghai Jiao Tong University', host: true, province: 'Shanghai' });
  provincial = await institution(h, admin, { name: "Guizhou Provincial People's Hospital", adminLevel: 'PROVINCE', region: 'guizhou', province: 'Guizhou' });
});
afterAll(async () => h?.close());

describe('Guizhou payload mutations', () => {
  it('create a cohort and enrol a trainee, answering the record and no userErrors', async () => {
    const r = await h.ok(admin, `mutation($i: GuizhouCohortInput!) { guizhouCohortCreate(input: $i) { cohort { id code capacity programme { id status } } ${ERRORS} } }`, {
      i: { code: 'GZ-P6-RUIJIN', name: '瑞金医院第二期', round: 2, period: 6, hostInstitutionId: ruijin, hostRegion: 'SHANGHAI', subPlans: ['BACKBONE'], capacity: 2, startDate: '2022-02-08' },
    });
    expect(r.guizhouCohortCreate.userErrors).toEqual([]);
    expect(r.guizhouCohortCreate.cohort).toMatchObject({ code: 'GZ-P6-RUIJIN', capacity: 2, programme: { status: 'OPEN' } });
    programmeId = r.guizhouCohortCreate.cohort.programme.id;

    const e = await h.ok(admin, `mutation($i: GuizhouEnrolInput!) { guizhouTraineeEnrol(input: $i) { trainee { id status termMonths placement { plannedStart plannedEnd } } ${ERRORS} } }`, {
      i: { applicationId: await selectedApplication('吴娟'), termMonths: 6 },
    });
    expect(e.guizhouTraineeEnrol.userErrors).toEqual([]);
    expect(e.guizhouTraineeEnrol.trainee).toMatchObject({ status: 'ENROLLED', termMonths: 6, placement: { plannedStart: '2022-02-08', plannedEnd: '2022-08-07' } });
    traineeId = e.guizhouTraineeEnrol.trainee.id;
  });

  it('give a term other than 3, 6 or 12 months as a userError naming termMonths, in Chinese, and write nothing', async () => {
    const applicationId = await selectedApplication('杨帆');
    const [trainees, placements] = [await count('guizhouTrainees'), await count('placements')];
    const r = await h.gql(admin, `mutation($i: GuizhouEnrolInput!) { guizhouTraineeEnrol(input: $i) { trainee { id } ${ERRORS} } }`, { i: { applicationId, termMonths: 4 } });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.guizhouTraineeEnrol.trainee).toBeNull();
    expect(r.body.data.guizhouTraineeEnrol.userErrors).toEqual([
      { code: 'BAD_USER_INPUT', field: 'termMonths', message: 'must be one of 3, 6, 12 months (got 4)', messageZh: '进修期限须为 3、6、12 个月之一（收到 4）' },
    ]);
    expect([await count('guizhouTrainees'), await count('placements')]).toEqual([trainees, placements]);
  });

  it('check the mentor nested in the input (mentor.name) and keep what was recorded', async () => {
    const ok = await h.ok(admin, `mutation($i: GuizhouTraineeSetMentorInput!) { guizhouTraineeSetMentor(input: $i) { trainee { mentorName mentorTitle mentorDepartment } ${ERRORS} } }`, {
      i: { traineeId, mentor: { name: '宁光', title: '主任医师', department: '内分泌科' } },
    });
    expect(ok.guizhouTraineeSetMentor).toEqual({ trainee: { mentorName: '宁光', mentorTitle: '主任医师', mentorDepartment: '内分泌科' }, userErrors: [] });
    const bad = await h.ok(admin, `mutation($i: GuizhouTraineeSetMentorInput!) { guizhouTraineeSetMentor(input: $i) { trainee { id } ${ERRORS} } }`, { i: { traineeId, mentor: { name: ' ' } } });
    expect(bad.guizhouTraineeSetMentor.trainee).toBeNull();
    expect(bad.guizhouTraineeSetMentor.userErrors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'mentor.name' }]);
    expect(bad.guizhouTraineeSetMentor.userErrors[0].messageZh).toMatch(CJK);
    expect((await trainee(traineeId)).mentorName).toBe('宁光');
  });

  it('start, assess, return, contribute and verify through the payload mutations; refusals are userErrors and change nothing', async () => {
    today('2022-02-08');
    const early = await h.ok(admin, `mutation($i: GuizhouTraineeStartTrainingInput!) { guizhouTraineeStartTraining(input: $i) { trainee { status } ${ERRORS} } }`, { i: { traineeId, startedOn: '2022-02-09' } });
    expect(early.guizhouTraineeStartTraining).toMatchObject({ trainee: null, userErrors: [{ code: 'BAD_USER_INPUT', field: 'startedOn' }] });
    expect(await trainee(traineeId)).toMatchObject({ status: 'ENROLLED', startedOn: null });
    const started = await h.ok(admin, `mutation($i: GuizhouTraineeStartTrainingInput!) { guizhouTraineeStartTraining(input: $i) { trainee { status startedOn } ${ERRORS} } }`, { i: { traineeId, startedOn: '2022-02-08' } });
    expect(started.guizhouTraineeStartTraining).toEqual({ trainee: { status: 'IN_TRAINING', startedOn: '2022-02-08' }, userErrors: [] });

    today('2022-08-10');
    const assessed = await h.ok(admin, `mutation($i: GuizhouAssessmentInput!) { guizhouTraineeAssess(input: $i) { trainee { status finalGrade endedOn } ${ERRORS} } }`, {
      i: { traineeId, stage: 'FINAL', grade: 'EXCELLENT', assessedOn: '2022-08-07' },
    });
    expect(assessed.guizhouTraineeAssess).toEqual({ trainee: { status: 'COMPLETED', finalGrade: 'EXCELLENT', endedOn: '2022-08-07' }, userErrors: [] });

    // A completed trainee cannot withdraw: INVALID_STATE as a userError, in Chinese, nothing changed.
    const withdraw = await h.ok(admin, `mutation($i: GuizhouWithdrawInput!) { guizhouTraineeWithdraw(input: $i) { trainee { id } ${ERRORS} } }`, { i: { traineeId, reason: '家中有事' } });
    expect(withdraw.guizhouTraineeWithdraw.trainee).toBeNull();
    expect(withdraw.guizhouTraineeWithdraw.userErrors).toMatchObject([{ code: 'INVALID_STATE', message: expect.stringContaining('cannot withdraw') }]);
    expect(withdraw.guizhouTraineeWithdraw.userErrors[0].messageZh).toMatch(CJK);
    expect((await trainee(traineeId)).status).toBe('COMPLETED');

    const returned = await h.ok(admin, `mutation($i: GuizhouReturnInput!) { guizhouTraineeRecordReturn(input: $i) { trainee { returnedOn returnedTo { id } } ${ERRORS} } }`, { i: { traineeId, returnedOn: '2022-08-09' } });
    expect(returned.guizhouTraineeRecordReturn).toEqual({ trainee: { returnedOn: '2022-08-09', returnedTo: { id: provincial } }, userErrors: [] });

    const outcomes = await count('outcomes');
    const noHeads = await h.ok(admin, `mutation($i: GuizhouContributionInput!) { guizhouContributionRecord(input: $i) { outcome { id } ${ERRORS} } }`, {
      i: { traineeId, kind: 'CASCADE_TRAINING', title: '乡村医生糖尿病管理培训', achievedOn: '2022-08-10' },
    });
    expect(noHeads.guizhouContributionRecord).toMatchObject({ outcome: null, userErrors: [{ code: 'BAD_USER_INPUT', field: 'headCount' }] });
    expect(await count('outcomes')).toBe(outcomes);
    const recorded = await h.ok(admin, `mutation($i: GuizhouContributionInput!) { guizhouContributionRecord(input: $i) { outcome { id quantity verified } ${ERRORS} } }`, {
      i: { traineeId, kind: 'CASCADE_TRAINING', title: '乡村医生糖尿病管理培训', achievedOn: '2022-08-10', headCount: 48 },
    });
    expect(recorded.guizhouContributionRecord).toMatchObject({ outcome: { quantity: 48, verified: false }, userErrors: [] });
    const outcomeId = recorded.guizhouContributionRecord.outcome.id;

    const verified = await h.ok(admin, `mutation($i: GuizhouContributionVerifyInput!) { guizhouContributionVerify(input: $i) { outcome { id verified } ${ERRORS} } }`, { i: { outcomeId } });
    expect(verified.guizhouContributionVerify).toEqual({ outcome: { id: outcomeId, verified: true }, userErrors: [] });
    const unchecked = await h.ok(admin, `mutation($i: GuizhouContributionVerifyInput!) { guizhouContributionVerify(input: $i) { outcome { verified } ${ERRORS} } }`, { i: { outcomeId, verified: false } });
    expect(unchecked.guizhouContributionVerify).toEqual({ outcome: { verified: false }, userErrors: [] });
  });

  it('withdraw before the start, and give an unknown trainee as NOT_FOUND', async () => {
    const e = await h.ok(admin, `mutation($i: GuizhouEnrolInput!) { guizhouTraineeEnrol(input: $i) { trainee { id } } }`, { i: { applicationId: await selectedApplication('李明'), termMonths: 3 } });
    const w = await h.ok(admin, `mutation($i: GuizhouWithdrawInput!) { guizhouTraineeWithdraw(input: $i) { trainee { status withdrawalStage withdrawalReason } ${ERRORS} } }`, {
      i: { traineeId: e.guizhouTraineeEnrol.trainee.id, reason: '家中有事' },
    });
    expect(w.guizhouTraineeWithdraw).toEqual({ trainee: { status: 'WITHDRAWN', withdrawalStage: 'BEFORE_START', withdrawalReason: '家中有事' }, userErrors: [] });
    const missing = await h.ok(admin, `mutation($i: GuizhouTraineeStartTrainingInput!) { guizhouTraineeStartTraining(input: $i) { trainee { id } userErrors { code } } }`, {
      i: { traineeId: '0190f0a0-0000-7000-8000-000000000000', startedOn: '2022-02-08' },
    });
    expect(missing.guizhouTraineeStartTraining).toEqual({ trainee: null, userErrors: [{ code: 'NOT_FOUND' }] });
  });

  it('keep who-may-do-it a top-level FORBIDDEN, not a userError', async () => {
    const unit = await h.token('guizhou', 'unit-coordinator', { unitId: provincial });
    const r = await h.gql(unit, `mutation($i: GuizhouCohortInput!) { guizhouCohortCreate(input: $i) { cohort { id } userErrors { code } } }`, {
      i: { code: 'GZ-P5-X', name: 'x', round: 2, period: 5, hostInstitutionId: ruijin, hostRegion: 'SHANGHAI', subPlans: ['BACKBONE'], capacity: 5, startDate: '2022-03-01' },
    });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.body.data?.guizhouCohortCreate ?? null).toBeNull();
  });

  it('serve each dashboard definition in Chinese and English (definitionZh / definitionEn), the figure by its field name', async () => {
    const d = await h.ok(admin, '{ guizhouDashboard { definitions { figure definitionZh definitionEn definition } } }');
    const trained = d.guizhouDashboard.definitions.find((x: { figure: string }) => x.figure === 'trained');
    expect(trained.definitionZh).toMatch(CJK);
    expect(trained.definitionEn).toMatch(/^trainees who began training/);
    expect(trained.definition).toBe(trained.definitionEn);
    expect(d.guizhouDashboard.definitions.map((x: { figure: string }) => x.figure)).toEqual(['trained', 'concluded', 'completed', 'returned', 'completionRate', 'excellentRate', 'newTechnologies', 'gapsFilled', 'grassrootsTrained']);
    for (const x of d.guizhouDashboard.definitions) expect(x.definitionZh, x.figure).toMatch(CJK);
  });

  it('deprecate each old mutation in favour of its payload mutation', async () => {
    const m = await h.ok(admin, `{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`);
    const byName = Object.fromEntries(m.__type.fields.map((f: { name: string }) => [f.name, f]));
    const replaced = {
      guizhouCreateCohort: 'guizhouCohortCreate',
      guizhouEnrolTrainee: 'guizhouTraineeEnrol',
      guizhouSetMentor: 'guizhouTraineeSetMentor',
      guizhouStartTraining: 'guizhouTraineeStartTraining',
      guizhouAssess: 'guizhouTraineeAssess',
      guizhouWithdrawTrainee: 'guizhouTraineeWithdraw',
      guizhouRecordReturn: 'guizhouTraineeRecordReturn',
      guizhouRecordContribution: 'guizhouContributionRecord',
      guizhouVerifyContribution: 'guizhouContributionVerify',
    };
    for (const [old, replacement] of Object.entries(replaced)) {
      expect(byName[old], old).toMatchObject({ isDeprecated: true, deprecationReason: `Use ${replacement}: one input, a payload with typed userErrors` });
      expect(byName[replacement], replacement).toMatchObject({ isDeprecated: false });
    }
  });
});
