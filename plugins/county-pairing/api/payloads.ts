import { Outcome, PayloadType } from '../../../src/index.js';
import { CountyApprentice, CountyCareRecord, CountyCaseLogEntry, CountyCompetencyCheck, CountyMentor, CountyPair, CountyPlan, CountyProgress, CountyRetentionCheck, CountyRound } from '../entities/index.js';
import { CountyMatchResult } from './types.js';

/**
 * The payloads of the scheme's mutations (issue 17): the record as it stands after the mutation,
 * and `userErrors` for a mistake the user can correct (nothing written then). Each old mutation
 * is deprecated in favour of the payload mutation named by `use`.
 */

export const RoundCreatePayload = PayloadType('CountyRoundCreatePayload', 'round', () => CountyRound, 'The round opened (with its programme), or why not');
export const MentorPublishPayload = PayloadType('CountyMentorPublishPayload', 'mentor', () => CountyMentor, 'The mentor’s offer as published, or why not');
export const ApprenticeRegisterPayload = PayloadType('CountyApprenticeRegisterPayload', 'apprentice', () => CountyApprentice, 'The apprentice registered (with their tier), or why not');
export const ApprenticeRankMentorsPayload = PayloadType('CountyApprenticeRankMentorsPayload', 'apprentice', () => CountyApprentice, 'The apprentice with their new ranking, or why not');
export const MentorRankApprenticesPayload = PayloadType('CountyMentorRankApprenticesPayload', 'mentor', () => CountyMentor, 'The mentor with their new ranking, or why not');
export const RoundRunMatchingPayload = PayloadType('CountyRoundRunMatchingPayload', 'matchResult', () => CountyMatchResult, 'The pairs the matching proposed and who is left unpaired, or why it did not run');
export const RoundConfirmPayload = PayloadType('CountyRoundConfirmPayload', 'round', () => CountyRound, 'The round confirmed, or why not');
export const PairAdjustPayload = PayloadType('CountyPairAdjustPayload', 'pair', () => CountyPair, 'The pair as adjusted (cancelled when the apprentice was unpaired), or why not');
export const PlanSetPayload = PayloadType('CountyPlanSetPayload', 'plan', () => CountyPlan, 'The plan as written, or why not');
export const ProgressRecordPayload = PayloadType('CountyProgressRecordPayload', 'progress', () => CountyProgress, 'The progress entry recorded, or why not');
export const CaseLogEntryCreatePayload = PayloadType('CountyCaseLogEntryCreatePayload', 'caseLogEntry', () => CountyCaseLogEntry, 'The case-log entry logged, or why not');
export const CaseLogEntriesSignOffPayload = PayloadType('CountyCaseLogEntriesSignOffPayload', 'caseLogEntries', () => [CountyCaseLogEntry], 'The entries signed off, in the order asked, or why none was');
export const GrowthRecordPayload = PayloadType('CountyGrowthRecordPayload', 'outcome', () => Outcome, 'The growth record (a core Outcome of the pair’s placement), or why not');
export const RetentionCheckRecordPayload = PayloadType('CountyRetentionCheckRecordPayload', 'retentionCheck', () => CountyRetentionCheck, 'The retention check as recorded, or why not');
export const ApprenticeSetTierPayload = PayloadType('CountyApprenticeSetTierPayload', 'apprentice', () => CountyApprentice, 'The apprentice in their new tier, or why not');
export const CompetencyCheckRecordPayload = PayloadType('CountyCompetencyCheckRecordPayload', 'competencyCheck', () => CountyCompetencyCheck, 'The competency check as recorded, or why not');
export const CareRecordCreatePayload = PayloadType('CountyCareRecordCreatePayload', 'careRecord', () => CountyCareRecord, 'The 激励关爱 record, or why not');
