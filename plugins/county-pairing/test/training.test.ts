import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { T, apprenticeToken, errorOf, publish, rankApprentices, rankMentors, register, round, runMatching, startCounty, talent, unit } from './support.js';

/**
 * After the pairing: plans, progress, the case log and its sign-off, growth records, retention and
 * the dashboard. Mentors wang and zhao (western medicine) and sun (pharmacy); apprentices li (with
 * wang), chen (with zhao) and xu (pharmacy, with sun). Today is 2025-07-01.
 */
let h: Harness;
let admin: string;
let roundId: string;
const mentor: Record<string, { id: string; token: string; talentId: string }> = {};
const pair: Record<string, { id: string; talentId: string; token: string; placementId: string }> = {};

const CASE = `mutation($i: CountyCaseInput!) { countyLogCase(input: $i) { id kind grade role } }`;
const PLAN = `mutation($i: CountyPlanInput!) { countySetPlan(input: $i) { id stages { id position kind endsOn } } }`;
const targets = (code: string) => [{ code, description: `Target ${code}`, target: 4 }];
const stages = [
  { kind: 'THEORY', startsOn: '2025-03-01', endsOn: '2025-04-30', targets: targets('lectures') },
  { kind: 'SUPERVISED_PRACTICE', startsOn: '2025-05-01', endsOn: '2025-09-30', targets: targets('g3_guided') },
  { kind: 'INDEPENDENT_PRACTICE', startsOn: '2025-10-01', endsOn: '2026-02-28', targets: targets('g12_alone') },
];

beforeAll(async () => {
  h = await startCounty();
  admin = await h.token(T, 'commission-admin');
  const hospital = await unit(h, admin, "Yuping County People's Hospital");
  const township = await unit(h, admin, 'Dazhai Township Health Centre');
  roundId = await round(h, admin, 'YP-PAIR-2025');
  for (const [k, field] of [['wang', 'WESTERN_MEDICINE'], ['zhao', 'WESTERN_MEDICINE'], ['sun', 'PHARMACY']] as const) {
    const talentId = await talent(h, admin, hospital, `Mentor ${k}`, field, 'SENIOR');
    mentor[k] = { talentId, ...(await publish(h, roundId, talentId, 1)) };
  }
  const app: Record<string, { id: string; talentId: string }> = {};
  for (const [k, field] of [['li', 'WESTERN_MEDICINE'], ['chen', 'WESTERN_MEDICINE'], ['xu', 'PHARMACY']] as const) {
    const talentId = await talent(h, admin, township, `Apprentice ${k}`, field, 'JUNIOR');
    app[k] = { talentId, id: await register(h, admin, roundId, talentId) };
  }
  const want = { li: 'wang', chen: 'zhao', xu: 'sun' } as const;
  for (const [k, mk] of Object.entries(want)) {
    await rankMentors(h, admin, app[k]!.id, [mentor[mk]!.id]);
    await rankApprentices(h, mentor[mk]!.token, mentor[mk]!.id, [app[k]!.id]);
  }
  await runMatching(h, admin, roundId);
  const confirmed = await h.ok(admin, `mutation($r: ID!) { countyConfirmRound(roundId: $r) { pairs { id talent { id } placement { id } } } }`, { r: roundId });
  for (const [k, v] of Object.entries(app)) {
    const p = confirmed.countyConfirmRound.pairs.find((x: { talent: { id: string } }) => x.talent.id === v.talentId);
    pair[k] = { id: p.id, talentId: v.talentId, token: await apprenticeToken(h, v.talentId), placementId: p.placement.id };
  }
});
afterAll(async () => h?.close());

describe('training plans', () => {
  it('refuses stages out of order, naming the stage', async () => {
    const r = await h.gql(mentor.wang!.token, PLAN, { i: { pairId: pair.li!.id, title: 'Surgery', stages: [stages[1], stages[0], stages[2]] } });
    expect(errorOf(r)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(errorOf(r)?.extensions?.fields.map((f: { field: string }) => f.field)).toContain('stages.1.kind');
  });

  it("refuses a mentor writing another mentor's apprentice's plan", async () => {
    const r = await h.gql(mentor.zhao!.token, PLAN, { i: { pairId: pair.li!.id, title: 'Surgery', stages } });
    expect(errorOf(r)?.extensions?.code).toBe('FORBIDDEN');
  });

  it('stores the plan and adds a stage review after each stage to the pair’s reminders', async () => {
    const r = await h.ok(mentor.wang!.token, PLAN, { i: { pairId: pair.li!.id, title: 'General surgery, year 1', stages } });
    expect(r.countySetPlan.stages.map((s: { kind: string }) => s.kind)).toEqual(['THEORY', 'SUPERVISED_PRACTICE', 'INDEPENDENT_PRACTICE']);
    const reports = await h.ok(admin, `query($id: ID!) { placement(id: $id) { reports { kind dueOn status } } }`, { id: pair.li!.placementId });
    const reviews = reports.placement.reports.filter((x: { kind: string }) => x.kind === 'stage_review').map((x: { dueOn: string }) => x.dueOn);
    expect(reviews).toEqual(['2025-05-07', '2025-10-07', '2026-03-07']);
  });

  it('records progress against a target (the apprentice may), refuses an unknown target, then freezes the stages', async () => {
    const plan = await h.ok(pair.li!.token, `query($p: ID!) { countyPlan(pairId: $p) { stages { id } } }`, { p: pair.li!.id });
    const stageId = plan.countyPlan.stages[1].id;
    const bad = await h.gql(pair.li!.token, `mutation($i: CountyProgressInput!) { countyRecordProgress(input: $i) { id } }`, { i: { stageId, targetCode: 'nope', amount: 1, recordedOn: '2025-06-01' } });
    expect(errorOf(bad)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetCode' });
    await h.ok(pair.li!.token, `mutation($i: CountyProgressInput!) { countyRecordProgress(input: $i) { id } }`, { i: { stageId, targetCode: 'g3_guided', amount: 3, recordedOn: '2025-06-01' } });
    const progress = await h.ok(mentor.wang!.token, `query($p: ID!) { countyPlan(pairId: $p) { stages { progress { code target achieved share } } } }`, { p: pair.li!.id });
    expect(progress.countyPlan.stages[1].progress).toEqual([{ code: 'g3_guided', target: 4, achieved: 3, share: 0.75 }]);
    const rewrite = await h.gql(mentor.wang!.token, PLAN, { i: { pairId: pair.li!.id, title: 'Rewrite', stages } });
    expect(errorOf(rewrite)?.extensions?.code).toBe('INVALID_STATE');
  });
});

describe('case log', () => {
  const count = async (pairId: string) => (await h.ok(admin, `query($p: ID!) { countyCaseLog(filter: { pairId: $p }) { totalCount } }`, { p: pairId })).countyCaseLog.totalCount as number;

  it('refuses surgical grades outside 1–4 with BAD_USER_INPUT naming grade, writing nothing', async () => {
    const before = await count(pair.li!.id);
    for (const grade of [0, 5, -2]) {
      const r = await h.gql(pair.li!.token, CASE, { i: { pairId: pair.li!.id, kind: 'OPERATION', grade, role: 'INDEPENDENT', performedOn: '2025-06-02', caseReference: 'ZY-1' } });
      expect(errorOf(r)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'grade' });
    }
    const missing = await h.gql(pair.li!.token, CASE, { i: { pairId: pair.li!.id, kind: 'OPERATION', role: 'INDEPENDENT', performedOn: '2025-06-02', caseReference: 'ZY-1' } });
    expect(errorOf(missing)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'grade' });
    expect(await count(pair.li!.id)).toBe(before);
  });

  it('lets pharmacy log its own kinds and refuses operations there, naming kind', async () => {
    const op = await h.gql(pair.xu!.token, CASE, { i: { pairId: pair.xu!.id, kind: 'OPERATION', grade: 1, role: 'INDEPENDENT', performedOn: '2025-06-02', caseReference: 'RX-1' } });
    expect(errorOf(op)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    const ok = await h.ok(pair.xu!.token, CASE, { i: { pairId: pair.xu!.id, kind: 'PRESCRIPTION_REVIEW', role: 'UNDER_GUIDANCE', performedOn: '2025-06-02', caseReference: 'RX-1' } });
    expect(ok.countyLogCase).toMatchObject({ kind: 'PRESCRIPTION_REVIEW', grade: null });
    const kinds = await h.ok(admin, `{ countyActivityKinds(field: "pharmacy") }`);
    expect(kinds.countyActivityKinds).toContain('DISPENSING');
  });

  it("refuses an apprentice logging in someone else's pair and a date in the future", async () => {
    const other = await h.gql(pair.chen!.token, CASE, { i: { pairId: pair.li!.id, kind: 'OPERATION', grade: 1, role: 'INDEPENDENT', performedOn: '2025-06-02', caseReference: 'ZY-2' } });
    expect(errorOf(other)?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
    const future = await h.gql(pair.li!.token, CASE, { i: { pairId: pair.li!.id, kind: 'OPERATION', grade: 1, role: 'INDEPENDENT', performedOn: '2025-07-02', caseReference: 'ZY-2' } });
    expect(errorOf(future)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'performedOn' });
  });

  it("a mentor cannot sign off another mentor's apprentice (FORBIDDEN, nothing signed); their own mentor can", async () => {
    const e = await h.ok(pair.li!.token, CASE, { i: { pairId: pair.li!.id, kind: 'OPERATION', grade: 3, role: 'UNDER_GUIDANCE', performedOn: '2025-06-10', caseReference: 'ZY-3' } });
    const id = e.countyLogCase.id;
    const SIGN = `mutation($ids: [ID!]!) { countySignOffCaseLogs(ids: $ids) { id signedOffAt signedOffBy { id } } }`;
    const theirs = await h.ok(pair.chen!.token, CASE, { i: { pairId: pair.chen!.id, kind: 'OPERATION', grade: 1, role: 'INDEPENDENT', performedOn: '2025-06-10', caseReference: 'ZY-4' } });
    const wrong = await h.gql(mentor.zhao!.token, SIGN, { ids: [theirs.countyLogCase.id, id] });
    expect(errorOf(wrong)?.extensions?.code).toBe('FORBIDDEN');
    const still = await h.ok(admin, `query($p: ID!) { countyCaseLog(filter: { pairId: $p, signedOff: true }) { totalCount } }`, { p: pair.chen!.id });
    expect(still.countyCaseLog.totalCount).toBe(0);
    const self = await h.gql(pair.li!.token, SIGN, { ids: [id] });
    expect(errorOf(self)?.extensions?.code).toBe('FORBIDDEN');
    const admins = await h.gql(admin, SIGN, { ids: [id] });
    expect(errorOf(admins)?.extensions?.code).toBe('FORBIDDEN');
    const ok = await h.ok(mentor.wang!.token, SIGN, { ids: [id] });
    expect(ok.countySignOffCaseLogs[0]).toMatchObject({ id, signedOffBy: { id: mentor.wang!.id } });
    expect(ok.countySignOffCaseLogs[0].signedOffAt).toBeTruthy();
  });
});

describe('growth, retention and the dashboard', () => {
  it('records conferences, new technologies and promotions as outcomes of the pairing', async () => {
    const G = `mutation($i: CountyGrowthInput!) { countyRecordGrowth(input: $i) { id category level } }`;
    const conf = await h.ok(pair.li!.token, G, { i: { pairId: pair.li!.id, kind: 'CONFERENCE', title: 'Guizhou surgical annual meeting', achievedOn: '2025-05-20', level: 'PROVINCE' } });
    expect(conf.countyRecordGrowth).toMatchObject({ category: 'conference', level: 'PROVINCE' });
    await h.ok(mentor.wang!.token, G, { i: { pairId: pair.li!.id, kind: 'NEW_TECHNOLOGY', title: 'Laparoscopic appendectomy', achievedOn: '2025-06-20' } });
    await h.ok(admin, G, { i: { pairId: pair.chen!.id, kind: 'PROMOTION_DEPARTMENT_BACKBONE', title: 'Backbone of general surgery', achievedOn: '2025-06-30' } });
    await h.ok(admin, G, { i: { pairId: pair.xu!.id, kind: 'PROMOTION_DEPARTMENT_HEAD', title: 'Head of pharmacy', achievedOn: '2025-06-30' } });
    const bad = await h.gql(admin, G, { i: { pairId: pair.xu!.id, kind: 'NEW_PROJECT', title: 'x', achievedOn: '2025-06-30', level: 'CITY' } });
    expect(errorOf(bad)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'level' });
    const growth = await h.ok(admin, `query($p: ID!) { countyPair(id: $p) { growth { category } } }`, { p: pair.li!.id });
    expect(growth.countyPair.growth.map((g: { category: string }) => g.category).sort()).toEqual(['conference', 'new_technology']);
    const R = `mutation($i: CountyRetentionInput!) { countyRecordRetention(input: $i) { stillServing } }`;
    await h.ok(admin, R, { i: { talentId: pair.li!.talentId, checkedOn: '2025-06-30', stillServing: true } });
    await h.ok(admin, R, { i: { talentId: pair.chen!.talentId, checkedOn: '2025-01-30', stillServing: true } });
    await h.ok(admin, R, { i: { talentId: pair.chen!.talentId, checkedOn: '2025-06-30', stillServing: false, note: 'Moved to Tongren city hospital' } });
  });

  it('dashboard totals equal the sum of the logs (random logs, logged through the API)', async () => {
    const entries = fc.sample(
      fc.record({
        who: fc.constantFrom('li', 'chen'),
        kind: fc.constantFrom('OPERATION', 'PROCEDURE'),
        grade: fc.integer({ min: 1, max: 4 }),
        role: fc.constantFrom('INDEPENDENT', 'UNDER_GUIDANCE', 'ASSISTING'),
        day: fc.integer({ min: 1, max: 28 }),
        sign: fc.boolean(),
      }),
      { numRuns: 60, seed: 4 },
    );
    const toSign: Record<string, string[]> = { li: [], chen: [] };
    for (const [i, e] of entries.entries()) {
      const r = await h.ok(pair[e.who]!.token, CASE, {
        i: { pairId: pair[e.who]!.id, kind: e.kind, grade: e.grade, role: e.role, performedOn: `2025-06-${String(e.day).padStart(2, '0')}`, caseReference: `ZY-R${i}` },
      });
      if (e.sign) toSign[e.who]!.push(r.countyLogCase.id);
    }
    for (const [who, m] of [['li', 'wang'], ['chen', 'zhao']] as const) {
      if (toSign[who]!.length) await h.ok(mentor[m]!.token, `mutation($ids: [ID!]!) { countySignOffCaseLogs(ids: $ids) { id } }`, { ids: toSign[who] });
    }

    // Every entry in the log, read back page by page, is the reference.
    const all: { kind: string; grade: number | null; role: string; signedOffAt: string | null; pair: { id: string } }[] = [];
    let after: string | null = null;
    do {
      const page: any = await h.ok(admin, `query($a: String) { countyCaseLog(first: 50, after: $a) { nodes { kind grade role signedOffAt pair { id } } pageInfo { hasNextPage endCursor } } }`, { a: after });
      all.push(...page.countyCaseLog.nodes);
      after = page.countyCaseLog.pageInfo.hasNextPage ? page.countyCaseLog.pageInfo.endCursor : null;
    } while (after);
    expect(all.length).toBe(entries.length + 3); // + the three logged in the case-log tests

    const d = (
      await h.ok(
        admin,
        `query($r: ID) { countyDashboard(roundId: $r) { trainees mentors traineesByField { field count } casesByGradeAndRole { kind grade role count signedOff } casesByKind { kind count signedOff }
          independentGrade1And2Operations guidedGrade3Operations conferences conferencesByLevel { level count } newTechnologies departmentHeads departmentBackbones retention { checked stillServing rate } } }`,
        { r: roundId },
      )
    ).countyDashboard;

    const graded = all.filter((e) => e.grade != null);
    for (const row of d.casesByGradeAndRole) {
      const same = graded.filter((e) => e.kind === row.kind && e.grade === row.grade && e.role === row.role);
      expect(row.count).toBe(same.length);
      expect(row.signedOff).toBe(same.filter((e) => e.signedOffAt).length);
    }
    expect(d.casesByGradeAndRole.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(graded.length);
    expect(d.casesByKind.reduce((s: number, r: { count: number }) => s + r.count, 0)).toBe(all.length);
    expect(d.independentGrade1And2Operations).toBe(all.filter((e) => e.kind === 'OPERATION' && e.role === 'INDEPENDENT' && (e.grade === 1 || e.grade === 2)).length);
    expect(d.guidedGrade3Operations).toBe(all.filter((e) => e.kind === 'OPERATION' && e.role === 'UNDER_GUIDANCE' && e.grade === 3).length);

    // Per apprentice, the totals add up to the dashboard's.
    let sum = 0;
    for (const who of ['li', 'chen', 'xu']) {
      const t = await h.ok(admin, `query($t: ID) { countyCaseTotals(filter: { talentId: $t }) { total signedOff byGrade { grade total independent underGuidance assisting } } }`, { t: pair[who]!.talentId });
      const mine = all.filter((e) => e.pair.id === pair[who]!.id);
      expect(t.countyCaseTotals.total).toBe(mine.length);
      for (const g of t.countyCaseTotals.byGrade) {
        expect(g.total).toBe(mine.filter((e) => e.grade === g.grade).length);
        expect(g.independent + g.underGuidance + g.assisting).toBe(g.total);
      }
      sum += t.countyCaseTotals.total;
    }
    expect(sum).toBe(all.length);

    expect(d).toMatchObject({
      trainees: 3,
      mentors: 3,
      conferences: 1,
      conferencesByLevel: [{ level: 'PROVINCE', count: 1 }],
      newTechnologies: 1,
      departmentHeads: 1,
      departmentBackbones: 1,
      retention: { checked: 2, stillServing: 1, rate: 0.5 },
    });
    expect(d.traineesByField).toEqual([
      { field: 'WESTERN_MEDICINE', count: 2 },
      { field: 'PHARMACY', count: 1 },
    ]);
  });

  it('is not for apprentices', async () => {
    const r = await h.gql(pair.li!.token, `{ countyDashboard { trainees } }`);
    expect(errorOf(r)?.extensions?.code).toBe('FORBIDDEN');
  });
});
