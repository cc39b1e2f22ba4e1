import { registerEnums } from '../../src/index.js';

/** The vocabulary of the Guizhou Medical Talents Plan (seed 001). */

/** The four sub-plans of the upgraded plan (黔医人才计划: 登峰、育林、骨干、优才). */
export enum GuizhouSubPlan { CLIMBING = 'climbing', FOREST_CULTIVATION = 'forest_cultivation', BACKBONE = 'backbone', OUTSTANDING = 'outstanding' }
export const SUB_PLAN_LABELS: Record<GuizhouSubPlan, { en: string; zh: string }> = {
  [GuizhouSubPlan.CLIMBING]: { en: 'Climbing talents', zh: '登峰人才' },
  [GuizhouSubPlan.FOREST_CULTIVATION]: { en: 'Forest-cultivation talents', zh: '育林人才' },
  [GuizhouSubPlan.BACKBONE]: { en: 'Backbone talents', zh: '骨干人才' },
  [GuizhouSubPlan.OUTSTANDING]: { en: 'Outstanding talents', zh: '优才' },
};

/** The two components of the Ruijin agreement: cultivation at the host, and the return plan afterwards. */
export enum GuizhouComponent { CULTIVATION = 'cultivation', RETURN_PLAN = 'return_plan' }

/** Where the host hospitals are. */
export enum GuizhouHostRegion { SHANGHAI = 'shanghai', GUANGDONG = 'guangdong', BEIJING = 'beijing', ZHEJIANG = 'zhejiang' }

export enum GuizhouGrade { EXCELLENT = 'excellent', PASS = 'pass', FAIL = 'fail' }

export enum GuizhouAssessmentStage { MID_TERM = 'mid_term', FINAL = 'final' }

/**
 * A trainee's state. `enrolled` → `in_training` → `completed` (final grade pass or excellent) or
 * `not_completed` (final grade fail); `withdrawn` from enrolled (before the start) or from
 * in_training (mid-term). The return is recorded on a completed trainee (`returnedOn`).
 */
export enum GuizhouTraineeStatus {
  ENROLLED = 'enrolled',
  IN_TRAINING = 'in_training',
  COMPLETED = 'completed',
  NOT_COMPLETED = 'not_completed',
  WITHDRAWN = 'withdrawn',
}

export enum GuizhouWithdrawalStage { BEFORE_START = 'before_start', MID_TERM = 'mid_term' }

/** What a returnee contributes afterwards; each is a core Outcome with this category, linked to the placement. */
export enum GuizhouContributionKind { NEW_TECHNOLOGY = 'new_technology', GAP_FILLED = 'technology_gap_filled', CASCADE_TRAINING = 'cascade_training' }

/** Levels at which a technology gap can be filled. */
export enum GuizhouGapLevel { PROVINCE = 'province', CITY = 'city', COUNTY = 'county' }

/**
 * The dashboard figures a definition is given for (`GuizhouDashboard.definitions`): each the name of
 * a `GuizhouFigures` field, kept as that name on the wire.
 */
export enum GuizhouFigure {
  trained = 'trained',
  concluded = 'concluded',
  completed = 'completed',
  returned = 'returned',
  completionRate = 'completionRate',
  excellentRate = 'excellentRate',
  newTechnologies = 'newTechnologies',
  gapsFilled = 'gapsFilled',
  grassrootsTrained = 'grassrootsTrained',
}

registerEnums('Guizhou', {
  SubPlan: [GuizhouSubPlan, 'Sub-plan of the Guizhou Medical Talents Plan'],
  Component: [GuizhouComponent, 'Component of the scheme: cultivation at the host, or the return plan'],
  HostRegion: [GuizhouHostRegion, 'Province or municipality of the host hospital'],
  Grade: [GuizhouGrade, 'Assessment grade'],
  AssessmentStage: [GuizhouAssessmentStage, 'Which assessment: mid-term (中期考核) or final (结业考核), which concludes the term'],
  TraineeStatus: [GuizhouTraineeStatus, 'enrolled → in_training → completed | not_completed; withdrawn before the start or mid-term'],
  WithdrawalStage: [GuizhouWithdrawalStage, 'When a trainee withdrew: before the start (frees the place, not counted as trained) or mid-term (counts against completion)'],
  ContributionKind: [GuizhouContributionKind, 'What a returnee contributes'],
  GapLevel: [GuizhouGapLevel, 'Level at which a technology gap was filled'],
  Figure: [GuizhouFigure, 'A dashboard figure that has a definition: the name of a GuizhouFigures field'],
});
