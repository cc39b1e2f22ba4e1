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

/** Stratified training: the stages of a plan, in this order. */
export enum StageKind { THEORY = 'theory', SUPERVISED_PRACTICE = 'supervised_practice', INDEPENDENT_PRACTICE = 'independent_practice' }
export const STAGE_ORDER: readonly StageKind[] = [StageKind.THEORY, StageKind.SUPERVISED_PRACTICE, StageKind.INDEPENDENT_PRACTICE];

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

registerEnums('County', {
  RoundStatus: [RoundStatus, 'Where a two-way selection round is'],
  PairStatus,
  PairSource: [PairSource, 'Whether a pair came from the matching run or a manual adjustment'],
  StageKind: [StageKind, 'Training-plan stage, in the order a plan must follow'],
  ActivityKind: [ActivityKind, 'What a case-log entry records; which kinds a field may log: countyActivityKinds'],
  CaseRole: [CaseRole, "The apprentice's role in a case"],
  Side,
  UnmatchedReason: [UnmatchedReason, 'Why someone has no pair (or a mentor has free places)'],
  GrowthKind: [GrowthKind, 'Growth records (stored as core outcomes with these category codes)'],
});
