/**
 * The commission's dashboard as pure arithmetic over per-cohort counts (which the API reads with
 * two aggregate SQL statements). Counts add up; rates are recomputed from the summed counts, never
 * averaged.
 *
 * Definitions (per trainee; a trainee is one enrolment of a talent in a cohort):
 * - trained: began training at the host — in training, completed, not completed, or withdrawn
 *   mid-term. A withdrawal before the start is not trained.
 * - concluded: trained and the term is over — completed + not completed + withdrawn mid-term.
 * - completed: final assessment excellent or pass.
 * - returned: completed and the return to the home institution recorded.
 * - completion rate = completed / concluded. Trainees still in training are in neither; a mid-term
 *   withdrawal is in the denominator only, so it counts against completion.
 * - excellent rate = completed with final grade excellent / concluded (the same denominator).
 * - new technologies: outcomes `new_technology` of the cohort's trainees (count).
 * - gaps filled: outcomes `technology_gap_filled` (count), also by level province / city / county.
 * - grassroots trained: sum of head counts of `cascade_training` outcomes; sessions is their count.
 * Rates are null when the denominator is 0; percentages are rounded half-up to two decimals.
 */
import { GuizhouFigure } from '../domain.js';

export interface CohortCounts {
  trained: number;
  inTraining: number;
  concluded: number;
  completed: number;
  notCompleted: number;
  withdrawnMidTerm: number;
  withdrawnBeforeStart: number;
  excellent: number;
  returned: number;
  newTechnologies: number;
  gapsFilled: number;
  gapsFilledProvince: number;
  gapsFilledCity: number;
  gapsFilledCounty: number;
  cascadeSessions: number;
  grassrootsTrained: number;
}

export interface Figures extends CohortCounts {
  completionRate: number | null;
  completionRatePercent: string | null;
  excellentRate: number | null;
  excellentRatePercent: string | null;
}

export const COUNT_KEYS: readonly (keyof CohortCounts)[] = [
  'trained', 'inTraining', 'concluded', 'completed', 'notCompleted', 'withdrawnMidTerm', 'withdrawnBeforeStart', 'excellent', 'returned',
  'newTechnologies', 'gapsFilled', 'gapsFilledProvince', 'gapsFilledCity', 'gapsFilledCounty', 'cascadeSessions', 'grassrootsTrained',
];

export const emptyCounts = (): CohortCounts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as CohortCounts;

export function sumCounts(rows: readonly CohortCounts[]): CohortCounts {
  const total = emptyCounts();
  for (const row of rows) for (const k of COUNT_KEYS) total[k] += row[k];
  return total;
}

/** num/den as a percentage with two decimals, rounded half-up in integer arithmetic ("99.53"). */
export function percent(num: number, den: number): string | null {
  if (den <= 0) return null;
  const hundredths = Math.floor((Math.floor((num * 20000) / den) + 1) / 2);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export function figures(counts: CohortCounts): Figures {
  return {
    ...counts,
    completionRate: counts.concluded ? counts.completed / counts.concluded : null,
    completionRatePercent: percent(counts.completed, counts.concluded),
    excellentRate: counts.concluded ? counts.excellent / counts.concluded : null,
    excellentRatePercent: percent(counts.excellent, counts.concluded),
  };
}

export interface CohortRow extends CohortCounts {
  cohortId: string;
  round: number;
  period: number;
}

export interface Dashboard {
  overall: Figures;
  rounds: { round: number; periods: number[]; figures: Figures }[];
  periods: { round: number; period: number; cohortIds: string[]; figures: Figures }[];
  cohorts: { cohortId: string; round: number; period: number; figures: Figures }[];
}

/** Per cohort, per period, per round and overall, from per-cohort counts. */
export function dashboard(rows: readonly CohortRow[]): Dashboard {
  const sorted = [...rows].sort((a, b) => a.round - b.round || a.period - b.period || a.cohortId.localeCompare(b.cohortId));
  const byPeriod = new Map<number, CohortRow[]>();
  const byRound = new Map<number, CohortRow[]>();
  for (const r of sorted) {
    byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
    byRound.set(r.round, [...(byRound.get(r.round) ?? []), r]);
  }
  return {
    overall: figures(sumCounts(sorted)),
    rounds: [...byRound].map(([round, rs]) => ({ round, periods: [...new Set(rs.map((r) => r.period))], figures: figures(sumCounts(rs)) })),
    periods: [...byPeriod].map(([period, rs]) => ({ round: rs[0]!.round, period, cohortIds: rs.map((r) => r.cohortId), figures: figures(sumCounts(rs)) })),
    cohorts: sorted.map((r) => ({ cohortId: r.cohortId, round: r.round, period: r.period, figures: figures(r) })),
  };
}

/** The definitions above, in English and Chinese, served with the dashboard so a reader sees what each figure means. */
export const DEFINITIONS: { figure: GuizhouFigure; definitionEn: string; definitionZh: string }[] = [
  {
    figure: GuizhouFigure.trained,
    definitionEn: 'trainees who began training at the host (in training, completed, not completed, withdrawn mid-term); a withdrawal before the start is not trained',
    definitionZh: '已到接收医院开始进修的学员（在训、结业、未结业、中途退出）；开训前退出的不计入',
  },
  { figure: GuizhouFigure.concluded, definitionEn: 'trained trainees whose term is over: completed + not completed + withdrawn mid-term', definitionZh: '进修期已结束的学员：结业 + 未结业 + 中途退出' },
  { figure: GuizhouFigure.completed, definitionEn: 'final assessment excellent or pass', definitionZh: '结业考核优秀或合格' },
  { figure: GuizhouFigure.returned, definitionEn: 'completed, with the return to the home institution recorded', definitionZh: '已结业且已登记返回原单位工作' },
  { figure: GuizhouFigure.completionRate, definitionEn: 'completed / concluded; in-training trainees are excluded, a mid-term withdrawal counts against it', definitionZh: '结业人数 ÷ 进修期已结束人数；在训学员不计入，中途退出计入分母' },
  { figure: GuizhouFigure.excellentRate, definitionEn: 'completed with final grade excellent / concluded', definitionZh: '结业考核优秀人数 ÷ 进修期已结束人数' },
  { figure: GuizhouFigure.newTechnologies, definitionEn: 'count of new_technology outcomes linked to the trainees', definitionZh: '学员返岗后开展的新技术项数' },
  { figure: GuizhouFigure.gapsFilled, definitionEn: 'count of technology_gap_filled outcomes (by level: province, city, county)', definitionZh: '学员返岗后填补的技术空白项数（分省级、市级、县级）' },
  { figure: GuizhouFigure.grassrootsTrained, definitionEn: 'sum of head counts of cascade_training outcomes', definitionZh: '学员返岗后带教培训基层人员的人次合计' },
];
