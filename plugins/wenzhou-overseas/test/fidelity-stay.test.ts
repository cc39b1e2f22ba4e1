/**
 * Issue 14, Wenzhou (seed 003), during and after the stay, through the GraphQL API, each test
 * quoting the clause it implements: the agreement and its default service period, 开展定期汇报 as
 * reports the core's reminders chase, 安全及纪律监督 incidents, 思想政治教育 before departure, one stay
 * at a time (通过其他途径…按照原有计划项目管理), and clawbacks capped across cases even when opened
 * at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { institution } from '../../../test/kit/index.js';
import { AGREE, expectError, startWenzhou, talent, throughExit, world, type World } from './helpers.js';

let h: Harness;
let w: World;
let talentId: string;
let candidacyId: string;
let stayId: string;
let placementId: string;
beforeAll(async () => {
  h = await startWenzhou();
  w = await world(h);
  talentId = await talent(h, w.admin, { unitId: w.unitA, name: '潘晓雯' });
  candidacyId = await throughExit(h, w, talentId, 'clinical_backbone');
});
afterAll(async () => {
  h?.app.clock.reset();
  await h?.close();
});

const PLACE = `mutation($i: WenzhouPlaceInput!) { wenzhouPlace(input: $i) { id placement { id } } }`;
const STAY = `query($id: ID!) { wenzhouStay(id: $id) { checkInsOverdue nextCheckInDue checkIns { onDate period } incidents { kind severity occurredOn } candidacy { exitChecklist } } }`;

describe('五(二) 强化思想政治和意识形态教育 / 通过其他途径赴海外研学的人才，其按照原有计划项目管理与培养', () => {
  it('political education is recorded with the exit formalities', async () => {
    const r = await h.ok(w.admin, `query($id: ID!) { wenzhouCandidacy(id: $id) { exitChecklist } }`, { id: candidacyId });
    expect(r.wenzhouCandidacy.exitChecklist).toContain('political_education');
  });

  it('a talent already placed under another programme is not placed again for the same days', async () => {
    // Another channel: a programme of no scheme in this tenant, the talent selected and placed there in October.
    const conn = h.app.orm.em.getConnection();
    // Written directly as the other channel's records would be: a programme and a placement at a host abroad.
    const [prog] = (await conn.execute(`insert into t_wenzhou.programme (id, created_at, updated_at, version, scheme, code, name, year, reference_date, status) values (gen_random_uuid(), now(), now(), 1, 'provincial-channel', 'ZJ-INTL-2025', '浙江省医学创新人才国际化培养', 2025, '2025-07-01', 'open') returning id`)) as { id: string }[];
    await conn.execute(`insert into t_wenzhou.placement (id, created_at, updated_at, version, programme_id, talent_id, unit_id, host_institution_id, status, planned_start, planned_end) values (gen_random_uuid(), now(), now(), 1, ?, ?, ?, ?, 'planned', '2025-10-20', '2025-11-20')`, [prog!.id, talentId, w.unitA, w.hostUS]);
    const e = await expectError(h.gql(w.coordA, PLACE, { i: { candidacyId, hostInstitutionId: w.hostUS, plannedStart: '2025-10-01', plannedEnd: '2025-10-31', liaisonName: '王主任' } }), 'INVALID_STATE', 'candidacyId');
    expect(e.extensions).toMatchObject({ reason: 'CONCURRENT_STAY', programme: 'ZJ-INTL-2025' });
    expect((await h.ok(w.admin, `{ wenzhouStays(first: 5) { totalCount } }`)).wenzhouStays.totalCount).toBe(0);
    await conn.execute(`delete from t_wenzhou.placement where programme_id = ?`, [prog!.id]);
    const r = (await h.ok(w.coordA, PLACE, { i: { candidacyId, hostInstitutionId: w.hostUS, plannedStart: '2025-10-01', plannedEnd: '2025-10-31', liaisonName: '王主任' } })).wenzhouPlace;
    stayId = r.id;
    placementId = r.placement.id;
  });
});

describe('协议: the agreement behind the obligations', () => {
  it("carries the plan's guarantees, the tasks, return on time and the service period; without a period, the local default says so", async () => {
    await expectError(h.gql(w.coordA, AGREE, { i: { stayId, signedOn: '2025-09-20', tasks: [] } }), 'BAD_USER_INPUT', 'tasks');
    const a = (await h.ok(w.coordA, AGREE, { i: { stayId, signedOn: '2025-09-20', tasks: ['掌握经导管主动脉瓣置换术'] } })).wenzhouRecordAgreement;
    expect(a).toMatchObject({ servicePeriodMonths: 24, servicePeriodDefaulted: true });
    expect(a.clauses.map((c: any) => `${c.code}:${c.owedBy}`)).toEqual(['G1:unit', 'G2:unit', 'G3:unit', 'T1:talent', 'R1:talent', 'S1:talent']);
    expect(a.clauses[2].text).toBe('奖励性绩效工资不低于所在科室（单位）平均水平');
  });
});

describe('五(一) 强化组团研学管理…择优选择第三方机构开展"百医出海"项目合作', () => {
  it('the commission records the agency it chose; a unit forms a study tour run by it on the core’s training groups; a placed talent joins', async () => {
    const institutionId = await institution(h, w.admin, { name: '温州瓯越国际医学交流服务中心', city: '温州' });
    const AG = `mutation($i: WenzhouAgencyInput!) { wenzhouSelectAgency(input: $i) { id services institution { name } } }`;
    await expectError(h.gql(w.coordA, AG, { i: { programmeId: w.programmeId, institutionId, services: ['LANGUAGE_TRAINING'], selectedOn: '2025-07-15', selectionNote: '比选' } }), 'FORBIDDEN');
    const agency = (await h.ok(w.admin, AG, { i: { programmeId: w.programmeId, institutionId, services: ['PRE_DEPARTURE_EDUCATION', 'LANGUAGE_TRAINING'], selectedOn: '2025-07-15', selectionNote: '经比选择优确定' } })).wenzhouSelectAgency;
    expect(agency.services).toEqual(['PRE_DEPARTURE_EDUCATION', 'LANGUAGE_TRAINING']);
    const tour = (await h.ok(w.coordA, `mutation($i: WenzhouStudyTourInput!) { wenzhouCreateStudyTour(input: $i) { id code status } }`, { i: { programmeId: w.programmeId, code: 'WZ-2025-T1', name: '2025年赴美心血管组团研学', unitId: w.unitA, agencyId: agency.id, plannedStart: '2025-10-01', plannedEnd: '2025-10-31' } })).wenzhouCreateStudyTour;
    expect(tour).toMatchObject({ code: 'WZ-2025-T1', status: 'PLANNED' });
    const joined = await h.ok(w.coordA, `mutation($g: ID!, $s: ID!) { wenzhouJoinStudyTour(groupId: $g, stayId: $s) { studyTour { code } } }`, { g: tour.id, s: stayId });
    expect(joined.wenzhouJoinStudyTour.studyTour).toEqual({ code: 'WZ-2025-T1' });
    const members = await h.ok(w.admin, `query($g: ID!) { trainingGroup(id: $g) { members { talent { name } } } }`, { g: tour.id });
    expect(members.trainingGroup.members).toEqual([{ talent: { name: '潘晓雯' } }]);
  });
});

describe('五(二) 开展定期汇报: missed check-ins are chased and flagged like reports', () => {
  it('each week owes a check-in report with reminders; a missed one is overdue; a check-in answers its week', async () => {
    await h.ok(w.coordA, `mutation($i: WenzhouStudyPlanInput!) { wenzhouSetStudyPlan(input: $i) { id } }`, { i: { stayId, items: [{ fromDay: '2025-10-01', toDay: '2025-10-31', activity: '结构性心脏病介入观摩' }] } });
    h.app.clock.set('2025-10-01T02:00:00Z');
    await h.ok(w.coordA, `mutation($s: ID!) { wenzhouRecordDeparture(stayId: $s, departedOn: "2025-10-01") { id } }`, { s: stayId });
    const reports = await h.ok(w.admin, `query($p: ID!) { reports(first: 20, filter: { placementId: $p, kind: "check_in" }) { nodes { sequence dueOn status reminders { audience stage } } } }`, { p: placementId });
    expect(reports.reports.nodes.map((r: any) => [r.sequence, r.dueOn])).toEqual([[1, '2025-10-08'], [2, '2025-10-15'], [3, '2025-10-22'], [4, '2025-10-29']]);
    for (const r of reports.reports.nodes) expect(r.reminders.map((x: any) => x.stage)).toEqual(expect.arrayContaining(['OVERDUE']));
    // Week 1 reported; week 2 missed: on 16 October it is overdue.
    const me = await h.token('wenzhou', 'talent', { talentId, unitId: w.unitA });
    h.app.clock.set('2025-10-08T04:00:00Z');
    await h.ok(me, `mutation($i: WenzhouCheckInInput!) { wenzhouCheckIn(input: $i) { id } }`, { i: { stayId, onDate: '2025-10-08', summary: '第一周：参加心内科晨会与介入手术观摩' } });
    h.app.clock.set('2025-10-16T04:00:00Z');
    let s = (await h.ok(w.admin, STAY, { id: stayId })).wenzhouStay;
    expect(s).toMatchObject({ checkInsOverdue: 1, nextCheckInDue: '2025-10-15', checkIns: [{ onDate: '2025-10-08', period: 1 }] });
    expect((await h.ok(w.admin, `{ wenzhouStatistics { checkInsOverdue } reports(first: 5, filter: { overdue: true, kind: "check_in" }) { nodes { sequence } } }`))).toEqual({ wenzhouStatistics: { checkInsOverdue: 1 }, reports: { nodes: [{ sequence: 2 }] } });
    // A late check-in dated within week 2 makes it good; its reminders stop.
    await h.ok(me, `mutation($i: WenzhouCheckInInput!) { wenzhouCheckIn(input: $i) { id } }`, { i: { stayId, onDate: '2025-10-14', summary: '第二周：补报，参加病例讨论' } });
    s = (await h.ok(w.admin, STAY, { id: stayId })).wenzhouStay;
    expect(s).toMatchObject({ checkInsOverdue: 0, nextCheckInDue: '2025-10-22' });
    const week2 = await h.ok(w.admin, `query($p: ID!) { reports(first: 5, filter: { placementId: $p, kind: "check_in", status: SUBMITTED }) { nodes { sequence reminders { state } } } }`, { p: placementId });
    expect(week2.reports.nodes.map((r: any) => r.sequence)).toEqual([1, 2]);
    for (const r of week2.reports.nodes) for (const x of r.reminders) expect(x.state).not.toBe('PENDING');
  });
});

describe('五(二) 强化安全及纪律监督', () => {
  it('records a safety or discipline incident on a day of the stay', async () => {
    const INC = `mutation($i: WenzhouIncidentInput!) { wenzhouRecordIncident(input: $i) { kind severity reportedBy } }`;
    await expectError(h.gql(w.coordA, INC, { i: { stayId, occurredOn: '2025-09-30', kind: 'SAFETY', severity: 'MINOR', description: '出发前' } }), 'BAD_USER_INPUT', 'occurredOn');
    await expectError(h.gql(w.coordB, INC, { i: { stayId, occurredOn: '2025-10-10', kind: 'SAFETY', severity: 'MINOR', description: 'x' } }), 'NOT_FOUND');
    const r = await h.ok(w.coordA, INC, { i: { stayId, occurredOn: '2025-10-10', kind: 'DISCIPLINE', severity: 'MINOR', description: '未按研修计划到岗半天', actionTaken: '联络人提醒，已整改', resolvedOn: '2025-10-11' } });
    expect(r.wenzhouRecordIncident).toEqual({ kind: 'DISCIPLINE', severity: 'MINOR', reportedBy: 'coord-a' });
    const s = (await h.ok(w.admin, STAY, { id: stayId })).wenzhouStay;
    expect(s.incidents).toEqual([{ kind: 'DISCIPLINE', severity: 'MINOR', occurredOn: '2025-10-10' }]);
    expect((await h.ok(w.admin, `{ wenzhouStatistics { incidents } }`)).wenzhouStatistics.incidents).toBe(1);
  });
});

describe('五(三) 单位有权追回相关待遇保障: several cases never claim more than was received', () => {
  it('three cases opened at once for the whole amount: one is accepted, the others refused', async () => {
    h.app.clock.set('2025-11-05T04:00:00Z');
    await h.ok(w.coordA, `mutation($s: ID!) { wenzhouRecordReturn(stayId: $s, returnedOn: "2025-11-03") { unapprovedExtensionDays } }`, { s: stayId });
    // 12,345 fen split 50/40/10: the foundation and the unit paid 11,111.
    const cost = await h.ok(w.coordA, `mutation($i: WenzhouCostItemInput!) { wenzhouAddCostItem(input: $i) { foundationFen unitFen } }`, { i: { stayId, category: 'VISA', description: '签证费', incurredOn: '2025-09-25', amountFen: 12_345 } });
    expect(cost.wenzhouAddCostItem.foundationFen + cost.wenzhouAddCostItem.unitFen).toBe(11_111);
    const OPEN = `mutation($i: WenzhouClawbackInput!) { wenzhouOpenClawback(input: $i) { amountFen clauseCode } }`;
    const tries = await Promise.all([1, 2, 3].map(() => h.gql(w.coordA, OPEN, { i: { stayId, reason: 'UNAPPROVED_EXTENSION', note: '逾期返岗', amountFen: 11_111 } })));
    const ok = tries.filter((t) => !t.body.errors);
    expect(ok).toHaveLength(1);
    expect(ok[0]!.body.data.wenzhouOpenClawback).toEqual({ amountFen: 11_111, clauseCode: 'R1' });
    for (const t of tries.filter((x) => x.body.errors)) expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(t.body.errors![0]!.extensions!.code);
    const s = await h.ok(w.admin, `query($id: ID!) { wenzhouStay(id: $id) { clawbacks { amountFen } } }`, { id: stayId });
    expect(s.wenzhouStay.clawbacks).toEqual([{ amountFen: 11_111 }]);
  });
});
