import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  CalendarDateScalar,
  ConnectionType,
  Institution,
  Outcome,
  PageArgs,
  Placement,
  Programme,
  Report,
  Roles,
  Talent,
  WRITERS,
  paginate,
  PayloadMutation,
  PayloadType,
  relationFields,
  type CalendarDate,
  type RequestContext,
  replacedBy,
} from '../../../src/index.js';
import { OrderByArg, OrderType, type ListOrder } from '../../../src/index.js';
import { GuizhouContributionKind } from '../domain.js';
import { GuizhouCohort } from '../entities/cohort.js';
import { GuizhouTrainee } from '../entities/trainee.js';
import { DEFINITIONS } from '../rules/dashboard.js';
import { loadDashboard } from './dashboard.js';
import * as service from './service.js';
import {
  GuizhouAssessmentInput,
  GuizhouCohortFigures,
  GuizhouCohortFilter,
  GuizhouCohortInput,
  GuizhouContributionInput,
  GuizhouContributionVerifyInput,
  GuizhouDashboard,
  GuizhouEnrolInput,
  GuizhouMentorInput,
  GuizhouPeriodFigures,
  GuizhouReturnInput,
  GuizhouTraineeFilter,
  GuizhouTraineeSetMentorInput,
  GuizhouTraineeStartTrainingInput,
  GuizhouWithdrawInput,
} from './types.js';

const CohortConnection = ConnectionType(GuizhouCohort);
const GuizhouCohortOrder = OrderType('GuizhouCohortOrder', {
  NAME: { property: 'name', description: 'The cohort name (班级名称)' },
  START_DATE: { property: 'startDate', description: 'The first day of the cohort (开班日期)' },
  ROUND: { property: 'round', description: 'The round (批次)' },
  PERIOD: { property: 'period', description: 'The period within the round (期次)' },
}, 'How to sort Guizhou cohorts');
const TraineeConnection = ConnectionType(GuizhouTrainee);
const GuizhouTraineeOrder = OrderType('GuizhouTraineeOrder', {
  STARTED_ON: { property: 'startedOn', description: 'The day training started (进修开始日期); trainees not started yet come last' },
  ENDED_ON: { property: 'endedOn', description: 'The day training ended (结业日期); trainees still training come last' },
  RETURNED_ON: { property: 'returnedOn', description: 'The day they were back at work (返岗日期); trainees not back yet come last' },
  TERM_MONTHS: { property: 'termMonths', description: 'The term in months (进修期限)' },
  STATUS: { property: 'status', description: 'The status, by its value' },
}, 'How to sort Guizhou trainees');
const CONTRIBUTIONS = Object.values(GuizhouContributionKind) as string[];
const DASHBOARD_READERS = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.COMMITTEE_EXPERT];

/** Why each old mutation is deprecated: its replacement takes one input and returns a payload with typed userErrors. */

const CohortCreatePayload = PayloadType('GuizhouCohortCreatePayload', 'cohort', () => GuizhouCohort, 'The cohort created (with its programme), or why not');
const TraineeEnrolPayload = PayloadType('GuizhouTraineeEnrolPayload', 'trainee', () => GuizhouTrainee, 'The trainee enrolled (with the placement at the host and the reports owed), or why not');
const TraineeSetMentorPayload = PayloadType('GuizhouTraineeSetMentorPayload', 'trainee', () => GuizhouTrainee, 'The trainee with the mentor recorded, or why not');
const TraineeStartTrainingPayload = PayloadType('GuizhouTraineeStartTrainingPayload', 'trainee', () => GuizhouTrainee, 'The trainee in training, or why not');
const TraineeAssessPayload = PayloadType('GuizhouTraineeAssessPayload', 'trainee', () => GuizhouTrainee, 'The trainee with the assessment recorded (after a final one, completed or not), or why not');
const TraineeWithdrawPayload = PayloadType('GuizhouTraineeWithdrawPayload', 'trainee', () => GuizhouTrainee, 'The trainee withdrawn, or why not');
const TraineeRecordReturnPayload = PayloadType('GuizhouTraineeRecordReturnPayload', 'trainee', () => GuizhouTrainee, 'The trainee with the return recorded, or why not');
const ContributionRecordPayload = PayloadType('GuizhouContributionRecordPayload', 'outcome', () => Outcome, 'The contribution recorded (a core Outcome linked to the placement), or why not');
const ContributionVerifyPayload = PayloadType('GuizhouContributionVerifyPayload', 'outcome', () => Outcome, 'The contribution as checked, or why not');

@Resolver(() => GuizhouCohort)
export class GuizhouCohortResolver {
  @Authorized()
  @Query(() => CohortConnection, { description: 'Cohorts of the Guizhou Medical Talents Plan' })
  guizhouCohorts(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(GuizhouCohortOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => GuizhouCohortFilter, { nullable: true }) filter?: GuizhouCohortFilter | null) {
    const where: FilterQuery<GuizhouCohort> = {};
    if (filter?.round != null) where.round = filter.round;
    if (filter?.period != null) where.period = filter.period;
    if (filter?.hostRegion) where.hostRegion = filter.hostRegion;
    return paginate(ctx.em, GuizhouCohort, where, page, CohortConnection, orderBy);
  }

  @Authorized()
  @Query(() => GuizhouCohort, { nullable: true, description: 'One cohort by id (null when there is none)' })
  guizhouCohort(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(GuizhouCohort).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => GuizhouCohort, { description: 'Create a cohort at a host, with its programme (open for applications unless open: false)', deprecationReason: replacedBy('guizhouCohortCreate') })
  guizhouCreateCohort(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouCohortInput) input: GuizhouCohortInput) {
    return service.createCohort(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(CohortCreatePayload, { description: 'Create a cohort at a host (the commission), with its programme, open for applications unless open: false; a host receives only the sub-plans its region takes (subPlansByHostRegion)' })
  guizhouCohortCreate(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouCohortInput) input: GuizhouCohortInput) {
    return service.createCohort(ctx, input);
  }

  @FieldResolver(() => String, { description: 'Code of the cohort’s programme, unique in the tenant (GZ-P5-RUIJIN)' })
  async code(@Root() c: GuizhouCohort, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.byId(Programme).load(c.programme.id))?.code ?? '';
  }
}

@Resolver(() => GuizhouTrainee)
export class GuizhouTraineeResolver {
  @Authorized()
  @Query(() => TraineeConnection, { description: 'Trainees (a unit sees its own staff, a talent itself)' })
  guizhouTrainees(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(GuizhouTraineeOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => GuizhouTraineeFilter, { nullable: true }) filter?: GuizhouTraineeFilter | null) {
    const where: FilterQuery<GuizhouTrainee> = {};
    if (filter?.cohortId) where.cohort = filter.cohortId;
    if (filter?.status) where.status = filter.status;
    if (filter?.subPlan) where.subPlan = filter.subPlan;
    if (filter?.unitId) where.unit = filter.unitId;
    if (filter?.talentId) where.talent = filter.talentId;
    if (filter?.returned != null) where.returnedOn = filter.returned ? { $ne: null } : null;
    return paginate(ctx.em, GuizhouTrainee, where, page, TraineeConnection, orderBy);
  }

  @Authorized()
  @Query(() => GuizhouTrainee, { nullable: true, description: 'One trainee by id, if you may see them (null otherwise)' })
  guizhouTrainee(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(GuizhouTrainee).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => GuizhouTrainee, { description: 'Enrol a selected applicant for a 3-, 6- or 12-month term; creates the placement at the host', deprecationReason: replacedBy('guizhouTraineeEnrol') })
  guizhouEnrolTrainee(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouEnrolInput) input: GuizhouEnrolInput) {
    return service.enrol(ctx, input);
  }

  @Authorized(...WRITERS.commission, Roles.MENTOR)
  @Mutation(() => GuizhouTrainee, { description: 'Name the host-side mentor', deprecationReason: replacedBy('guizhouTraineeSetMentor') })
  guizhouSetMentor(@Ctx() ctx: RequestContext, @Arg('traineeId', () => ID) traineeId: string, @Arg('mentor', () => GuizhouMentorInput) mentor: GuizhouMentorInput) {
    return service.setMentor(ctx, traineeId, mentor);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => GuizhouTrainee, { description: 'The trainee arrived at the host: training starts', deprecationReason: replacedBy('guizhouTraineeStartTraining') })
  guizhouStartTraining(@Ctx() ctx: RequestContext, @Arg('traineeId', () => ID) traineeId: string, @Arg('startedOn', () => CalendarDateScalar) startedOn: CalendarDate) {
    return service.startTraining(ctx, traineeId, startedOn);
  }

  @Authorized(...WRITERS.commission, Roles.MENTOR)
  @Mutation(() => GuizhouTrainee, { description: 'Mid-term or final assessment; the final one concludes the term (fail = not completed)', deprecationReason: replacedBy('guizhouTraineeAssess') })
  guizhouAssess(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouAssessmentInput) input: GuizhouAssessmentInput) {
    return service.assess(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => GuizhouTrainee, { description: 'Withdraw with a reason: before the start it frees the place; mid-term it counts against completion', deprecationReason: replacedBy('guizhouTraineeWithdraw') })
  guizhouWithdrawTrainee(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouWithdrawInput) input: GuizhouWithdrawInput) {
    return service.withdraw(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => GuizhouTrainee, { description: 'Record the return to the home institution (quarterly cascade-training reports follow from it)', deprecationReason: replacedBy('guizhouTraineeRecordReturn') })
  guizhouRecordReturn(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouReturnInput) input: GuizhouReturnInput) {
    return service.recordReturn(ctx, input);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => Outcome, { description: "A returnee's new technology, filled gap or cascade-training session (a core Outcome linked to the placement)", deprecationReason: replacedBy('guizhouContributionRecord') })
  guizhouRecordContribution(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouContributionInput) input: GuizhouContributionInput) {
    return service.recordContribution(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Outcome, { description: "Check (or un-check) a returnee's contribution", deprecationReason: replacedBy('guizhouContributionVerify') })
  guizhouVerifyContribution(@Ctx() ctx: RequestContext, @Arg('outcomeId', () => ID) outcomeId: string, @Arg('verified', () => Boolean, { defaultValue: true }) verified: boolean) {
    return service.verifyContribution(ctx, outcomeId, verified);
  }

  // ——— the same steps as payload mutations (one input, typed userErrors; nothing written when there are any) ———

  @Authorized(...WRITERS.commission)
  @PayloadMutation(TraineeEnrolPayload, { description: 'Enrol a selected applicant (the commission) for a term of termMonths (3, 6 or 12 by seed 001); creates the placement at the host from the cohort’s start date. A full cohort refuses (INVALID_STATE)' })
  guizhouTraineeEnrol(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouEnrolInput) input: GuizhouEnrolInput) {
    return service.enrol(ctx, input);
  }

  @Authorized(...WRITERS.commission, Roles.MENTOR)
  @PayloadMutation(TraineeSetMentorPayload, { description: 'Name (or rename) the host-side mentor (带教导师) of a trainee not withdrawn (the commission or a mentor)' })
  guizhouTraineeSetMentor(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouTraineeSetMentorInput) input: GuizhouTraineeSetMentorInput) {
    return service.setMentor(ctx, input.traineeId, input.mentor);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TraineeStartTrainingPayload, { description: 'The trainee arrived at the host: training starts (the commission or the trainee’s unit); the placement’s actual start is set' })
  guizhouTraineeStartTraining(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouTraineeStartTrainingInput) input: GuizhouTraineeStartTrainingInput) {
    return service.startTraining(ctx, input.traineeId, input.startedOn);
  }

  @Authorized(...WRITERS.commission, Roles.MENTOR)
  @PayloadMutation(TraineeAssessPayload, { description: 'Record a mid-term or final assessment (the commission or a mentor); the final one concludes the term (fail: not completed) and hands in the assessment report' })
  guizhouTraineeAssess(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouAssessmentInput) input: GuizhouAssessmentInput) {
    return service.assess(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TraineeWithdrawPayload, { description: 'Withdraw a trainee with a reason (the commission or the trainee’s unit): before the start it frees the place; mid-term it counts against completion. Pending reports are cancelled' })
  guizhouTraineeWithdraw(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouWithdrawInput) input: GuizhouWithdrawInput) {
    return service.withdraw(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TraineeRecordReturnPayload, { description: 'Record a completed trainee’s return to work in Guizhou (the commission or the unit); hands in the return confirmation, and the quarterly cascade-training reports follow from it' })
  guizhouTraineeRecordReturn(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouReturnInput) input: GuizhouReturnInput) {
    return service.recordReturn(ctx, input);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @PayloadMutation(ContributionRecordPayload, { description: 'Record a returnee’s new technology, filled gap (with its level) or cascade-training session (with its head count): a core Outcome linked to the placement (the commission, the unit or the talent)' })
  guizhouContributionRecord(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouContributionInput) input: GuizhouContributionInput) {
    return service.recordContribution(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(ContributionVerifyPayload, { description: 'Check (or un-check) a returnee’s contribution (the commission or the returnee’s unit); the dashboard’s verifiedOnly counts only checked ones' })
  guizhouContributionVerify(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouContributionVerifyInput) input: GuizhouContributionVerifyInput) {
    return service.verifyContribution(ctx, input.outcomeId, input.verified);
  }
}

@Resolver(() => GuizhouDashboard)
export class GuizhouDashboardResolver {
  @Authorized(...DASHBOARD_READERS)
  @Query(() => GuizhouDashboard, { description: 'Trained, completed, returned, rates and contributions per cohort, period, round and overall' })
  async guizhouDashboard(
    @Ctx() ctx: RequestContext,
    @Arg('periods', () => [Int], { nullable: true, description: 'Only these periods (default: all)' }) periods?: number[] | null,
    @Arg('verifiedOnly', () => Boolean, { defaultValue: false, description: 'Count only verified contributions' }) verifiedOnly?: boolean,
  ): Promise<GuizhouDashboard> {
    const d = await loadDashboard(ctx, periods ?? null, !!verifiedOnly);
    return { ...d, verifiedOnly: !!verifiedOnly, definitions: DEFINITIONS.map((x) => ({ ...x, definition: x.definitionEn })) } as GuizhouDashboard;
  }
}

@Resolver(() => GuizhouPeriodFigures)
export class GuizhouPeriodFiguresResolver {
  @FieldResolver(() => [GuizhouCohort], { description: 'The cohorts of the period, at every host' })
  async cohorts(@Root() p: GuizhouPeriodFigures, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.byId(GuizhouCohort).loadMany(p.cohortIds)).filter((c): c is GuizhouCohort => c instanceof GuizhouCohort);
  }
}

export const resolvers = [
  GuizhouCohortResolver,
  GuizhouTraineeResolver,
  GuizhouDashboardResolver,
  GuizhouPeriodFiguresResolver,
  relationFields(GuizhouCohort, {
    programme: { one: Programme, nullable: false, description: 'The programme that takes applications to the cohort' },
    hostInstitution: { one: Institution, nullable: false },
    trainees: { many: GuizhouTrainee, by: 'cohort', description: 'Trainees you may see (row-scoped)' },
  }),
  relationFields(GuizhouTrainee, {
    cohort: { one: GuizhouCohort, nullable: false },
    talent: Talent,
    unit: { one: Institution, nullable: false, description: 'Home (dispatching) institution' },
    placement: { one: Placement, description: 'The stay at the host (dates, status)' },
    returnedTo: { one: Institution, description: 'Where the trainee returned to work' },
    reports: { many: Report, by: 'placement', from: 'placement', description: 'What the trainee owes (mid-term and final assessment, return confirmation, quarterly cascade training)' },
    contributions: { many: Outcome, by: 'placement', from: 'placement', where: { category: { $in: CONTRIBUTIONS } }, description: 'New technologies, filled gaps and cascade-training sessions after the return' },
  }),
  relationFields(GuizhouCohortFigures, { cohort: { one: GuizhouCohort, property: 'cohortId' } }),
  relationFields(Talent, { guizhouTraineeships: { many: GuizhouTrainee, by: 'talent', description: 'Enrolments in Guizhou Medical Talents Plan cohorts (guizhou-shanghai-class)' } }),
];
