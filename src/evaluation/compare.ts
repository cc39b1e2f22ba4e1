/**
 * Outcome comparison as pure functions of counts (src/evaluation/sql.ts reads them in one
 * statement): per group of people, the distribution of a per-person value as a histogram
 * (value → people), so that 100,000 people arrive as a few dozen rows. Means, the difference of
 * differences, and a seeded percentile bootstrap interval drawn from the histograms.
 */

/** value → number of people with it. */
export type Histogram = ReadonlyMap<number, number>;

export interface GroupStats {
  n: number;
  total: number;
  mean: number | null;
}

export function stats(h: Histogram | undefined): GroupStats {
  let n = 0;
  let total = 0;
  for (const [v, c] of h ?? []) {
    n += c;
    total += v * c;
  }
  return { n, total, mean: n ? total / n : null };
}

export const round = (x: number | null, digits = 4): number | null => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** A small, fast, seedable generator (mulberry32): the same seed gives the same interval. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(next: () => number): number {
  const u = 1 - next();
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A binomial draw: exact by waiting times (geometric skips, about n·min(p, 1−p) draws) while
 * n·min(p, 1−p) is under 30, the normal approximation (rounded, clamped) beyond, where it is
 * within a person of the exact draw. Bernoulli trials one by one cost 8 s for 54 cells of 500
 * people on a loaded 2-core machine; this costs milliseconds.
 */
export function binomial(n: number, p: number, next: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, next);
  if (n * p < 30) {
    const logq = Math.log(1 - p);
    let x = 0;
    let sum = 0;
    for (;;) {
      sum += Math.ceil(Math.log(1 - next()) / logq);
      if (sum > n) return x;
      x++;
    }
  }
  const k = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(next));
  return Math.min(n, Math.max(0, k));
}

/** The mean of one bootstrap resample of a histogram: a multinomial draw of its n people over its values. */
export function resampleMean(h: Histogram, next: () => number): number | null {
  const entries = [...h].filter(([, c]) => c > 0);
  const n = entries.reduce((s, [, c]) => s + c, 0);
  if (!n) return null;
  let left = n;
  let mass = 1;
  let total = 0;
  for (let i = 0; i < entries.length && left > 0; i++) {
    const [v, c] = entries[i]!;
    const p = c / n;
    const k = i === entries.length - 1 ? left : binomial(left, Math.min(1, p / mass), next);
    total += v * k;
    left -= k;
    mass -= p;
  }
  return total / n;
}

/**
 * Percentile bootstrap interval of mean(a) − mean(b) (b null: of mean(a), for paired
 * differences), `resamples` draws from a generator seeded with `seed`. Null when a side has
 * fewer than two people.
 */
export function bootstrapInterval(a: Histogram, b: Histogram | null, opts: { resamples: number; seed: number; level: number }): { low: number; high: number } | null {
  if (stats(a).n < 2 || (b && stats(b).n < 2)) return null;
  const next = rng(opts.seed);
  const draws: number[] = [];
  for (let i = 0; i < opts.resamples; i++) draws.push(resampleMean(a, next)! - (b ? resampleMean(b, next)! : 0));
  draws.sort((x, y) => x - y);
  const tail = (1 - opts.level) / 2;
  const at = (q: number) => draws[Math.min(draws.length - 1, Math.max(0, Math.floor(q * draws.length)))]!;
  return { low: round(at(tail))!, high: round(at(1 - tail))! };
}

export function mergeInto(target: Map<number, number>, h: Histogram | undefined): Map<number, number> {
  for (const [v, c] of h ?? []) target.set(v, (target.get(v) ?? 0) + c);
  return target;
}

export interface CellInput {
  /** Per-person change of the trainees (their window after, from the stay's first day). */
  trainees: Histogram;
  /** Not-selected applicants' change in the same calendar window (empty while their windows are open), or null where the group has none. */
  notSelected: Histogram | null;
  /** The trainees' own equal window before the stay (used when there is no one not selected). */
  ownBefore: Histogram | null;
  /** Per-person after − before of the trainees (paired; used with ownBefore). */
  paired: Histogram | null;
  baselineTrainees: Histogram;
  baselineComparison: Histogram | null;
}

export interface Cell {
  design: 'not_selected' | 'own_before';
  trainees: GroupStats & { baselineMean: number | null };
  comparison: GroupStats & { baselineMean: number | null };
  /** Trainees' mean change minus the comparison's (the difference of differences); null when a side is empty. */
  difference: number | null;
  interval: { low: number; high: number } | null;
  /** A side has fewer than k people: shown, and marked. */
  belowMinimum: boolean;
}

/**
 * One cell: trainees against the not selected where there are any (difference of the two mean
 * changes), else against their own equal window before (mean of the paired differences).
 */
export function compareCell(input: CellInput, opts: { minCellSize: number; resamples: number; seed: number; level: number }): Cell {
  const useControls = input.notSelected != null;
  const t = stats(input.trainees);
  const c = stats(useControls ? input.notSelected! : (input.ownBefore ?? undefined));
  const difference = useControls ? (t.mean != null && c.mean != null ? t.mean - c.mean : null) : stats(input.paired ?? undefined).mean;
  const interval = useControls ? bootstrapInterval(input.trainees, input.notSelected!, opts) : input.paired ? bootstrapInterval(input.paired, null, opts) : null;
  const side = (s: GroupStats, base: Histogram | null | undefined) => ({ n: s.n, total: s.total, mean: round(s.mean), baselineMean: round(stats(base ?? undefined).mean) });
  return {
    design: useControls ? 'not_selected' : 'own_before',
    trainees: side(t, input.baselineTrainees),
    comparison: side(c, useControls ? input.baselineComparison : input.baselineTrainees),
    difference: round(difference),
    interval,
    belowMinimum: t.n < opts.minCellSize || ((useControls || input.ownBefore != null) && c.n < opts.minCellSize),
  };
}
