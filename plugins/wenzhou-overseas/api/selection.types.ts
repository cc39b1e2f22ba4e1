/** The selection pipeline's GraphQL types and inputs (四、报名与选派程序); the resolver and its steps are in selection.resolver.ts. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { CalendarDateScalar, EnglishLevel, InstitutionKind, OutcomeCategoryType, ValidateWith, compareDates, type CalendarDate } from '../../../src/index.js';
import { INFLUENCE_LEVELS, TRACK_CODES, TRACK_FIELD } from '../config.js';
import { WenzhouInfluenceLevel, WenzhouStage } from '../entities/enums.js';
import { WenzhouCandidacy, WenzhouFiling, WenzhouPublication } from '../entities/selection.js';
import { calendarDate, uuid } from './common.js';

// ---------- types ----------

@ObjectType('WenzhouTrack', { description: "A track of the plan as configured on a day (二、重点任务)" })
export class WenzhouTrackType {
  @Field(() => String, { description: "The track's code, the value every `track` field holds (e.g. clinical_backbone); its key in the plugin's configuration" }) code!: string;
  @Field(() => String, { description: 'The track’s name in Chinese, as the plan words it (e.g. 医学领军人才); the label to show for the code', }) labelZh!: string;
  @Field(() => String, { description: 'The track’s name in English (e.g. Leading medical talent); the label to show for the code' }) labelEn!: string;
  @Field(() => String, { description: 'The track’s name in Chinese (项目中文名称, configuration tracks.<code>.nameZh); the same text as labelZh' }) nameZh!: string;
  @Field(() => String, { description: 'The track’s name in English (项目英文名称, configuration tracks.<code>.name); the same text as labelEn' }) nameEn!: string;
  @Field(() => String, { description: 'The track’s name in English (the English half of nameZh/nameEn)', deprecationReason: 'Use nameEn: Chinese and English names come as nameZh/nameEn' }) name!: string;
  @Field(() => Int, { description: 'Age cap, in principle (waivable)' }) ageCap!: number;
  @Field(() => Int, { nullable: true, description: 'Applicants under this age are favoured' }) favourUnderAge!: number | null;
  @Field(() => [String], { description: 'Talent programme codes the favour for the young needs (e.g. wenzhou_e_class, 入围我市E类人才项目); empty = everyone under favourUnderAge' }) favourUnderAgeRequires!: string[];
  @Field(() => Int, { description: '从事…行政管理工作N年以上: the least months of administrative experience (36 for health management, else 0)' }) minAdminMonths!: number;
  @Field(() => EnglishLevel, { description: '三(三) 能用英语进行有效的专业沟通: the lowest English level (assessed, or declared until assessed) the track admits' }) minEnglish!: EnglishLevel;
  @Field(() => Int, { description: '一般研学…: the shortest typical stay in days; a shorter stay is warned about, not refused' }) typicalDaysMin!: number;
  @Field(() => Int, { description: 'The longest typical stay in days; a longer stay is warned about, not refused' }) typicalDaysMax!: number;
  @Field(() => [InstitutionKind], { description: '3.项目要求: the kinds of host the track expects (another kind is warned about)' }) hostKinds!: InstitutionKind[];
  @Field(() => [String], { description: 'Talent programme codes that put an applicant in a priority group (优先选派): they raise the ranking, they do not gate' }) priorityProgrammes!: string[];
  @Field(() => Int, { description: 'Places per call (每年度名额, a local default) unless the call’s track sets its own' }) quota!: number;
  @Field(() => [OutcomeCategoryType], { description: 'What the track is assessed on after return (3.项目要求 主要对…进行综合评估): the categories outcomes are recorded in' }) outcomeCategories!: OutcomeCategoryType[];
}

@ObjectType('WenzhouRanking', { description: 'The ranked list of one track of a call' })
export class WenzhouRankingType {
  @Field(() => String, { description: TRACK_FIELD }) track!: string;
  @Field(() => Int, { description: 'Places in the track for this call: the first `quota` ranked are within quota' }) quota!: number;
  @Field(() => [WenzhouCandidacy], { description: 'Ranked, best first' }) ranked!: WenzhouCandidacy[];
  @Field(() => [WenzhouCandidacy], { description: 'Scored by fewer experts than required: not ranked yet' }) notReady!: WenzhouCandidacy[];
}

@ObjectType('WenzhouPublicationResult', { description: 'An internal publication of a call’s approved list and its two filings (四(四) 对内发布并备案)' })
export class WenzhouPublicationResult {
  @Field(() => WenzhouPublication, { description: 'The publication' }) publication!: WenzhouPublication;
  @Field(() => [WenzhouFiling], { description: 'Its filings: with the talent office (市委人才办) and the foreign-affairs office (市外办)' }) filings!: WenzhouFiling[];
}

// ---------- inputs ----------

@InputType('WenzhouCallInput', { description: 'A year’s call (按年度工作通知) of the plan: its year, the day ages are judged on, the registration window and places' })
@ValidateWith(
  z
    .object({
      year: z.number().int().min(2000).max(2100),
      referenceDate: calendarDate,
      opensOn: calendarDate,
      closesOn: calendarDate,
      quota: z.number().int().min(0, 'must not be negative').nullish(),
    })
    .refine((c) => compareDates(c.closesOn, c.opensOn) >= 0, { path: ['closesOn'], message: 'must not be before opensOn' }),
)
export class WenzhouCallInput {
  @Field(() => Int, { description: 'The call’s year (2000–2100); the call’s code is WZ-<year>, one per year' }) year!: number;
  @Field(() => CalendarDateScalar, { description: 'Ages and experience are judged on this day' }) referenceDate!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'First day units may register applicants (四(一) 组织报名)' }) opensOn!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Last day units may register applicants; not before opensOn' }) closesOn!: CalendarDate;
  @Field(() => Int, { nullable: true, description: "Places in the call (default: the tracks' quotas added up)" }) quota?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Open it for registration at once' }) open?: boolean | null;
}

@InputType('WenzhouQualificationsInput', { description: 'What the unit attests for the track-specific criteria (二(一) 带领团队、较强影响力; 二(四) 临床带教或教育管理经验)' })
export class WenzhouQualificationsInput {
  @Field(() => Boolean, { nullable: true, description: '临床带教工作经验' }) clinicalTeaching?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '毕业后医学教育、继续医学教育管理经验' }) educationManagement?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '已带领团队形成显著优势和鲜明特色' }) leadsTeam?: boolean | null;
  @Field(() => WenzhouInfluenceLevel, { nullable: true, description: '在全国或者全省同行中具有较强影响力: the widest circle of peers the applicant’s influence reaches; left out, none' }) influenceLevel?: WenzhouInfluenceLevel | null;
  @Field(() => String, { nullable: true, description: `在全国或者全省同行中具有较强影响力, as text: ${INFLUENCE_LEVELS.join(' | ')}`, deprecationReason: 'Use influenceLevel: the same values as an enum (WenzhouInfluenceLevel)' }) influence?: string | null;
  @Field(() => String, { nullable: true, description: 'Evidence in brief' }) note?: string | null;
}

@InputType('WenzhouRegisterInput', { description: 'A unit registers one of its staff under a track of a call (四(一))' })
@ValidateWith(
  z.object({
    programmeId: uuid,
    talentId: uuid,
    track: z.enum(TRACK_CODES, { message: `unknown track; one of ${TRACK_CODES.join(', ')}` }),
    unitAttestation: z.literal(true, { message: 'the unit must attest conduct, health and fit with its talent plan (三(一)(二)(四))' }),
    qualifications: z
      .object({
        influence: z.enum(INFLUENCE_LEVELS, { message: `one of ${INFLUENCE_LEVELS.join(', ')}` }).nullish(),
        note: z.string().max(2000, 'at most 2000 characters').nullish(),
      })
      .passthrough()
      .nullish(),
  }),
)
export class WenzhouRegisterInput {
  @Field(() => ID, { description: 'The call (a programme of the Wenzhou scheme)' }) programmeId!: string;
  @Field(() => ID, { description: 'The talent, of the registering unit' }) talentId!: string;
  @Field(() => String, { description: TRACK_FIELD }) track!: string;
  @Field(() => Boolean, {
    description: 'The unit attests: politically reliable, law-abiding, of good conduct (三(一)); in line with its talent and discipline plan (三(二)); healthy and able to live abroad (三(四))',
  })
  unitAttestation!: boolean;
  @Field(() => WenzhouQualificationsInput, { nullable: true, description: 'The track-specific facts (replaces what was attested before for this talent)' })
  qualifications?: WenzhouQualificationsInput | null;
}

@InputType('WenzhouLanguageAssessmentInput', { description: 'An invited expert’s language assessment of an applicant (四(二) 外语能力评估)' })
@ValidateWith(z.object({ candidacyId: uuid, score: z.number().int().min(0, 'must be 0–100').max(100, 'must be 0–100'), note: z.string().max(2000).nullish() }))
export class WenzhouLanguageAssessmentInput {
  @Field(() => ID, { description: 'The applicant (at stage registered)' }) candidacyId!: string;
  @Field(() => EnglishLevel, { description: 'The assessed English level: judged against the track’s minEnglish' }) level!: EnglishLevel;
  @Field(() => Int, { description: '0–100' }) score!: number;
  @Field(() => String, { nullable: true, description: 'The expert’s note' }) note?: string | null;
}

@InputType('WenzhouScoreInput', { description: 'A committee expert’s score sheet for an applicant (四(三) 遴选); a second sheet by the same expert replaces the first' })
export class WenzhouScoreInput {
  @Field(() => ID, { description: 'The applicant (language assessed or scored; eligible; not of the expert’s own unit)' }) candidacyId!: string;
  @Field(() => Int, { description: '业务能力, 0..scoreMax' }) businessAbility!: number;
  @Field(() => Int, { description: '临床水平, 0..scoreMax' }) clinicalLevel!: number;
  @Field(() => Int, { nullable: true, description: '外语评估结果, 0..scoreMax: taken from the recorded language assessment (四(二)); leave it out, or give the same value' }) languageResult?: number | null;
  @Field(() => Int, { description: '社会评价, 0..scoreMax' }) socialEvaluation!: number;
  @Field(() => String, { nullable: true, description: 'The expert’s comment, at most 2000 characters' }) comment?: string | null;
}

@InputType('WenzhouPublishInput', { description: 'Publishing a call’s approved list internally and filing it (四(四))' })
@ValidateWith(z.object({ programmeId: uuid, note: z.string().max(2000).nullish(), talentOfficeReference: z.string().max(100).nullish(), foreignAffairsReference: z.string().max(100).nullish() }))
export class WenzhouPublishInput {
  @Field(() => ID, { description: 'The call' }) programmeId!: string;
  @Field(() => String, { nullable: true, description: 'A note on the publication' }) note?: string | null;
  @Field(() => String, { nullable: true, description: 'Reference of the filing with the municipal talent office (市委人才办)' }) talentOfficeReference?: string | null;
  @Field(() => String, { nullable: true, description: 'Reference of the filing with the foreign-affairs office (市外办)' }) foreignAffairsReference?: string | null;
}

const mustBeDone = (what: string) => z.literal(true, { message: `${what} must be done before the exit formalities are complete` });
@InputType('WenzhouExitFormalitiesInput', { description: 'The unit confirms the exit formalities of a published applicant (四(五) 办理出国手续); every step must be done' })
@ValidateWith(
  z.object({
    candidacyId: uuid,
    completedOn: calendarDate,
    travelDocumentsReady: mustBeDone('passport, visa and approval to travel'),
    preDepartureTrainingDone: mustBeDone('pre-departure training (foreign-affairs discipline, language and culture, local law)'),
    confidentialityBriefingDone: mustBeDone('the confidentiality briefing (出国（境）保密管理)'),
    politicalEducationDone: mustBeDone('political and ideological education (强化思想政治和意识形态教育)'),
    note: z.string().max(2000).nullish(),
  }),
)
export class WenzhouExitFormalitiesInput {
  @Field(() => ID, { description: 'The applicant (at stage published, of the unit)' }) candidacyId!: string;
  @Field(() => CalendarDateScalar, { description: 'The day the formalities were completed' }) completedOn!: CalendarDate;
  @Field(() => Boolean, { description: 'Passport, visa and approval to travel are ready: must be true' }) travelDocumentsReady!: boolean;
  @Field(() => Boolean, { description: '行前准备、外事纪律、语言文化适应、习俗适应、当地重要法律法规学习等培训' }) preDepartureTrainingDone!: boolean;
  @Field(() => Boolean, { description: '严格遵守出国（境）保密管理制度' }) confidentialityBriefingDone!: boolean;
  @Field(() => Boolean, { nullable: true, description: '五(二) 强化思想政治和意识形态教育: must be true (nullable only so that clients released before it keep type-checking; left out, the formalities are refused naming it)' }) politicalEducationDone?: boolean | null;
  @Field(() => String, { nullable: true, description: 'The unit’s note' }) note?: string | null;
}

@InputType('WenzhouTrackRankInput', { description: 'Which track of which call to rank (wenzhouTrackRank)' })
export class WenzhouTrackRankInput {
  @Field(() => ID, { description: 'The call (a programme of the Wenzhou scheme)' }) programmeId!: string;
  @Field(() => String, { description: TRACK_FIELD }) track!: string;
}

@InputType('WenzhouTrackApproveInput', { description: 'Which track of which call the commission approves (wenzhouTrackApprove): its ranked list within quota' })
export class WenzhouTrackApproveInput extends WenzhouTrackRankInput {}

@InputType('WenzhouCandidacyFilter', { description: 'Narrows wenzhouCandidacies; fields left out do not narrow' })
export class WenzhouCandidacyFilter {
  @Field(() => ID, { nullable: true, description: 'Applicants of this call' }) programmeId?: string | null;
  @Field(() => String, { nullable: true, description: TRACK_FIELD }) track?: string | null;
  @Field(() => WenzhouStage, { nullable: true, description: 'Applicants at this stage' }) stage?: WenzhouStage | null;
  @Field(() => ID, { nullable: true, description: 'Applicants of this unit (a unit sees only its own anyway)' }) unitId?: string | null;
}
