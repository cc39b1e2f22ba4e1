/**
 * Seed 002 through the API: a delegation of a leader and 14 managers to Mayo Clinic (a core
 * training group), its 8-day itinerary of courses, site visits and department exchanges, the
 * delegation report after return (a core group report), members' action plans with milestones,
 * and the office's dashboard. Everything refused names the field and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/index.js';
import { expectError, hostInstitution, institution, startScheme, talent, tokens, type Harness } from '../../../test/kit/index.js';
import { managementDelegationPlugin } from '../management-delegation.plugin.js';

let h: Harness;
let admin: string;
let pumch: string;
let mayo: string;
let leader: string;
let managers: string[];
let programmeId: string;

const T = 'pumch';
const TENANTS = { beijing: { level: 'province' }, pumch: { level: 'hospital', parent: 'beijing', plugins: { 'management-delegation': {} } } };

beforeAll(async () => {
  h = await startScheme({ plugins: [managementDelegationPlugin], tenants: TENANTS, today: '2019-10-01' });
  admin = await tokens(h, T).admin();
  pumch = await institution(h, admin, { name: '北京协和医院', province: '北京市', city: '北京市' });
  mayo = await hostInstitution(h, admin, 'Mayo Clinic', { city: 'Rochester, MN' });
  leader = await talent(h, admin, pumch, { name: '韩丁', department: '院领导', profession: 'MANAGER', field: 'MANAGEMENT' });
  managers = [];
  for (let i = 0; i < 15; i++) managers.push(await talent(h, admin, pumch, { name: `中层干部${i + 1}`, department: ['医务处', '护理部', '心内科', '内分泌科', '妇产科'][i % 5] }));
  programmeId = (await h.ok(admin, `mutation { delegationCreateProgramme(input: { code: "PUMCH-CADRES-2019", name: "中层干部海外培训项目 2019", year: 2019, referenceDate: "2019-01-01" }) { id status } }`)).delegationCreateProgramme.id;
});
afterAll(async () => h?.close());

const CREATE = `mutation($i: DelegationInput!) { delegationCreate(input: $i) { id status memberCap memberCount leader { name } members { role talent { name } placement { status plannedStart plannedEnd hostInstitution { name } } } } }`;
const ADD = `mutation($g: ID!, $t: ID!) { addTrainingGroupMember(groupId: $g, talentId: $t) { id role placement { id } } }`;
const GROUP = `query($id: ID!) { trainingGroup(id: $id) { status actualStart actualEnd memberCount
  reports { id kind title dueOn status talent { name } reminders { audience offsetDays fireAt } }
  members { id role talent { id name } placement { id status actualStart actualEnd reports { id kind sequence dueOn status } } }
  delegationItinerary { dayNumber day slot kind topic topicZh hostDepartment faculty }
  delegationActionPlans { id title progress talent { name } milestones { id sequence dueOn doneOn } } } }`;
const input = (extra: Record<string, unknown> = {}) => ({ programmeId, code: 'PUMCH-MAYO-2019', name: '北京协和医院中层干部赴梅奥诊所管理培训团', unitId: pumch, leaderTalentId: leader, hostInstitutionId: mayo, plannedStart: '2019-11-10', plannedEnd: '2019-11-17', ...extra });
const groupCount = async () => (await h.ok(admin, `{ trainingGroups { totalCount } }`)).trainingGroups.totalCount as number;
let groupId: string;

describe('a delegation', () => {
  it('refuses a bad form naming the field, and writes nothing', async () => {
    await expectError(h.gql(admin, CREATE, { i: input({ plannedEnd: '2019-11-01' }) }), 'BAD_USER_INPUT', 'plannedEnd');
    await expectError(h.gql(admin, CREATE, { i: input({ code: 'bad code!' }) }), 'BAD_USER_INPUT', 'code');
    await expectError(h.gql(admin, CREATE, { i: input({ memberCap: 0 }) }), 'BAD_USER_INPUT', 'memberCap');
    await expectError(h.gql(admin, CREATE, { i: input({ hostInstitutionId: pumch }) }), 'BAD_USER_INPUT', 'hostInstitutionId');
    expect(await groupCount()).toBe(0);
  });

  it('has a leader, a host, dates and the configured cap of 15 (local default: the seed’s 14 managers and their leader)', async () => {
    const d = (await h.ok(admin, CREATE, { i: input() })).delegationCreate;
    groupId = d.id;
    expect(d).toMatchObject({ status: 'PLANNED', memberCap: 15, memberCount: 1, leader: { name: '韩丁' } });
    expect(d.members).toEqual([{ role: 'LEADER', talent: { name: '韩丁' }, placement: { status: 'PLANNED', plannedStart: '2019-11-10', plannedEnd: '2019-11-17', hostInstitution: { name: 'Mayo Clinic' } } }]);
  });

  it('takes 14 members; a fifteenth is over the cap and a second joining is a conflict, naming talentId', async () => {
    for (const m of managers.slice(0, 14)) expect((await h.ok(admin, ADD, { g: groupId, t: m })).addTrainingGroupMember.placement.id).toBeTruthy();
    await expectError(h.gql(admin, ADD, { g: groupId, t: managers[14] }), 'INVALID_STATE', 'talentId');
    await expectError(h.gql(admin, ADD, { g: groupId, t: managers[0] }), 'CONFLICT', 'talentId');
    expect((await h.ok(admin, GROUP, { id: groupId })).trainingGroup.memberCount).toBe(15);
  });

  it('an itinerary by day: a session outside the trip is refused naming it; 8 days of courses, visits and exchanges', async () => {
    const SET = `mutation($i: DelegationItineraryInput!) { delegationSetItinerary(input: $i) { dayNumber topic } }`;
    const session = (day: string, kind: string, topic: string, extra: Record<string, unknown> = {}) => ({ day, kind, topic, ...extra });
    await expectError(h.gql(admin, SET, { i: { groupId, sessions: [session('2019-11-10', 'COURSE', 'History and Culture of Mayo'), session('2019-11-18', 'COURSE', 'Extra')] } }), 'BAD_USER_INPUT', 'sessions.1.day');
    await expectError(h.gql(admin, SET, { i: { groupId, sessions: [session('2019-11-10', 'COURSE', ' ')] } }), 'BAD_USER_INPUT', 'sessions.0.topic');
    expect((await h.ok(admin, GROUP, { id: groupId })).trainingGroup.delegationItinerary).toEqual([]);
    const sessions = [
      session('2019-11-17', 'COURSE', 'Closing discussion'),
      session('2019-11-10', 'COURSE', 'History and Culture of Mayo', { topicZh: '梅奥的历史与文化', faculty: ['Mayo faculty'] }),
      session('2019-11-10', 'SITE_VISIT', 'Mayo Clinic Heritage Hall', { hostDepartment: 'Heritage Hall' }),
      session('2019-11-14', 'DEPARTMENT_EXCHANGE', 'Endocrinology', { hostDepartment: 'Department of Endocrinology' }),
    ];
    await h.ok(admin, SET, { i: { groupId, sessions } });
    const it = (await h.ok(admin, GROUP, { id: groupId })).trainingGroup.delegationItinerary;
    expect(it.map((s: any) => [s.dayNumber, s.slot, s.kind, s.topic])).toEqual([
      [1, 1, 'COURSE', 'History and Culture of Mayo'],
      [1, 2, 'SITE_VISIT', 'Mayo Clinic Heritage Hall'],
      [5, 1, 'DEPARTMENT_EXCHANGE', 'Endocrinology'],
      [8, 1, 'COURSE', 'Closing discussion'],
    ]);
    expect(it[0]).toMatchObject({ topicZh: '梅奥的历史与文化', faculty: ['Mayo faculty'] });
  });

  it("a member's trip moves only with the whole delegation", async () => {
    const member = (await h.ok(admin, GROUP, { id: groupId })).trainingGroup.members[1];
    const r = await h.gql(admin, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { actualStart: "2019-11-10" }) { id } }`, { id: member.placement.id });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE', reason: 'USE_SCHEME_STEP' });
    expect(r.body.errors?.[0]?.message).toContain('updateTrainingGroupDates');
  });
});

describe('after return', () => {
  it('the delegation report falls due 30 days after the return, owed by the leader; each member owes an action plan in 14 days', async () => {
    h.app.clock.set('2019-11-18T02:00:00Z');
    await h.ok(admin, `mutation($id: ID!) { updateTrainingGroupDates(id: $id, dates: { actualStart: "2019-11-10", actualEnd: "2019-11-17" }) { status } }`, { id: groupId });
    const g = (await h.ok(admin, GROUP, { id: groupId })).trainingGroup;
    expect(g.status).toBe('RETURNED');
    expect(g.reports).toHaveLength(1);
    expect(g.reports[0]).toMatchObject({ kind: 'delegation_report', dueOn: '2019-12-17', status: 'DUE', talent: { name: '韩丁' } });
    for (const m of g.members) {
      expect(m.placement).toMatchObject({ status: 'COMPLETED', actualStart: '2019-11-10', actualEnd: '2019-11-17' });
      expect(m.placement.reports.map((r: any) => [r.kind, r.dueOn, r.status])).toEqual([
        ['action_plan', '2019-12-01', 'DUE'],
        // and the core's outcome follow-ups, owed by the unit 6, 12 and 24 months after return (issue 15)
        ['evaluation.follow_up', '2020-05-17', 'DUE'],
        ['evaluation.follow_up', '2020-11-17', 'DUE'],
        ['evaluation.follow_up', '2021-11-17', 'DUE'],
      ]);
    }
  });

  const FILE = `mutation($i: DelegationActionPlanInput!) { delegationFileActionPlan(input: $i) { id progress milestones { id sequence dueOn } placement { reports { kind sequence dueOn status } } } }`;

  it('a member files their plan: milestones outside the year after return are refused naming them; the plan answers its report', async () => {
    const g = (await h.ok(admin, GROUP, { id: groupId })).trainingGroup;
    const member = g.members[1];
    const self = await tokens(h, T).talent(member.talent.id, pumch);
    const plan = (milestones: { title: string; dueOn: string }[]) => ({ i: { memberId: member.id, title: '门诊患者身份核查流程改进', goal: '核查率达到100%', milestones } });
    await expectError(h.gql(self, FILE, plan([{ title: '调研', dueOn: '2020-01-15' }, { title: '推广', dueOn: '2020-11-18' }])), 'BAD_USER_INPUT', 'milestones.1.dueOn');
    await expectError(h.gql(self, FILE, plan([])), 'BAD_USER_INPUT', 'milestones');
    // someone else's plan is not theirs to file: the member row is out of their scope
    const other = await tokens(h, T).talent(g.members[2].talent.id, pumch);
    await expectError(h.gql(other, FILE, plan([{ title: '调研', dueOn: '2020-01-15' }])), 'NOT_FOUND');
    const filed = (await h.ok(self, FILE, plan([{ title: '调研', dueOn: '2020-01-15' }, { title: '推广', dueOn: '2020-06-30' }]))).delegationFileActionPlan;
    expect(filed.progress).toBe('ON_TRACK');
    expect(filed.placement.reports.filter((r: any) => !r.kind.startsWith('evaluation.')).map((r: any) => [r.kind, r.sequence, r.dueOn, r.status])).toEqual([
      ['action_plan', 1, '2019-12-01', 'SUBMITTED'],
      ['action_plan_milestone', 1, '2020-01-15', 'DUE'],
      ['action_plan_milestone', 2, '2020-06-30', 'DUE'],
    ]);
    await expectError(h.gql(self, FILE, plan([{ title: '调研', dueOn: '2020-01-15' }])), 'CONFLICT', 'memberId');
  });

  it('a plan is overdue once a milestone passes its day, and done when every milestone is', async () => {
    const g = (await h.ok(admin, GROUP, { id: groupId })).trainingGroup;
    const plan = g.delegationActionPlans[0];
    const DONE = `mutation($m: ID!, $d: Date!) { delegationCompleteMilestone(milestoneId: $m, doneOn: $d) { doneOn } }`;
    h.app.clock.set('2020-01-20T02:00:00Z');
    expect((await h.ok(admin, GROUP, { id: groupId })).trainingGroup.delegationActionPlans[0].progress).toBe('OVERDUE');
    await expectError(h.gql(admin, DONE, { m: plan.milestones[0].id, d: '2020-02-01' }), 'BAD_USER_INPUT', 'doneOn');
    await h.ok(admin, DONE, { m: plan.milestones[0].id, d: '2020-01-18' });
    expect((await h.ok(admin, GROUP, { id: groupId })).trainingGroup.delegationActionPlans[0].progress).toBe('ON_TRACK');
    h.app.clock.set('2020-06-30T02:00:00Z');
    await h.ok(admin, DONE, { m: plan.milestones[1].id, d: '2020-06-30' });
    const after = (await h.ok(admin, GROUP, { id: groupId })).trainingGroup;
    expect(after.delegationActionPlans[0].progress).toBe('DONE');
    const reports = after.members[1].placement.reports;
    expect(reports.filter((r: any) => r.kind === 'action_plan_milestone').map((r: any) => r.status)).toEqual(['SUBMITTED', 'SUBMITTED']);
  });

  it('the dashboard: delegations by status, members, plans done / on track / overdue, reports owed', async () => {
    // a second, planned delegation, and a third that is called off
    const planned = (await h.ok(admin, CREATE, { i: input({ code: 'PUMCH-MAYO-2020', plannedStart: '2020-09-01', plannedEnd: '2020-09-08', leaderTalentId: managers[14] }) })).delegationCreate.id;
    const called = (await h.ok(admin, CREATE, { i: input({ code: 'PUMCH-MAYO-2020B', plannedStart: '2020-10-01', plannedEnd: '2020-10-08', leaderTalentId: managers[13] }) })).delegationCreate.id;
    await h.ok(admin, `mutation($id: ID!) { cancelTrainingGroup(id: $id, reason: "出访计划调整") { status } }`, { id: called });
    const cancelled = (await h.ok(admin, GROUP, { id: called })).trainingGroup;
    expect(cancelled.members[0].placement.status).toBe('WITHDRAWN');
    // a second member files a plan with a milestone already past
    const g = (await h.ok(admin, GROUP, { id: groupId })).trainingGroup;
    await h.ok(admin, FILE, { i: { memberId: g.members[2].id, title: '多学科会诊流程优化', goal: '缩短等待', milestones: [{ title: '方案', dueOn: '2020-05-01' }] } });
    const d = (await h.ok(admin, `{ delegationDashboard { delegations byStatus { status count } members membersReturned plansFiled plansDone plansOnTrack plansOverdue groupReportsDue groupReportsOverdue } }`)).delegationDashboard;
    expect(d).toEqual({
      delegations: 3,
      byStatus: [{ status: 'PLANNED', count: 1 }, { status: 'UNDERWAY', count: 0 }, { status: 'RETURNED', count: 1 }, { status: 'CANCELLED', count: 1 }],
      members: 17,
      membersReturned: 15,
      plansFiled: 2,
      plansDone: 1,
      plansOnTrack: 0,
      plansOverdue: 1,
      groupReportsDue: 1,
      groupReportsOverdue: 1,
    });
    expect(planned).toBeTruthy();
  });
});

describe('who may do what', () => {
  it('a viewer reads the dashboard but changes nothing; a coordinator of another unit sees no delegation', async () => {
    const viewer = await tokens(h, T).viewer();
    await h.ok(viewer, `{ delegationDashboard { delegations } }`);
    await expectError(h.gql(viewer, ADD, { g: groupId, t: managers[14] }), 'FORBIDDEN');
    const otherUnit = await institution(h, admin, { name: '北京医院' });
    const coord = await tokens(h, T).coordinator(otherUnit);
    expect((await h.ok(coord, `{ trainingGroups { totalCount } }`)).trainingGroups.totalCount).toBe(0);
    await expectError(h.gql(coord, `mutation($id: ID!) { cancelTrainingGroup(id: $id, reason: "x") { id } }`, { id: groupId }), 'NOT_FOUND');
  });

  it('a member sees the delegations they travel with, not others', async () => {
    const member = await tokens(h, T).talent(managers[3]!, pumch);
    const seen = (await h.ok(member, `{ trainingGroups { nodes { code } } }`)).trainingGroups.nodes.map((n: any) => n.code);
    expect(seen).toEqual(['PUMCH-MAYO-2019']);
  });
});

describe('dates are Shanghai calendar days', () => {
  it('a report due on a day is overdue only after that day ends in Shanghai', async () => {
    const report = (await h.ok(admin, GROUP, { id: groupId })).trainingGroup.reports[0];
    h.app.clock.set(`${report.dueOn}T15:59:00Z`); // 23:59 in Shanghai on the due day
    expect((await h.ok(admin, `query($id: ID!) { report(id: $id) { overdue } }`, { id: report.id })).report.overdue).toBe(false);
    h.app.clock.set(`${addDays(report.dueOn, 0)}T16:01:00Z`); // 00:01 the next day in Shanghai
    expect((await h.ok(admin, `query($id: ID!) { report(id: $id) { overdue } }`, { id: report.id })).report.overdue).toBe(true);
  });
});
