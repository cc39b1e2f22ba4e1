/**
 * 四(三) 遴选: the committee scores business ability, clinical level, the language result and
 * social evaluation; the weighted mean over the experts, plus a bonus for priority groups
 * (优先选派 / 倾斜 rank, they do not gate), orders each track; the first `quota` are within quota.
 */
import type { WenzhouConfig } from '../config.js';

export interface ScoreSheet {
  businessAbility: number;
  clinicalLevel: number;
  languageResult: number;
  socialEvaluation: number;
}
export interface RankCandidate {
  id: string;
  /** Tie-break: earlier registration first. */
  registeredAt: string;
  priorityGroups: readonly string[];
  scores: readonly ScoreSheet[];
  /** The weights for this applicant's profession (根据申报人员职业特点); default the general ones. */
  weights?: WenzhouConfig['scoreWeights'];
}
export interface RankedEntry {
  id: string;
  rank: number;
  /** Weighted mean of the experts' scores, 0..scoreMax, rounded to 2 decimals. */
  weightedScore: number;
  priorityBonus: number;
  total: number;
  withinQuota: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** 四(三) 根据申报人员职业特点: the weights for an applicant of this profession. */
export function weightsFor(config: Pick<WenzhouConfig, 'scoreWeights' | 'scoreWeightsByProfession'>, profession: string | null | undefined): { weights: WenzhouConfig['scoreWeights']; profession: string | null } {
  const own = profession ? config.scoreWeightsByProfession[profession as keyof WenzhouConfig['scoreWeightsByProfession']] : undefined;
  return own ? { weights: own, profession: profession! } : { weights: config.scoreWeights, profession: null };
}

/**
 * 四(三) 外语评估结果: the committee's language score is the recorded assessment (0–100) on the
 * committee's scale, never a second opinion typed in again.
 */
export const languageResultFrom = (assessmentScore: number, scoreMax: number) => Math.round((assessmentScore * scoreMax) / 100);

/** One expert's sheet, weighted (weights need not sum to 100: they are normalised). */
export function weightedScore(s: ScoreSheet, w: WenzhouConfig['scoreWeights']): number {
  const sum = w.businessAbility + w.clinicalLevel + w.languageResult + w.socialEvaluation;
  return (s.businessAbility * w.businessAbility + s.clinicalLevel * w.clinicalLevel + s.languageResult * w.languageResult + s.socialEvaluation * w.socialEvaluation) / sum;
}

export function rankTrack(candidates: readonly RankCandidate[], quota: number, config: Pick<WenzhouConfig, 'scoreWeights' | 'priorityBonus' | 'minScoresPerApplicant'>): { ranked: RankedEntry[]; notReady: string[] } {
  const ready = candidates.filter((c) => c.scores.length >= config.minScoresPerApplicant);
  const notReady = candidates.filter((c) => c.scores.length < config.minScoresPerApplicant).map((c) => c.id);
  const rows = ready.map((c) => {
    const mean = c.scores.reduce((a, s) => a + weightedScore(s, c.weights ?? config.scoreWeights), 0) / c.scores.length;
    const bonus = c.priorityGroups.length ? config.priorityBonus : 0;
    return { c, weightedScore: round2(mean), priorityBonus: bonus, total: round2(mean + bonus) };
  });
  rows.sort((a, b) => b.total - a.total || b.c.priorityGroups.length - a.c.priorityGroups.length || a.c.registeredAt.localeCompare(b.c.registeredAt) || a.c.id.localeCompare(b.c.id));
  return {
    ranked: rows.map((r, i) => ({ id: r.c.id, rank: i + 1, weightedScore: r.weightedScore, priorityBonus: r.priorityBonus, total: r.total, withinQuota: i < quota })),
    notReady,
  };
}
