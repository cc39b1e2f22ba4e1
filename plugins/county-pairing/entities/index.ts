export { CountyRound } from './round.js';
export { CountyMentor, CountyApprentice } from './participants.js';
export { CountyPair } from './pair.js';
export { CountyPlan, CountyPlanStage, CountyProgress, CountyStageTarget, type StageTarget } from './plan.js';
export { CountyCaseLogEntry } from './case-log.js';
export { CountyRetentionCheck } from './retention.js';
export { CountyCompetencyCheck, CountyCompetencyResult, CountyCareRecord } from './competency.js';

import { CountyRound } from './round.js';
import { CountyMentor, CountyApprentice } from './participants.js';
import { CountyPair } from './pair.js';
import { CountyPlan, CountyPlanStage, CountyProgress } from './plan.js';
import { CountyCaseLogEntry } from './case-log.js';
import { CountyRetentionCheck } from './retention.js';
import { CountyCareRecord, CountyCompetencyCheck } from './competency.js';

export const countyEntities = [CountyRound, CountyMentor, CountyApprentice, CountyPair, CountyPlan, CountyPlanStage, CountyProgress, CountyCaseLogEntry, CountyRetentionCheck, CountyCompetencyCheck, CountyCareRecord];
