import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNT_KEYS, dashboard, emptyCounts, figures, percent, sumCounts, type CohortRow } from './dashboard.js';

/** The exact half-up rounding of 100·num/den to two decimals, in BigInt. */
const exactPercent = (num: number, den: number) => {
  const scaled = (BigInt(num) * 20000n) / BigInt(den);
  const h = (scaled + 1n) / 2n;
  return `${h / 100n}.${String(h % 100n).padStart(2, '0')}`;
};

describe('dashboard arithmetic', () => {
  it('rounds the published rates the documented way', () => {
    expect(percent(642, 645)).toBe('99.53');
    expect(percent(621, 645)).toBe('96.28');
    expect(percent(1, 8)).toBe('12.50');
    expect(percent(1, 3)).toBe('33.33');
    expect(percent(2, 3)).toBe('66.67');
    expect(percent(1, 1)).toBe('100.00');
    expect(percent(0, 0)).toBeNull();
    expect(percent(1, 200000)).toBe('0.00'); // 0.0005% rounds down
    expect(percent(1, 20000)).toBe('0.01'); // 0.005% rounds half up
  });

  it('matches exact rational rounding for any counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.nat(), (den, k) => {
        const num = k % (den + 1);
        expect(percent(num, den)).toBe(exactPercent(num, den));
      }),
    );
  });

  it('puts completion and excellence over the same denominator: concluded trainees', () => {
    const f = figures({ ...emptyCounts(), trained: 10, inTraining: 2, concluded: 8, completed: 6, notCompleted: 1, withdrawnMidTerm: 1, excellent: 4 });
    expect([f.completionRate, f.completionRatePercent, f.excellentRate, f.excellentRatePercent]).toEqual([0.75, '75.00', 0.5, '50.00']);
    expect(figures(emptyCounts()).completionRate).toBeNull();
  });

  it('adds cohorts up to periods, periods to rounds, rounds to the whole', () => {
    const row = fc.record({
      cohortId: fc.uuid(),
      round: fc.integer({ min: 1, max: 3 }),
      period: fc.integer({ min: 1, max: 9 }),
      ...Object.fromEntries(COUNT_KEYS.map((k) => [k, fc.nat({ max: 1000 })])),
    }) as unknown as fc.Arbitrary<CohortRow>;
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const d = dashboard(rows);
        const total = sumCounts(rows);
        for (const k of COUNT_KEYS) {
          expect(d.overall[k]).toBe(total[k]);
          expect(d.rounds.reduce((s, r) => s + r.figures[k], 0)).toBe(total[k]);
          expect(d.periods.reduce((s, p) => s + p.figures[k], 0)).toBe(total[k]);
        }
        expect(d.cohorts).toHaveLength(rows.length);
      }),
    );
  });
});
