/**
 * 五(三) 强化待遇保障: costs shared by the Ouyue health foundation, the unit and the talent,
 * 50/40/10 in principle, adjusted by year and talent category (track). Amounts are integer fen;
 * the three shares always add up to the whole (largest-remainder rounding).
 */
import type { CostShares, TrackCode, WenzhouConfig } from '../config.js';

export interface Split {
  foundationFen: number;
  unitFen: number;
  individualFen: number;
}

/** The shares for a year and track: the most specific override (year+track, then track, then year), else the default. */
export function resolveShares(config: Pick<WenzhouConfig, 'costShares' | 'costShareOverrides'>, year: number | null, track: TrackCode | null): CostShares {
  const o = config.costShareOverrides;
  const match =
    o.find((x) => x.year != null && x.track != null && x.year === year && x.track === track) ??
    o.find((x) => x.year == null && x.track != null && x.track === track) ??
    o.find((x) => x.year != null && x.track == null && x.year === year);
  return match?.shares ?? config.costShares;
}

/**
 * Split `amountFen` by percentages (summing to 100) with the largest-remainder method: each payer
 * gets the floor of its exact share, and the fen left over go one each to the largest remainders
 * (ties: foundation, then unit, then individual — the order the plan lists them).
 */
export function splitCost(amountFen: number, shares: CostShares): Split {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError('amountFen must be a non-negative integer');
  const pct = [shares.foundation, shares.unit, shares.individual];
  const total = pct.reduce((a, b) => a + b, 0);
  if (total !== 100) throw new RangeError('shares must sum to 100');
  const exact = pct.map((p) => (amountFen * p) / 100);
  const base = exact.map(Math.floor);
  let left = amountFen - base.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    base[i]! += 1;
    left -= 1;
  }
  return { foundationFen: base[0]!, unitFen: base[1]!, individualFen: base[2]! };
}

export const CLAWBACK_REASONS = ['tasks_not_completed', 'unapproved_extension', 'left_before_service_end'] as const;

/**
 * 单位有权追回相关待遇保障: what may be recovered is what the talent received from others — the
 * foundation's and the unit's shares of the stay's costs (the talent's own share is theirs) and
 * the salary and incentive pay the unit paid for the months of the stay.
 */
export function recoverableFen(items: readonly Split[], paid: readonly { baseSalaryFen: number; performancePayFen: number }[] = []): number {
  return items.reduce((a, s) => a + s.foundationFen + s.unitFen, 0) + paid.reduce((a, p) => a + p.baseSalaryFen + p.performancePayFen, 0);
}

export interface ClaimedCase {
  status: 'open' | 'recovered' | 'waived';
  amountFen: number;
  recoveredFen: number;
}

/**
 * What the cases on one stay claim together: an open or recovered case its whole amount, a
 * waived one only what was recovered before the rest was given up.
 */
export function claimedFen(cases: readonly ClaimedCase[]): number {
  return cases.reduce((a, c) => a + (c.status === 'waived' ? c.recoveredFen : c.amountFen), 0);
}

/** What a new case on the stay may still claim: never, with the others, more than was received. */
export function claimableFen(recoverable: number, cases: readonly ClaimedCase[]): number {
  return Math.max(0, recoverable - claimedFen(cases));
}
