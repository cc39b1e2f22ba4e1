import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireJobId } from '../../src/jobs/job-system.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createHost, createTalent, createUnit } from '../support/fixtures.js';
import { eventually } from '../support/webhook-receiver.js';
import { expectError } from '../kit/index.js';

/**
 * Outcome evaluation through the API on the real database: baselines at the decision (selected
 * and not), follow-ups owed by the unit with their reminders, and a comparison whose answer is
 * computed by hand below — including a paper that predates the stay and a cell under k.
 */
let h: Harness;
let admin: string;
let unit: string;
let coord: string;
let host: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'evaluated-'));
  writeFileSync(join(dir, 'evaluated.yaml'), `key: evaluated\nname: Evaluated\nlevel: city\nplugins:\n  sample-scheme: {}\nevaluation:\n  followUpMonths: [12, 6]\n  minCellSize: 3\n  bootstrapResamples: 500\n`);
  h = await startHarness({ tenantsDirs: [dir], workers: true });
  h.app.clock.set('2025-01-15T02:00:00Z');
  admin = await h.token('evaluated', 'commission-admin');
  unit = await createUnit(h, admin, 'Evaluated Hospital');
  coord = await h.token('evaluated', 'unit-coordinator', { unitId: unit });
  host = await createHost(h, admin, 'Evaluated Host');
});
afterAll(async () => {
  await h?.close();
});

async function programme(code: string): Promise<string> {
  const r = await h.ok(admin, `mutation($i: ProgrammeInput!) { createProgramme(input: $i) { id } }`, {
    i: { scheme: 'sample-scheme', code, name: `Programme ${code}`, year: 2025, referenceDate: '2025-01-01', tracks: [{ code: 'clinical', name: 'Clinical' }, { code: 'research', name: 'Research' }] },
  });
  await h.ok(admin, `mutation($id: ID!) { setProgrammeStatus(id: $id, status: OPEN) { id } }`, { id: r.createProgramme.id });
  return r.createProgramme.id;
}

async function apply(p: string, name: string, track: string) {
  const t = await createTalent(h, admin, unit, { name });
  const a = await h.ok(admin, `mutation($p: ID!, $t: ID!, $k: String) { submitApplication(input: { programmeId: $p, talentId: $t, track: $k }) { id status } }`, { p, t, k: track });
  expect(a.submitApplication.status).toBe('ELIGIBLE');
  return { talentId: t as string, applicationId: a.submitApplication.id as string };
}

const decide = (id: string, status: 'SELECTED' | 'REJECTED') => h.ok(admin, `mutation($id: ID!, $s: ApplicationStatus!) { decideApplication(id: $id, status: $s, note: "committee") { id } }`, { id, s: status });

async function placeAndReturn(applicationId: string) {
  const p = await h.ok(admin, `mutation($a: ID!, $h: ID!) { createPlacement(input: { applicationId: $a, hostInstitutionId: $h, plannedStart: "2025-03-01", plannedEnd: "2025-05-31" }) { id } }`, { a: applicationId, h: host });
  const id = p.createPlacement.id as string;
  await h.ok(admin, `mutation($id: ID!) { updatePlacementDates(id: $id, dates: { actualStart: "2025-03-01", actualEnd: "2025-05-31" }) { status } }`, { id });
  return id;
}

async function paper(talentId: string, achievedOn: string, opts: { placementId?: string; verify?: boolean } = {}) {
  const r = await h.ok(admin, `mutation($i: ResearchOutputInput!) { recordResearchOutput(input: $i) { id } }`, {
    i: { talentId, placementId: opts.placementId ?? null, kind: 'PAPER', title: `Paper ${achievedOn}`, achievedOn, paper: { journal: 'J', authorRole: 'FIRST' } },
  });
  if (opts.verify) await h.ok(coord, `mutation($id: ID!) { verifyResearchOutput(id: $id) { verified } }`, { id: r.recordResearchOutput.id });
}

const COMPARE = `query($p: ID, $s: String, $by: ComparisonLevel, $v: Boolean) { outcomeComparison(programmeId: $p, scheme: $s, by: $by, verifiedOnly: $v) {
  asOf followUpMonths minCellSize counted groups { programmeCode track selected notSelected design
  cells { months indicator trainees { n total mean baselineMean } comparison { n total mean baselineMean } difference interval { low high } belowMinimum } } } }`;

const cell = (g: any, months: number, indicator: string) => g.cells.find((c: any) => c.months === months && c.indicator === indicator);

describe('outcome evaluation', () => {
  let P: string;
  const people: Record<string, { talentId: string; applicationId: string; placementId?: string }> = {};

  it('records a baseline at the decision for the selected and the not selected alike', async () => {
    P = await programme('EV-1');
    for (const [name, track] of [['T1', 'clinical'], ['T2', 'clinical'], ['T3', 'clinical'], ['T4', 'research'], ['C1', 'clinical'], ['C2', 'clinical'], ['C3', 'clinical'], ['C4', 'research']] as const) {
      people[name] = await apply(P, name, track);
    }
    await paper(people.T1!.talentId, '2024-06-01'); // before the decision: in T1's baseline
    for (const n of ['T1', 'T2', 'T3', 'T4']) await decide(people[n]!.applicationId, 'SELECTED');
    for (const n of ['C1', 'C2', 'C3', 'C4']) await decide(people[n]!.applicationId, 'REJECTED');
    const snaps = (await h.ok(admin, `query($p: ID) { evaluationSnapshots(programmeId: $p) { kind months selected recordedOn titleGrade papers outputs talent { name } } }`, { p: P })).evaluationSnapshots;
    expect(snaps).toHaveLength(8);
    const byName = Object.fromEntries(snaps.map((s: any) => [s.talent.name, s]));
    expect(byName.T1).toMatchObject({ kind: 'BASELINE', months: 0, selected: true, recordedOn: '2025-01-15', titleGrade: 'INTERMEDIATE', papers: 1, outputs: 1 });
    expect(byName.C1).toMatchObject({ kind: 'BASELINE', selected: false, papers: 0 });
    // a second decision (withdrawn after selection) records nothing more
    expect(snaps.filter((s: any) => s.talent.name === 'T1')).toHaveLength(1);
  });

  it('a returned placement owes follow-ups at the configured months, reminded to the unit and escalated', async () => {
    for (const n of ['T1', 'T2', 'T3', 'T4']) people[n]!.placementId = await placeAndReturn(people[n]!.applicationId);
    const r = await h.ok(admin, `query($id: ID!) { reports(filter: { placementId: $id, kind: "evaluation.follow_up" }) { nodes { id sequence dueOn status reminders { id audience offsetDays fireAt } } } }`, { id: people.T1!.placementId });
    const reports = r.reports.nodes.sort((a: any, b: any) => a.sequence - b.sequence);
    expect(reports.map((x: any) => [x.sequence, x.dueOn, x.status])).toEqual([[6, '2025-11-30', 'DUE'], [12, '2026-05-31', 'DUE']]);
    expect(reports[0].reminders.map((x: any) => [x.audience, x.offsetDays, x.fireAt])).toEqual([
      ['UNIT', -14, '2025-11-16T01:00:00.000Z'],
      ['UNIT', -7, '2025-11-23T01:00:00.000Z'],
      ['UNIT', -1, '2025-11-29T01:00:00.000Z'],
      ['UNIT', 0, '2025-11-30T01:00:00.000Z'],
      ['UNIT', 1, '2025-12-01T01:00:00.000Z'],
      ['COMMISSION', 7, '2025-12-07T01:00:00.000Z'],
    ]);
    // The worker fires the heads-up at its instant: the unit's inbox, naming whose follow-up.
    const weekBefore = reports[0].reminders.find((x: any) => x.offsetDays === -7);
    h.app.clock.set(weekBefore.fireAt);
    const job = await h.app.jobs.queues.reminders.getJob(fireJobId('evaluated', new Date(weekBefore.fireAt)));
    expect(await job!.getState()).toBe('delayed');
    await job!.promote();
    const inbox = await eventually(
      () => h.ok(coord, `{ inbox { nodes { titleEn titleZh report { id } } } }`),
      (d) => d.inbox.nodes.some((n: any) => n.report.id === reports[0].id),
    );
    // Each language its half of the title (no English in the Chinese message).
    expect(inbox.inbox.nodes.find((n: any) => n.report.id === reports[0].id)).toMatchObject({ titleEn: `Reminder: T1's "Follow-up 6 months after return"`, titleZh: '到期提醒：T1的《回国（返岗）后6个月随访》' });
    // The unit owes it, not the talent: nothing about it in the talent's inbox (the batch that sent it
    // may also have sent the talent's own reminders due by this instant).
    const talentToken = await h.token('evaluated', 'talent', { talentId: people.T1!.talentId, unitId: unit });
    expect((await h.ok(talentToken, `{ inbox { nodes { report { id } } } }`)).inbox.nodes.filter((n: any) => n.report.id === reports[0].id)).toEqual([]);
    // Overdue: the escalations fire a day and a week late.
    h.app.clock.set('2025-12-07T02:00:00Z');
    for (const x of reports[0].reminders.filter((y: any) => y.offsetDays > 0)) expect(await h.app.jobs.deliver('evaluated', x.id)).toBe('sent');
    const commission = await h.ok(admin, `{ inbox { nodes { titleEn report { id } } } }`);
    expect(commission.inbox.nodes.filter((n: any) => n.report.id === reports[0].id).map((n: any) => n.titleEn)).toEqual([`Overdue: T1's "Follow-up 6 months after return" is 7 days late`]);
  });

  it('the unit files a follow-up once: title and post now, output counted as of the due day', async () => {
    h.app.clock.set('2025-12-10T02:00:00Z');
    await expectError(h.gql(coord, `mutation { fileFollowUp(input: { placementId: "${people.T1!.placementId}", months: 12 }) { id } }`), 'INVALID_STATE', 'months');
    await expectError(h.gql(coord, `mutation { fileFollowUp(input: { placementId: "${people.T1!.placementId}", months: 9 }) { id } }`), 'BAD_USER_INPUT', 'months');
    const f = await h.ok(coord, `mutation($p: ID!) { fileFollowUp(input: { placementId: $p, months: 6, titleGrade: ASSOCIATE_SENIOR, post: HEAD }) { kind months titleGrade post recordedOn } }`, { p: people.T1!.placementId });
    expect(f.fileFollowUp).toEqual({ kind: 'FOLLOW_UP', months: 6, titleGrade: 'ASSOCIATE_SENIOR', post: 'HEAD', recordedOn: '2025-11-30' });
    await expectError(h.gql(coord, `mutation { fileFollowUp(input: { placementId: "${people.T1!.placementId}", months: 6 }) { id } }`), 'INVALID_STATE', 'months');
    const other = await createUnit(h, admin, 'Another Hospital');
    const stranger = await h.token('evaluated', 'unit-coordinator', { unitId: other });
    await expectError(h.gql(stranger, `mutation { fileFollowUp(input: { placementId: "${people.T2!.placementId}", months: 6 }) { id } }`), 'NOT_FOUND');
  });

  it('compares trainees with those not selected, by hand', async () => {
    const { T1, T2, T4, C1, C4 } = people as Required<typeof people>;
    await paper(T1.talentId, '2025-06-15');
    await paper(T1.talentId, '2025-09-01', { verify: true });
    await paper(T2.talentId, '2025-02-01', { placementId: T2.placementId }); // attributed to the stay, but written before it: not its fruit
    await paper(T2.talentId, '2025-07-01');
    await paper(T4.talentId, '2025-08-01');
    await paper(C1.talentId, '2025-08-01');
    await paper(C4.talentId, '2025-10-01');
    await paper(C4.talentId, '2025-10-02');
    await paper(C4.talentId, '2025-12-05'); // after the 6-month window (the median stay ends 2025-05-31, + 6 months = 2025-11-30)
    // By hand, 6 months after return, papers per person in the window:
    //   trainees T1 2, T2 1 (the 2025-02-01 paper predates the stay), T3 0, T4 1 → n 4, total 4, mean 1
    //   not selected C1 1, C2 0, C3 0, C4 2 → n 4, total 3, mean 0.75; difference 0.25
    //   baseline papers: trainees 1/4 = 0.25 (T1's 2024 paper), not selected 0
    const r = (await h.ok(admin, COMPARE, { p: P, by: 'PROGRAMME' })).outcomeComparison;
    expect(r).toMatchObject({ asOf: '2025-12-10', followUpMonths: [6, 12], minCellSize: 3, counted: 'REPORTED' });
    expect(r.groups).toHaveLength(1);
    const g = r.groups[0];
    expect(g).toMatchObject({ programmeCode: 'EV-1', track: null, selected: 4, notSelected: 4, design: 'NOT_SELECTED' });
    const papers = cell(g, 6, 'PAPERS');
    expect(papers).toMatchObject({ trainees: { n: 4, total: 4, mean: 1, baselineMean: 0.25 }, comparison: { n: 4, total: 3, mean: 0.75, baselineMean: 0 }, difference: 0.25, belowMinimum: false });
    expect(papers.interval.low).toBeLessThanOrEqual(papers.interval.high);
    expect(papers.interval.low).toBeLessThan(0.25 + 1e-9);
    expect(papers.interval.high).toBeGreaterThan(0.25 - 1e-9);
    // Title steps: T1's follow-up (intermediate → associate senior) is the only one filed; the not selected stand as recorded.
    expect(cell(g, 6, 'TITLE_STEPS')).toMatchObject({ trainees: { n: 1, total: 1, mean: 1 }, comparison: { n: 4, total: 0, mean: 0 }, difference: 1, belowMinimum: true });
    expect(cell(g, 6, 'POST_STEPS')).toMatchObject({ trainees: { n: 0 }, belowMinimum: true }); // nobody's post was known at the baseline
    // The 12-month windows are still open: no one is compared yet.
    expect(cell(g, 12, 'PAPERS')).toMatchObject({ trainees: { n: 0 }, comparison: { n: 0 }, difference: null, interval: null, belowMinimum: true });
    // Seeded: the same question gives the same interval.
    const again = (await h.ok(admin, COMPARE, { p: P, by: 'PROGRAMME' })).outcomeComparison;
    expect(cell(again.groups[0], 6, 'PAPERS').interval).toEqual(papers.interval);

    // By track: the research track has one person a side — under k, marked and still shown.
    const byTrack = (await h.ok(admin, COMPARE, { p: P, by: 'TRACK' })).outcomeComparison.groups;
    expect(byTrack.map((x: any) => [x.track, x.selected, x.notSelected])).toEqual([['clinical', 3, 3], ['research', 1, 1]]);
    expect(cell(byTrack[1], 6, 'PAPERS')).toMatchObject({ trainees: { n: 1, mean: 1 }, comparison: { n: 1, mean: 2 }, difference: -1, interval: null, belowMinimum: true });
    // clinical: trainees 2,1,0 → 1; not selected 1,0,0 → 1/3
    expect(cell(byTrack[0], 6, 'PAPERS')).toMatchObject({ trainees: { n: 3, total: 3, mean: 1 }, comparison: { n: 3, total: 1, mean: 0.3333 }, difference: 0.6667, belowMinimum: false });

    // Only what the unit verified: T1's 2025-09-01 paper → trainees 1/4, not selected 0.
    const verified = (await h.ok(admin, COMPARE, { p: P, by: 'PROGRAMME', v: true })).outcomeComparison;
    expect(verified.counted).toBe('VERIFIED');
    expect(cell(verified.groups[0], 6, 'PAPERS')).toMatchObject({ trainees: { total: 1, mean: 0.25 }, comparison: { total: 0, mean: 0 }, difference: 0.25 });

    // A unit coordinator compares its own people; another unit's sees none of them.
    const other = await createUnit(h, admin, 'Third Hospital');
    const stranger = await h.token('evaluated', 'unit-coordinator', { unitId: other });
    expect((await h.ok(coord, COMPARE, { p: P })).outcomeComparison.groups[0].selected).toBe(4);
    expect((await h.ok(stranger, COMPARE, { p: P })).outcomeComparison.groups).toEqual([]);
  });

  it('where nobody was turned down, compares the trainees with their own equal window before', async () => {
    h.app.clock.set('2025-01-15T02:00:00Z');
    const P2 = await programme('EV-2');
    const a = await apply(P2, 'S1', 'clinical');
    const b = await apply(P2, 'S2', 'clinical');
    for (const x of [a, b]) await decide(x.applicationId, 'SELECTED');
    for (const x of [a, b]) await placeAndReturn(x.applicationId);
    // the 6-month window runs 2025-03-01..2025-11-30 (275 days); the one before 2024-05-30..2025-02-28
    await paper(a.talentId, '2024-10-01');
    await paper(a.talentId, '2025-07-01');
    await paper(b.talentId, '2025-04-01');
    await paper(b.talentId, '2025-11-30');
    await paper(b.talentId, '2024-05-29'); // a day before the window before
    h.app.clock.set('2025-12-10T02:00:00Z');
    const g = (await h.ok(admin, COMPARE, { s: 'sample-scheme', by: 'PROGRAMME' })).outcomeComparison.groups.find((x: any) => x.programmeCode === 'EV-2');
    expect(g).toMatchObject({ selected: 2, notSelected: 0, design: 'OWN_BEFORE' });
    // S1: after 1, before 1; S2: after 2, before 0 → after mean 1.5, before 0.5, paired mean 1
    expect(cell(g, 6, 'PAPERS')).toMatchObject({ trainees: { n: 2, total: 3, mean: 1.5 }, comparison: { n: 2, total: 1, mean: 0.5 }, difference: 1, belowMinimum: true });
  });

  it('returnees rate their host once after return; the host table judges hosts by what they produce, raters never shown', async () => {
    const RATE = `mutation($i: RateHostInput!) { rateHost(input: $i) { teaching practiceAccess support wouldRecommend ratedOn } }`;
    const as = (n: string) => h.token('evaluated', 'talent', { talentId: people[n]!.talentId, unitId: unit });
    const i = (n: string, t: number, p: number, s: number, w: boolean) => ({ i: { placementId: people[n]!.placementId, teaching: t, practiceAccess: p, support: s, wouldRecommend: w } });
    await expectError(h.gql(await as('T1'), RATE, i('T1', 6, 3, 3, true)), 'BAD_USER_INPUT', 'teaching');
    await expectError(h.gql(admin, RATE, i('T1', 5, 3, 3, true)), 'FORBIDDEN');
    await expectError(h.gql(await as('T2'), RATE, i('T1', 5, 3, 3, true)), 'NOT_FOUND'); // another talent's stay is not even visible
    expect((await h.ok(await as('T1'), RATE, i('T1', 5, 3, 4, true))).rateHost).toMatchObject({ teaching: 5, practiceAccess: 3, support: 4, wouldRecommend: true });
    await expectError(h.gql(await as('T1'), RATE, i('T1', 4, 4, 4, true)), 'CONFLICT', 'placementId');
    const TABLE = `{ hostTable(scheme: "sample-scheme") { hostName placements completed completionRate ratings ratingsWithheld teaching practiceAccess support wouldRecommend outcomesPerReturnee researchOutputsPerReturnee } }`;
    // One rating is fewer than k = 3 raters: averages withheld, so the host cannot tell whose it is.
    expect((await h.ok(admin, TABLE)).hostTable).toEqual([
      // stays: T1–T4 (EV-1) and S1, S2 (EV-2), all back; output from the first day away to 12 months after return:
      // T1 2, T2 1 (not the paper before the stay), T3 0, T4 1, S1 1, S2 2 → 7 / 6 = 1.17
      { hostName: 'Evaluated Host', placements: 6, completed: 6, completionRate: 1, ratings: 1, ratingsWithheld: true, teaching: null, practiceAccess: null, support: null, wouldRecommend: null, outcomesPerReturnee: 0, researchOutputsPerReturnee: 1.17 },
    ]);
    await h.ok(await as('T2'), RATE, i('T2', 4, 2, 4, false));
    await h.ok(await as('T3'), RATE, i('T3', 3, 4, 5, true));
    // By hand: teaching (5+4+3)/3 = 4, practice (3+2+4)/3 = 3, support (4+4+5)/3 = 4.33, recommend 2/3 = 0.67
    expect((await h.ok(admin, TABLE)).hostTable[0]).toMatchObject({ ratings: 3, ratingsWithheld: false, teaching: 4, practiceAccess: 3, support: 4.33, wouldRecommend: 0.67 });
    // The unit sees its own people's ratings, never who gave them (the type has no such field); another unit sees none.
    expect((await h.ok(coord, `{ hostRatings { teaching } }`)).hostRatings).toHaveLength(3);
    await expectError(h.gql(coord, `{ hostRatings { talent { name } } }`), 'GRAPHQL_VALIDATION_FAILED');
    const other = await createUnit(h, admin, 'Fourth Hospital');
    expect((await h.ok(await h.token('evaluated', 'unit-coordinator', { unitId: other }), `{ hostRatings { teaching } }`)).hostRatings).toEqual([]);
  });

  it('refuses a question without a scheme or programme, and a scheme not enabled here', async () => {
    await expectError(h.gql(admin, `{ outcomeComparison { asOf } }`), 'BAD_USER_INPUT', 'scheme');
    await expectError(h.gql(admin, `{ outcomeComparison(scheme: "wenzhou-overseas") { asOf } }`), 'BAD_USER_INPUT', 'scheme');
    const talentToken = await h.token('evaluated', 'talent', { talentId: people.T1!.talentId, unitId: unit });
    await expectError(h.gql(talentToken, `{ outcomeComparison(scheme: "sample-scheme") { asOf } }`), 'FORBIDDEN');
  });
});
