export * from './enums.js';
export { WenzhouCandidacy, WenzhouScore, WenzhouPublication, WenzhouFiling } from './selection.js';
export { WenzhouStay, WenzhouStudyPlanItem, WenzhouCheckIn, WenzhouExtension, WenzhouFollowUp, WenzhouSharingSession, WenzhouCostItem, WenzhouClawback } from './stay.js';

import { WenzhouCandidacy, WenzhouFiling, WenzhouPublication, WenzhouScore } from './selection.js';
import { WenzhouCheckIn, WenzhouClawback, WenzhouCostItem, WenzhouExtension, WenzhouFollowUp, WenzhouSharingSession, WenzhouStay, WenzhouStudyPlanItem } from './stay.js';

export const wenzhouEntities = [
  WenzhouPublication,
  WenzhouFiling,
  WenzhouCandidacy,
  WenzhouScore,
  WenzhouStay,
  WenzhouStudyPlanItem,
  WenzhouCheckIn,
  WenzhouExtension,
  WenzhouFollowUp,
  WenzhouSharingSession,
  WenzhouCostItem,
  WenzhouClawback,
];
