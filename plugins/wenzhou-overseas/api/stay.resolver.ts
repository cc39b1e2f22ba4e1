/**
 * The stay (五(二) 事中动态跟踪管理) and after it (事后成效评价): placement at a host, the daily
 * study plan, departure, check-ins, the liaison, extensions, return; the follow-up assessment,
 * experience-sharing and flagship outcomes.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  CalendarDateScalar,
  ConnectionType,
  Institution,
  Outcome,
  PageArgs,
  Placement,
  PlacementStatus,
  ReportStatus,
  TrainingGroup,
  isOverdue,
  submitReport,
  Programme,
  Report,
  Talent,
  addMonths,
  badInput,
  canReadPersonalData,
  compareDates,
  createPlacement,
  invalidState,
  paginate,
  updatePlacementDates,
  type CalendarDate,
  type RequestContext,
  relationFields,
} from '../../../src/index.js';
import { OrderByArg, OrderType, type ListOrder } from '../../../src/index.js';
import { isTrackCode } from '../config.js';
import { WenzhouExtensionStatus, WenzhouStage } from '../entities/enums.js';
import { WenzhouCandidacy } from '../entities/selection.js';
import {
  WenzhouCheckIn,
  WenzhouClawback,
  WenzhouCostItem,
  WenzhouExtension,
  WenzhouFollowUp,
  WenzhouSharingSession,
  WenzhouStay,
  WenzhouStudyPlanItem,
} from '../entities/stay.js';
import { durationWarnings, nextCheckInDue, overlaps, unapprovedExtensionDays, uncoveredDays } from '../rules/stay.js';
import { CHECK_IN_REPORT, checkInPeriod } from '../rules/reports.js';
import { WenzhouAgreement, WenzhouBenefitPayment, WenzhouIncident } from '../entities/agreement.js';
import { UNIT_COMMISSION_OR_TALENT, UNIT_OR_COMMISSION, assertWrite, configOn, load, requireStage } from './common.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';
import { askHostToConfirm } from './check-in-confirm.js';
import {
  WenzhouCheckInInput,
  WenzhouExtensionDecideInput,
  WenzhouExtensionRequestInput,
  WenzhouFollowUpInput,
  WenzhouOutcomeFlagInput,
  WenzhouPlaceInput,
  WenzhouSharingSessionInput,
  WenzhouStayFilter,
  WenzhouStayRecordDepartureInput,
  WenzhouStayRecordReturnInput,
  WenzhouStudyPlanInput,
} from './stay.inputs.js';

export const WenzhouStayConnection = ConnectionType(WenzhouStay);
const WenzhouStayOrder = OrderType('WenzhouStayOrder', {
  TRACK: { property: 'track', description: 'The track code (项目类别)' },
  SERVICE_UNTIL: { property: 'serviceUntil', description: 'End of the service period after return (服务期截止); stays without one come last' },
  UNAPPROVED_EXTENSION_DAYS: { property: 'unapprovedExtensionDays', description: 'Days stayed beyond the approved end without an approved extension (擅自延期天数)' },
}, 'How to sort Wenzhou stays');

async function stayWithPlacement(ctx: RequestContext, stayId: string): Promise<{ stay: WenzhouStay; placement: Placement; candidacy: WenzhouCandidacy }> {
  const stay = await load(ctx, WenzhouStay, stayId, 'stayId');
  const placement = await ctx.em.findOneOrFail(Placement, stay.placement.id);
  const candidacy = await ctx.em.findOneOrFail(WenzhouCandidacy, stay.candidacy.id);
  return { stay, placement, candidacy };
}

const WenzhouCandidacyPlacePayload = PayloadType('WenzhouCandidacyPlacePayload', 'stay', () => WenzhouStay, 'wenzhouCandidacyPlace: the stay after the mutation, or the userErrors that say why nothing was written');
const WenzhouStaySetStudyPlanPayload = PayloadType('WenzhouStaySetStudyPlanPayload', 'stay', () => WenzhouStay, 'wenzhouStaySetStudyPlan: the stay after the mutation, or the userErrors that say why nothing was written');
const WenzhouStayRecordDeparturePayload = PayloadType('WenzhouStayRecordDeparturePayload', 'stay', () => WenzhouStay, 'wenzhouStayRecordDeparture: the stay after the mutation, or the userErrors that say why nothing was written');
const WenzhouCheckInRecordPayload = PayloadType('WenzhouCheckInRecordPayload', 'checkIn', () => WenzhouCheckIn, 'wenzhouCheckInRecord: the checkIn after the mutation, or the userErrors that say why nothing was written');
const WenzhouExtensionRequestPayload = PayloadType('WenzhouExtensionRequestPayload', 'extension', () => WenzhouExtension, 'wenzhouExtensionRequest: the extension after the mutation, or the userErrors that say why nothing was written');
const WenzhouExtensionDecidePayload = PayloadType('WenzhouExtensionDecidePayload', 'extension', () => WenzhouExtension, 'wenzhouExtensionDecide: the extension after the mutation, or the userErrors that say why nothing was written');
const WenzhouStayRecordReturnPayload = PayloadType('WenzhouStayRecordReturnPayload', 'stay', () => WenzhouStay, 'wenzhouStayRecordReturn: the stay after the mutation, or the userErrors that say why nothing was written');
const WenzhouFollowUpRecordPayload = PayloadType('WenzhouFollowUpRecordPayload', 'followUp', () => WenzhouFollowUp, 'wenzhouFollowUpRecord: the followUp after the mutation, or the userErrors that say why nothing was written');
const WenzhouSharingSessionRecordPayload = PayloadType('WenzhouSharingSessionRecordPayload', 'sharingSession', () => WenzhouSharingSession, 'wenzhouSharingSessionRecord: the sharingSession after the mutation, or the userErrors that say why nothing was written');
const WenzhouOutcomeFlagPayload = PayloadType('WenzhouOutcomeFlagPayload', 'outcome', () => Outcome, 'wenzhouOutcomeFlag: the outcome after the mutation, or the userErrors that say why nothing was written');

@Resolver(() => WenzhouStay)
export class WenzhouStayResolver {
  @Authorized()
  @Query(() => WenzhouStayConnection, { description: 'Stays (a unit sees its own people, a talent their own)' })
  wenzhouStays(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(WenzhouStayOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => WenzhouStayFilter, { nullable: true }) filter?: WenzhouStayFilter | null) {
    const where: FilterQuery<WenzhouStay> = {};
    if (filter?.programmeId) where.candidacy = { programme: filter.programmeId };
    if (filter?.track) where.track = filter.track;
    if (filter?.stage) where.candidacy = { ...(where.candidacy as object), stage: filter.stage };
    return paginate(ctx.em, WenzhouStay, where, page, WenzhouStayConnection, orderBy);
  }

  @Authorized()
  @Query(() => WenzhouStay, { nullable: true, description: 'One stay, if you may see it (a unit its own people, a talent their own); another unit’s is NOT_FOUND' })
  wenzhouStay(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return load(ctx, WenzhouStay, id, 'id');
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouStay, { description: 'Place an applicant whose exit formalities are done at a verified host abroad; the summary report falls due', deprecationReason: replacedBy('wenzhouCandidacyPlace') })
  wenzhouPlace(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouPlaceInput) input: WenzhouPlaceInput): Promise<WenzhouStay> {
    return placeCandidacy(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouCandidacyPlacePayload, { description: 'Place an applicant whose exit formalities are done at a verified host abroad; the summary report falls due' })
  wenzhouCandidacyPlace(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouPlaceInput) input: WenzhouPlaceInput): Promise<WenzhouStay> {
    return placeCandidacy(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouStay, { description: '全程每日研修计划: set the daily study plan (replaces it); every day must lie within the planned stay', deprecationReason: replacedBy('wenzhouStaySetStudyPlan') })
  wenzhouSetStudyPlan(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouStudyPlanInput) input: WenzhouStudyPlanInput): Promise<WenzhouStay> {
    return setStudyPlan(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouStaySetStudyPlanPayload, { description: '全程每日研修计划: set the daily study plan (replaces it); every day must lie within the planned stay' })
  wenzhouStaySetStudyPlan(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouStudyPlanInput) input: WenzhouStudyPlanInput): Promise<WenzhouStay> {
    return setStudyPlan(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouStay, { description: 'Record departure (the first day at the host); needs a daily study plan for the whole stay', deprecationReason: replacedBy('wenzhouStayRecordDeparture') })
  wenzhouRecordDeparture(@Ctx() ctx: RequestContext, @Arg('stayId', () => ID) stayId: string, @Arg('departedOn', () => CalendarDateScalar) departedOn: CalendarDate): Promise<WenzhouStay> {
    return recordDeparture(ctx, { stayId, departedOn });
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouStayRecordDeparturePayload, { description: 'Record departure (the first day at the host); needs a daily study plan for the whole stay' })
  wenzhouStayRecordDeparture(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouStayRecordDepartureInput) input: WenzhouStayRecordDepartureInput): Promise<WenzhouStay> {
    return recordDeparture(ctx, input);
  }

  @Authorized(...UNIT_COMMISSION_OR_TALENT)
  @Mutation(() => WenzhouCheckIn, { description: '开展定期汇报: a periodic check-in during the stay (by the talent or the unit)', deprecationReason: replacedBy('wenzhouCheckInRecord') })
  wenzhouCheckIn(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCheckInInput) input: WenzhouCheckInInput): Promise<WenzhouCheckIn> {
    return recordCheckIn(ctx, input);
  }

  @Authorized(...UNIT_COMMISSION_OR_TALENT)
  @PayloadMutation(WenzhouCheckInRecordPayload, { description: '开展定期汇报: a periodic check-in during the stay (by the talent or the unit)' })
  wenzhouCheckInRecord(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouCheckInInput) input: WenzhouCheckInInput): Promise<WenzhouCheckIn> {
    return recordCheckIn(ctx, input);
  }

  @Authorized(...UNIT_COMMISSION_OR_TALENT)
  @Mutation(() => WenzhouExtension, { description: 'Ask to stay longer; only an approved request moves the end of the stay', deprecationReason: replacedBy('wenzhouExtensionRequest') })
  wenzhouRequestExtension(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouExtensionRequestInput) input: WenzhouExtensionRequestInput): Promise<WenzhouExtension> {
    return requestExtension(ctx, input);
  }

  @Authorized(...UNIT_COMMISSION_OR_TALENT)
  @PayloadMutation(WenzhouExtensionRequestPayload, { description: 'Ask to stay longer; only an approved request moves the end of the stay' })
  wenzhouExtensionRequest(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouExtensionRequestInput) input: WenzhouExtensionRequestInput): Promise<WenzhouExtension> {
    return requestExtension(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouExtension, { description: '单位同意: the unit approves (the end moves, the report due date follows) or refuses (a note is required)', deprecationReason: replacedBy('wenzhouExtensionDecide') })
  wenzhouDecideExtension(
    @Ctx() ctx: RequestContext,
    @Arg('extensionId', () => ID) extensionId: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<WenzhouExtension> {
    return decideExtension(ctx, { extensionId, approve, note });
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouExtensionDecidePayload, { description: '单位同意: the unit approves (the end moves, the report due date follows) or refuses (a note is required)' })
  wenzhouExtensionDecide(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouExtensionDecideInput) input: WenzhouExtensionDecideInput): Promise<WenzhouExtension> {
    return decideExtension(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouStay, { description: 'Record the return (last day at the host): the summary report falls due one month later; staying past the approved end is recorded as a breach', deprecationReason: replacedBy('wenzhouStayRecordReturn') })
  wenzhouRecordReturn(@Ctx() ctx: RequestContext, @Arg('stayId', () => ID) stayId: string, @Arg('returnedOn', () => CalendarDateScalar) returnedOn: CalendarDate): Promise<WenzhouStay> {
    return recordReturn(ctx, { stayId, returnedOn });
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouStayRecordReturnPayload, { description: 'Record the return (last day at the host): the summary report falls due one month later; staying past the approved end is recorded as a breach' })
  wenzhouStayRecordReturn(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouStayRecordReturnInput) input: WenzhouStayRecordReturnInput): Promise<WenzhouStay> {
    return recordReturn(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouFollowUp, { description: '派出单位适时考核: the unit assesses the talent after return (outcomes are recorded with recordOutcome)', deprecationReason: replacedBy('wenzhouFollowUpRecord') })
  wenzhouRecordFollowUp(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouFollowUpInput) input: WenzhouFollowUpInput): Promise<WenzhouFollowUp> {
    return recordFollowUp(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouFollowUpRecordPayload, { description: '派出单位适时考核: the unit assesses the talent after return (outcomes are recorded with recordOutcome)' })
  wenzhouFollowUpRecord(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouFollowUpInput) input: WenzhouFollowUpInput): Promise<WenzhouFollowUp> {
    return recordFollowUp(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => WenzhouSharingSession, { description: '经验分享: an experience-sharing session after return', deprecationReason: replacedBy('wenzhouSharingSessionRecord') })
  wenzhouRecordSharingSession(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouSharingSessionInput) input: WenzhouSharingSessionInput): Promise<WenzhouSharingSession> {
    return recordSharingSession(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouSharingSessionRecordPayload, { description: '经验分享: an experience-sharing session after return' })
  wenzhouSharingSessionRecord(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouSharingSessionInput) input: WenzhouSharingSessionInput): Promise<WenzhouSharingSession> {
    return recordSharingSession(ctx, input);
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @Mutation(() => Outcome, { description: '对成效显著的成果项目要做好推广应用: flag (or unflag) an outcome of a Wenzhou stay as a flagship for promotion', deprecationReason: replacedBy('wenzhouOutcomeFlag') })
  wenzhouFlagOutcome(@Ctx() ctx: RequestContext, @Arg('outcomeId', () => ID) outcomeId: string, @Arg('flagship', () => Boolean) flagship: boolean): Promise<Outcome> {
    return flagOutcome(ctx, { outcomeId, flagship });
  }

  @Authorized(...UNIT_OR_COMMISSION)
  @PayloadMutation(WenzhouOutcomeFlagPayload, { description: '对成效显著的成果项目要做好推广应用: flag (or unflag) an outcome of a Wenzhou stay as a flagship for promotion' })
  wenzhouOutcomeFlag(@Ctx() ctx: RequestContext, @Arg('input', () => WenzhouOutcomeFlagInput) input: WenzhouOutcomeFlagInput): Promise<Outcome> {
    return flagOutcome(ctx, input);
  }

  // ---------- fields ----------

  @FieldResolver(() => String, { nullable: true, description: "The liaison's phone (personal data: the commission, the unit and the talent only)" })
  liaisonContact(@Root() s: WenzhouStay, @Ctx() ctx: RequestContext) {
    return canReadPersonalData(ctx.actor, { id: s.talent.id, unitId: s.unit.id }) ? (s.liaisonContact ?? null) : null;
  }

  @FieldResolver(() => [WenzhouStudyPlanItem], { description: 'The daily study plan (全程每日研修计划), by first day' })
  async studyPlan(@Root() s: WenzhouStay, @Ctx() ctx: RequestContext) {
    const items = await ctx.loaders.manyBy(WenzhouStudyPlanItem, 'stay').load(s.id);
    return [...items].sort((a, b) => compareDates(a.fromDay, b.fromDay));
  }

  @FieldResolver(() => [CalendarDateScalar], { description: 'Days of the planned stay that the daily study plan does not cover' })
  async uncoveredDays(@Root() s: WenzhouStay, @Ctx() ctx: RequestContext) {
    const [items, placement] = await Promise.all([ctx.loaders.manyBy(WenzhouStudyPlanItem, 'stay').load(s.id), ctx.loaders.byId(Placement).load(s.placement.id)]);
    return placement ? uncoveredDays(items, placement.plannedStart, placement.plannedEnd) : [];
  }

  @FieldResolver(() => CalendarDateScalar, { nullable: true, description: 'When the next check-in is due (while abroad)' })
  async nextCheckInDue(@Root() s: WenzhouStay, @Ctx() ctx: RequestContext) {
    const [placement, checkIns] = await Promise.all([ctx.loaders.byId(Placement).load(s.placement.id), ctx.loaders.manyBy(WenzhouCheckIn, 'stay').load(s.id)]);
    if (!placement?.actualStart || placement.actualEnd) return null;
    const { config } = await configOn(ctx, ctx.clock.today());
    return nextCheckInDue(placement.actualStart, checkIns.map((c) => c.period ?? checkInPeriod(placement.actualStart!, c.onDate, config.checkInEveryDays)), config.checkInEveryDays);
  }

  @FieldResolver(() => Int, { description: '开展定期汇报: check-in periods past their due day with no check-in (each was chased by reminders)' })
  async checkInsOverdue(@Root() s: WenzhouStay, @Ctx() ctx: RequestContext) {
    const reports = await ctx.loaders.manyBy(Report, 'placement').load(s.placement.id);
    const today = ctx.clock.today();
    return reports.filter((r) => r.kind === CHECK_IN_REPORT && isOverdue(r, today)).length;
  }

  @FieldResolver(() => Boolean, { description: 'Stayed past the approved end without an approved extension (未经单位同意擅自延长)' })
  breach(@Root() s: WenzhouStay) {
    return s.unapprovedExtensionDays > 0;
  }
}

export const WenzhouStayRelations = relationFields(WenzhouStay, {
  placement: Placement,
  candidacy: WenzhouCandidacy,
  talent: Talent,
  checkIns: { many: WenzhouCheckIn, by: 'stay' },
  extensions: { many: WenzhouExtension, by: 'stay' },
  followUps: { many: WenzhouFollowUp, by: 'stay' },
  sharingSessions: { many: WenzhouSharingSession, by: 'stay' },
  costItems: { many: WenzhouCostItem, by: 'stay' },
  clawbacks: { many: WenzhouClawback, by: 'stay' },
  studyTour: { one: TrainingGroup, description: 'The group study tour (组团研学) the talent travels with' },
  agreement: { only: WenzhouAgreement, by: 'stay', description: 'The agreement (协议): guarantees, tasks, service period' },
  benefitPayments: { many: WenzhouBenefitPayment, by: 'stay', description: 'Salary and incentive pay for the months of the stay' },
  incidents: { many: WenzhouIncident, by: 'stay', description: '安全及纪律监督: safety and discipline incidents' },
  reports: { many: Report, by: 'placement', from: 'placement', description: 'The summary report (due one month after the actual end) and one check-in per period of the stay' },
  outcomes: { many: Outcome, by: 'placement', from: 'placement' },
});

// ---------- the mutations' one implementation each (the deprecated and the payload mutation both call it) ----------

async function placeCandidacy(ctx: RequestContext, input: WenzhouPlaceInput): Promise<WenzhouStay> {
  const c = await load(ctx, WenzhouCandidacy, input.candidacyId, 'candidacyId');
  assertWrite(ctx, c);
  requireStage(c, [WenzhouStage.EXIT_CLEARED], 'place the applicant');
  const host = await load(ctx, Institution, input.hostInstitutionId, 'hostInstitutionId');
  const programme = await ctx.em.findOneOrFail(Programme, c.programme.id);
  const { config } = await configOn(ctx, programme.referenceDate);
  if (host.country === 'CN') throw badInput({ field: 'hostInstitutionId', message: `${host.name} is in mainland China; the plan sends talents abroad (国（境）外)` });
  const listed = config.countries.includes(host.country);
  if (!listed && !input.outsideListReason?.trim()) {
    throw badInput({ field: 'outsideListReason', message: `${host.country} is not one of the plan's countries (${config.countries.join(', ')}); give the reason for this host` });
  }
  // 五(二) 对选派标准、研学机构资质严格审核
  if (!host.qualificationVerified) throw invalidState(`The qualification of ${host.name} has not been verified; verify the host first`, { field: 'hostInstitutionId' });
  // 通过其他途径赴海外研学的人才，其按照原有计划项目管理与培养: someone already away (or due to go)
  // under another programme stays under it; a second stay at the same time is refused.
  const others = await ctx.em.find(Placement, { talent: c.talent.id, status: { $in: [PlacementStatus.PLANNED, PlacementStatus.ACTIVE] } }, { populate: ['programme'] as never, filters: false });
  const clash = others.find((o) => overlaps(o.plannedStart, o.actualEnd ?? o.plannedEnd, input.plannedStart, input.plannedEnd));
  if (clash) {
    throw invalidState(
      `This talent is already placed under ${clash.programme.code} (${clash.plannedStart} to ${clash.actualEnd ?? clash.plannedEnd}) and stays under that programme (通过其他途径赴海外研学的人才，其按照原有计划项目管理与培养)`,
      { field: 'candidacyId', reason: 'CONCURRENT_STAY', programme: clash.programme.code },
    );
  }
  const track = isTrackCode(c.track) ? config.tracks[c.track] : null;
  const warnings = track ? durationWarnings(input.plannedStart, input.plannedEnd, track) : [];
  if (track && !track.hostKinds.includes(host.kind)) warnings.push(`HOST_KIND_UNUSUAL: ${host.kind}; the track expects ${track.hostKinds.join(', ')}`);
  const placement = await createPlacement(ctx, { applicationId: c.application.id, hostInstitutionId: host.id, plannedStart: input.plannedStart, plannedEnd: input.plannedEnd });
  const stay = ctx.em.create(WenzhouStay, {
    placement,
    candidacy: c,
    talent: c.talent,
    unit: c.unit,
    track: c.track,
    liaisonName: input.liaisonName,
    liaisonContact: input.liaisonContact ?? null,
    outsideListReason: listed ? null : input.outsideListReason!.trim(),
    warnings,
  });
  c.stage = WenzhouStage.PLACED;
  await ctx.em.flush();
  return stay;
}

async function setStudyPlan(ctx: RequestContext, input: WenzhouStudyPlanInput): Promise<WenzhouStay> {
  const { stay, placement, candidacy } = await stayWithPlacement(ctx, input.stayId);
  assertWrite(ctx, stay);
  requireStage(candidacy, [WenzhouStage.PLACED, WenzhouStage.ABROAD], 'change the study plan');
  const problems = input.items.flatMap((i, n) => [
    ...(compareDates(i.fromDay, placement.plannedStart) < 0 ? [{ field: `items.${n}.fromDay`, message: `is before the stay starts (${placement.plannedStart})` }] : []),
    ...(compareDates(i.toDay, placement.plannedEnd) > 0 ? [{ field: `items.${n}.toDay`, message: `is after the stay ends (${placement.plannedEnd})` }] : []),
  ]);
  if (problems.length) throw badInput(problems);
  const old = await ctx.em.find(WenzhouStudyPlanItem, { stay });
  for (const o of old) ctx.em.remove(o);
  for (const i of input.items) ctx.em.create(WenzhouStudyPlanItem, { stay, talent: stay.talent, unit: stay.unit, fromDay: i.fromDay, toDay: i.toDay, activity: i.activity });
  await ctx.em.flush();
  return stay;
}

async function recordDeparture(ctx: RequestContext, { stayId, departedOn }: WenzhouStayRecordDepartureInput): Promise<WenzhouStay> {
  const { stay, placement, candidacy } = await stayWithPlacement(ctx, stayId);
  assertWrite(ctx, stay);
  requireStage(candidacy, [WenzhouStage.PLACED], 'record the departure');
  if (compareDates(departedOn, placement.plannedEnd) > 0) throw badInput({ field: 'departedOn', message: `is after the planned end (${placement.plannedEnd})` });
  const plan = await ctx.em.find(WenzhouStudyPlanItem, { stay });
  const missing = uncoveredDays(plan, placement.plannedStart, placement.plannedEnd);
  if (missing.length) throw invalidState(`The daily study plan does not cover ${missing.length} day(s) of the stay, first ${missing[0]}`, { missing: missing.slice(0, 31) });
  if (!(await ctx.em.findOne(WenzhouAgreement, { stay }))) throw invalidState('Record the agreement (协议: tasks, service period) before the departure', { field: 'stayId', missing: 'agreement' });
  await updatePlacementDates(ctx, placement.id, { actualStart: departedOn });
  candidacy.stage = WenzhouStage.ABROAD;
  await ctx.em.flush();
  return stay;
}

async function recordCheckIn(ctx: RequestContext, input: WenzhouCheckInInput): Promise<WenzhouCheckIn> {
  const { stay, placement, candidacy } = await stayWithPlacement(ctx, input.stayId);
  assertWrite(ctx, stay, true);
  requireStage(candidacy, [WenzhouStage.ABROAD], 'check in');
  if (compareDates(input.onDate, placement.actualStart!) < 0) throw badInput({ field: 'onDate', message: `is before the departure (${placement.actualStart})` });
  if (compareDates(input.onDate, ctx.clock.today()) > 0) throw badInput({ field: 'onDate', message: 'is in the future' });
  const programme = await ctx.em.findOneOrFail(Programme, candidacy.programme.id);
  const { config } = await configOn(ctx, programme.referenceDate);
  const period = checkInPeriod(placement.actualStart!, input.onDate, config.checkInEveryDays);
  const row = ctx.em.create(WenzhouCheckIn, { stay, talent: stay.talent, unit: stay.unit, onDate: input.onDate, summary: input.summary, concerns: input.concerns ?? null, submittedBy: ctx.actor.userId, period });
  await ctx.em.flush();
  // The period's check-in report is answered: its reminders stop, it is no longer overdue.
  const owed = await ctx.em.findOne(Report, { placement, kind: CHECK_IN_REPORT, sequence: period, status: { $in: [ReportStatus.DUE, ReportStatus.RETURNED] } });
  if (owed) await submitReport(ctx, owed.id, `${input.onDate}: ${input.summary}`);
  await askHostToConfirm(ctx, row, stay, (await ctx.em.findOneOrFail(Talent, stay.talent.id)).name);
  return row;
}

async function requestExtension(ctx: RequestContext, input: WenzhouExtensionRequestInput): Promise<WenzhouExtension> {
  const { stay, placement, candidacy } = await stayWithPlacement(ctx, input.stayId);
  assertWrite(ctx, stay, true);
  requireStage(candidacy, [WenzhouStage.PLACED, WenzhouStage.ABROAD], 'request an extension');
  if (compareDates(input.requestedEnd, placement.plannedEnd) <= 0) throw badInput({ field: 'requestedEnd', message: `must be after the current end (${placement.plannedEnd})` });
  if (await ctx.em.count(WenzhouExtension, { stay, status: WenzhouExtensionStatus.PENDING })) throw invalidState('An extension request for this stay is already waiting for a decision');
  const row = ctx.em.create(WenzhouExtension, { stay, talent: stay.talent, unit: stay.unit, previousEnd: placement.plannedEnd, requestedEnd: input.requestedEnd, reason: input.reason, requestedBy: ctx.actor.userId });
  await ctx.em.flush();
  return row;
}

async function decideExtension(ctx: RequestContext, { extensionId, approve, note }: WenzhouExtensionDecideInput): Promise<WenzhouExtension> {
  const ext = await load(ctx, WenzhouExtension, extensionId, 'extensionId');
  assertWrite(ctx, ext);
  if (ext.status !== WenzhouExtensionStatus.PENDING) throw invalidState(`This request was ${ext.status} already`);
  if (!approve && !note?.trim()) throw badInput({ field: 'note', message: 'say why the extension is refused' });
  const { placement, candidacy } = await stayWithPlacement(ctx, ext.stay.id);
  requireStage(candidacy, [WenzhouStage.PLACED, WenzhouStage.ABROAD], 'decide an extension');
  if (approve) await updatePlacementDates(ctx, placement.id, { plannedEnd: ext.requestedEnd });
  Object.assign(ext, { status: approve ? WenzhouExtensionStatus.APPROVED : WenzhouExtensionStatus.REFUSED, decidedBy: ctx.actor.userId, decisionNote: note ?? null });
  await ctx.em.flush();
  return ext;
}

async function recordReturn(ctx: RequestContext, { stayId, returnedOn }: WenzhouStayRecordReturnInput): Promise<WenzhouStay> {
  const { stay, placement, candidacy } = await stayWithPlacement(ctx, stayId);
  assertWrite(ctx, stay);
  requireStage(candidacy, [WenzhouStage.ABROAD], 'record the return');
  if (compareDates(returnedOn, placement.actualStart!) < 0) throw badInput({ field: 'returnedOn', message: `is before the departure (${placement.actualStart})` });
  if (compareDates(returnedOn, ctx.clock.today()) > 0) throw badInput({ field: 'returnedOn', message: 'is in the future' });
  const programme = await ctx.em.findOneOrFail(Programme, candidacy.programme.id);
  const { config } = await configOn(ctx, programme.referenceDate);
  stay.unapprovedExtensionDays = unapprovedExtensionDays(placement.plannedEnd, returnedOn);
  // 服务期 is the agreement's (the configuration's value only where the agreement gave none).
  const agreement = await ctx.em.findOne(WenzhouAgreement, { stay });
  stay.serviceUntil = addMonths(returnedOn, agreement?.servicePeriodMonths ?? config.servicePeriodMonths);
  await updatePlacementDates(ctx, placement.id, { actualEnd: returnedOn });
  candidacy.stage = WenzhouStage.RETURNED;
  await ctx.em.flush();
  return stay;
}

async function recordFollowUp(ctx: RequestContext, input: WenzhouFollowUpInput): Promise<WenzhouFollowUp> {
  const { stay, placement, candidacy } = await stayWithPlacement(ctx, input.stayId);
  assertWrite(ctx, stay);
  requireStage(candidacy, [WenzhouStage.RETURNED], 'assess the stay');
  if (compareDates(input.assessedOn, placement.actualEnd!) < 0) throw badInput({ field: 'assessedOn', message: `is before the return (${placement.actualEnd})` });
  const row = ctx.em.create(WenzhouFollowUp, { stay, talent: stay.talent, unit: stay.unit, assessedOn: input.assessedOn, tasksCompleted: input.tasksCompleted, summary: input.summary, assessedBy: ctx.actor.userId });
  await ctx.em.flush();
  return row;
}

async function recordSharingSession(ctx: RequestContext, input: WenzhouSharingSessionInput): Promise<WenzhouSharingSession> {
  const { stay, placement, candidacy } = await stayWithPlacement(ctx, input.stayId);
  assertWrite(ctx, stay);
  requireStage(candidacy, [WenzhouStage.RETURNED], 'record an experience-sharing session');
  if (compareDates(input.heldOn, placement.actualEnd!) < 0) throw badInput({ field: 'heldOn', message: `is before the return (${placement.actualEnd})` });
  const row = ctx.em.create(WenzhouSharingSession, { stay, talent: stay.talent, unit: stay.unit, heldOn: input.heldOn, title: input.title, audience: input.audience });
  await ctx.em.flush();
  return row;
}

async function flagOutcome(ctx: RequestContext, { outcomeId, flagship }: WenzhouOutcomeFlagInput): Promise<Outcome> {
  const outcome = await load(ctx, Outcome, outcomeId, 'outcomeId');
  assertWrite(ctx, outcome);
  if (!outcome.placement || !(await ctx.em.count(WenzhouStay, { placement: outcome.placement.id }))) {
    throw badInput({ field: 'outcomeId', message: 'is not an outcome of a Wenzhou overseas stay' });
  }
  outcome.flagship = flagship;
  await ctx.em.flush();
  return outcome;
}
