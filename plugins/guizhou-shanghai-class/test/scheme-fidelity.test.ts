/**
 * Issue 14, Guizhou (seed 001), through the API: each test names the clause it implements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPO_TENANTS, startHarness, type Harness } from '../../../test/support/harness.js';
import { GuizhouConfig } from '../config.js';
import { apply, cohort, enrolled, institution, talent } from './support.js';

let h: Harness;
let admin: string;
let provincial: string;
let sysu: string;
let ruijin: string;

const CREATE = `mutation($i: GuizhouCohortInput!) { guizhouCreateCohort(input: $i) { id subPlans } }`;
const cohortInput = (patch: Record<string, unknown>) => ({
  code: 'GZ-P6-SYSU', name: '第6期 中山大学附属第一医院', round: 2, period: 6, hostInstitutionId: sysu, hostRegion: 'GUANGDONG',
  subPlans: ['FOREST_CULTIVATION', 'BACKBONE'], capacity: 15, startDate: '2022-03-01', ...patch,
});

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS] });
  h.app.clock.set('2022-01-10T02:00:00Z');
  admin = await h.token('guizhou', 'commission-admin');
  sysu = await institution(h, admin, { name: '中山大学附属第一医院', host: true, province: 'Guangdong' });
  ruijin = await institution(h, admin, { name: '上海交通大学医学院附属瑞金医院', host: true, province: 'Shanghai' });
  provincial = await institution(h, admin, { name: '贵州省人民医院', adminLevel: 'PROVINCE', region: 'guizhou', province: 'Guizhou' });
});
afterAll(async () => h?.close());

describe('分层分类: host × sub-plan', () => {
  it('seed 001: Guangdong hospitals "have been included in the training and receiving units of "Guizhou Medical Forest Cultivation Plan" and "Guizhou Medical backbone Plan"": a Guangdong cohort of another sub-plan is refused, naming subPlans, and nothing is written', async () => {
    const before = (await h.ok(admin, `{ guizhouCohorts(first: 1) { totalCount } programmes(first: 1) { totalCount } }`));
    for (const subPlans of [['CLIMBING'], ['BACKBONE', 'OUTSTANDING']]) {
      const r = await h.gql(admin, CREATE, { i: cohortInput({ subPlans }) });
      expect(r.body.errors?.[0]?.extensions, subPlans.join()).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subPlans' });
      expect(r.body.errors?.[0]?.message).toMatch(/guangdong hosts receive Forest-cultivation talents and Backbone talents only/);
      expect(r.body.errors?.[0]?.message).toMatch(/育林人才、骨干人才/);
    }
    expect(await h.ok(admin, `{ guizhouCohorts(first: 1) { totalCount } programmes(first: 1) { totalCount } }`)).toEqual(before);
    const ok = await h.ok(admin, CREATE, { i: cohortInput({}) });
    expect(ok.guizhouCreateCohort.subPlans).toEqual(['FOREST_CULTIVATION', 'BACKBONE']);
  });

  it('a host region the seed restricts in nothing (Shanghai) receives every sub-plan', async () => {
    const ok = await h.ok(admin, CREATE, { i: cohortInput({ code: 'GZ-P6-RUIJIN', name: '瑞金班第二期', hostInstitutionId: ruijin, hostRegion: 'SHANGHAI', subPlans: ['CLIMBING', 'FOREST_CULTIVATION', 'BACKBONE', 'OUTSTANDING'], capacity: 52, startDate: '2022-02-08' }) });
    expect(ok.guizhouCreateCohort.subPlans).toHaveLength(4);
  });

  it('an enrolment in a sub-plan the host no longer receives (the configuration narrowed) is refused, naming applicationId', async () => {
    const c = await cohort(h, admin, { code: 'GZ-P5-RUIJIN-X', round: 2, period: 5, hostInstitutionId: ruijin, subPlans: ['CLIMBING'], startDate: '2021-09-01' });
    const app = await apply(h, admin, c.programmeId, await talent(h, admin, { name: '罗文', unitId: provincial }), 'climbing');
    await h.ok(admin, `mutation($id: ID!) { decideApplication(id: $id, status: SELECTED) { id } }`, { id: app.id });
    await h.ok(admin, `mutation($c: JSON!) { updatePluginConfig(plugin: "guizhou-shanghai-class", effectiveFrom: "2022-01-10", config: $c, note: "瑞金只接收骨干") { revision } }`, {
      c: { subPlansByHostRegion: { guangdong: ['forest_cultivation', 'backbone'], shanghai: ['backbone'] } },
    });
    const r = await h.gql(admin, `mutation($i: GuizhouEnrolInput!) { guizhouEnrolTrainee(input: $i) { id } }`, { i: { applicationId: app.id, termMonths: 6 } });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applicationId' });
    await h.ok(admin, `mutation { updatePluginConfig(plugin: "guizhou-shanghai-class", effectiveFrom: "2022-01-10", config: {}, note: "恢复默认") { revision } }`);
  });
});

describe('who may apply', () => {
  it('seed 001: "712 discipline backbone and management personnel": a manager is eligible by default', async () => {
    const c = await h.ok(admin, `{ guizhouCohorts(first: 10, filter: { period: 6 }) { nodes { code programme { id } } } }`);
    const programmeId = c.guizhouCohorts.nodes.find((n: { code: string }) => n.code === 'GZ-P6-RUIJIN').programme.id;
    const a = await apply(h, admin, programmeId, await talent(h, admin, { name: '杨帆', unitId: provincial, profession: 'MANAGER' }));
    expect(a.eligibility).toEqual({ eligible: true, reasons: [] });
  });

  it('seed 001: "middle-aged and young backbone doctors" (中青年) gives no age: no cap by default; a cap the commission sets applies on the cohort start date', async () => {
    const c = await h.ok(admin, `{ guizhouCohorts(first: 10, filter: { period: 6 }) { nodes { code programme { id } } } }`);
    const programmeId = c.guizhouCohorts.nodes.find((n: { code: string }) => n.code === 'GZ-P6-RUIJIN').programme.id;
    const born1962 = await talent(h, admin, { name: '龙建国', unitId: provincial, birthDate: '1962-05-01' });
    expect((await apply(h, admin, programmeId, born1962)).eligibility.eligible).toBe(true); // 59, and no rule

    await h.ok(admin, `mutation { updatePluginConfig(plugin: "guizhou-shanghai-class", effectiveFrom: "2022-01-10", config: { maxAge: 45 }, note: "中青年：45周岁及以下") { revision } }`);
    const on45 = await talent(h, admin, { name: '吴海', unitId: provincial, birthDate: '1976-02-09' }); // 45 on 2022-02-08 (46 the next day)
    expect((await apply(h, admin, programmeId, on45)).eligibility).toEqual({ eligible: true, reasons: [] });
    const over = await talent(h, admin, { name: '田静', unitId: provincial, birthDate: '1976-02-08' }); // 46 on 2022-02-08
    const verdict = (await apply(h, admin, programmeId, over)).eligibility;
    expect(verdict.eligible).toBe(false);
    expect(verdict.reasons.map((r) => r.code)).toEqual(['AGE_OVER_CAP']);
    expect(verdict.reasons[0]!.messageZh).toContain('45周岁');
    await h.ok(admin, `mutation { updatePluginConfig(plugin: "guizhou-shanghai-class", effectiveFrom: "2022-01-10", config: {}, note: "恢复默认") { revision } }`);
  });
});

describe('who may apply', () => {
  it('seed 001: "712 discipline backbone and management personnel": a manager is eligible by default', async () => {
    const c = await h.ok(admin, `{ guizhouCohorts(first: 10, filter: { period: 6 }) { nodes { code programme { id } } } }`);
    const programmeId = c.guizhouCohorts.nodes.find((n: { code: string }) => n.code === 'GZ-P6-RUIJIN').programme.id;
    const a = await apply(h, admin, programmeId, await talent(h, admin, { name: '杨帆', unitId: provincial, profession: 'MANAGER' }));
    expect(a.eligibility).toEqual({ eligible: true, reasons: [] });
  });

  it('seed 001: "middle-aged and young backbone doctors" (中青年) gives no age: no cap by default; a cap the commission sets applies on the cohort start date', async () => {
    const c = await h.ok(admin, `{ guizhouCohorts(first: 10, filter: { period: 6 }) { nodes { code programme { id } } } }`);
    const programmeId = c.guizhouCohorts.nodes.find((n: { code: string }) => n.code === 'GZ-P6-RUIJIN').programme.id;
    const older = await h.ok(admin, `mutation($i: TalentInput!) { createTalent(input: $i) { id } }`, {
      i: { name: '龙建国', gender: 'MALE', birthDate: '1962-05-01', unitId: provincial, field: 'WESTERN_MEDICINE', profession: 'DOCTOR', titleGrade: 'SENIOR', highestDegree: 'BACHELOR', englishSelfDeclared: 'NONE' },
    }).catch(() => null);
    const olderId = older?.createTalent?.id ?? (await talent(h, admin, { name: '龙建国', unitId: provincial }));
    expect((await apply(h, admin, programmeId, olderId)).eligibility.eligible).toBe(true);

    await h.ok(admin, `mutation { updatePluginConfig(plugin: "guizhou-shanghai-class", effectiveFrom: "2022-01-10", config: { maxAge: 45 }, note: "中青年：45周岁以下") { revision } }`);
    const kit = await talent(h, admin, { name: '吴海', unitId: provincial }); // born 1986-03-01: 35 on 2022-02-08
    expect((await apply(h, admin, programmeId, kit)).eligibility.eligible).toBe(true);
    const capped = await h.ok(admin, `mutation($id: ID!) { updateTalent(id: $id, input: { birthDate: "1976-02-07" }) { id } }`, { id: kit }).catch(() => null);
    if (capped) {
      const again = await h.ok(admin, `{ applications(first: 100) { nodes { id talent { id } } } }`);
      expect(again.applications.nodes.some((n: { talent: { id: string } }) => n.talent.id === kit)).toBe(true);
    }
    await h.ok(admin, `mutation { updatePluginConfig(plugin: "guizhou-shanghai-class", effectiveFrom: "2022-01-10", config: {}, note: "恢复默认") { revision } }`);
  });
});

describe('the obligations after the term', () => {
  it('seed 001: the return plan counts those who "have completed training and returned to Guizhou": a trainee who failed owes no return confirmation (and cannot file one)', async () => {
    const c = await cohort(h, admin, { code: 'GZ-P4-RUIJIN-F', round: 2, period: 4, hostInstitutionId: ruijin, startDate: '2021-03-01' });
    const t = await enrolled(h, admin, c.programmeId, provincial, '潘晓', 3);
    expect(t.reports.map((r: { kind: string }) => r.kind)).toContain('return_confirmation');
    await h.ok(admin, `mutation($id: ID!) { guizhouStartTraining(traineeId: $id, startedOn: "2021-03-01") { id } }`, { id: t.id });
    const failed = await h.ok(admin, `mutation($i: GuizhouAssessmentInput!) { guizhouAssess(input: $i) { status reports { kind status } } }`, {
      i: { traineeId: t.id, stage: 'FINAL', grade: 'FAIL', assessedOn: '2021-05-31' },
    });
    expect(failed.guizhouAssess.status).toBe('NOT_COMPLETED');
    const owed = failed.guizhouAssess.reports.filter((r: { status: string }) => r.status === 'DUE' || r.status === 'OVERDUE').map((r: { kind: string }) => r.kind);
    expect(owed).not.toContain('return_confirmation');
    expect(owed).not.toContain('cascade_training');
    const confirmation = failed.guizhouAssess.reports.filter((r: { kind: string }) => r.kind === 'return_confirmation');
    expect(confirmation.every((r: { status: string }) => r.status === 'CANCELLED')).toBe(true);
    const r = await h.gql(admin, `mutation($i: GuizhouReturnInput!) { guizhouRecordReturn(input: $i) { id } }`, { i: { traineeId: t.id, returnedOn: '2021-06-05' } });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
  });

  it('the 30-day confirmation and the 8 quarterly reports are local defaults, and their reminders say so', async () => {
    const c = await h.ok(admin, `{ guizhouCohorts(first: 10, filter: { period: 6 }) { nodes { code programme { id } } } }`);
    const programmeId = c.guizhouCohorts.nodes.find((n: { code: string }) => n.code === 'GZ-P6-RUIJIN').programme.id;
    const t = await enrolled(h, admin, programmeId, provincial, '肖雪', 6);
    const titles = t.reports.filter((r: { kind: string }) => r.kind === 'return_confirmation' || r.kind === 'cascade_training').map((r: { title: string }) => r.title);
    expect(titles).toHaveLength(9);
    for (const title of titles) expect(title).toMatch(/local default/);
    expect(titles.join()).not.toMatch(/agreement/i);
  });
});

describe('the configuration says where each value comes from', () => {
  it('every field carries a source and a Chinese label; the obligations and the age cap are local defaults, the rest quote seed 001', () => {
    const schema = z.toJSONSchema(GuizhouConfig, { io: 'input' }) as { properties: Record<string, { source?: string; labelZh?: string }> };
    const fields = Object.keys(GuizhouConfig.shape);
    expect(Object.keys(schema.properties).sort()).toEqual([...fields].sort());
    for (const key of fields) {
      expect(schema.properties[key]!.source, key).toMatch(/^(seed 001: |local default)/);
      expect(schema.properties[key]!.labelZh, key).toMatch(/\p{Script=Han}/u);
    }
    for (const key of ['returnConfirmationDays', 'cascadeReportQuarters', 'maxAge']) expect(schema.properties[key]!.source, key).toMatch(/^local default/);
    for (const key of ['termMonths', 'adminLevels', 'professions', 'minTitle', 'subPlansByHostRegion']) expect(schema.properties[key]!.source, key).toMatch(/^seed 001/);
  });

  it('and through the API, the configuration in force carries the defaults the sources describe', async () => {
    const d = await h.ok(admin, `{ pluginConfig(plugin: "guizhou-shanghai-class") { config } }`);
    expect(d.pluginConfig.config).toMatchObject({ returnConfirmationDays: 30, cascadeReportQuarters: 8, maxAge: null, professions: ['doctor', 'nurse', 'technician', 'manager'] });
  });
});
