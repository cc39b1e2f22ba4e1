/**
 * Performance appraisal as pure functions: a period's score from its weighted indicators, the
 * overall score from the periods' weights, the grade it reaches, and the grade's consequence
 * (an incentive, a warning, or part of the hospital's funding clawed back, in whole fen).
 */
import { stateProblem, type FieldProblem, type Problem } from '../../../src/index.js';
import type { AppraisalSchemeConfig } from '../config.js';
import { AppraisalPeriod, Consequence, Grade, PERIOD_ORDER } from '../domain.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface IndicatorScore {
  indicator: string;
  score: number;
}

/**
 * A period's score sheet checked against the scheme: every indicator of the period exactly once,
 * each score 0–100. Problems name `scores.N.indicator` / `scores.N.score` (or `scores`).
 */
export function sheetProblems(scheme: AppraisalSchemeConfig, period: AppraisalPeriod, scores: readonly IndicatorScore[]): FieldProblem[] {
  const wanted = scheme.periods[period].indicators.map((i) => i.code);
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  scores.forEach((s, n) => {
    if (!wanted.includes(s.indicator)) problems.push({ field: `scores.${n}.indicator`, message: `"${s.indicator}" is not an indicator of the ${period} period; it has ${wanted.join(', ')}`, messageZh: `"${s.indicator}"不是该考核阶段的指标，应为：${wanted.join('、')}` });
    else if (seen.has(s.indicator)) problems.push({ field: `scores.${n}.indicator`, message: `"${s.indicator}" is scored twice`, messageZh: `指标"${s.indicator}"重复评分` });
    seen.add(s.indicator);
    if (!Number.isFinite(s.score) || s.score < 0 || s.score > 100) problems.push({ field: `scores.${n}.score`, message: 'must be 0–100', messageZh: '得分须在0至100之间' });
  });
  const missing = wanted.filter((w) => !seen.has(w));
  if (missing.length) problems.push({ field: 'scores', message: `missing ${missing.join(', ')}`, messageZh: `缺少指标：${missing.join('、')}` });
  return problems;
}

/** The weighted mean of a period's indicator scores (2 decimals). */
export function periodScore(scheme: AppraisalSchemeConfig, period: AppraisalPeriod, scores: readonly IndicatorScore[]): number {
  const indicators = scheme.periods[period].indicators;
  const total = indicators.reduce((a, i) => a + i.weight, 0);
  const sum = indicators.reduce((a, i) => a + i.weight * (scores.find((s) => s.indicator === i.code)?.score ?? 0), 0);
  return round2(total ? sum / total : 0);
}

/** The weighted mean of the three periods' scores (2 decimals). */
export function overallScore(scheme: AppraisalSchemeConfig, periodScores: Record<AppraisalPeriod, number>): number {
  const total = PERIOD_ORDER.reduce((a, p) => a + scheme.periods[p].weight, 0);
  return round2(total ? PERIOD_ORDER.reduce((a, p) => a + scheme.periods[p].weight * periodScores[p], 0) / total : 0);
}

/** The highest grade whose minimum the score reaches. */
export function gradeOf(scheme: AppraisalSchemeConfig, score: number): AppraisalSchemeConfig['grades'][number] {
  const sorted = [...scheme.grades].sort((a, b) => b.minScore - a.minScore);
  return sorted.find((g) => score >= g.minScore) ?? sorted.at(-1)!;
}

/** What the grade brings, in whole fen: an incentive's sum, or the clawed-back share of the funding (rounded half up). */
export function consequenceOf(g: AppraisalSchemeConfig['grades'][number], fundingFen: number): { grade: Grade; consequence: Consequence; amountFen: number } {
  const amountFen = g.consequence === Consequence.INCENTIVE ? g.incentiveFen : g.consequence === Consequence.CLAWBACK ? Math.floor((fundingFen * g.clawbackPercent + 50) / 100) : 0;
  return { grade: g.grade, consequence: g.consequence, amountFen };
}

/** Periods are appraised in order, each once: during needs the departure, after the return. */
export function periodProblem(period: AppraisalPeriod, done: readonly AppraisalPeriod[], stay: { departed: boolean; returned: boolean }): Problem | null {
  if (done.includes(period)) return stateProblem(`the ${period} period is appraised already (该阶段已考核)`);
  const previous = PERIOD_ORDER[PERIOD_ORDER.indexOf(period) - 1];
  if (previous && !done.includes(previous)) return stateProblem(`appraise the ${previous} period first (请先完成上一阶段考核)`);
  if (period === AppraisalPeriod.DURING && !stay.departed) return stateProblem('the stay has not begun: record the departure first (尚未出国，请先登记出发日期)');
  if (period === AppraisalPeriod.AFTER && !stay.returned) return stateProblem('the talent has not returned: record the return first (尚未回国，请先登记回国日期)');
  return null;
}
