/**
 * The selection pipeline (四、报名与选派程序), one mutation per step, each with its own role:
 * call → unit registration → language assessment (expert) → committee scores (experts, not from
 * the applicant's unit) → ranked list per track within quota → commission approval → internal
 * publication and filing → exit formalities (the unit).
 */
import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import {
  Application,
  ApplicationStatus,
  CalendarDateScalar,
  ConnectionType,
  Institution,
  PageArgs,
  Programme,
  ProgrammeStatus,
  ProgrammeTrack,
  createSchemeProgramme,
  Roles,
  Talent,
  badInput,
  notFound,
  compareDates,
  decideApplication,
  forbidden,
  hasRole,
  invalidState,
  rejudgeApplication,
  paginate,
  plainRowsTogether,
  tableOf,
  submitApplication,
  type KeyedRead,
  type CalendarDate,
  type RequestContext,
  relationFields,
} from '../../../src/index.js';
import { OrderByArg, OrderType, type ListOrder } from '../../../src/index.js';
import { TRACK_CODES, TRACK_FIELD, isTrackCode, type WenzhouConfig } from '../config.js';
import { WenzhouApplicantProfile, WenzhouCommittee, WenzhouCommitteeMember } from '../entities/governance.js';
import { assertCommitteeMember } from './committee.resolver.js';
import { WenzhouFilingOffice, WenzhouStage } from '../entities/enums.js';
import { WenzhouCandidacy, WenzhouFiling, WenzhouPublication, WenzhouScore } from '../entities/selection.js';
import { WenzhouStay } from '../entities/stay.js';
import { languageResultFrom, rankTrack, weightedScore, weightsFor } from '../rules/ranking.js';
import { COMMISSION, EXPERT, PLUGIN_KEY, UNIT_OR_COMMISSION, assertWrite, atOrAfter, configOn, load, requireStage, uuid, wenzhouProgramme } from './common.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';
import {
  WenzhouCallInput,
  WenzhouCandidacyFilter,
  WenzhouExitFormalitiesInput,
  WenzhouLanguageAssessmentInput,
  WenzhouPublicationResult,
  WenzhouPublishInput,
  WenzhouQualificationsInput,
  WenzhouRankingType,
  WenzhouRegisterInput,
  WenzhouScoreInput,
  WenzhouTrackApproveInput,
  WenzhouTrackRankInput,
  WenzhouTrackType,
} from './selection.types.js';

export const WenzhouCandidacyConnection = ConnectionType(WenzhouCandidacy);
const WenzhouCandidacyOrder = OrderType('WenzhouCandidacyOrder', {
  REGISTERED_AT: { property: 'registeredAt', description: 'When the unit registered the applicant (报名时间)' },
  RANK: { property: 'rank', description: 'The rank in the track (排名); applicants not ranked yet come last' },
  TOTAL_SCORE: { property: 'totalScore', description: 'The total score (总分); applicants not scored yet come last' },
  STAGE: { property: 'stage', description: 'The stage in the pipeline, by its value' },
  TRACK: { property: 'track', description: 'The track code (项目类别)' },
}, 'How to sort Wenzhou applicants');

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
  @Mutation(() => Programme, { description: "Open a year's call (按年度工作通知) with the five tracks and their quotas from the configuration", deprecationReason: replacedBy('wenzhouCallCreate') })
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
  wenzhouCandidacies(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(WenzhouCandidacyOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => WenzhouCandidacyFilter, { nullable: true }) filter?: WenzhouCandidacyFilter | null) {
    if (hasRole(ctx.actor, Roles.VIEWER, Roles.MENTOR) && !hasRole(ctx.actor, ...COMMISSION, Roles.COMMITTEE_EXPERT, Roles.UNIT_COORDINATOR, Roles.TALENT)) {
      throw forbidden('The selection pipeline is internal');
    }
    const where: FilterQuery<WenzhouCandidacy> = {};
    if (filter?.programmeId) where.programme = filter.programmeId;
    if (filter?.track) where.track = filter.track;
    if (filter?.stage) where.stage = filter.stage;
    if (filter?.unitId) where.unit = filter.unitId;
    return paginate(ctx.em, WenzhouCandidacy, where, page, WenzhouCandidacyConnection, orderBy);
  }

  @Authorized()
  @Query(() => WenzhouCandidacy, { nullable: true, description: 'One applicant in the pipeline, if you may see them (a unit its own people, a talent themselves); another unit’s is NOT_FOUND' })
  wenzhouCandidacy(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return load(ctx, WenzhouCandidacy, id, 'id');
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouCandidacy, { description: "四(一) The unit registers one of its staff under a track of the year's call; the eligibility rule answers at once", deprecationReason: replacedBy('wenzhouCandidacyRegister') })
  wenzhouRegister(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouRegisterInput) input: WenzhouRegisterInput): Promise<WenzhouCandidacy> {
    return registerCandidacy(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouCandidacyRegisterPayload, { description: "四(一) The unit registers one of its staff under a track of the year's call; the eligibility rule answers at once" })
  wenzhouCandidacyRegister(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouRegisterInput) input: WenzhouRegisterInput): Promise<WenzhouCandidacy> {
    return registerCandidacy(ctx, input);
  }

  @Authorized(...EXPERT)
  @Mutation(() => WenzhouCandidacy, { description: "四(二) An invited expert records the applicant's language assessment; eligibility is judged again with the assessed level", deprecationReason: replacedBy('wenzhouCandidacyRecordLanguageAssessment') })
  wenzhouRecordLanguageAssessment(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouLanguageAssessmentInput) input: WenzhouLanguageAssessmentInput): Promise<WenzhouCandidacy> {
    return recordLanguageAssessment(ctx, input);
  }

  @Authorized(...EXPERT)
  @PayloadMutation(WenzhouCandidacyRecordLanguageAssessmentPayload, { description: "四(二) An invited expert records the applicant's language assessment; eligibility is judged again with the assessed level" })
  wenzhouCandidacyRecordLanguageAssessment(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouLanguageAssessmentInput) input: WenzhouLanguageAssessmentInput): Promise<WenzhouCandidacy> {
    return recordLanguageAssessment(ctx, input);
  }

  @Authorized(...EXPERT)
  @Mutation(() => WenzhouScore, { description: "四(三) A committee expert scores an applicant (again: replaces their earlier sheet) — never one from the expert's own unit", deprecationReason: replacedBy('wenzhouCandidacyScore') })
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
  @Mutation(() => WenzhouRankingType, { description: 'Rank the scored applicants of a track; the first `quota` are within quota', deprecationReason: replacedBy('wenzhouTrackRank') })
  wenzhouRankTrack(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { description: 'The call' }) programmeId: string, @Arg('track', () => String, { description: TRACK_FIELD }) track: string): Promise<WenzhouRankingType> {
    return rankList(ctx, programmeId, track, true);
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouTrackRankPayload, { description: 'Rank the scored applicants of a track; the first `quota` are within quota' })
  wenzhouTrackRank(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouTrackRankInput) input: WenzhouTrackRankInput): Promise<WenzhouRankingType> {
    return rankList(ctx, input.programmeId, input.track, true);
  }

  @Authorized(...COMMISSION)
  @Mutation(() => [WenzhouCandidacy], { description: '四(四) The commission checks and approves the ranked list of a track: those within quota are selected', deprecationReason: replacedBy('wenzhouTrackApprove') })
  wenzhouApproveTrack(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { description: 'The call' }) programmeId: string, @Arg('track', () => String, { description: TRACK_FIELD }) track: string): Promise<WenzhouCandidacy[]> {
    return approveTrack(ctx, { programmeId, track });
  }

  @Authorized(...COMMISSION)
  @PayloadMutation(WenzhouTrackApprovePayload, { description: '四(四) The commission checks and approves the ranked list of a track: those within quota are selected' })
  wenzhouTrackApprove(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouTrackApproveInput) input: WenzhouTrackApproveInput): Promise<WenzhouCandidacy[]> {
    return approveTrack(ctx, input);
  }

  @Authorized(...COMMISSION)
  @Mutation(() => WenzhouPublicationResult, { description: '四(四) Publish the approved list internally and file it with the talent office and the foreign-affairs office', deprecationReason: replacedBy('wenzhouListPublish') })
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
  @Mutation(() => WenzhouCandidacy, { description: '四(五) The unit has completed the exit formalities (documents, pre-departure training, confidentiality)', deprecationReason: replacedBy('wenzhouCandidacyCompleteExitFormalities') })
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
      // The plan's own name, in Chinese as entered: one language per text (issue 17); English labels come from wenzhouTracks.
      name: `温州市“百医出海”${input.year}年度选派`,
      year: input.year,
      referenceDate: input.referenceDate,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      quota: input.quota ?? TRACK_CODES.reduce((a, c) => a + config.tracks[c].quota, 0),
      status: input.open ? ProgrammeStatus.OPEN : ProgrammeStatus.DRAFT,
      tracks: TRACK_CODES.map((c) => ({ code: c, name: config.tracks[c].nameZh, quota: config.tracks[c].quota })),
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

type ConfigRows = Parameters<RequestContext['host']['primeConfigVersions']>[2];

/**
 * What scoring reads before it writes, in one statement (plainRowsTogether: each read the same
 * row-scoped SELECT as alone): the candidacy, its call, application and talent, the expert's
 * committee membership of the call, the expert's earlier sheet and the plugin's configuration
 * versions. The candidacy and the sheet become managed entities (em.merge, as a findOne would
 * leave them: the unit of work writes and audits only what then changes); the rest is only
 * read. Five statements and their query building were most of a score's CPU.
 */
async function scoreReads(ctx: RequestContext, candidacyId: string) {
  if (!uuid.safeParse(candidacyId).success) throw badInput({ field: 'candidacyId', message: 'is not an id from this API' });
  const em = ctx.em;
  const of = (column: string) => ({ subquery: `select c.${column} from ${tableOf(em, WenzhouCandidacy)} c where c.id = ?`, params: [candidacyId] });
  // The plugin's configuration versions too (configOn below reads them from the em).
  const config = ctx.host.configVersionsRead(em, PLUGIN_KEY);
  const [candidacies, programmes, applications, talents, members, sheets, versions] = (await plainRowsTogether(em, [
    { entity: WenzhouCandidacy, property: 'id', keys: [candidacyId] },
    { entity: Programme, property: 'id', keys: of('programme_id') },
    { entity: Application, property: 'id', keys: of('application_id') },
    { entity: Talent, property: 'id', keys: of('talent_id') },
    { entity: WenzhouCommitteeMember, property: 'committee', keys: { subquery: `select m.id from ${tableOf(em, WenzhouCommittee)} m where m.programme_id in (${of('programme_id').subquery})`, params: [candidacyId] }, where: { expertId: ctx.actor.userId, active: true } },
    { entity: WenzhouScore, property: 'candidacy', keys: [candidacyId], where: { expertId: ctx.actor.userId } },
  ] as KeyedRead[], config ? [config] : [], (statement) => ctx.read(statement))) as [WenzhouCandidacy[], Programme[], Application[], Talent[], WenzhouCommitteeMember[], WenzhouScore[], ConfigRows?];
  if (config) ctx.host.primeConfigVersions(em, PLUGIN_KEY, versions!);
  if (!candidacies[0]) throw notFound('Candidacy', candidacyId);
  const c = em.merge(WenzhouCandidacy, candidacies[0]);
  const sheet = sheets[0] ? em.merge(WenzhouScore, sheets[0]) : null;
  return { c, programme: programmes[0], application: applications[0], talent: talents[0], member: members[0] ?? null, sheet };
}

async function scoreCandidacy(ctx: RequestContext, input: WenzhouScoreInput): Promise<WenzhouScore> {
  const read = ctx.em.schema ? await scoreReads(ctx, input.candidacyId) : null;
  // The call, application and talent joined in the candidacy's statement: the reads of them below come from the identity map.
  const c = read?.c ?? (await load(ctx, WenzhouCandidacy, input.candidacyId, 'candidacyId', ['programme', 'application', 'talent']));
  const programme = read?.programme ?? (await ctx.em.findOneOrFail(Programme, c.programme.id));
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
  const member = read?.member ?? (await assertCommitteeMember(ctx, c));
  if ((ctx.actor.unitId && ctx.actor.unitId === c.unit.id) || member.unitId === c.unit.id) throw forbidden('An expert cannot score an applicant from their own unit');
  const application = read?.application ?? (await ctx.em.findOneOrFail(Application, c.application.id));
  if (application.status !== ApplicationStatus.ELIGIBLE) throw invalidState(`Only an eligible applicant is scored; this application is ${application.status}`, { status: application.status });
  const talent = read?.talent ?? (await ctx.em.findOneOrFail(Talent, c.talent.id));
  // 四(三) 根据申报人员职业特点: the weights of the applicant's profession.
  const { weights, profession } = weightsFor(config, talent.profession);
  const sheet = { businessAbility: input.businessAbility, clinicalLevel: input.clinicalLevel, languageResult: languageResult!, socialEvaluation: input.socialEvaluation };
  let row = read ? read.sheet : await ctx.em.findOne(WenzhouScore, { candidacy: c, expertId: ctx.actor.userId });
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
