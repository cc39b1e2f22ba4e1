import { registerEnums } from '../../src/index.js';

/** The three appraisal periods of a stay: before departure, while abroad, after return. */
export enum AppraisalPeriod { BEFORE = 'before', DURING = 'during', AFTER = 'after' }
export const PERIOD_ORDER: readonly AppraisalPeriod[] = [AppraisalPeriod.BEFORE, AppraisalPeriod.DURING, AppraisalPeriod.AFTER];

export enum Grade { EXCELLENT = 'excellent', GOOD = 'good', PASS = 'pass', FAIL = 'fail' }

/** What a grade brings: an incentive, nothing, a warning, or money clawed back. */
export enum Consequence { INCENTIVE = 'incentive', NONE = 'none', WARNING = 'warning', CLAWBACK = 'clawback' }

/** Seed 000's three channels by code, which are also the yearly plan's track codes. */
export const CHANNELS = ['state_sponsored', 'award_2012', 'eight_year_2014'] as const;
export type ChannelCode = (typeof CHANNELS)[number];
// Keyed by the code itself: HospitalStay.channel gave these strings before it became an enum, so clients read the same value.
export const ChannelCodeEnum = Object.fromEntries(CHANNELS.map((c) => [c, c])) as { [K in ChannelCode]: K };

registerEnums('Hospital', {
  AppraisalPeriod: [AppraisalPeriod, 'The three appraisal periods of a stay, appraised in this order: before departure (出国前), while abroad (研修中), after return (回国后) (seed 000: appraisal before, during and after)'],
  Grade: [Grade, 'Appraisal grade of a stay (考核等级), from its overall score: excellent, good, pass, fail (cut-offs are a local default, see hospitalAppraisalSchemes)'],
  Consequence: [Consequence, "The grade's consequence (考核结果运用): an incentive paid, none, a warning, or part of the funding clawed back"],
  ChannelCode: [
    ChannelCodeEnum,
    'The three overseas-training channels of seed 000 (选派渠道), also the plan’s track codes: state_sponsored (国家公派出国留学), award_2012 (优秀中青年人才出国研修奖励计划, 2012), eight_year_2014 (八年制毕业生科研训练专项计划, 2014); hospitalChannels lists each with its configuration',
  ],
});
