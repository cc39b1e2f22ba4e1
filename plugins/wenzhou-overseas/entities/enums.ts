import { registerEnums } from '../../../src/index.js';

/** Where an applicant is in the selection pipeline (四、报名与选派程序) and the stay after it. */
export enum WenzhouStage {
  REGISTERED = 'registered', // (一) 组织报名
  LANGUAGE_ASSESSED = 'language_assessed', // (二) 外语能力评估
  SCORED = 'scored', // (三) 遴选: at least one expert has scored
  RANKED = 'ranked', // ranked list per track
  APPROVED = 'approved', // (四) 核查、审定
  PUBLISHED = 'published', // (四) 对内发布并备案
  EXIT_CLEARED = 'exit_cleared', // (五) 办理出国手续
  PLACED = 'placed', // host and dates fixed, daily study plan
  ABROAD = 'abroad',
  RETURNED = 'returned',
}
export const STAGE_ORDER: readonly WenzhouStage[] = Object.values(WenzhouStage);

export enum WenzhouFilingOffice {
  TALENT_OFFICE = 'talent_office', // 市委人才办
  FOREIGN_AFFAIRS_OFFICE = 'foreign_affairs_office', // 市外办
}

export enum WenzhouExtensionStatus { PENDING = 'pending', APPROVED = 'approved', REFUSED = 'refused' }

export enum WenzhouCostCategory {
  AIRFARE = 'airfare',
  ACCOMMODATION = 'accommodation',
  TUITION = 'tuition',
  LIVING = 'living',
  INSURANCE = 'insurance',
  VISA = 'visa',
  TRAINING = 'training',
  OTHER = 'other',
}

export enum WenzhouClawbackReason {
  TASKS_NOT_COMPLETED = 'tasks_not_completed', // 未按协议约定完成研学任务
  UNAPPROVED_EXTENSION = 'unapproved_extension', // 未经单位同意擅自延长出国期限
  LEFT_BEFORE_SERVICE_END = 'left_before_service_end', // 服务期未满调离
}

export enum WenzhouClawbackStatus { OPEN = 'open', RECOVERED = 'recovered', WAIVED = 'waived' }

/** 强化安全及纪律监督 */
export enum WenzhouIncidentKind { SAFETY = 'safety', DISCIPLINE = 'discipline' }
export enum WenzhouIncidentSeverity { MINOR = 'minor', SERIOUS = 'serious' }

/** 第三方机构 services (五(一) 做好政策咨询、行前教育、语言研学等服务保障). */
export enum WenzhouAgencyService { POLICY_CONSULTING = 'policy_consulting', PRE_DEPARTURE_EDUCATION = 'pre_departure_education', LANGUAGE_TRAINING = 'language_training', STUDY_RESOURCES = 'study_resources', ON_SITE_SUPPORT = 'on_site_support' }

export enum WenzhouPayer { FOUNDATION = 'foundation', UNIT = 'unit', INDIVIDUAL = 'individual' }

registerEnums('Wenzhou', {
  Stage: [WenzhouStage, 'Selection pipeline stage, then the stay'],
  FilingOffice: [WenzhouFilingOffice, 'Offices the published list is filed with'],
  ExtensionStatus: WenzhouExtensionStatus,
  CostCategory: WenzhouCostCategory,
  ClawbackReason: [WenzhouClawbackReason, 'Why benefits are clawed back (五(三))'],
  ClawbackStatus: WenzhouClawbackStatus,
  Payer: WenzhouPayer,
  IncidentKind: [WenzhouIncidentKind, '安全 or 纪律'],
  IncidentSeverity: WenzhouIncidentSeverity,
  AgencyService: [WenzhouAgencyService, 'What a third-party agency provides (五(一))'],
});
