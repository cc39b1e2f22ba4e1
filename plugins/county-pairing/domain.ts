import { registerEnums } from '../../src/index.js';

/** The county-pairing vocabulary. GraphQL names carry the plugin prefix `County`. */

export enum RoundStatus {
  /** Mentors publish, apprentices register, both sides rank. */
  OPEN = 'open',
  /** A matching run produced proposed pairs; the commission may adjust or rerun. */
  MATCHED = 'matched',
  /** The commission confirmed the pairs: each became a core Placement with its reminders. */
  CONFIRMED = 'confirmed',
}

export enum PairStatus {
  PROPOSED = 'proposed',
  CONFIRMED = 'confirmed',
  /** Ended by an adjustment after confirmation (its placement is withdrawn). */
  CANCELLED = 'cancelled',
}

export enum PairSource { MATCHING = 'matching', ADJUSTMENT = 'adjustment' }

/**
 * The stages of a mentor's plan, in this order: seed 004's "theoretical knowledge learning to
 * consolidate the foundation, practical operation to consolidate skills, targeted from shallow to
 * deep". (Stratified training, 分层培养, is the apprentices' tiers: `ApprenticeTier`.)
 */
export enum StageKind { THEORY = 'theory', SUPERVISED_PRACTICE = 'supervised_practice', INDEPENDENT_PRACTICE = 'independent_practice' }
export const STAGE_ORDER: readonly StageKind[] = [StageKind.THEORY, StageKind.SUPERVISED_PRACTICE, StageKind.INDEPENDENT_PRACTICE];
/** The stages in Chinese, for messages (由浅入深: 理论学习 → 指导下实践 → 独立实践). */
export const STAGE_LABELS_ZH: Record<StageKind, string> = {
  [StageKind.THEORY]: '理论学习',
  [StageKind.SUPERVISED_PRACTICE]: '指导下实践',
  [StageKind.INDEPENDENT_PRACTICE]: '独立实践',
};

/** What a case-log entry records. Operations and procedures carry a surgical grade (1–4). */
export enum ActivityKind {
  OPERATION = 'operation',
  PROCEDURE = 'procedure',
  IMAGING_REPORT = 'imaging_report',
  LAB_TEST = 'lab_test',
  TCM_CONSULTATION = 'tcm_consultation',
  ACUPUNCTURE = 'acupuncture',
  HERBAL_PRESCRIPTION = 'herbal_prescription',
  NURSING_CARE = 'nursing_care',
  NURSING_PROCEDURE = 'nursing_procedure',
  HEALTH_EDUCATION = 'health_education',
  PRESCRIPTION_REVIEW = 'prescription_review',
  MEDICATION_CONSULTATION = 'medication_consultation',
  DISPENSING = 'dispensing',
  OTHER = 'other',
}

export enum CaseRole { INDEPENDENT = 'independent', UNDER_GUIDANCE = 'under_guidance', ASSISTING = 'assisting' }

export enum Side { APPRENTICE = 'apprentice', MENTOR = 'mentor' }

/** Why someone is left without a pair (or a mentor with free places). */
export enum UnmatchedReason {
  /** They ranked nobody. */
  NO_RANKING = 'no_ranking',
  /** Nobody on the other side of the round works in their field. */
  NOBODY_IN_FIELD = 'nobody_in_field',
  /** None of the people they ranked works in their field (or is still in the round). */
  NO_ACCEPTABLE_IN_FIELD = 'no_acceptable_in_field',
  /** None of the people they ranked ranked them back. */
  NOT_RANKED_BACK = 'not_ranked_back',
  /** Apprentice: every mutually acceptable mentor is full with apprentices the mentor prefers. */
  PREFERRED_MENTORS_FULL = 'preferred_mentors_full',
  /** Mentor: every mutually acceptable apprentice is paired with a mentor they prefer. */
  APPRENTICES_PREFER_OTHERS = 'apprentices_prefer_others',
  /** None of the above: a manual adjustment left them out (the pairing may no longer be stable). */
  LEFT_OUT_BY_ADJUSTMENT = 'left_out_by_adjustment',
}

/** Growth records kept as core Outcomes under these category codes. */
export enum GrowthKind {
  CONFERENCE = 'conference',
  NEW_TECHNOLOGY = 'new_technology',
  NEW_PROJECT = 'new_project',
  PROMOTION_DEPARTMENT_HEAD = 'promotion_department_head',
  PROMOTION_DEPARTMENT_BACKBONE = 'promotion_department_backbone',
}

/**
 * 分层培养 (seed 004: "the principle of "stratified training, professional pairing and two-way
 * selection""): apprentices train in tiers. The seed names no tiers; these three, and which title
 * puts an apprentice in which (`tierByTitle`), are local defaults.
 */
export enum ApprenticeTier { FOUNDATION = 'foundation', INTERMEDIATE = 'intermediate', ADVANCED = 'advanced' }
export const TIER_LABELS: Record<ApprenticeTier, { en: string; zh: string }> = {
  [ApprenticeTier.FOUNDATION]: { en: 'Foundation tier', zh: '基础层' },
  [ApprenticeTier.INTERMEDIATE]: { en: 'Intermediate tier', zh: '提高层' },
  [ApprenticeTier.ADVANCED]: { en: 'Advanced tier', zh: '骨干层' },
};

/**
 * What the competency check at the end of the pairing looks at, in the seed's words: "theoretical
 * knowledge and professional skills", "the diagnosis and treatment ability of common and
 * frequently-occurring diseases in their professional fields", and "the diagnosis and treatment
 * process of critical and severe diseases".
 */
export enum CompetencyItem {
  THEORY = 'theory',
  SKILLS = 'skills',
  COMMON_DISEASES = 'common_diseases',
  CRITICAL_CARE = 'critical_care',
}
export const COMPETENCY_LABELS: Record<CompetencyItem, { en: string; zh: string }> = {
  [CompetencyItem.THEORY]: { en: 'Theoretical knowledge', zh: '理论知识' },
  [CompetencyItem.SKILLS]: { en: 'Professional skills', zh: '专业技能' },
  [CompetencyItem.COMMON_DISEASES]: { en: 'Diagnosis and treatment of common and frequently-occurring diseases', zh: '常见病、多发病诊疗能力' },
  [CompetencyItem.CRITICAL_CARE]: { en: 'Diagnosis and treatment process of critical and severe diseases', zh: '危急重症诊疗流程' },
};

/**
 * 激励关爱 (seed 004: "improve the mechanism of talent incentive care, improve the political quality
 * and business ability of the training object, cultivate a group of … talents" who stay): what
 * the bureau does for a trainee.
 */
export enum CareKind {
  /** 激励: an award, a bonus, a commendation. */
  INCENTIVE = 'incentive',
  /** 关爱: a visit, help with living or family matters. */
  CARE = 'care',
  /** 政治素质: political-quality education. */
  POLITICAL_QUALITY = 'political_quality',
  /** 业务能力: further study or training beyond the pairing. */
  BUSINESS_ABILITY = 'business_ability',
}
export const CARE_LABELS: Record<CareKind, { en: string; zh: string }> = {
  [CareKind.INCENTIVE]: { en: 'Incentive', zh: '激励' },
  [CareKind.CARE]: { en: 'Care', zh: '关爱' },
  [CareKind.POLITICAL_QUALITY]: { en: 'Political quality', zh: '政治素质提升' },
  [CareKind.BUSINESS_ABILITY]: { en: 'Business ability', zh: '业务能力提升' },
};

registerEnums('County', {
  ApprenticeTier: [ApprenticeTier, '分层培养: the tier an apprentice trains in (foundation 基础层, intermediate 提高层, advanced 骨干层; local defaults)'],
  CompetencyItem: [CompetencyItem, 'What the competency check at the end looks at (seed 004)'],
  CareKind: [CareKind, '激励关爱: incentive, care, political quality, business ability'],
  RoundStatus: [RoundStatus, 'Where a two-way selection round is'],
  PairStatus: [PairStatus, 'Where a pair is: proposed by the matching, confirmed by the commission, or cancelled by an adjustment'],
  PairSource: [PairSource, 'Whether a pair came from the matching run or a manual adjustment'],
  StageKind: [StageKind, 'Training-plan stage, in the order a plan must follow'],
  ActivityKind: [ActivityKind, 'What a case-log entry records; which kinds a field may log: countyActivityKinds'],
  CaseRole: [CaseRole, "The apprentice's role in a case"],
  Side: [Side, 'Which side of the selection someone is on: apprentice (徒弟) or mentor (导师)'],
  UnmatchedReason: [UnmatchedReason, 'Why someone has no pair (or a mentor has free places)'],
  GrowthKind: [GrowthKind, 'Growth records (stored as core outcomes with these category codes)'],
});
