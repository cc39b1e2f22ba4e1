/** Unit and property tests of the plugin's pure rules (no database). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, PlacementStatus } from '../../../src/index.js';
import { TrackSchema, WenzhouConfig } from '../config.js';
import { eligibility } from '../rules/eligibility.js';
import { withWaivers } from '../../../src/index.js';
import { claimableFen, claimedFen, recoverableFen, resolveShares, splitCost } from '../rules/money.js';
import { rankTrack } from '../rules/ranking.js';
import { checkInPeriod, checkInsDue, reportDueDates } from '../rules/reports.js';
import { agreementClauses, clawbackClause, guaranteesMissed } from '../rules/agreement.js';
import { WenzhouClawbackReason } from '../entities/enums.js';
import { durationWarnings, nextCheckInDue, overlaps, unapprovedExtensionDays, uncoveredDays } from '../rules/stay.js';

const config = WenzhouConfig.parse({});
/** What the unit attested: a clinical teacher leading a team known across the province. */
const profile = { clinicalTeaching: true, educationManagement: false, leadsTeam: true, influence: 'provincial' } as const;
const talent = {
  birthDate: '1975-06-15',
  profession: 'doctor',
  titleGrade: 'associate_senior',
  highestDegree: 'master',
  talentProgrammes: [] as string[],
  adminExperienceMonths: 0,
  englishSelfDeclared: 'good',
  englishAssessed: null,
  adverseIncidentPrimaryResponsibility: false,
} as any;

describe('configuration', () => {
  it("parsing {} gives the plan's values", () => {
    expect(config.costShares).toEqual({ foundation: 50, unit: 40, individual: 10 });
    expect(config.fiveYearTarget).toBe(100);
    expect(config.countries).toEqual(['US', 'GB', 'DE', 'FR', 'IT', 'ES', 'HU', 'NL', 'JP', 'CA', 'SG']);
    expect(Object.fromEntries(Object.entries(config.tracks).map(([k, t]) => [k, t.ageCap]))).toEqual({ leading_talent: 55, clinical_backbone: 50, medical_innovation: 50, teaching: 50, health_management: 50 });
  });
  it('a track can be changed in part; shares must add up to 100', () => {
    expect(WenzhouConfig.parse({ tracks: { teaching: { quota: 7 } } }).tracks.teaching).toMatchObject({ quota: 7, ageCap: 50 });
    const bad = WenzhouConfig.safeParse({ costShares: { foundation: 50, unit: 40, individual: 20 } });
    expect(bad.success).toBe(false);
  });
});

describe('eligibility', () => {
  const on = '2025-07-01';
  it.each([
    ['1969-07-02', true], // turns 56 the day after: still 55
    ['1969-07-01', false], // turns 56 on the reference date
    ['1969-06-30', false],
  ])('leading talent born %s, judged on 2025-07-01 → eligible: %s', (birthDate, ok) => {
    const v = eligibility({ profile, talent: { ...talent, birthDate }, track: 'leading_talent', config, onDate: on });
    expect(v.eligible).toBe(ok);
    if (!ok) expect(v.reasons).toEqual([expect.objectContaining({ code: 'AGE_OVER_CAP', waivable: true })]);
  });
  it('management needs 36 months of administration; English relaxed to basic', () => {
    const base = { ...talent, englishSelfDeclared: 'basic' };
    expect(eligibility({ profile, talent: { ...base, adminExperienceMonths: 35 }, track: 'health_management', config, onDate: on }).reasons.map((r) => r.code)).toEqual(['ADMIN_EXPERIENCE_TOO_SHORT']);
    expect(eligibility({ profile, talent: { ...base, adminExperienceMonths: 36 }, track: 'health_management', config, onDate: on }).eligible).toBe(true);
    expect(eligibility({ profile, talent: base, track: 'teaching', config, onDate: on }).reasons.map((r) => r.code)).toEqual(['ENGLISH_INSUFFICIENT']);
  });
  it('the assessed English level, once there is one, counts instead of the declaration', () => {
    expect(eligibility({ profile, talent: { ...talent, englishSelfDeclared: 'fluent', englishAssessed: 'basic' }, track: 'teaching', config, onDate: on }).eligible).toBe(false);
    expect(eligibility({ profile, talent: { ...talent, englishSelfDeclared: 'none', englishAssessed: 'working' }, track: 'teaching', config, onDate: on }).eligible).toBe(true);
  });
  it('an unknown track is a reason, not a crash', () => {
    expect(eligibility({ talent, track: 'dentistry', config, onDate: on }).reasons[0]!.code).toBe('UNKNOWN_TRACK');
  });
  it('uses the configuration it is given (a later year may change a cap)', () => {
    const c2 = WenzhouConfig.parse({ tracks: { leading_talent: { ageCap: 57 } } });
    expect(eligibility({ profile, talent: { ...talent, birthDate: '1969-01-01' }, track: 'leading_talent', config: c2, onDate: on }).eligible).toBe(true);
  });
  it('waivers clear only waivable reasons', () => {
    const v = { reasons: [{ code: 'AGE_OVER_CAP', waivable: true }, { code: 'ADVERSE_INCIDENT_PRIMARY_RESPONSIBILITY' }] };
    expect(withWaivers(v, ['AGE_OVER_CAP', 'ADVERSE_INCIDENT_PRIMARY_RESPONSIBILITY'])).toEqual({ eligible: false, outstanding: ['ADVERSE_INCIDENT_PRIMARY_RESPONSIBILITY'] });
    expect(withWaivers({ reasons: [{ code: 'AGE_OVER_CAP', waivable: true }] }, ['AGE_OVER_CAP']).eligible).toBe(true);
  });
});

describe('cost split', () => {
  it('an amount that does not divide evenly: largest remainders get the spare fen', () => {
    expect(splitCost(1, config.costShares)).toEqual({ foundationFen: 1, unitFen: 0, individualFen: 0 });
    expect(splitCost(7, config.costShares)).toEqual({ foundationFen: 3, unitFen: 3, individualFen: 1 }); // 3.5 / 2.8 / 0.7: spare fen to .8 and .7
    expect(splitCost(12_345, config.costShares)).toEqual({ foundationFen: 6173, unitFen: 4938, individualFen: 1234 }); // 6172.5 / 4938 / 1234.5
    expect(splitCost(100_001, { foundation: 33, unit: 33, individual: 34 })).toEqual({ foundationFen: 33_000, unitFen: 33_000, individualFen: 34_001 });
  });
  it('property: the shares always add up to the whole, and each is within one fen of its exact share', () => {
    const shares = fc
      .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
      .filter(([a, b]) => a + b <= 100)
      .map(([a, b]) => ({ foundation: a, unit: b, individual: 100 - a - b }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), shares, (amount, s) => {
        const r = splitCost(amount, s);
        expect(r.foundationFen + r.unitFen + r.individualFen).toBe(amount);
        for (const [fen, pct] of [[r.foundationFen, s.foundation], [r.unitFen, s.unit], [r.individualFen, s.individual]] as const) {
          expect(Number.isInteger(fen)).toBe(true);
          expect(Math.abs(fen - (amount * pct) / 100)).toBeLessThan(1);
        }
      }),
    );
  });
  it('refuses a negative or fractional amount', () => {
    expect(() => splitCost(-1, config.costShares)).toThrow(RangeError);
    expect(() => splitCost(1.5, config.costShares)).toThrow(RangeError);
  });
  it('shares per year and track: year+track beats track beats year beats the default', () => {
    const c = WenzhouConfig.parse({
      costShareOverrides: [
        { year: 2026, shares: { foundation: 40, unit: 50, individual: 10 } },
        { track: 'teaching', shares: { foundation: 60, unit: 35, individual: 5 } },
        { year: 2026, track: 'teaching', shares: { foundation: 70, unit: 30, individual: 0 } },
      ],
    });
    expect(resolveShares(c, 2025, 'clinical_backbone')).toEqual({ foundation: 50, unit: 40, individual: 10 });
    expect(resolveShares(c, 2026, 'clinical_backbone')).toEqual({ foundation: 40, unit: 50, individual: 10 });
    expect(resolveShares(c, 2025, 'teaching')).toEqual({ foundation: 60, unit: 35, individual: 5 });
    expect(resolveShares(c, 2026, 'teaching')).toEqual({ foundation: 70, unit: 30, individual: 0 });
  });
  it('what can be clawed back is the foundation’s and the unit’s shares', () => {
    expect(recoverableFen([splitCost(10_000, config.costShares), splitCost(7, config.costShares)])).toBe(9000 + 6);
  });
});

describe('ranking', () => {
  const sheet = (n: number) => ({ businessAbility: n, clinicalLevel: n, languageResult: n, socialEvaluation: n });
  it('weights, bonus, quota, and those with too few scores left out', () => {
    const r = rankTrack(
      [
        { id: 'a', registeredAt: '1', priorityGroups: [], scores: [sheet(90), sheet(80), sheet(70)] },
        { id: 'b', registeredAt: '2', priorityGroups: ['rising_star'], scores: [sheet(78), sheet(78), sheet(78)] },
        { id: 'c', registeredAt: '3', priorityGroups: [], scores: [sheet(99)] },
        { id: 'd', registeredAt: '0', priorityGroups: [], scores: [sheet(60), sheet(60), sheet(60)] },
      ],
      1,
      config,
    );
    expect(r.ranked.map((x) => [x.id, x.total, x.withinQuota])).toEqual([['b', 83, true], ['a', 80, false], ['d', 60, false]]);
    expect(r.notReady).toEqual(['c']);
  });
  it('property: ranks are 1..n and exactly min(quota, n) are within quota', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 30 }), fc.integer({ min: 0, max: 40 }), (scores, quota) => {
        const r = rankTrack(scores.map((s, i) => ({ id: `c${i}`, registeredAt: String(i), priorityGroups: [], scores: [sheet(s), sheet(s), sheet(s)] })), quota, config);
        expect(r.ranked.map((x) => x.rank)).toEqual(scores.map((_, i) => i + 1));
        expect(r.ranked.filter((x) => x.withinQuota)).toHaveLength(Math.min(quota, scores.length));
        for (let i = 1; i < r.ranked.length; i++) expect(r.ranked[i - 1]!.total).toBeGreaterThanOrEqual(r.ranked[i]!.total);
      }),
    );
  });
});

describe('summary report due date', () => {
  const p = { status: PlacementStatus.COMPLETED, plannedEnd: '2025-10-31', actualStart: '2025-09-01', actualEnd: '2025-11-15' };
  it('is one calendar month after the ACTUAL end, else the planned end', () => {
    expect(reportDueDates(p, config).filter((r) => r.kind === 'summary')).toEqual([expect.objectContaining({ kind: 'summary', sequence: 1, dueOn: '2025-12-15' })]);
    expect(reportDueDates({ ...p, status: PlacementStatus.ACTIVE, actualEnd: null }, config)[0]!.dueOn).toBe('2025-11-30');
    expect(reportDueDates({ ...p, actualEnd: '2026-01-31' }, config)[0]!.dueOn).toBe('2026-02-28');
  });
  it('no report for a placement withdrawn before departure', () => {
    expect(reportDueDates({ ...p, status: PlacementStatus.WITHDRAWN, actualStart: null, actualEnd: null }, config)).toEqual([]);
  });
  it('property: due = addMonths(end, 1), never before the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (k) => {
        const end = addDays('2025-01-01', k);
        const due = reportDueDates({ ...p, actualEnd: end }, config)[0]!.dueOn;
        expect(due).toBe(addMonths(end, 1));
        expect(due > end).toBe(true);
      }),
    );
  });
});

describe('the stay', () => {
  it('finds the days the daily study plan misses', () => {
    expect(uncoveredDays([{ fromDay: '2025-09-01', toDay: '2025-09-03' }, { fromDay: '2025-09-05', toDay: '2025-09-07' }], '2025-09-01', '2025-09-07')).toEqual(['2025-09-04']);
    expect(uncoveredDays([{ fromDay: '2025-08-25', toDay: '2025-09-30' }], '2025-09-01', '2025-09-07')).toEqual([]);
  });
  it('warns (does not refuse) outside the typical duration', () => {
    expect(durationWarnings('2025-09-01', '2025-09-14', config.tracks.teaching)).toEqual([]);
    expect(durationWarnings('2025-09-01', '2025-11-30', config.tracks.teaching)[0]).toMatch(/^DURATION_LONGER_THAN_TYPICAL/);
    expect(durationWarnings('2025-09-01', '2025-09-03', config.tracks.health_management)[0]).toMatch(/^DURATION_SHORTER_THAN_TYPICAL/);
  });
  it('check-ins every N days; days past the approved end', () => {
    expect(nextCheckInDue('2025-09-01', [], 7)).toBe('2025-09-08');
    expect(nextCheckInDue('2025-09-01', [1, 2], 7)).toBe('2025-09-22');
    expect(nextCheckInDue('2025-09-01', [2], 7)).toBe('2025-09-08'); // period 1 was missed: it is still the next one owed
    expect(overlaps('2025-09-01', '2025-09-30', '2025-09-30', '2025-10-15')).toBe(true);
    expect(overlaps('2025-09-01', '2025-09-30', '2025-10-01', '2025-10-15')).toBe(false);
    expect(unapprovedExtensionDays('2025-10-31', '2025-10-31')).toBe(0);
    expect(unapprovedExtensionDays('2025-10-31', '2025-11-03')).toBe(3);
  });
});

describe('五(二) 开展定期汇报: one check-in owed per period of the stay (weekly, a local default)', () => {
  it('none before departure; from departure, period k is due on departure + 7k days while the stay lasts', () => {
    expect(checkInsDue({ plannedEnd: '2025-10-31', actualStart: null, actualEnd: null }, 7)).toEqual([]);
    const due = checkInsDue({ plannedEnd: '2025-10-22', actualStart: '2025-10-01', actualEnd: null }, 7);
    expect(due.map((d) => [d.sequence, d.dueOn])).toEqual([[1, '2025-10-08'], [2, '2025-10-15'], [3, '2025-10-22']]);
    expect(due[0]!.title).toContain('2025-10-01 – 2025-10-07');
    // Back early: only the periods that ended by the return are owed.
    expect(checkInsDue({ plannedEnd: '2025-10-22', actualStart: '2025-10-01', actualEnd: '2025-10-14' }, 7).map((d) => d.sequence)).toEqual([1]);
  });
  it('a check-in answers the period it falls in: the departure day and the due day are period 1, the day after is period 2', () => {
    expect(checkInPeriod('2025-10-01', '2025-10-01', 7)).toBe(1);
    expect(checkInPeriod('2025-10-01', '2025-10-08', 7)).toBe(1);
    expect(checkInPeriod('2025-10-01', '2025-10-09', 7)).toBe(2);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 30 }), (k, n) => {
        // Every period's due day is answered by a check-in on that day.
        expect(checkInPeriod('2025-01-01', addDays('2025-01-01', k * n), n)).toBe(k);
      }),
    );
  });
});

describe('协议 and 五(三) 单位有权追回相关待遇保障', () => {
  const clauses = agreementClauses({ tasks: ['掌握机器人辅助肝移植技术', '建立与梅奥诊所的合作机制'], servicePeriodMonths: 36 });
  it("every agreement carries the plan's three guarantees, the talent's tasks, returning on time and the service period", () => {
    expect(clauses.map((c) => c.code)).toEqual(['G1', 'G2', 'G3', 'T1', 'T2', 'R1', 'S1']);
    expect(clauses.find((c) => c.code === 'S1')!.text).toContain('36个月');
    expect(clauses.filter((c) => c.owedBy === 'unit').map((c) => c.text)).toEqual(['研学期间现有职务、职称予以保留', '研学期间基础工资全额发放', '奖励性绩效工资不低于所在科室（单位）平均水平']);
  });
  it('a clawback rests on a clause of the kind its ground breaks', () => {
    expect(clawbackClause(clauses, WenzhouClawbackReason.UNAPPROVED_EXTENSION, null)).toMatchObject({ code: 'R1' });
    expect(clawbackClause(clauses, WenzhouClawbackReason.TASKS_NOT_COMPLETED, 'T2')).toMatchObject({ code: 'T2' });
    expect(clawbackClause(clauses, WenzhouClawbackReason.TASKS_NOT_COMPLETED, null)).toContain('T1, T2');
    expect(clawbackClause(clauses, WenzhouClawbackReason.TASKS_NOT_COMPLETED, 'S1')).toContain('not a task clause');
    expect(clawbackClause(clauses, WenzhouClawbackReason.LEFT_BEFORE_SERVICE_END, 'T9')).toContain('no clause T9');
  });
  it('salary is recoverable beside the cost shares; open cases together never claim more than was received', () => {
    expect(recoverableFen([{ foundationFen: 500, unitFen: 400, individualFen: 100 }], [{ baseSalaryFen: 1000, performancePayFen: 300 }])).toBe(2200);
    expect(claimableFen(11_111, [{ status: 'open', amountFen: 11_111, recoveredFen: 0 }])).toBe(0);
    expect(claimableFen(11_111, [{ status: 'waived', amountFen: 11_111, recoveredFen: 1_111 }])).toBe(10_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 8 }), (recoverable, asks) => {
        // Cases opened one after another, each for what it asks or what is left: their sum never passes the whole.
        const cases: { status: 'open'; amountFen: number; recoveredFen: number }[] = [];
        for (const ask of asks) {
          const left = claimableFen(recoverable, cases);
          if (ask <= left) cases.push({ status: 'open', amountFen: ask, recoveredFen: 0 });
        }
        expect(claimedFen(cases)).toBeLessThanOrEqual(recoverable);
      }),
    );
  });
  it('a month below the guarantees is flagged: base salary not in full, incentive pay below the department average', () => {
    expect(guaranteesMissed({ baseSalaryFen: 800_000, baseSalaryDueFen: 800_000, performancePayFen: 500_000, departmentAverageFen: 500_000 })).toEqual([]);
    expect(guaranteesMissed({ baseSalaryFen: 700_000, baseSalaryDueFen: 800_000, performancePayFen: 499_999, departmentAverageFen: 500_000 })).toEqual(['BASE_SALARY_NOT_IN_FULL', 'PERFORMANCE_BELOW_AVERAGE']);
  });
});

describe('configuration sources', () => {
  /** Every leaf of the config says where it comes from: a clause of seed 003 or "local default". */
  const missing: string[] = [];
  const walk = (schema: any, path: string) => {
    const meta = schema.meta?.();
    if (!meta?.source || !meta?.labelZh) missing.push(path);
    const inner = schema._zod?.def?.innerType ?? schema._zod?.def?.in;
    const shape = (inner ?? schema).shape ?? inner?._zod?.def?.innerType?.shape;
    // A track's own fields are TrackSchema's, walked once below.
    if (shape && !/^tracks\./.test(path)) for (const [k, v] of Object.entries(shape)) walk(v, `${path}.${k}`);
  };
  it('every field carries .meta({ source, labelZh }); values the plan does not give say "local default"', () => {
    for (const [k, v] of Object.entries(WenzhouConfig.shape)) walk(v, k);
    for (const [k, v] of Object.entries(TrackSchema.shape)) walk(v, `tracks.*.${k}`);
    expect(missing).toEqual([]);
    const source = (k: string) => (WenzhouConfig.shape as any)[k].meta().source as string;
    for (const k of ['priorityBonus', 'minScoresPerApplicant', 'scoreMax']) expect(source(k)).toBe('local default');
    expect(source('checkInEveryDays')).toContain('local default');
    expect(source('servicePeriodMonths')).toContain('local default');
    expect((TrackSchema.shape.quota as any).meta().source).toBe('local default');
    expect(source('costShares')).toContain('基金会50%');
  });
});
