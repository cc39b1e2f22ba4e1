import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  Application,
  CalendarDateScalar,
  ConnectionType,
  PageArgs,
  Placement,
  Programme,
  Roles,
  Talent,
  WRITERS,
  Money,
  addMonths,
  badInput,
  dayRange,
  moneyOf,
  paginate,
  relationFields,
  type CalendarDate,
  type RequestContext,
} from '../../../src/index.js';
import { OrderByArg, OrderType, type ListOrder } from '../../../src/index.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';
import { CHANNELS, PLUGIN_KEY, isChannel, type HospitalConfig } from '../config.js';
import { ChannelCodeEnum, Grade, type ChannelCode } from '../domain.js';
import { HospitalAppraisal, HospitalExpertVisit, HospitalLecture, HospitalStay } from '../entities/index.js';
import { researchComparison } from './comparison.js';
import { HospitalSchemeResolver } from './schemes.js';
import { appraise, createPlan, placeStay, recordExpertVisit, recordLecture } from './service.js';
import {
  HospitalAppraisalInput,
  HospitalChannel,
  HospitalExpertStatistics,
  HospitalExpertVisitInput,
  HospitalGradeCount,
  HospitalLectureInput,
  HospitalPlanInput,
  HospitalResearchComparison,
  HospitalStayInput,
} from './types.js';

const StayConnection = ConnectionType(HospitalStay);
const HospitalStayOrder = OrderType('HospitalStayOrder', {
  CHANNEL: { property: 'channel', description: 'The channel code' },
  GRADE: { property: 'grade', description: 'The appraisal grade, by its value; stays not graded yet come last' },
  GRADED_ON: { property: 'gradedOn', description: 'The day it was graded; stays not graded yet come last' },
  OVERALL_SCORE: { property: 'overallScore', description: 'The overall appraisal score; stays not scored yet come last' },
}, 'How to sort hospital stays');
const PlanCreatePayload = PayloadType('HospitalPlanCreatePayload', 'programme', () => Programme, "The year's plan as created, or why not");
const StayPlacePayload = PayloadType('HospitalStayPlacePayload', 'stay', () => HospitalStay, 'The stay as placed, or why not');
const StayAppraisePayload = PayloadType('HospitalStayAppraisePayload', 'stay', () => HospitalStay, 'The stay with the period appraised (graded after the third), or why not');
const ExpertVisitRecordPayload = PayloadType('HospitalExpertVisitRecordPayload', 'expertVisit', () => HospitalExpertVisit, 'The visit as recorded, or why not');
const LectureRecordPayload = PayloadType('HospitalLectureRecordPayload', 'lecture', () => HospitalLecture, 'The lecture as recorded, or why not');
const VisitConnection = ConnectionType(HospitalExpertVisit);
const HospitalExpertVisitOrder = OrderType('HospitalExpertVisitOrder', {
  ARRIVES_ON: { property: 'arrivesOn', description: 'The day the expert arrives (抵达日期)' },
  DEPARTS_ON: { property: 'departsOn', description: 'The day the expert leaves (离开日期)' },
  EXPERT_NAME: { property: 'expertName', description: 'The expert’s name' },
  COUNTRY: { property: 'country', description: 'The ISO country code' },
}, 'How to sort expert visits');
/** The hospital's office (a hospital tenant's commission-admin) and read-only viewers. */
const OFFICE = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN];
const READERS = [...OFFICE, Roles.VIEWER];

@Resolver(() => HospitalStay)
export class HospitalStayResolver {
  @Authorized()
  @Query(() => [HospitalChannel], { description: 'The three channels as configured on a day (default today), each value with its source' })
  async hospitalChannels(@Ctx() ctx: RequestContext, @Arg('on', () => CalendarDateScalar, { nullable: true, description: 'The day whose configuration applies (default: today, Asia/Shanghai)' }) on?: CalendarDate | null): Promise<HospitalChannel[]> {
    const { config } = await (await ctx.plugin<HospitalConfig>(PLUGIN_KEY)).configOn(on ?? ctx.clock.today());
    return CHANNELS.map((code) => {
      const c = config.channels[code];
      return { code, ...c, nameEn: c.name, fundingPerMonth: moneyOf(c.fundingFenPerMonth), stayMonthsMin: c.stayMonths.min, stayMonthsMax: c.stayMonths.max, serviceYears: c.obligations.serviceYears, summaryReportMonths: c.obligations.summaryReportMonths, obligationsSource: c.obligations.source };
    });
  }

  @Authorized(...OFFICE)
  @Mutation(() => Programme, { description: "A year's overseas training plan, its tracks the channels open that year; apply with submitApplication (track = channel)", deprecationReason: replacedBy('hospitalPlanCreate') })
  hospitalCreatePlan(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalPlanInput) input: HospitalPlanInput) {
    return createPlan(ctx, input);
  }

  @Authorized(...OFFICE)
  @PayloadMutation(PlanCreatePayload, { description: "A year's overseas training plan (the hospital office): a programme whose tracks are the channels open that year; apply with submitApplication (track = channel code). One plan per year" })
  hospitalPlanCreate(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalPlanInput) input: HospitalPlanInput) {
    return createPlan(ctx, input);
  }

  @Authorized(...OFFICE)
  @Mutation(() => HospitalStay, { description: 'Send a selected applicant abroad: the placement, the appraisal scheme of the channel, the funding; the summary report falls due', deprecationReason: replacedBy('hospitalStayPlace') })
  hospitalPlaceStay(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalStayInput) input: HospitalStayInput) {
    return placeStay(ctx, input);
  }

  @Authorized(...OFFICE)
  @PayloadMutation(StayPlacePayload, { description: "Send a selected applicant abroad (the hospital office): the placement at a host outside China for the channel's months, the channel's appraisal scheme, the funding; the summary report falls due" })
  hospitalStayPlace(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalStayInput) input: HospitalStayInput) {
    return placeStay(ctx, input);
  }

  @Authorized(...OFFICE)
  @Mutation(() => HospitalStay, { description: 'Appraise a period (before, during, after, in that order); the third grades the stay and sets its consequence', deprecationReason: replacedBy('hospitalStayAppraise') })
  hospitalAppraise(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalAppraisalInput) input: HospitalAppraisalInput) {
    return appraise(ctx, input);
  }

  @Authorized(...OFFICE)
  @PayloadMutation(StayAppraisePayload, { description: "Appraise one period of a stay (the hospital office): before, during, after, in that order, every indicator of the scheme scored once; the third grades the stay and sets its consequence and sum" })
  hospitalStayAppraise(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalAppraisalInput) input: HospitalAppraisalInput) {
    return appraise(ctx, input);
  }

  @Authorized()
  @Query(() => StayConnection, { description: 'Stays abroad (a talent sees their own)' })
  hospitalStays(
    @Ctx() ctx: RequestContext,
    @Args(() => PageArgs) page: PageArgs,
    @OrderByArg(HospitalStayOrder) orderBy: ListOrder | null | undefined,
    @Arg('channel', () => String, { nullable: true, description: 'Only stays through this channel (its code)', deprecationReason: 'Use channelCode, typed by the HospitalChannelCode enum' }) channel?: string | null,
    @Arg('grade', () => Grade, { nullable: true, description: 'Only stays graded so' }) grade?: Grade | null,
    @Arg('channelCode', () => ChannelCodeEnum, { nullable: true, description: 'Only stays through this channel' }) channelCode?: ChannelCode | null,
  ) {
    const where: FilterQuery<HospitalStay> = {};
    if (channelCode ?? channel) where.channel = (channelCode ?? channel) as ChannelCode;
    if (grade) where.grade = grade;
    return paginate(ctx.em, HospitalStay, where, page, StayConnection, orderBy);
  }

  @Authorized(...READERS)
  @Query(() => [HospitalGradeCount], { description: 'Graded stays by grade and consequence, with the sums paid or clawed back' })
  async hospitalGrades(@Ctx() ctx: RequestContext): Promise<HospitalGradeCount[]> {
    const stays = await ctx.em.find(HospitalStay, { grade: { $ne: null } }, { fields: ['grade', 'consequence', 'consequenceFen'] });
    return Object.values(Grade).flatMap((grade) => {
      const of = stays.filter((s) => s.grade === grade);
      const amountFen = of.reduce((a, s) => a + (s.consequenceFen ?? 0), 0);
      return of.length ? [{ grade, consequence: of[0]!.consequence!, stays: of.length, amountFen, amount: moneyOf(amountFen) }] : [];
    });
  }

  @Authorized(...READERS)
  @Query(() => HospitalResearchComparison, { description: 'Research output per person in equal windows before and after the stay: all, per channel, per appraisal scheme' })
  async hospitalResearchComparison(
    @Ctx() ctx: RequestContext,
    @Arg('windowMonths', () => Int, { nullable: true, description: 'Default: comparisonWindowMonths (local default 24)' }) windowMonths?: number | null,
    @Arg('asOf', () => CalendarDateScalar, { nullable: true, description: 'Default: today' }) asOf?: CalendarDate | null,
  ) {
    if (windowMonths != null && (windowMonths < 1 || windowMonths > 120)) throw badInput({ field: 'windowMonths', message: 'must be 1–120', messageZh: '须在1至120之间' });
    const { config } = await ctx.plugin<HospitalConfig>(PLUGIN_KEY);
    return researchComparison(ctx.em, config, windowMonths ?? config.comparisonWindowMonths, asOf ?? ctx.clock.today());
  }

  @FieldResolver(() => Money, { description: "The hospital's funding of the stay (资助金额): given when it was placed, else the channel's monthly sum × months; the base of a clawback" })
  funding(@Root() s: HospitalStay): Money {
    return moneyOf(s.fundingFen);
  }

  @FieldResolver(() => Money, { nullable: true, description: 'The incentive paid, or the sum clawed back, by the grade’s consequence (0 for none or a warning); null until graded' })
  consequenceAmount(@Root() s: HospitalStay): Money | null {
    return s.consequenceFen == null ? null : moneyOf(s.consequenceFen);
  }

  @FieldResolver(() => [HospitalAppraisal], { description: 'The appraisals of the periods done so far' })
  appraisals(@Root() s: HospitalStay, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(HospitalAppraisal, 'stay').load(s.id);
  }

  @FieldResolver(() => CalendarDateScalar, { nullable: true, description: "End of the service owed after return (the channel's obligation)" })
  async serviceUntil(@Root() s: HospitalStay, @Ctx() ctx: RequestContext) {
    const placement = await ctx.loaders.byId(Placement).load(s.placement.id);
    if (!placement?.actualEnd || !isChannel(s.channel)) return null;
    const { config } = await ctx.plugin<HospitalConfig>(PLUGIN_KEY);
    return addMonths(placement.actualEnd, 12 * config.channels[s.channel].obligations.serviceYears);
  }
}

@Resolver(() => HospitalExpertVisit)
export class HospitalExpertResolver {
  @Authorized(...OFFICE)
  @Mutation(() => HospitalExpertVisit, { description: 'An expert from abroad visits: who, from where, when, which departments host them', deprecationReason: replacedBy('hospitalExpertVisitRecord') })
  hospitalRecordExpertVisit(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalExpertVisitInput) input: HospitalExpertVisitInput) {
    return recordExpertVisit(ctx, input);
  }

  @Authorized(...OFFICE)
  @PayloadMutation(ExpertVisitRecordPayload, { description: 'Record a visit by an expert from abroad (the hospital office): who, from where, when, which departments host them' })
  hospitalExpertVisitRecord(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalExpertVisitInput) input: HospitalExpertVisitInput) {
    return recordExpertVisit(ctx, input);
  }

  @Authorized(...OFFICE)
  @Mutation(() => HospitalLecture, { description: 'A lecture during a visit, with the department and the attendance', deprecationReason: replacedBy('hospitalLectureRecord') })
  hospitalRecordLecture(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalLectureInput) input: HospitalLectureInput) {
    return recordLecture(ctx, input);
  }

  @Authorized(...OFFICE)
  @PayloadMutation(LectureRecordPayload, { description: "Record a lecture during a visit (the hospital office), on a day within the visit, with the host department and the attendance; a department not yet among the visit's hosts is added" })
  hospitalLectureRecord(@Ctx() ctx: RequestContext, @Arg('input', () => HospitalLectureInput) input: HospitalLectureInput) {
    return recordLecture(ctx, input);
  }

  @Authorized()
  @Query(() => VisitConnection, { description: 'Visits by experts from abroad, arriving between from and to' })
  hospitalExpertVisits(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(HospitalExpertVisitOrder) orderBy: ListOrder | null | undefined, @Arg('from', () => CalendarDateScalar, { nullable: true, description: 'Arriving on or after this day' }) from?: CalendarDate | null, @Arg('to', () => CalendarDateScalar, { nullable: true, description: 'Arriving on or before this day' }) to?: CalendarDate | null) {
    const arrives = dayRange(from, to);
    return paginate(ctx.em, HospitalExpertVisit, arrives ? { arrivesOn: arrives } : {}, page, VisitConnection, orderBy);
  }

  @Authorized(...READERS)
  @Query(() => HospitalExpertStatistics, { description: 'Visits, countries, lectures and attendance, per host department' })
  async hospitalExpertStatistics(@Ctx() ctx: RequestContext, @Arg('from', () => CalendarDateScalar, { nullable: true, description: 'Visits arriving on or after this day' }) from?: CalendarDate | null, @Arg('to', () => CalendarDateScalar, { nullable: true, description: 'Visits arriving on or before this day' }) to?: CalendarDate | null): Promise<HospitalExpertStatistics> {
    const arrives = dayRange(from, to);
    const visits = await ctx.em.find(HospitalExpertVisit, arrives ? { arrivesOn: arrives } : {});
    const lectures = await ctx.em.find(HospitalLecture, { visit: { $in: visits.map((v) => v.id) } }, { orderBy: { department: 'asc' } });
    const departments = [...new Set(lectures.map((l) => l.department))];
    return {
      visits: visits.length,
      countries: new Set(visits.map((v) => v.country)).size,
      lectures: lectures.length,
      attendance: lectures.reduce((a, l) => a + l.attendance, 0),
      byDepartment: departments.map((department) => {
        const of = lectures.filter((l) => l.department === department);
        return { department, lectures: of.length, attendance: of.reduce((a, l) => a + l.attendance, 0) };
      }),
    };
  }
}

@Resolver(() => Talent)
export class HospitalTalentFields {
  @FieldResolver(() => [HospitalStay], { description: 'Stays abroad through the hospital’s channels (hospital-overseas)' })
  hospitalStays(@Root() t: Talent, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(HospitalStay, 'talent').load(t.id);
  }
}

export const hospitalResolvers = [
  HospitalStayResolver,
  HospitalExpertResolver,
  HospitalTalentFields,
  HospitalSchemeResolver,
  relationFields(HospitalStay, { talent: Talent, placement: Placement, application: Application }),
  relationFields(HospitalExpertVisit, { lectures: { many: HospitalLecture, by: 'visit' } }),
  relationFields(HospitalLecture, { visit: HospitalExpertVisit }),
];
