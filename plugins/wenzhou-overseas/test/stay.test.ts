/**
 * The stay and after it, through the GraphQL API: placement at a host abroad (listed country or a
 * reason; verified qualification), the daily study plan as a departure gate, check-ins,
 * extensions (approved or a breach), the summary report due one month after the actual end (one
 * day late = overdue), the follow-up, outcomes in the track's categories, flagships, sharing
 * sessions, costs split in fen, clawbacks, and the commission's statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { agree, expectError, startWenzhou, talent, throughExit, world, type World } from './helpers.js';

let h: Harness;
let w: World;
let candidacy: string;
let talentId: string;
let stayId: string;
beforeAll(async () => {
  h = await startWenzhou();
  w = await world(h);
  talentId = await talent(h, w.admin, { unitId: w.unitA, name: '陈医生' });
  candidacy = await throughExit(h, w, talentId, 'clinical_backbone');
});
afterAll(async () => {
  h?.app.clock.reset();
  await h?.close();
});

const PLACE = `mutation($i: WenzhouPlaceInput!) { wenzhouPlace(input: $i) { id warnings outsideListReason liaisonName liaisonContact placement { status plannedEnd hostInstitution { name } } reports { kind dueOn status } candidacy { stage } } }`;
const summaryOf = (reports: any[]) => reports.filter((r) => r.kind === 'summary');
const PLAN = `mutation($i: WenzhouStudyPlanInput!) { wenzhouSetStudyPlan(input: $i) { id uncoveredDays studyPlan { fromDay toDay } } }`;
const STAY = `query($id: ID!) { wenzhouStay(id: $id) { id unapprovedExtensionDays breach serviceUntil nextCheckInDue checkIns { onDate } extensions { status requestedEnd } placement { status plannedEnd actualStart actualEnd } reports { id kind dueOn status } candidacy { stage } } }`;
const place = { plannedStart: '2025-10-01', plannedEnd: '2025-11-30', liaisonName: '王主任', liaisonContact: '13811112222' };

describe('placement', () => {
  it('refuses bad input naming the field and writes nothing: end before start, host in China, unlisted country without reason', async () => {
    await expectError(h.gql(w.coordA, PLACE, { i: { ...place, candidacyId: candidacy, hostInstitutionId: w.hostUS, plannedEnd: '2025-09-30' } }), 'BAD_USER_INPUT', 'plannedEnd');
    await expectError(h.gql(w.coordA, PLACE, { i: { ...place, candidacyId: candidacy, hostInstitutionId: w.hostCN } }), 'BAD_USER_INPUT', 'hostInstitutionId');
    await expectError(h.gql(w.coordA, PLACE, { i: { ...place, candidacyId: candidacy, hostInstitutionId: w.hostTH } }), 'BAD_USER_INPUT', 'outsideListReason');
    await expectError(h.gql(w.coordA, PLACE, { i: { ...place, candidacyId: candidacy, hostInstitutionId: w.hostUnverified } }), 'INVALID_STATE');
    await expectError(h.gql(w.coordB, PLACE, { i: { ...place, candidacyId: candidacy, hostInstitutionId: w.hostUS } }), 'NOT_FOUND');
    const placements = await h.ok(w.admin, `{ placements(first: 10) { totalCount } wenzhouStays(first: 10) { totalCount } }`);
    expect(placements).toEqual({ placements: { totalCount: 0 }, wenzhouStays: { totalCount: 0 } });
  });

  it('places at a host in an unlisted country with a reason; the summary report falls due from the planned end', async () => {
    const r = (await h.ok(w.coordA, PLACE, { i: { ...place, candidacyId: candidacy, hostInstitutionId: w.hostTH, outsideListReason: '该院肝移植技术亚洲领先' } })).wenzhouPlace;
    stayId = r.id;
    expect(r).toMatchObject({
      warnings: [],
      outsideListReason: '该院肝移植技术亚洲领先',
      liaisonContact: '13811112222',
      placement: { status: 'PLANNED', hostInstitution: { name: 'Siriraj Hospital' } },
      reports: [{ kind: 'summary', dueOn: '2025-12-30', status: 'DUE' }],
      candidacy: { stage: 'PLACED' },
    });
    const other = await h.gql(w.coordB, `query($id: ID!) { wenzhouStay(id: $id) { id } }`, { id: stayId });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const expert = await h.ok(w.expertsB[0]!, `query($id: ID!) { wenzhouStay(id: $id) { liaisonContact } }`, { id: stayId });
    expect(expert.wenzhouStay.liaisonContact).toBeNull(); // personal data
    // …stored encrypted: the column holds ciphertext, never the number.
    const [row] = (await h.app.orm.em.getConnection().execute(`select liaison_contact from t_wenzhou.wz_stay where id = ?`, [stayId])) as { liaison_contact: string }[];
    expect(row!.liaison_contact).toMatch(/^enc:v1:/);
    expect(row!.liaison_contact).not.toContain('13811112222');
  });
});

describe('study plan and departure', () => {
  it('departure needs a daily study plan for every day of the stay', async () => {
    const partial = await h.ok(w.coordA, PLAN, { i: { stayId, items: [{ fromDay: '2025-10-01', toDay: '2025-10-31', activity: '肝移植临床观摩' }] } });
    expect(partial.wenzhouSetStudyPlan.uncoveredDays).toHaveLength(30);
    const e = await expectError(h.gql(w.coordA, `mutation($s: ID!) { wenzhouRecordDeparture(stayId: $s, departedOn: "2025-10-01") { id } }`, { s: stayId }), 'INVALID_STATE');
    expect(e.message).toContain('2025-11-01');
    await expectError(h.gql(w.coordA, PLAN, { i: { stayId, items: [{ fromDay: '2025-10-05', toDay: '2025-10-01', activity: 'x' }] } }), 'BAD_USER_INPUT', 'items.0.toDay');
    await expectError(h.gql(w.coordA, PLAN, { i: { stayId, items: [{ fromDay: '2025-10-01', toDay: '2025-12-05', activity: 'x' }] } }), 'BAD_USER_INPUT', 'items.0.toDay');
    const full = await h.ok(w.coordA, PLAN, {
      i: { stayId, items: [{ fromDay: '2025-10-01', toDay: '2025-10-31', activity: '肝移植临床观摩' }, { fromDay: '2025-11-01', toDay: '2025-11-30', activity: '疑难病例讨论与专家带教' }] },
    });
    expect(full.wenzhouSetStudyPlan.uncoveredDays).toEqual([]);
    // 协议: no departure without the agreement.
    const noAgreement = await expectError(h.gql(w.coordA, `mutation($s: ID!) { wenzhouRecordDeparture(stayId: $s, departedOn: "2025-10-01") { id } }`, { s: stayId }), 'INVALID_STATE');
    expect(noAgreement.extensions).toMatchObject({ missing: 'agreement' });
    await agree(h, w.coordA, stayId);
    // Check-ins before departure are out of order.
    await expectError(h.gql(w.coordA, `mutation($i: WenzhouCheckInInput!) { wenzhouCheckIn(input: $i) { id } }`, { i: { stayId, onDate: '2025-09-30', summary: 'x' } }), 'INVALID_STATE');
    h.app.clock.set('2025-10-01T02:00:00Z');
    const d = await h.ok(w.coordA, `mutation($s: ID!) { wenzhouRecordDeparture(stayId: $s, departedOn: "2025-10-01") { placement { status actualStart } candidacy { stage } } }`, { s: stayId });
    expect(d.wenzhouRecordDeparture).toEqual({ placement: { status: 'ACTIVE', actualStart: '2025-10-01' }, candidacy: { stage: 'ABROAD' } });
  });

  it('the talent checks in periodically; the next check-in falls due a week later', async () => {
    h.app.clock.set('2025-10-08T04:00:00Z');
    const me = await h.token('wenzhou', 'talent', { talentId, unitId: w.unitA });
    await h.ok(me, `mutation($i: WenzhouCheckInInput!) { wenzhouCheckIn(input: $i) { id } }`, { i: { stayId, onDate: '2025-10-08', summary: '第一周：参加晨会与手术观摩', concerns: null } });
    await expectError(h.gql(me, `mutation($i: WenzhouCheckInInput!) { wenzhouCheckIn(input: $i) { id } }`, { i: { stayId, onDate: '2025-10-09', summary: 'future' } }), 'BAD_USER_INPUT', 'onDate');
    const other = await h.token('wenzhou', 'talent', { talentId: '0190aaaa-0000-7000-8000-000000000001', unitId: w.unitA });
    await expectError(h.gql(other, `mutation($i: WenzhouCheckInInput!) { wenzhouCheckIn(input: $i) { id } }`, { i: { stayId, onDate: '2025-10-08', summary: 'x' } }), 'NOT_FOUND');
    const s = (await h.ok(w.admin, STAY, { id: stayId })).wenzhouStay;
    expect(s.checkIns).toEqual([{ onDate: '2025-10-08' }]);
    expect(s.nextCheckInDue).toBe('2025-10-15');
  });
});

describe('extensions, return and the summary report', () => {
  it('an approved extension moves the end and the report due date; a refusal needs a note', async () => {
    const me = await h.token('wenzhou', 'talent', { talentId, unitId: w.unitA });
    const REQ = `mutation($i: WenzhouExtensionRequestInput!) { wenzhouRequestExtension(input: $i) { id status } }`;
    await expectError(h.gql(me, REQ, { i: { stayId, requestedEnd: '2025-11-30', reason: 'x' } }), 'BAD_USER_INPUT', 'requestedEnd');
    const ext = (await h.ok(me, REQ, { i: { stayId, requestedEnd: '2025-12-10', reason: '参与一项联合攻关' } })).wenzhouRequestExtension;
    await expectError(h.gql(me, REQ, { i: { stayId, requestedEnd: '2025-12-20', reason: 'again' } }), 'INVALID_STATE');
    await expectError(h.gql(me, `mutation($e: ID!) { wenzhouDecideExtension(extensionId: $e, approve: true) { id } }`, { e: ext.id }), 'FORBIDDEN');
    await expectError(h.gql(w.coordA, `mutation($e: ID!) { wenzhouDecideExtension(extensionId: $e, approve: false) { id } }`, { e: ext.id }), 'BAD_USER_INPUT', 'note');
    const ok = await h.ok(w.coordA, `mutation($e: ID!) { wenzhouDecideExtension(extensionId: $e, approve: true, note: "同意") { status } }`, { e: ext.id });
    expect(ok.wenzhouDecideExtension.status).toBe('APPROVED');
    const s = (await h.ok(w.admin, STAY, { id: stayId })).wenzhouStay;
    expect(s.placement.plannedEnd).toBe('2025-12-10');
    expect(summaryOf(s.reports)).toEqual([expect.objectContaining({ kind: 'summary', dueOn: '2026-01-10', status: 'DUE' })]);
  });

  it('coming back after the approved end without approval is recorded as a breach; the report is due one month after the ACTUAL end', async () => {
    h.app.clock.set('2025-12-20T04:00:00Z');
    await expectError(h.gql(w.coordA, `mutation($s: ID!) { wenzhouRecordReturn(stayId: $s, returnedOn: "2025-12-21") { id } }`, { s: stayId }), 'BAD_USER_INPUT', 'returnedOn');
    const r = await h.ok(w.coordA, `mutation($s: ID!) { wenzhouRecordReturn(stayId: $s, returnedOn: "2025-12-13") { id unapprovedExtensionDays breach serviceUntil placement { status actualEnd } candidacy { stage } reports { kind dueOn } } }`, { s: stayId });
    r.wenzhouRecordReturn.reports = summaryOf(r.wenzhouRecordReturn.reports).map((x: any) => ({ dueOn: x.dueOn }));
    // 服务期 from the agreement (36 months), not the configuration's 24.
    expect(r.wenzhouRecordReturn).toEqual({
      id: stayId,
      unapprovedExtensionDays: 3,
      breach: true,
      serviceUntil: '2028-12-13',
      placement: { status: 'COMPLETED', actualEnd: '2025-12-13' },
      candidacy: { stage: 'RETURNED' },
      reports: [{ dueOn: '2026-01-13' }],
    });
  });

  it('the report is not overdue on its due day and is overdue the day after', async () => {
    const overdue = async () => (await h.ok(w.admin, `{ reports(first: 10, filter: { overdue: true, kind: "summary" }) { totalCount } wenzhouStatistics { reportsOverdue } }`));
    h.app.clock.set('2026-01-13T15:59:00Z'); // 23:59 on the 13th in Shanghai
    expect(await overdue()).toEqual({ reports: { totalCount: 0 }, wenzhouStatistics: { reportsOverdue: 0 } });
    h.app.clock.set('2026-01-13T16:00:00Z'); // 00:00 on the 14th in Shanghai: one day late
    expect(await overdue()).toEqual({ reports: { totalCount: 1 }, wenzhouStatistics: { reportsOverdue: 1 } });
  });
});

describe('after return', () => {
  let outcomeId: string;
  it('outcomes are recorded in the categories of the track (clinical backbone: domestically leading technologies)', async () => {
    const placementId = (await h.ok(w.admin, `query($id: ID!) { wenzhouStay(id: $id) { placement { id } } }`, { id: stayId })).wenzhouStay.placement.id;
    const cats = await h.ok(w.coordA, `query($p: ID!) { outcomeCategories(placementId: $p) { code } }`, { p: placementId });
    expect(cats.outcomeCategories.map((c: any) => c.code)).toEqual(['domestic_leading_technology', 'new_technology', 'international_cooperation']);
    const REC = `mutation($i: OutcomeInput!) { recordOutcome(input: $i) { id category flagship } }`;
    await expectError(h.gql(w.coordA, REC, { i: { talentId, placementId, category: 'original_technology', title: 'x', achievedOn: '2026-02-01' } }), 'BAD_USER_INPUT', 'category');
    outcomeId = (await h.ok(w.coordA, REC, { i: { talentId, placementId, category: 'domestic_leading_technology', title: '机器人辅助肝移植', achievedOn: '2026-03-01' } })).recordOutcome.id;
    const f = await h.ok(w.admin, `mutation($o: ID!) { wenzhouFlagOutcome(outcomeId: $o, flagship: true) { flagship } }`, { o: outcomeId });
    expect(f.wenzhouFlagOutcome.flagship).toBe(true);
    await expectError(h.gql(w.coordB, `mutation($o: ID!) { wenzhouFlagOutcome(outcomeId: $o, flagship: false) { flagship } }`, { o: outcomeId }), 'NOT_FOUND');
  });

  it('the unit records the follow-up assessment and an experience-sharing session', async () => {
    await expectError(h.gql(w.coordA, `mutation($i: WenzhouFollowUpInput!) { wenzhouRecordFollowUp(input: $i) { id } }`, { i: { stayId, assessedOn: '2025-12-01', tasksCompleted: true, summary: 'x' } }), 'BAD_USER_INPUT', 'assessedOn');
    const f = await h.ok(w.coordA, `mutation($i: WenzhouFollowUpInput!) { wenzhouRecordFollowUp(input: $i) { tasksCompleted assessedBy } }`, { i: { stayId, assessedOn: '2026-03-10', tasksCompleted: false, summary: '研学任务部分未完成' } });
    expect(f.wenzhouRecordFollowUp).toEqual({ tasksCompleted: false, assessedBy: 'coord-a' });
    await expectError(h.gql(w.coordA, `mutation($i: WenzhouSharingSessionInput!) { wenzhouRecordSharingSession(input: $i) { id } }`, { i: { stayId, heldOn: '2026-03-12', title: '分享', audience: -3 } }), 'BAD_USER_INPUT', 'audience');
    const s = await h.ok(w.coordA, `mutation($i: WenzhouSharingSessionInput!) { wenzhouRecordSharingSession(input: $i) { title audience } }`, { i: { stayId, heldOn: '2026-03-12', title: '赴泰研学经验分享会', audience: 120 } });
    expect(s.wenzhouRecordSharingSession).toEqual({ title: '赴泰研学经验分享会', audience: 120 });
  });
});

describe('money', () => {
  const COST = `mutation($i: WenzhouCostItemInput!) { wenzhouAddCostItem(input: $i) { amountFen foundationFen unitFen individualFen foundationPct configVersion } }`;
  it('splits each cost 50/40/10 in fen, the shares adding up to the whole even when it does not divide evenly', async () => {
    const r = await h.ok(w.coordA, COST, { i: { stayId, category: 'AIRFARE', description: '往返机票', incurredOn: '2025-09-25', amountFen: 1_234_567 } });
    expect(r.wenzhouAddCostItem).toEqual({ amountFen: 1_234_567, foundationFen: 617_283, unitFen: 493_827, individualFen: 123_457, foundationPct: 50, configVersion: 1 });
    await h.ok(w.coordA, COST, { i: { stayId, category: 'ACCOMMODATION', description: '住宿', incurredOn: '2025-10-01', amountFen: 3_000_000 } });
  });

  it('refuses a negative cost naming the field and writes nothing', async () => {
    await expectError(h.gql(w.coordA, COST, { i: { stayId, category: 'OTHER', description: 'refund?', incurredOn: '2025-10-01', amountFen: -100 } }), 'BAD_USER_INPUT', 'amountFen');
    const s = await h.ok(w.admin, `query($id: ID!) { wenzhouStay(id: $id) { costItems { amountFen } } }`, { id: stayId });
    expect(s.wenzhouStay.costItems).toHaveLength(2);
  });

  it('uses the shares of a later configuration version for costs incurred after it takes effect', async () => {
    await h.ok(w.admin, `mutation($c: JSON!) { updatePluginConfig(plugin: "wenzhou-overseas", effectiveFrom: "2025-11-01", config: $c, note: "2025年临床骨干调整") { revision } }`, {
      c: { costShareOverrides: [{ year: 2025, track: 'clinical_backbone', shares: { foundation: 60, unit: 30, individual: 10 } }] },
    });
    const r = await h.ok(w.coordA, COST, { i: { stayId, category: 'LIVING', description: '生活补助', incurredOn: '2025-11-05', amountFen: 1001 } });
    expect(r.wenzhouAddCostItem).toEqual({ amountFen: 1001, foundationFen: 601, unitFen: 300, individualFen: 100, foundationPct: 60, configVersion: 2 });
  });

  it('opens clawback cases only for what the plan lists, each on a clause of the agreement, never claiming together more than was received', async () => {
    const OPEN = `mutation($i: WenzhouClawbackInput!) { wenzhouOpenClawback(input: $i) { id reason amountFen status clauseCode clauseText } }`;
    // 服务期 is the agreement's 36 months: leaving after 2028-12-13 is not early.
    await expectError(h.gql(w.coordA, OPEN, { i: { stayId, reason: 'LEFT_BEFORE_SERVICE_END', note: '调离', leftOn: '2029-01-01' } }), 'INVALID_STATE');
    await expectError(h.gql(w.coordA, OPEN, { i: { stayId, reason: 'UNAPPROVED_EXTENSION', note: 'x', amountFen: 99_999_999 } }), 'BAD_USER_INPUT', 'amountFen');
    // 基础工资全额发放，奖励性绩效工资不低于所在科室平均: the month's pay is recorded and flagged; salary paid can be recovered.
    const PAY = `mutation($i: WenzhouBenefitPaymentInput!) { wenzhouRecordBenefitPayment(input: $i) { month guaranteesMissed } }`;
    const pay = await h.ok(w.coordA, PAY, { i: { stayId, month: '2025-10', baseSalaryFen: 800_000, baseSalaryDueFen: 800_000, performancePayFen: 450_000, departmentAverageFen: 500_000 } });
    expect(pay.wenzhouRecordBenefitPayment).toEqual({ month: '2025-10', guaranteesMissed: ['PERFORMANCE_BELOW_AVERAGE'] });
    await expectError(h.gql(w.coordA, PAY, { i: { stayId, month: '2026-02', baseSalaryFen: 1, baseSalaryDueFen: 1, performancePayFen: 1, departmentAverageFen: 1 } }), 'BAD_USER_INPUT', 'month');
    const recoverable = 617_283 + 493_827 + 1_500_000 + 1_200_000 + 601 + 300 + 800_000 + 450_000;
    const a = (await h.ok(w.coordA, OPEN, { i: { stayId, reason: 'UNAPPROVED_EXTENSION', note: '擅自延长3天', amountFen: recoverable - 50_000 } })).wenzhouOpenClawback;
    expect(a).toMatchObject({ reason: 'UNAPPROVED_EXTENSION', amountFen: recoverable - 50_000, status: 'OPEN', clauseCode: 'R1', clauseText: expect.stringContaining('未经单位同意不得擅自延长') });
    // 未按协议约定完成研学任务: which task? The agreement has two.
    await expectError(h.gql(w.coordA, OPEN, { i: { stayId, reason: 'TASKS_NOT_COMPLETED', note: '未完成研学任务' } }), 'BAD_USER_INPUT', 'clauseCode');
    await expectError(h.gql(w.coordA, OPEN, { i: { stayId, reason: 'TASKS_NOT_COMPLETED', note: '未完成研学任务', clauseCode: 'S1' } }), 'BAD_USER_INPUT', 'clauseCode');
    const over = await expectError(h.gql(w.coordA, OPEN, { i: { stayId, reason: 'TASKS_NOT_COMPLETED', note: '未完成研学任务', clauseCode: 'T1', amountFen: 50_001 } }), 'BAD_USER_INPUT', 'amountFen');
    expect(over.message).toContain('50000 fen');
    const b = (await h.ok(w.coordA, OPEN, { i: { stayId, reason: 'TASKS_NOT_COMPLETED', note: '未完成研学任务', clauseCode: 'T1' } })).wenzhouOpenClawback;
    expect(b).toMatchObject({ amountFen: 50_000, clauseCode: 'T1', clauseText: '掌握并引进一项国际前沿诊疗技术' });
    // Everything received is claimed: a third case has nothing left.
    await expectError(h.gql(w.coordA, OPEN, { i: { stayId, reason: 'UNAPPROVED_EXTENSION', note: 'again' } }), 'INVALID_STATE', 'amountFen');
    const rec = await h.ok(w.coordA, `mutation($c: ID!) { wenzhouRecordRecovery(clawbackId: $c, recoveredFen: 50000) { recoveredFen status } }`, { c: b.id });
    expect(rec.wenzhouRecordRecovery).toEqual({ recoveredFen: 50_000, status: 'RECOVERED' });
    await expectError(h.gql(w.coordA, `mutation($c: ID!) { wenzhouRecordRecovery(clawbackId: $c, recoveredFen: 1) { status } }`, { c: b.id }), 'INVALID_STATE');
  });
});

describe('statistics', () => {
  it('gives the commission applicants, selected, abroad, returned, overdue reports, outcomes by track and category, spending by payer', async () => {
    const s = (
      await h.ok(w.admin, `{ wenzhouStatistics { applicants eligible selected abroadNow returned reportsOverdue breaches openClawbacks fiveYearTarget selectedInPlan
        byTrack { track applicants selected returned } outcomes { track category count flagship } spending { foundationFen unitFen individualFen totalFen } } }`)
    ).wenzhouStatistics;
    expect(s).toMatchObject({ applicants: 1, eligible: 1, selected: 1, abroadNow: 0, returned: 1, reportsOverdue: 1, breaches: 1, openClawbacks: 1, fiveYearTarget: 100, selectedInPlan: 1 });
    expect(s.byTrack.find((t: any) => t.track === 'clinical_backbone')).toEqual({ track: 'clinical_backbone', applicants: 1, selected: 1, returned: 1 });
    expect(s.outcomes).toEqual([{ track: 'clinical_backbone', category: 'domestic_leading_technology', count: 1, flagship: 1 }]);
    expect(s.spending).toEqual({ foundationFen: 617_283 + 1_500_000 + 601, unitFen: 493_827 + 1_200_000 + 300, individualFen: 123_457 + 300_000 + 100, totalFen: 1_234_567 + 3_000_000 + 1001 });
    await expectError(h.gql(w.coordA, `{ wenzhouStatistics { applicants } }`), 'FORBIDDEN');
  });
});
