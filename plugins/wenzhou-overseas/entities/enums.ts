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

/*
 * Sets the code fixes that the API sent as strings before it had enums: their GraphQL names are
 * the strings themselves (lowercase where they were), so a client reads the same value as before.
 */

/** 协议: what a clause of an agreement is about (rules/agreement.ts). */
export enum WenzhouClauseKind { guarantee = 'guarantee', task = 'task', return = 'return', service = 'service' }

/** Who owes a clause: the unit (the plan's guarantees) or the talent. */
export enum WenzhouClauseParty { unit = 'unit', talent = 'talent' }

/** 五(三) guarantees a month's pay can miss (G2, G3). */
export enum WenzhouGuaranteeMissed { BASE_SALARY_NOT_IN_FULL = 'BASE_SALARY_NOT_IN_FULL', PERFORMANCE_BELOW_AVERAGE = 'PERFORMANCE_BELOW_AVERAGE' }

/** 四(五)/五(二) the pre-departure steps the exit formalities confirm. */
export enum WenzhouExitStep {
  travel_documents = 'travel_documents',
  pre_departure_training = 'pre_departure_training',
  political_education = 'political_education',
  confidentiality_briefing = 'confidentiality_briefing',
}

/** 在全国或者全省同行中具有较强影响力: the widest circle of peers an applicant's influence reaches (config INFLUENCE_LEVELS, in order). */
export enum WenzhouInfluenceLevel { none = 'none', city = 'city', provincial = 'provincial', national = 'national' }

registerEnums('Wenzhou', {
  Stage: [WenzhouStage, 'Where an applicant is: the selection pipeline (四、报名与选派程序: registered … published, exit_cleared), then the stay (placed, abroad, returned)'],
  FilingOffice: [WenzhouFilingOffice, 'Offices the published list is filed with (报市委人才办、市外办备案)'],
  ExtensionStatus: [WenzhouExtensionStatus, 'Where a request to stay longer is: pending the unit’s decision, approved (the end moved) or refused'],
  CostCategory: [WenzhouCostCategory, 'What a cost of a stay paid for (airfare, accommodation, tuition, living, insurance, visa, training, other)'],
  ClawbackReason: [WenzhouClawbackReason, 'Why benefits are clawed back (五(三) 单位有权追回相关待遇保障): tasks not completed, an unapproved extension, leaving before the service period ends'],
  ClawbackStatus: [WenzhouClawbackStatus, 'Where a clawback case is: open, recovered in full, or the rest waived'],
  Payer: [WenzhouPayer, 'Who bears a share of the costs (五(三)): the Ouyue health foundation (基金会), the unit (人才所在单位) or the talent (人才本人)'],
  IncidentKind: [WenzhouIncidentKind, 'What an incident during a stay concerns: 安全 (safety) or 纪律 (discipline)'],
  IncidentSeverity: [WenzhouIncidentSeverity, 'How grave an incident during a stay is: minor or serious'],
  AgencyService: [WenzhouAgencyService, 'What a third-party agency provides (五(一) 政策咨询、行前教育、语言研学等服务保障)'],
  ClauseKind: [WenzhouClauseKind, 'What a clause of an agreement (协议) is: guarantee (G…, the plan’s 待遇保障), task (T…, 研学任务), return (R1, 按期返岗), service (S1, 服务期)'],
  ClauseParty: [WenzhouClauseParty, 'Who owes a clause of an agreement: the unit (the guarantees) or the talent'],
  GuaranteeMissed: [WenzhouGuaranteeMissed, 'A guarantee a month’s pay missed: BASE_SALARY_NOT_IN_FULL (基础工资未全额发放, G2), PERFORMANCE_BELOW_AVERAGE (奖励性绩效低于科室平均, G3)'],
  ExitStep: [WenzhouExitStep, 'A pre-departure step done with the exit formalities: travel documents, pre-departure training, political education (思想政治和意识形态教育), the confidentiality briefing (保密教育)'],
  InfluenceLevel: [WenzhouInfluenceLevel, 'The widest circle of peers an applicant’s influence reaches (同行影响力): none, city, provincial (全省), national (全国)'],
});
