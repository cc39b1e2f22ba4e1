/**
 * The delegation report and the members' action-plan milestones are core reports, so the job
 * system's reminders chase them at the tenant's offsets (by default 14, 7 and 1 days before and on
 * the day, 09:00 Shanghai time, to the one who owes it; then the unit a day late and the office a
 * week late): the rows are planned at the right instants and the delayed jobs deliver them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, startOfDayInstant } from '../../../src/index.js';
import { eventually } from '../../../test/support/webhook-receiver.js';
import { fireReminder, hostInstitution, institution, startScheme, talent, tokens, type Harness } from '../../../test/kit/index.js';
import { managementDelegationPlugin } from '../management-delegation.plugin.js';

let h: Harness;
let admin: string;
let unit: string;
let leader: string;
let member: string;
let groupId: string;
const T = 'pumch';

beforeAll(async () => {
  h = await startScheme({ plugins: [managementDelegationPlugin], tenants: { pumch: { level: 'hospital', plugins: { 'management-delegation': {} } } }, today: '2019-11-01', workers: true });
  admin = await tokens(h, T).admin();
  unit = await institution(h, admin, { name: '北京协和医院' });
  const mayo = await hostInstitution(h, admin, 'Mayo Clinic');
  leader = await talent(h, admin, unit, { name: '韩丁' });
  member = await talent(h, admin, unit, { name: '李静', department: '医务处' });
  const p = await h.ok(admin, `mutation { delegationCreateProgramme(input: { code: "P-2019", name: "中层干部海外培训项目", year: 2019, referenceDate: "2019-01-01" }) { id } }`);
  const g = await h.ok(admin, `mutation($i: DelegationInput!) { delegationCreate(input: $i) { id } }`, {
    i: { programmeId: p.delegationCreateProgramme.id, code: 'D-2019', name: '赴梅奥诊所管理培训团', unitId: unit, leaderTalentId: leader, hostInstitutionId: mayo, plannedStart: '2019-11-10', plannedEnd: '2019-11-17' },
  });
  groupId = g.delegationCreate.id;
  await h.ok(admin, `mutation($g: ID!, $t: ID!) { addTrainingGroupMember(groupId: $g, talentId: $t) { id } }`, { g: groupId, t: member });
  h.app.clock.set('2019-11-18T02:00:00Z');
  await h.ok(admin, `mutation($id: ID!) { updateTrainingGroupDates(id: $id, dates: { actualStart: "2019-11-10", actualEnd: "2019-11-17" }) { status } }`, { id: groupId });
}, 60_000);
afterAll(async () => h?.close());

const REMINDERS = `{ id audience stage offsetDays fireAt state }`;
const at = (day: string, offset: number) => startOfDayInstant(addDays(day, offset), 9).toISOString();
/** The core's default reminders (tenant settings): 14, 7, 1 days before and on the day to the one who owes it, the unit a day late, the office a week late. */
const DEFAULT_OFFSETS = (due: string) => [['TALENT', -14], ['TALENT', -7], ['TALENT', -1], ['TALENT', 0], ['UNIT', 1], ['COMMISSION', 7]].map(([who, d]) => [who, d, at(due, d as number)]);
const inboxOf = async (token: string, reportId: string) => ((await h.ok(token, `{ inbox { nodes { titleZh titleEn report { id } } } }`)).inbox.nodes as any[]).filter((n) => n.report.id === reportId);

const fire = (r: { id: string; fireAt: string }) => fireReminder(h, T, r);

describe('the delegation report', () => {
  it('is reminded to the leader at the tenant’s offsets, then escalated to the unit and the office', async () => {
    const g = await h.ok(admin, `query($id: ID!) { trainingGroup(id: $id) { reports { id dueOn reminders ${REMINDERS} } } }`, { id: groupId });
    const report = g.trainingGroup.reports[0];
    expect(report.dueOn).toBe('2019-12-17');
    expect(report.reminders.map((r: any) => [r.audience, r.offsetDays, r.fireAt])).toEqual(DEFAULT_OFFSETS(report.dueOn));
    const leaderToken = await tokens(h, T).talent(leader, unit);
    await fire(report.reminders.find((r: any) => r.offsetDays === -1));
    const inbox = await eventually(() => inboxOf(leaderToken, report.id), (n) => n.length === 1);
    expect(inbox[0].titleZh).toBe('到期提醒：《代表团总结报告：赴梅奥诊所管理培训团》还有1天到期');
    await fire(report.reminders.find((r: any) => r.audience === 'UNIT'));
    const coordinator = await tokens(h, T).coordinator(unit);
    expect((await eventually(() => inboxOf(coordinator, report.id), (n) => n.length === 1))[0].titleEn).toBe(`Overdue: 韩丁's "Delegation report: 赴梅奥诊所管理培训团" is 1 day late`);
    await fire(report.reminders.find((r: any) => r.audience === 'COMMISSION'));
    expect(await eventually(() => inboxOf(admin, report.id), (n) => n.length === 1)).toHaveLength(1);
    // the member owes no group report and hears nothing of it
    expect(await inboxOf(await tokens(h, T).talent(member, unit), report.id)).toEqual([]);
  });
});

describe('action-plan milestones', () => {
  it('are reminded to the member on their due day, and stop when the milestone is done', async () => {
    h.app.clock.set('2019-11-25T02:00:00Z');
    const memberId = (await h.ok(admin, `query($id: ID!) { trainingGroup(id: $id) { members { id talent { id } } } }`, { id: groupId })).trainingGroup.members.find((m: any) => m.talent.id === member).id;
    const self = await tokens(h, T).talent(member, unit);
    const plan = await h.ok(self, `mutation($i: DelegationActionPlanInput!) { delegationFileActionPlan(input: $i) { milestones { id sequence } placement { reports { id kind sequence dueOn reminders ${REMINDERS} } } } }`, {
      i: { memberId, title: '门诊患者身份核查流程改进', goal: '核查率100%', milestones: [{ title: '现状调研', dueOn: '2020-01-15' }, { title: '试点运行', dueOn: '2020-04-30' }] },
    });
    const reports = plan.delegationFileActionPlan.placement.reports;
    const first = reports.find((r: any) => r.kind === 'action_plan_milestone' && r.sequence === 1);
    expect(first.dueOn).toBe('2020-01-15');
    expect(first.reminders.map((r: any) => [r.audience, r.offsetDays, r.fireAt])).toEqual(DEFAULT_OFFSETS('2020-01-15'));
    // the action plan itself was owed and is now handed in: its reminders are cancelled
    const owed = reports.find((r: any) => r.kind === 'action_plan');
    expect(owed.reminders.every((r: any) => r.state === 'CANCELLED')).toBe(true);
    await fire(first.reminders.find((r: any) => r.offsetDays === 0));
    const inbox = await eventually(() => inboxOf(self, first.id), (n) => n.length === 1);
    expect(inbox[0].titleZh).toBe('今日到期：《行动计划节点1：现状调研》');
    await h.ok(self, `mutation($m: ID!) { delegationCompleteMilestone(milestoneId: $m, doneOn: "2020-01-15") { doneOn } }`, { m: plan.delegationFileActionPlan.milestones[0].id });
    const after = await h.ok(admin, `query($id: ID!) { report(id: $id) { status reminders ${REMINDERS} } }`, { id: first.id });
    expect(after.report.status).toBe('SUBMITTED');
    expect(after.report.reminders.filter((r: any) => r.offsetDays > 0).map((r: any) => r.state)).toEqual(['CANCELLED', 'CANCELLED']);
    // the unit's escalation job, if it still ran, delivers nothing
    const unitReminder = after.report.reminders.find((r: any) => r.audience === 'UNIT');
    expect(await h.app.jobs.deliver(T, unitReminder.id)).toBe('skipped');
  });
});
