import { describe, expect, it } from 'vitest';
import { assembleComparison } from '../../src/evaluation/assemble.js';
import { bootstrapInterval, compareCell, resampleMean, rng, stats } from '../../src/evaluation/compare.js';
import { followUpsDue as followUpsDueFor } from '../../src/evaluation/follow-ups.js';

describe('outcome comparison, pure', () => {
  it('means and the difference of differences from histograms', () => {
    expect(stats(new Map([[0, 2], [1, 1], [2, 1]]))).toEqual({ n: 4, total: 3, mean: 0.75 });
    const cell = compareCell(
      { trainees: new Map([[2, 1], [1, 2], [0, 1]]), notSelected: new Map([[1, 1], [0, 2], [2, 1]]), ownBefore: null, paired: null, baselineTrainees: new Map([[1, 1], [0, 3]]), baselineComparison: new Map([[0, 4]]) },
      { minCellSize: 5, resamples: 200, seed: 1, level: 0.95 },
    );
    expect(cell).toMatchObject({ design: 'not_selected', trainees: { n: 4, mean: 1, baselineMean: 0.25 }, comparison: { n: 4, mean: 0.75, baselineMean: 0 }, difference: 0.25, belowMinimum: true });
  });

  it('the seeded bootstrap is repeatable and, on large groups, as wide as normal theory says', () => {
    const a = new Map([[0, 30_000], [1, 50_000], [2, 20_000]]); // mean 0.9, variance 0.49
    const b = new Map([[0, 50_000], [1, 40_000], [2, 10_000]]); // mean 0.6, variance 0.44
    const i1 = bootstrapInterval(a, b, { resamples: 2000, seed: 7, level: 0.95 })!;
    expect(bootstrapInterval(a, b, { resamples: 2000, seed: 7, level: 0.95 })).toEqual(i1);
    const se = Math.sqrt(0.49 / 100_000 + 0.44 / 100_000);
    expect(i1.low).toBeCloseTo(0.3 - 1.96 * se, 2);
    expect(i1.high).toBeCloseTo(0.3 + 1.96 * se, 2);
    expect(i1.high - i1.low).toBeGreaterThan(2 * 1.96 * se * 0.85);
    expect(i1.high - i1.low).toBeLessThan(2 * 1.96 * se * 1.15);
    // a resample keeps the group's size and values
    const next = rng(3);
    for (let i = 0; i < 20; i++) {
      const m = resampleMean(new Map([[0, 3], [5, 1]]), next)!;
      expect([0, 1.25, 2.5, 3.75, 5]).toContain(m);
    }
    expect(bootstrapInterval(new Map([[1, 1]]), b, { resamples: 10, seed: 1, level: 0.95 })).toBeNull();
  });

  it('where nobody was turned down, the trainees against their own window before (paired)', () => {
    const cell = compareCell(
      { trainees: new Map([[1, 1], [2, 1]]), notSelected: null, ownBefore: new Map([[1, 1], [0, 1]]), paired: new Map([[0, 1], [2, 1]]), baselineTrainees: new Map([[0, 2]]), baselineComparison: null },
      { minCellSize: 2, resamples: 100, seed: 1, level: 0.9 },
    );
    expect(cell).toMatchObject({ design: 'own_before', trainees: { mean: 1.5 }, comparison: { mean: 0.5 }, difference: 1, belowMinimum: false });
  });

  it('folds rows into groups per programme, per track, per scheme', () => {
    const row = (programme_id: string, track: string, selected: boolean, side: any, value: number, people: number, months: number | null = 6, indicator = 'papers') => ({ programme_id, track, months, selected, indicator, side, value, people });
    const rows = [
      row('p1', 'a', true, 'population', 0, 2, null, 'population'),
      row('p1', 'a', false, 'population', 0, 1, null, 'population'),
      row('p2', 'a', true, 'population', 0, 1, null, 'population'),
      row('p1', 'a', true, 'after', 1, 2),
      row('p1', 'a', false, 'after', 0, 1),
      row('p2', 'a', true, 'after', 4, 1),
    ];
    const opts = { minCellSize: 1, resamples: 50, seed: 1, level: 0.95 };
    const perProgramme = assembleComparison(rows, 'programme', [6], opts);
    expect(perProgramme.map((g) => [g.programmeId, g.design, g.selected, g.notSelected])).toEqual([['p1', 'not_selected', 2, 1], ['p2', 'own_before', 1, 0]]);
    const scheme = assembleComparison(rows, 'scheme', [6], opts);
    expect(scheme).toHaveLength(1);
    expect(scheme[0]!.cells.find((c) => c.indicator === 'papers')).toMatchObject({ trainees: { n: 3, total: 6, mean: 2 }, comparison: { n: 1, mean: 0 }, difference: 2 });
  });

  it('follow-ups fall due the configured months after the last day away, only once back', () => {
    expect(followUpsDueFor({ status: 'completed', actualEnd: '2025-05-31' }, [12, 6], '2025-06-01').map((d) => [d.sequence, d.dueOn])).toEqual([[6, '2025-11-30'], [12, '2026-05-31']]);
    expect(followUpsDueFor({ status: 'active', actualEnd: null }, [6], '2025-06-01')).toEqual([]);
    // a return entered a year late owes no follow-up already past, unless it is owed already
    expect(followUpsDueFor({ status: 'completed', actualEnd: '2025-05-31' }, [6, 12, 24], '2026-06-01').map((d) => d.sequence)).toEqual([24]);
    expect(followUpsDueFor({ status: 'completed', actualEnd: '2025-05-31' }, [6, 12, 24], '2026-06-01', [6]).map((d) => d.sequence)).toEqual([6, 24]);
  });
});

describe('binomial draws', () => {
  it('have the binomial mean and variance, small and large', async () => {
    const { binomial } = await import('../../src/evaluation/compare.js');
    for (const [n, p] of [[20, 0.1], [300, 0.05], [300, 0.9], [10_000, 0.3]] as const) {
      const next = rng(11);
      const draws = Array.from({ length: 4000 }, () => binomial(n, p, next));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
      expect(Math.abs(mean - n * p), `${n} ${p} mean`).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / draws.length) + 1e-9);
      expect(variance / (n * p * (1 - p)), `${n} ${p} variance`).toBeGreaterThan(0.85);
      expect(variance / (n * p * (1 - p)), `${n} ${p} variance`).toBeLessThan(1.15);
      expect(draws.every((d) => d >= 0 && d <= n)).toBe(true);
    }
  });
});
