import { registerEnums } from '../../src/index.js';

/** The three appraisal periods of a stay: before departure, while abroad, after return. */
export enum AppraisalPeriod { BEFORE = 'before', DURING = 'during', AFTER = 'after' }
export const PERIOD_ORDER: readonly AppraisalPeriod[] = [AppraisalPeriod.BEFORE, AppraisalPeriod.DURING, AppraisalPeriod.AFTER];

export enum Grade { EXCELLENT = 'excellent', GOOD = 'good', PASS = 'pass', FAIL = 'fail' }

/** What a grade brings: an incentive, nothing, a warning, or money clawed back. */
export enum Consequence { INCENTIVE = 'incentive', NONE = 'none', WARNING = 'warning', CLAWBACK = 'clawback' }

registerEnums('Hospital', {
  AppraisalPeriod: [AppraisalPeriod, 'Before departure, while abroad, after return'],
  Grade: [Grade, 'Appraisal grade'],
  Consequence: [Consequence, "The grade's consequence: incentive, none, warning, clawback"],
});
