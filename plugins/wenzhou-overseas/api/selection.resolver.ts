/**
 * The selection pipeline (四、报名与选派程序), one mutation per step, each with its own role:
 * call → unit registration → language assessment (expert) → committee scores (experts, not from
 * the applicant's unit) → ranked list per track within quota → commission approval → internal
 * publication and filing → exit formalities (the unit).
 */
import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import {
  Application,
  ApplicationStatus,
  CalendarDateScalar,
  ConnectionType,
  EnglishLevel,
  Institution,
  InstitutionKind,
  OutcomeCategoryType,
  PageArgs,
  Programme,
  ProgrammeStatus,
  ProgrammeTrack,
  createSchemeProgramme,
  Roles,
  Talent,
  ValidateWith,
  badInput,
  compareDates,
  decideApplication,
  forbidden,
  hasRole,
  invalidState,
  rejudgeApplication,
  paginate,
  submitApplication,
  type CalendarDate,
  type RequestContext,
  relationFields,
} from '../../../src/index.js';
import { INFLUENCE_LEVELS, TRACK_CODES, TRACK_FIELD, isTrackCode, type WenzhouConfig } from '../config.js';
import { WenzhouApplicantProfile } from '../entities/governance.js';
import { assertCommitteeMember } from './committee.resolver.js';
import { WenzhouFilingOffice, WenzhouInfluenceLevel, WenzhouStage } from '../entities/enums.js';
import { WenzhouCandidacy, WenzhouFiling, WenzhouPublication, WenzhouScore } from '../entities/selection.js';
import { WenzhouStay } from '../entities/stay.js';
import { languageResultFrom, rankTrack, weightedScore, weightsFor } from '../rules/ranking.js';
import { COMMISSION, EXPERT, PLUGIN_KEY, UNIT_OR_COMMISSION, assertWrite, atOrAfter, calendarDate, configOn, load, requireStage, uuid, wenzhouProgramme } from './common.js';
import { PayloadMutation, PayloadType } from './kit.js';

export const WenzhouCandidacyConnection = ConnectionType(WenzhouCandidacy);

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

// ---------- helpers ----------

export function trackType(code: string, t: WenzhouConfig['tracks'][keyof WenzhouConfig['tracks']]): WenzhouTrackType {
  return Object.assign(new WenzhouTrackType(), {
    code,
    labelZh: t.nameZh,
    labelEn: t.name,
    nameZh: t.nameZh,
    nameEn: t.name,
    name: t.name,
    ageCap: t.ageCap,
    favourUnderAge: t.favourUnderAge,
    favourUnderAgeRequires: t.favourUnderAgeRequires,
    minAdminMonths: t.minAdminMonths,
    minEnglish: t.minEnglish,
    typicalDaysMin: t.typicalDays.min,
    typicalDaysMax: t.typicalDays.max,
    hostKinds: t.hostKinds,
    priorityProgrammes: t.priorityProgrammes,
    quota: t.quota,
    outcomeCategories: t.outcomeCategories,
  });
}

async function trackQuota(ctx: RequestContext, programme: Programme, track: string, config: WenzhouConfig): Promise<number> {
  const row = await ctx.em.findOne(ProgrammeTrack, { programme, code: track });
  return row?.quota ?? (isTrackCode(track) ? config.tracks[track].quota : 0);
}

/**
 * 四(一) A unit registers one of its staff under a track of a call; the eligibility rule answers at
 * once. The mutation and the registrations import (excel.ts) both come here.
 */
export async function registerCandidacy(ctx: RequestContext, input: WenzhouRegisterInput): Promise<WenzhouCandidacy> {
  const programme = await wenzhouProgramme(ctx, input.programmeId);
  // 四(一) 按每年关于"百医出海"工作通知组织开展报名: the call's dates bound registration.
  const today = ctx.clock.today();
  if (programme.closesOn && compareDates(today, programme.closesOn) > 0) {
    throw invalidState(`Registration for ${programme.code} closed on ${programme.closesOn} (报名已截止)`, { field: 'programmeId', reason: 'CALL_CLOSED', closesOn: programme.closesOn });
  }
  if (programme.opensOn && compareDates(today, programme.opensOn) < 0) {
    throw invalidState(`Registration for ${programme.code} opens on ${programme.opensOn} (报名尚未开始)`, { field: 'programmeId', reason: 'CALL_NOT_OPEN', opensOn: programme.opensOn });
  }
  const talent = await load(ctx, Talent, input.talentId, 'talentId');
  assertWrite(ctx, { unit: talent.unit, talent });
  // The unit's attestation for the track criteria, written before the rule judges (it reads it).
  if (input.qualifications) await attestQualifications(ctx, talent, input.qualifications);
  const application = await submitApplication(ctx, { programmeId: input.programmeId, talentId: input.talentId, track: input.track });
  const candidacy = ctx.em.create(WenzhouCandidacy, {
    application,
    programme: application.programme,
    talent,
    unit: application.unit,
    track: input.track,
    registeredAt: ctx.clock.now(),
    attestedBy: ctx.actor.userId,
  });
  await ctx.em.flush();
  return candidacy;
}

async function attestQualifications(ctx: RequestContext, talent: Talent, q: WenzhouQualificationsInput): Promise<void> {
  const data = {
    clinicalTeaching: q.clinicalTeaching ?? false,
    educationManagement: q.educationManagement ?? false,
    leadsTeam: q.leadsTeam ?? false,
    influence: q.influenceLevel ?? q.influence ?? 'none',
    note: q.note?.trim() || null,
    attestedBy: ctx.actor.userId,
    attestedOn: ctx.clock.today(),
  };
  const row = await ctx.em.findOne(WenzhouApplicantProfile, { talent });
  if (row) Object.assign(row, data);
  else ctx.em.create(WenzhouApplicantProfile, { talent, unit: talent.unit, ...data });
  await ctx.em.flush();
}

// ---------- resolver ----------

const WenzhouCallCreatePayload = PayloadType('WenzhouCallCreatePayload', 'programme', () => Programme, 'wenzhouCallCreate: the programme after the mutation, or the userErrors that say why nothing was written');
const WenzhouCandidacyRegisterPayload = PayloadType('WenzhouCandidacyRegisterPayload', 'candidacy', () => WenzhouCandidacy, 'wenzhouCandidacyRegister: the candidacy after the mutation, or the userErrors that say why nothing was written');
const WenzhouCandidacyRecordLanguageAssessmentPayload = PayloadType('WenzhouCandidacyRecordLanguageAssessmentPayload', 'candidacy', () => WenzhouCandidacy, 'wenzhouCandidacyRecordLanguageAssessment: the candidacy after the mutation, or the userErrors that say why nothing was written');
const WenzhouCandidacyScorePayload = PayloadType('WenzhouCandidacyScorePayload', 'score', () => WenzhouScore, 'wenzhouCandidacyScore: the score after the mutation, or the userErrors that say why nothing was written');
const WenzhouTrackRankPayload = PayloadType('WenzhouTrackRankPayload', 'ranking', () => WenzhouRankingType, 'wenzhouTrackRank: the ranking after the mutation, or the userErrors that say why nothing was written');
const WenzhouTrackApprovePayload = PayloadType('WenzhouTrackApprovePayload', 'candidacies', () => [WenzhouCandidacy], 'wenzhouTrackApprove: the candidacies after the mutation, or the userErrors that say why nothing was written');
const WenzhouListPublishPayload = PayloadType('WenzhouListPublishPayload', 'publicationResult', () => WenzhouPublicationResult, 'wenzhouListPublish: the publicationResult after the mutation, or the userErrors that say why nothing was written');
const WenzhouCandidacyCompleteExitFormalitiesPayload = PayloadType('WenzhouCandidacyCompleteExitFormalitiesPayload', 'candidacy', () => WenzhouCandidacy, 'wenzhouCandidacyCompleteExitFormalities: the candidacy after the mutation, or the userErrors that say why nothing was written');

@Resolver(() => WenzhouCandidacy)
export class WenzhouSelectionResolver {
  @Authorized()
  @Query(() => [WenzhouTrackType], { description: 'The tracks of the plan (二、重点任务) as configured on a day (default today): each track’s code, the value every `track` field holds, with labelZh/labelEn to show for it. Tracks are the configuration’s, so this query, not an enum, lists them' })
  async wenzhouTracks(@Ctx() ctx: RequestContext, @Arg('on', () => CalendarDateScalar, { nullable: true }) on?: CalendarDate | null) {
    const { config } = await configOn(ctx, on ?? ctx.clock.today());
    return TRACK_CODES.map((c) => trackType(c, config.tracks[c]));
  }

  @Authorized(...COMMISSION)
  @Mutation(() => Programme, { description: "Open a year's call (按年度工作通知) with the five tracks and their quotas from the configuration", deprecationReason: 'Use wenzhouCallCreate: one input, a payload with typed userErrors' })
  wenzhouCreateCall(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCallInput) input: WenzhouCallInput): Promise<Programme> {
    return createCall(ctx, input);
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouCallCreatePayload, { description: "Open a year's call (按年度工作通知) with the five tracks and their quotas from the configuration" })
  wenzhouCallCreate(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCallInput) input: WenzhouCallInput): Promise<Programme> {
    return createCall(ctx, input);
  }

  @Authorized()
  @Query(() => WenzhouCandidacyConnection, { description: 'Applicants in the pipeline (a unit sees its own people, a talent themselves)' })
  wenzhouCandidacies(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @Arg('filter', () => WenzhouCandidacyFilter, { nullable: true }) filter?: WenzhouCandidacyFilter | null) {
    if (hasRole(ctx.actor, Roles.VIEWER, Roles.MENTOR) && !hasRole(ctx.actor, ...COMMISSION, Roles.COMMITTEE_EXPERT, Roles.UNIT_COORDINATOR, Roles.TALENT)) {
      throw forbidden('The selection pipeline is internal');
    }
    const where: FilterQuery<WenzhouCandidacy> = {};
    if (filter?.programmeId) where.programme = filter.programmeId;
    if (filter?.track) where.track = filter.track;
    if (filter?.stage) where.stage = filter.stage;
    if (filter?.unitId) where.unit = filter.unitId;
    return paginate(ctx.em, WenzhouCandidacy, where, page, WenzhouCandidacyConnection);
  }

  @Authorized()
  @Query(() => WenzhouCandidacy, { nullable: true, description: 'One applicant in the pipeline, if you may see them (a unit its own people, a talent themselves); another unit’s is NOT_FOUND' })
  wenzhouCandidacy(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return load(ctx, WenzhouCandidacy, id, 'id');
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouCandidacy, { description: "四(一) The unit registers one of its staff under a track of the year's call; the eligibility rule answers at once", deprecationReason: 'Use wenzhouCandidacyRegister: one input, a payload with typed userErrors' })
  wenzhouRegister(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouRegisterInput) input: WenzhouRegisterInput): Promise<WenzhouCandidacy> {
    return registerCandidacy(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouCandidacyRegisterPayload, { description: "四(一) The unit registers one of its staff under a track of the year's call; the eligibility rule answers at once" })
  wenzhouCandidacyRegister(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouRegisterInput) input: WenzhouRegisterInput): Promise<WenzhouCandidacy> {
    return registerCandidacy(ctx, input);
  }

  @Authorized(...EXPERT)
  @Mutation(() => WenzhouCandidacy, { description: "四(二) An invited expert records the applicant's language assessment; eligibility is judged again with the assessed level", deprecationReason: 'Use wenzhouCandidacyRecordLanguageAssessment: one input, a payload with typed userErrors' })
  wenzhouRecordLanguageAssessment(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouLanguageAssessmentInput) input: WenzhouLanguageAssessmentInput): Promise<WenzhouCandidacy> {
    return recordLanguageAssessment(ctx, input);
  }

  @Authorized(...EXPERT)
  @PayloadMutation(WenzhouCandidacyRecordLanguageAssessmentPayload, { description: "四(二) An invited expert records the applicant's language assessment; eligibility is judged again with the assessed level" })
  wenzhouCandidacyRecordLanguageAssessment(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouLanguageAssessmentInput) input: WenzhouLanguageAssessmentInput): Promise<WenzhouCandidacy> {
    return recordLanguageAssessment(ctx, input);
  }

  @Authorized(...EXPERT)
  @Mutation(() => WenzhouScore, { description: "四(三) A committee expert scores an applicant (again: replaces their earlier sheet) — never one from the expert's own unit", deprecationReason: 'Use wenzhouCandidacyScore: one input, a payload with typed userErrors' })
  wenzhouScoreApplicant(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouScoreInput) input: WenzhouScoreInput): Promise<WenzhouScore> {
    return scoreCandidacy(ctx, input);
  }

  @Authorized(...EXPERT)
  @PayloadMutation(WenzhouCandidacyScorePayload, { description: "四(三) A committee expert scores an applicant (again: replaces their earlier sheet) — never one from the expert's own unit" })
  wenzhouCandidacyScore(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouScoreInput) input: WenzhouScoreInput): Promise<WenzhouScore> {
    return scoreCandidacy(ctx, input);
  }

  @Authorized(...COMMISSION, Roles.COMMITTEE_EXPERT)
  @Query(() => WenzhouRankingType, { description: 'The ranked list of a track as it stands (read-only; the commission fixes it with wenzhouTrackRank)' })
  async wenzhouRanking(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { description: 'The call' }) programmeId: string, @Arg('track', () => String, { description: TRACK_FIELD }) track: string) {
    return rankList(ctx, programmeId, track, false);
  }

  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouRankingType, { description: 'Rank the scored applicants of a track; the first `quota` are within quota', deprecationReason: 'Use wenzhouTrackRank: one input, a payload with typed userErrors' })
  wenzhouRankTrack(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { description: 'The call' }) programmeId: string, @Arg('track', () => String, { description: TRACK_FIELD }) track: string): Promise<WenzhouRankingType> {
    return rankList(ctx, programmeId, track, true);
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouTrackRankPayload, { description: 'Rank the scored applicants of a track; the first `quota` are within quota' })
  wenzhouTrackRank(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouTrackRankInput) input: WenzhouTrackRankInput): Promise<WenzhouRankingType> {
    return rankList(ctx, input.programmeId, input.track, true);
  }

  @Authorized(...COMMISSION)
  @Mutation(() => [WenzhouCandidacy], { description: '四(四) The commission checks and approves the ranked list of a track: those within quota are selected', deprecationReason: 'Use wenzhouTrackApprove: one input, a payload with typed userErrors' })
  wenzhouApproveTrack(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { description: 'The call' }) programmeId: string, @Arg('track', () => String, { description: TRACK_FIELD }) track: string): Promise<WenzhouCandidacy[]> {
    return approveTrack(ctx, { programmeId, track });
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouTrackApprovePayload, { description: '四(四) The commission checks and approves the ranked list of a track: those within quota are selected' })
  wenzhouTrackApprove(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouTrackApproveInput) input: WenzhouTrackApproveInput): Promise<WenzhouCandidacy[]> {
    return approveTrack(ctx, input);
  }

  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouPublicationResult, { description: '四(四) Publish the approved list internally and file it with the talent office and the foreign-affairs office', deprecationReason: 'Use wenzhouListPublish: one input, a payload with typed userErrors' })
  wenzhouPublishList(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouPublishInput) input: WenzhouPublishInput): Promise<WenzhouPublicationResult> {
    return publishList(ctx, input);
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouListPublishPayload, { description: '四(四) Publish the approved list internally and file it with the talent office and the foreign-affairs office' })
  wenzhouListPublish(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouPublishInput) input: WenzhouPublishInput): Promise<WenzhouPublicationResult> {
    return publishList(ctx, input);
  }

  @Authorized(...COMMISSION, Roles.UNIT_COORDINATOR)
  @Query(() => WenzhouCandidacyConnection, { description: 'The internally published list: the commission sees all of it, a unit only its own people' })
  wenzhouPublishedList(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID) programmeId: string, @Args(() => PageArgs) page: PageArgs) {
    if (!uuid.safeParse(programmeId).success) throw badInput({ field: 'programmeId', message: 'is not an id from this API' });
    return paginate(ctx.em, WenzhouCandidacy, { programme: programmeId, stage: { $in: atOrAfter(WenzhouStage.PUBLISHED) } }, page, WenzhouCandidacyConnection);
  }

  @Authorized(...COMMISSION)
  @Query(() => [WenzhouFiling], { description: 'Filing records of the published lists of a call' })
  async wenzhouFilings(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID) programmeId: string) {
    const programme = await wenzhouProgramme(ctx, programmeId);
    return ctx.em.find(WenzhouFiling, { publication: { programme } }, { orderBy: { id: 'asc' } });
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouCandidacy, { description: '四(五) The unit has completed the exit formalities (documents, pre-departure training, confidentiality)', deprecationReason: 'Use wenzhouCandidacyCompleteExitFormalities: one input, a payload with typed userErrors' })
  wenzhouCompleteExitFormalities(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouExitFormalitiesInput) input: WenzhouExitFormalitiesInput): Promise<WenzhouCandidacy> {
    return completeExitFormalities(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouCandidacyCompleteExitFormalitiesPayload, { description: '四(五) The unit has completed the exit formalities (documents, pre-departure training, confidentiality)' })
  wenzhouCandidacyCompleteExitFormalities(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouExitFormalitiesInput) input: WenzhouExitFormalitiesInput): Promise<WenzhouCandidacy> {
    return completeExitFormalities(ctx, input);
  }

  // ---------- fields (relations: WenzhouCandidacyRelations below) ----------

  @Authorized(...COMMISSION, Roles.COMMITTEE_EXPERT)
  @FieldResolver(() => [WenzhouScore], { description: "The experts' score sheets (commission and committee only)" })
  scores(@Root() c: WenzhouCandidacy, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(WenzhouScore, 'candidacy').load(c.id);
  }

  @FieldResolver(() => Int, { description: 'Experts who have scored' })
  async scoreCount(@Root() c: WenzhouCandidacy, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.manyBy(WenzhouScore, 'candidacy').load(c.id)).length;
  }

  @FieldResolver(() => [String], { description: 'Priority groups matched (优先选派/倾斜): they raise the ranking, they do not gate' })
  async priorityGroups(@Root() c: WenzhouCandidacy, @Ctx() ctx: RequestContext) {
    const a = await ctx.loaders.byId(Application).load(c.application.id);
    return a?.eligibility?.priorityGroups ?? [];
  }
}

export const WenzhouCandidacyRelations = relationFields(WenzhouCandidacy, {
  talent: Talent,
  unit: { one: Institution, description: 'Dispatching unit' },
  application: { one: Application, description: 'The core application, with the eligibility verdict and its config revision' },
  programme: Programme,
  stay: { only: WenzhouStay, by: 'candidacy' },
});

// ---------- the mutations' one implementation each (the deprecated and the payload mutation both call it) ----------

async function createCall(ctx: RequestContext, input: WenzhouCallInput): Promise<Programme> {
  const { config } = await configOn(ctx, input.referenceDate);
  const programme = await createSchemeProgramme(
    ctx,
    PLUGIN_KEY,
    {
      code: `WZ-${input.year}`,
      name: `温州市“百医出海”${input.year}年度选派 Wenzhou Hundred Doctors Go Overseas ${input.year} call`,
      year: input.year,
      referenceDate: input.referenceDate,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      quota: input.quota ?? TRACK_CODES.reduce((a, c) => a + config.tracks[c].quota, 0),
      status: input.open ? ProgrammeStatus.OPEN : ProgrammeStatus.DRAFT,
      tracks: TRACK_CODES.map((c) => ({ code: c, name: `${config.tracks[c].nameZh} ${config.tracks[c].name}`, quota: config.tracks[c].quota })),
    },
    { codeField: 'year' },
  );
  await ctx.commit();
  return programme;
}

async function recordLanguageAssessment(ctx: RequestContext, input: WenzhouLanguageAssessmentInput): Promise<WenzhouCandidacy> {
  const c = await load(ctx, WenzhouCandidacy, input.candidacyId, 'candidacyId');
  requireStage(c, [WenzhouStage.REGISTERED], 'record a language assessment');
  const application = await ctx.em.findOneOrFail(Application, c.application.id);
  if (application.status !== ApplicationStatus.ELIGIBLE && application.status !== ApplicationStatus.INELIGIBLE) {
    throw invalidState(`The application is ${application.status}`, { status: application.status });
  }
  const talent = await ctx.em.findOneOrFail(Talent, c.talent.id);
  talent.englishAssessed = input.level;
  await rejudgeApplication(ctx, application);
  Object.assign(c, { stage: WenzhouStage.LANGUAGE_ASSESSED, languageLevel: input.level, languageScore: input.score, languageNote: input.note ?? null, languageAssessedBy: ctx.actor.userId, languageAssessedOn: ctx.clock.today() });
  await ctx.em.flush();
  return c;
}

async function scoreCandidacy(ctx: RequestContext, input: WenzhouScoreInput): Promise<WenzhouScore> {
  const c = await load(ctx, WenzhouCandidacy, input.candidacyId, 'candidacyId');
  const programme = await ctx.em.findOneOrFail(Programme, c.programme.id);
  const { config } = await configOn(ctx, programme.referenceDate);
  const score = z.number().int('must be a whole number').min(0, `must be 0–${config.scoreMax}`).max(config.scoreMax, `must be 0–${config.scoreMax}`);
  const problems: { field: string; message: string }[] = (['businessAbility', 'clinicalLevel', 'socialEvaluation'] as const).flatMap((f) => {
    const r = score.safeParse(input[f]);
    return r.success ? [] : [{ field: f, message: r.error.issues[0]!.message }];
  });
  // 四(三) 外语评估结果: the score is the recorded assessment's (四(二)), not a second opinion.
  const languageResult = c.languageScore != null ? languageResultFrom(c.languageScore, config.scoreMax) : null;
  if (input.languageResult != null && languageResult != null && input.languageResult !== languageResult) {
    problems.push({ field: 'languageResult', message: `must be the recorded language assessment (${c.languageScore}/100 = ${languageResult}/${config.scoreMax}), or left out` });
  }
  if (input.comment && input.comment.length > 2000) problems.push({ field: 'comment', message: 'at most 2000 characters' });
  if (problems.length) throw badInput(problems);
  requireStage(c, [WenzhouStage.LANGUAGE_ASSESSED, WenzhouStage.SCORED], 'score the applicant');
  const member = await assertCommitteeMember(ctx, c);
  if ((ctx.actor.unitId && ctx.actor.unitId === c.unit.id) || member.unitId === c.unit.id) throw forbidden('An expert cannot score an applicant from their own unit');
  const application = await ctx.em.findOneOrFail(Application, c.application.id);
  if (application.status !== ApplicationStatus.ELIGIBLE) throw invalidState(`Only an eligible applicant is scored; this application is ${application.status}`, { status: application.status });
  const talent = await ctx.em.findOneOrFail(Talent, c.talent.id);
  // 四(三) 根据申报人员职业特点: the weights of the applicant's profession.
  const { weights, profession } = weightsFor(config, talent.profession);
  const sheet = { businessAbility: input.businessAbility, clinicalLevel: input.clinicalLevel, languageResult: languageResult!, socialEvaluation: input.socialEvaluation };
  let row = await ctx.em.findOne(WenzhouScore, { candidacy: c, expertId: ctx.actor.userId });
  const data = { ...sheet, weighted: Math.round(weightedScore(sheet, weights) * 100) / 100, weightsProfession: profession, comment: input.comment ?? null, expertUnitId: ctx.actor.unitId ?? member.unitId ?? null };
  if (row) Object.assign(row, data);
  else row = ctx.em.create(WenzhouScore, { candidacy: c, talent: c.talent, unit: c.unit, expertId: ctx.actor.userId, ...data });
  c.stage = WenzhouStage.SCORED;
  await ctx.em.flush();
  return row;
}

async function approveTrack(ctx: RequestContext, { programmeId, track }: WenzhouTrackApproveInput): Promise<WenzhouCandidacy[]> {
  const programme = await wenzhouProgramme(ctx, programmeId);
  if (!isTrackCode(track)) throw badInput({ field: 'track', message: `unknown track "${track}"; one of ${TRACK_CODES.join(', ')}` });
  const listed = await ctx.em.find(WenzhouCandidacy, { programme, track, stage: WenzhouStage.RANKED, withinQuota: true }, { orderBy: { rank: 'asc' } });
  if (!listed.length) throw invalidState(`There is no ranked list within quota for ${track} in ${programme.code}: rank the track first`);
  if (programme.quota != null) {
    const already = await ctx.em.count(WenzhouCandidacy, { programme, stage: { $in: atOrAfter(WenzhouStage.APPROVED) } });
    if (already + listed.length > programme.quota) throw invalidState(`Approving ${listed.length} more would exceed the call's quota of ${programme.quota} (${already} approved)`);
  }
  for (const c of listed) {
    await decideApplication(ctx, c.application.id, ApplicationStatus.SELECTED, `Approved by the commission, rank ${c.rank} in ${track}`);
    c.stage = WenzhouStage.APPROVED;
    c.approvedAt = ctx.clock.now();
  }
  await ctx.em.flush();
  return listed;
}

async function publishList(ctx: RequestContext, input: WenzhouPublishInput): Promise<WenzhouPublicationResult> {
  const programme = await wenzhouProgramme(ctx, input.programmeId);
  const approved = await ctx.em.find(WenzhouCandidacy, { programme, stage: WenzhouStage.APPROVED });
  if (!approved.length) throw invalidState(`No approved applicants of ${programme.code} waiting to be published`);
  const today = ctx.clock.today();
  const publication = ctx.em.create(WenzhouPublication, { programme, publishedOn: today, publishedBy: ctx.actor.userId, count: approved.length, note: input.note ?? null });
  const filings = [
    ctx.em.create(WenzhouFiling, { publication, office: WenzhouFilingOffice.TALENT_OFFICE, filedOn: today, reference: input.talentOfficeReference ?? null, count: approved.length }),
    ctx.em.create(WenzhouFiling, { publication, office: WenzhouFilingOffice.FOREIGN_AFFAIRS_OFFICE, filedOn: today, reference: input.foreignAffairsReference ?? null, count: approved.length }),
  ];
  for (const c of approved) Object.assign(c, { stage: WenzhouStage.PUBLISHED, publication });
  await ctx.em.flush();
  return Object.assign(new WenzhouPublicationResult(), { publication, filings });
}

async function completeExitFormalities(ctx: RequestContext, input: WenzhouExitFormalitiesInput): Promise<WenzhouCandidacy> {
  const c = await load(ctx, WenzhouCandidacy, input.candidacyId, 'candidacyId');
  assertWrite(ctx, c);
  requireStage(c, [WenzhouStage.PUBLISHED], 'complete exit formalities');
  Object.assign(c, {
    stage: WenzhouStage.EXIT_CLEARED,
    exitClearedOn: input.completedOn,
    exitNote: input.note ?? null,
    exitChecklist: ['travel_documents', 'pre_departure_training', 'political_education', 'confidentiality_briefing'],
  });
  await ctx.em.flush();
  return c;
}

/** The ranked list of a track; `persist` fixes it (wenzhouTrackRank), otherwise a preview (wenzhouRanking). */
async function rankList(ctx: RequestContext, programmeId: string, track: string, persist: boolean): Promise<WenzhouRankingType> {
  const programme = await wenzhouProgramme(ctx, programmeId);
  if (!isTrackCode(track)) throw badInput({ field: 'track', message: `unknown track "${track}"; one of ${TRACK_CODES.join(', ')}` });
  const { config } = await configOn(ctx, programme.referenceDate);
  const quota = await trackQuota(ctx, programme, track, config);
  const candidacies = await ctx.em.find(WenzhouCandidacy, { programme, track, stage: { $in: [WenzhouStage.SCORED, WenzhouStage.RANKED] } }, { populate: ['application', 'talent'] as never, orderBy: { id: 'asc' } });
  const eligible = candidacies.filter((c) => c.application.status === ApplicationStatus.ELIGIBLE);
  if (persist) {
    const approved = await ctx.em.count(WenzhouCandidacy, { programme, track, stage: { $in: atOrAfter(WenzhouStage.APPROVED) } });
    if (approved) throw invalidState(`The ${track} list of ${programme.code} has been approved already`);
    if (!eligible.length) throw invalidState(`No scored applicants in ${track} to rank`);
  }
  const scores = await ctx.em.find(WenzhouScore, { candidacy: { $in: eligible.map((c) => c.id) } });
  const { ranked, notReady } = rankTrack(
    eligible.map((c) => ({
      id: c.id,
      registeredAt: c.registeredAt.toISOString(),
      priorityGroups: c.application.eligibility?.priorityGroups ?? [],
      scores: scores.filter((s) => s.candidacy.id === c.id),
      weights: weightsFor(config, c.talent.profession).weights,
    })),
    quota,
    config,
  );
  const byId = new Map(eligible.map((c) => [c.id, c]));
  const rankedRows = ranked.map((r) => {
    const c = byId.get(r.id)!;
    if (persist) Object.assign(c, { rank: r.rank, weightedScore: r.weightedScore, totalScore: r.total, withinQuota: r.withinQuota, stage: WenzhouStage.RANKED });
    return persist ? c : Object.assign(Object.create(Object.getPrototypeOf(c)), c, { rank: r.rank, weightedScore: r.weightedScore, totalScore: r.total, withinQuota: r.withinQuota });
  });
  const notReadyRows = notReady.map((id) => byId.get(id)!);
  if (persist) {
    for (const c of notReadyRows) Object.assign(c, { rank: null, withinQuota: null, stage: WenzhouStage.SCORED });
    await ctx.em.flush();
  }
  return Object.assign(new WenzhouRankingType(), { track, quota, ranked: rankedRows, notReady: notReadyRows });
}
