import { registerEnums } from '../graphql/enums.js';

/** The shared vocabulary of every scheme (SPEC.md, "Shared core concepts"). */

export enum Gender { MALE = 'male', FEMALE = 'female' }

export enum Field {
  WESTERN_MEDICINE = 'western_medicine',
  TCM = 'tcm',
  NURSING = 'nursing',
  PHARMACY = 'pharmacy',
  MEDICAL_TECHNOLOGY = 'medical_technology',
  PUBLIC_HEALTH = 'public_health',
  MANAGEMENT = 'management',
}

export enum Profession { DOCTOR = 'doctor', NURSE = 'nurse', PHARMACIST = 'pharmacist', TECHNICIAN = 'technician', MANAGER = 'manager', RESEARCHER = 'researcher' }

/** Ordered: a rule may compare grades by their index in TITLE_ORDER. */
export enum TitleGrade { NONE = 'none', JUNIOR = 'junior', INTERMEDIATE = 'intermediate', ASSOCIATE_SENIOR = 'associate_senior', SENIOR = 'senior' }
export const TITLE_ORDER: readonly TitleGrade[] = [TitleGrade.NONE, TitleGrade.JUNIOR, TitleGrade.INTERMEDIATE, TitleGrade.ASSOCIATE_SENIOR, TitleGrade.SENIOR];

export enum Degree { BELOW_BACHELOR = 'below_bachelor', BACHELOR = 'bachelor', MASTER = 'master', DOCTORATE = 'doctorate' }
export const DEGREE_ORDER: readonly Degree[] = [Degree.BELOW_BACHELOR, Degree.BACHELOR, Degree.MASTER, Degree.DOCTORATE];

/** Ordered from weakest to strongest. */
export enum EnglishLevel { NONE = 'none', BASIC = 'basic', WORKING = 'working', GOOD = 'good', FLUENT = 'fluent' }
export const ENGLISH_ORDER: readonly EnglishLevel[] = [EnglishLevel.NONE, EnglishLevel.BASIC, EnglishLevel.WORKING, EnglishLevel.GOOD, EnglishLevel.FLUENT];

/** Chinese names of the ordered scales, for rules' messages in both languages. */
export const TITLE_ZH: Record<TitleGrade, string> = { none: '无职称', junior: '初级', intermediate: '中级', associate_senior: '副高级', senior: '正高级' };
export const DEGREE_ZH: Record<Degree, string> = { below_bachelor: '本科以下', bachelor: '本科', master: '硕士', doctorate: '博士' };
export const ENGLISH_ZH: Record<EnglishLevel, string> = { none: '无', basic: '基础', working: '可用于专业沟通', good: '良好', fluent: '熟练' };

/** Known talent-programme memberships; schemes read them as priority groups. Free codes are allowed too. */
export const TALENT_PROGRAMMES = {
  national_talent: 'National talent programme',
  provincial_leading_talent: 'Provincial high-level health leading talent',
  provincial_high_level_talent: 'Provincial high-level health talent',
  wenzhou_e_class: 'Wenzhou E-class talent',
  municipal_key_specialty_leader: 'Municipal-or-higher key specialty leader',
  municipal_key_specialty_reserve: 'Municipal-or-higher key specialty reserve leader',
  specialty_disease_centre_leader: 'Municipal specialty-disease centre leader',
  rising_star: 'Rising-star programme',
  key_discipline_core: 'Key discipline, major project or platform head or core member',
  residency_faculty: 'Standardised-residency faculty',
  teaching_director: 'Teaching director or full-time teaching manager',
  reserve_cadre: 'Reserve cadre',
  eight_year_graduate: 'Graduate of an eight-year MD programme (Wuhan Union Hospital, seed 000)',
} as const;

export enum InstitutionKind { HOSPITAL = 'hospital', CDC = 'cdc', UNIVERSITY = 'university', RESEARCH_INSTITUTE = 'research_institute', HEALTH_COMMISSION = 'health_commission', OTHER = 'other' }
/** The administrative level an institution answers to (Guizhou enrols province-, city- and county-level staff). */
export enum AdminLevel { NATIONAL = 'national', PROVINCE = 'province', CITY = 'city', COUNTY = 'county', TOWNSHIP = 'township' }

export enum ProgrammeStatus { DRAFT = 'draft', OPEN = 'open', CLOSED = 'closed', ARCHIVED = 'archived' }
export enum ApplicationStatus { SUBMITTED = 'submitted', INELIGIBLE = 'ineligible', ELIGIBLE = 'eligible', SELECTED = 'selected', REJECTED = 'rejected', WITHDRAWN = 'withdrawn' }
export enum PlacementStatus { PLANNED = 'planned', ACTIVE = 'active', COMPLETED = 'completed', WITHDRAWN = 'withdrawn' }
/** A training group: planned, away (departed), back (returned), or called off. */
export enum GroupStatus { PLANNED = 'planned', UNDERWAY = 'underway', RETURNED = 'returned', CANCELLED = 'cancelled' }
export enum GroupRole { LEADER = 'leader', MEMBER = 'member' }
export enum ReportStatus { DUE = 'due', SUBMITTED = 'submitted', ACCEPTED = 'accepted', RETURNED = 'returned', CANCELLED = 'cancelled' }

registerEnums('', {
  Gender: [Gender, 'Gender (性别) as registered'],
  Field: [Field, 'Professional field'],
  Profession: [Profession, 'Profession (专业类别): doctor, nurse, pharmacist, technician, manager, researcher'],
  TitleGrade: [TitleGrade, 'Professional title grade'],
  Degree: [Degree, 'Highest degree'],
  EnglishLevel: [EnglishLevel, 'English ability, weakest to strongest'],
  InstitutionKind: [InstitutionKind, 'What an institution is: hospital, CDC (疾控中心), university, research institute, health commission (卫健委), other'],
  AdminLevel: [AdminLevel, 'Administrative level an institution answers to'],
  ProgrammeStatus: [ProgrammeStatus, 'Where a programme is: draft → open (taking applications) → closed → archived'],
  ApplicationStatus: [ApplicationStatus, 'Where an application is: submitted, eligible or ineligible (the scheme rule’s verdict), then selected, rejected or withdrawn'],
  PlacementStatus: [PlacementStatus, 'Where a placement is: planned → active (departed) → completed (returned); or withdrawn'],
  ReportStatus: [ReportStatus, 'Where a report is: due → submitted → accepted, or returned for changes; cancelled when no longer owed'],
  GroupStatus: [GroupStatus, 'planned → underway (departed) → returned; or cancelled'],
  GroupRole: [GroupRole, 'A member’s place in a training group: the leader (团长, writes the group report) or a member'],
});
