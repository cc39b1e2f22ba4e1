export * from './enums.js';
export { WenzhouApplicantProfile, WenzhouCommittee, WenzhouCommitteeMember } from './governance.js';
export { WenzhouAgreement, WenzhouBenefitPayment, WenzhouIncident } from './agreement.js';
export { WenzhouAgency, WenzhouStudyTour } from './tours.js';
export { WenzhouCandidacy, WenzhouScore, WenzhouPublication, WenzhouFiling } from './selection.js';
export { WenzhouStay, WenzhouStudyPlanItem, WenzhouCheckIn, WenzhouExtension, WenzhouFollowUp, WenzhouSharingSession, WenzhouCostItem, WenzhouClawback } from './stay.js';

import { WenzhouApplicantProfile, WenzhouCommittee, WenzhouCommitteeMember } from './governance.js';
import { WenzhouAgreement, WenzhouBenefitPayment, WenzhouIncident } from './agreement.js';
import { WenzhouAgency, WenzhouStudyTour } from './tours.js';
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
  WenzhouApplicantProfile,
  WenzhouCommittee,
  WenzhouCommitteeMember,
  WenzhouAgreement,
  WenzhouBenefitPayment,
  WenzhouIncident,
  WenzhouAgency,
  WenzhouStudyTour,
];
