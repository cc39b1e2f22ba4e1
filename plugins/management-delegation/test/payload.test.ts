/**
 * The schema conventions (issue 17) on management delegations, through the API: each payload
 * mutation returns its record, or typed userErrors naming the input field in English and Chinese
 * with nothing written; the itinerary's topic comes as the topicZh/topicEn pair.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostInstitution, institution, startScheme, talent, tokens, type Harness } from '../../../test/kit/index.js';
import { managementDelegationPlugin } from '../management-delegation.plugin.js';

let h: Harness;
let admin: string;
let pumch: string;
let mayo: string;
let leader: string;
let programmeId: string;
let groupId: string;
let memberId: string;
const CJK = /[\u4e00-\u9fff]/;
const ERRORS = 'userErrors { code field message messageZh }';

beforeAll(async () => {
  h = await startScheme({ plugins: [managementDelegationPlugin], tenants: { beijing: { level: 'province' }, pumch: { level: 'hospital', parent: 'beijing', plugins: { 'management-delegation': {} } } }, today: '2019-12-01' });
  admin = await tokens(h, 'pumch').admin();
  pumch = await institution(h, admin, { name: '北京协和医院', province: '北京市', city: '北京市' });
  mayo = await hostInstitution(h, admin, 'Mayo Clinic', { city: 'Rochester, MN' });
  leader = await talent(h, admin, pumch, { name: '韩丁', department: '院领导', profession: 'MANAGER', field: 'MANAGEMENT' });
});
afterAll(async () => h?.close());

const count = async (list: 'programmes' | 'trainingGroups') => (await h.ok(admin, `{ ${list} { totalCount } }`))[list].totalCount as number;
const itinerary = async () => (await h.ok(admin, `query($id: ID!) { trainingGroup(id: $id) { delegationItinerary { day topic topicEn topicZh } } }`, { id: groupId })).trainingGroup.delegationItinerary;

describe('payload mutations', () => {
  it('delegationProgrammeCreate: a bad code is a userError on code in Chinese, nothing written; a good one returns the open programme', async () => {
    const before = await count('programmes');
    const bad = (await h.ok(admin, `mutation { delegationProgrammeCreate(input: { code: "bad code!", name: "中层干部海外培训项目 2019", year: 2019, referenceDate: "2019-01-01" }) { programme { id } ${ERRORS} } }`)).delegationProgrammeCreate;
    expect(bad.programme).toBeNull();
    expect(bad.userErrors).toHaveLength(1);
    expect(bad.userErrors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code', message: 'letters, digits and -, 2–40 characters' });
    expect(bad.userErrors[0].messageZh).toMatch(CJK);
    expect(await count('programmes')).toBe(before);
    const ok = (await h.ok(admin, `mutation { delegationProgrammeCreate(input: { code: "PUMCH-CADRES-2019", name: "中层干部海外培训项目 2019", year: 2019, referenceDate: "2019-01-01" }) { programme { id status } ${ERRORS} } }`)).delegationProgrammeCreate;
    expect(ok).toMatchObject({ programme: { status: 'OPEN' }, userErrors: [] });
    programmeId = ok.programme.id;
  });

  it('delegationTrainingGroupCreate: a trip ending before it starts is a userError on plannedEnd, nothing written; a good one has the configured cap', async () => {
    const CREATE = `mutation($i: DelegationInput!) { delegationTrainingGroupCreate(input: $i) { trainingGroup { id memberCap memberCount status } ${ERRORS} } }`;
    const input = { programmeId, code: 'PUMCH-MAYO-2019', name: '北京协和医院中层干部赴梅奥诊所管理培训团', unitId: pumch, leaderTalentId: leader, hostInstitutionId: mayo, plannedStart: '2019-11-10', plannedEnd: '2019-11-17' };
    const bad = (await h.ok(admin, CREATE, { i: { ...input, plannedEnd: '2019-11-01' } })).delegationTrainingGroupCreate;
    expect(bad.trainingGroup).toBeNull();
    expect(bad.userErrors.map((e: any) => [e.code, e.field])).toEqual([['BAD_USER_INPUT', 'plannedEnd']]);
    expect(bad.userErrors[0].messageZh).toMatch(CJK);
    expect(await count('trainingGroups')).toBe(0);
    const ok = (await h.ok(admin, CREATE, { i: input })).delegationTrainingGroupCreate;
    expect(ok).toMatchObject({ trainingGroup: { memberCap: 15, memberCount: 1, status: 'PLANNED' }, userErrors: [] });
    groupId = ok.trainingGroup.id;
    const m = await talent(h, admin, pumch, { name: '李护士长', department: '护理部' });
    memberId = (await h.ok(admin, `mutation($g: ID!, $t: ID!) { addTrainingGroupMember(groupId: $g, talentId: $t) { id } }`, { g: groupId, t: m })).addTrainingGroupMember.id;
  });

  it('delegationItinerarySet: topicEn and topicZh; a day outside the trip and a missing topic are userErrors per session in Chinese, and the itinerary is untouched', async () => {
    const SET = `mutation($i: DelegationItineraryInput!) { delegationItinerarySet(input: $i) { sessions { dayNumber kind topicEn topicZh } ${ERRORS} } }`;
    const bad = (await h.ok(admin, SET, { i: { groupId, sessions: [{ day: '2019-11-11', kind: 'COURSE', topicZh: '梅奥的历史与文化' }, { day: '2019-11-20', kind: 'SITE_VISIT', topicEn: 'Heritage Hall' }] } })).delegationItinerarySet;
    expect(bad.sessions).toBeNull();
    expect(bad.userErrors).toEqual([{ code: 'BAD_USER_INPUT', field: 'sessions.0.topicEn', message: 'is required: the topic in English (须填写英文主题)', messageZh: '须填写英文主题' }]);
    const outside = (await h.ok(admin, SET, { i: { groupId, sessions: [{ day: '2019-11-20', kind: 'SITE_VISIT', topicEn: 'Heritage Hall' }] } })).delegationItinerarySet;
    expect(outside.userErrors).toEqual([{ code: 'BAD_USER_INPUT', field: 'sessions.0.day', message: '2019-11-20 is outside the delegation’s days (2019-11-10 to 2019-11-17)', messageZh: '2019-11-20不在代表团行程日期内（2019-11-10至2019-11-17）' }]);
    expect(await itinerary()).toEqual([]);

    const ok = (await h.ok(admin, SET, { i: { groupId, sessions: [{ day: '2019-11-11', kind: 'COURSE', topicEn: 'History and Culture of Mayo', topicZh: '梅奥的历史与文化' }, { day: '2019-11-12', kind: 'SITE_VISIT', topicEn: 'Heritage Hall' }] } })).delegationItinerarySet;
    expect(ok).toEqual({
      sessions: [
        { dayNumber: 2, kind: 'COURSE', topicEn: 'History and Culture of Mayo', topicZh: '梅奥的历史与文化' },
        { dayNumber: 3, kind: 'SITE_VISIT', topicEn: 'Heritage Hall', topicZh: null },
      ],
      userErrors: [],
    });
    // The deprecated topic reads the same English topic.
    expect((await itinerary()).map((s: any) => s.topic)).toEqual(['History and Culture of Mayo', 'Heritage Hall']);
  });

  it('delegationActionPlanFile and delegationMilestoneComplete: a milestone due before the return and a done day in the future are userErrors in Chinese, nothing written', async () => {
    await h.ok(admin, `mutation($id: ID!) { updateTrainingGroupDates(id: $id, dates: { actualStart: "2019-11-10", actualEnd: "2019-11-17" }) { status } }`, { id: groupId });
    const FILE = `mutation($i: DelegationActionPlanInput!) { delegationActionPlanFile(input: $i) { actionPlan { id progress milestones { id sequence dueOn } } ${ERRORS} } }`;
    const plan = (dueOn: string) => ({ i: { memberId, title: '门诊患者安全核查', goal: '全院门诊推行患者身份双核查', milestones: [{ title: '制定核查表', dueOn }] } });
    const early = (await h.ok(admin, FILE, plan('2019-11-15'))).delegationActionPlanFile;
    expect(early).toEqual({ actionPlan: null, userErrors: [{ code: 'BAD_USER_INPUT', field: 'milestones.0.dueOn', message: 'must fall between 2019-11-18 and 2020-11-17 (within 12 months of the return)', messageZh: '须在2019-11-18至2020-11-17之间（回国后12个月内）' }] });
    const plans = async () => (await h.ok(admin, `query($id: ID!) { trainingGroup(id: $id) { delegationActionPlans { id } } }`, { id: groupId })).trainingGroup.delegationActionPlans;
    expect(await plans()).toEqual([]);
    const filed = (await h.ok(admin, FILE, plan('2020-01-15'))).delegationActionPlanFile;
    expect(filed).toMatchObject({ actionPlan: { progress: 'ON_TRACK', milestones: [{ sequence: 1, dueOn: '2020-01-15' }] }, userErrors: [] });
    const twice = (await h.ok(admin, FILE, plan('2020-01-15'))).delegationActionPlanFile;
    expect(twice.userErrors).toMatchObject([{ code: 'CONFLICT', field: 'memberId' }]);
    expect(await plans()).toHaveLength(1);

    const DONE = `mutation($i: DelegationMilestoneCompleteInput!) { delegationMilestoneComplete(input: $i) { milestone { doneOn note } ${ERRORS} } }`;
    const milestoneId = filed.actionPlan.milestones[0].id;
    const future = (await h.ok(admin, DONE, { i: { milestoneId, doneOn: '2019-12-05' } })).delegationMilestoneComplete;
    expect(future).toEqual({ milestone: null, userErrors: [{ code: 'BAD_USER_INPUT', field: 'doneOn', message: '2019-12-05 is in the future (today is 2019-12-01)', messageZh: '2019-12-05晚于今天（2019-12-01）' }] });
    const done = (await h.ok(admin, DONE, { i: { milestoneId, doneOn: '2019-12-01', note: '核查表已启用' } })).delegationMilestoneComplete;
    expect(done).toEqual({ milestone: { doneOn: '2019-12-01', note: '核查表已启用' }, userErrors: [] });
    const again = (await h.ok(admin, DONE, { i: { milestoneId, doneOn: '2019-12-01' } })).delegationMilestoneComplete;
    expect(again.userErrors).toMatchObject([{ code: 'INVALID_STATE' }]);
  });

  it('delegationSessionRequestAttendance: an unknown session is a NOT_FOUND userError; a held session is asked about (no contact here: nobody asked)', async () => {
    const ASK = `mutation($i: DelegationSessionRequestAttendanceInput!) { delegationSessionRequestAttendance(input: $i) { attendanceRequest { sessionId asked } ${ERRORS} } }`;
    const missing = (await h.ok(admin, ASK, { i: { sessionId: '0190f0a0-0000-7000-8000-000000000000' } })).delegationSessionRequestAttendance;
    expect(missing.attendanceRequest).toBeNull();
    expect(missing.userErrors).toMatchObject([{ code: 'NOT_FOUND' }]);
    expect(missing.userErrors[0].messageZh).toMatch(CJK);
    const sessionId = (await h.ok(admin, `query($id: ID!) { trainingGroup(id: $id) { delegationItinerary { id } } }`, { id: groupId })).trainingGroup.delegationItinerary[0].id;
    expect((await h.ok(admin, ASK, { i: { sessionId } })).delegationSessionRequestAttendance).toEqual({ attendanceRequest: { sessionId, asked: 0 }, userErrors: [] });
  });

  it('keeps who-may-do-it a top-level FORBIDDEN, and the deprecated mutations each name their replacement', async () => {
    const viewer = await tokens(h, 'pumch').viewer();
    const r = await h.gql(viewer, `mutation { delegationProgrammeCreate(input: { code: "X-2020", name: "x", year: 2020, referenceDate: "2020-01-01" }) { programme { id } userErrors { code } } }`);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const fields = (await h.ok(admin, `{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`)).__type.fields;
    const byName = Object.fromEntries(fields.map((f: any) => [f.name, f]));
    for (const [old, now] of [
      ['delegationCreateProgramme', 'delegationProgrammeCreate'],
      ['delegationCreate', 'delegationTrainingGroupCreate'],
      ['delegationSetItinerary', 'delegationItinerarySet'],
      ['delegationFileActionPlan', 'delegationActionPlanFile'],
      ['delegationCompleteMilestone', 'delegationMilestoneComplete'],
      ['delegationRequestAttendance', 'delegationSessionRequestAttendance'],
    ]) {
      expect(byName[old!]).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringMatching(new RegExp(`^Use ${now}:`)) });
      expect(byName[now!].isDeprecated).toBe(false);
    }
  });
});
