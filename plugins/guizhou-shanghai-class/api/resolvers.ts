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
  relationFields,
  type CalendarDate,
  type RequestContext,
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
  GuizhouDashboard,
  GuizhouEnrolInput,
  GuizhouMentorInput,
  GuizhouPeriodFigures,
  GuizhouReturnInput,
  GuizhouTraineeFilter,
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
  @Query(() => GuizhouCohort, { nullable: true })
  guizhouCohort(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(GuizhouCohort).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => GuizhouCohort, { description: 'Create a cohort at a host, with its programme (open for applications unless open: false)' })
  guizhouCreateCohort(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouCohortInput) input: GuizhouCohortInput) {
    return service.createCohort(ctx, input);
  }

  @FieldResolver(() => String)
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
  @Query(() => GuizhouTrainee, { nullable: true })
  guizhouTrainee(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(GuizhouTrainee).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => GuizhouTrainee, { description: 'Enrol a selected applicant for a 3-, 6- or 12-month term; creates the placement at the host' })
  guizhouEnrolTrainee(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouEnrolInput) input: GuizhouEnrolInput) {
    return service.enrol(ctx, input);
  }

  @Authorized(...WRITERS.commission, Roles.MENTOR)
  @Mutation(() => GuizhouTrainee, { description: 'Name the host-side mentor' })
  guizhouSetMentor(@Ctx() ctx: RequestContext, @Arg('traineeId', () => ID) traineeId: string, @Arg('mentor', () => GuizhouMentorInput) mentor: GuizhouMentorInput) {
    return service.setMentor(ctx, traineeId, mentor);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => GuizhouTrainee, { description: 'The trainee arrived at the host: training starts' })
  guizhouStartTraining(@Ctx() ctx: RequestContext, @Arg('traineeId', () => ID) traineeId: string, @Arg('startedOn', () => CalendarDateScalar) startedOn: CalendarDate) {
    return service.startTraining(ctx, traineeId, startedOn);
  }

  @Authorized(...WRITERS.commission, Roles.MENTOR)
  @Mutation(() => GuizhouTrainee, { description: 'Mid-term or final assessment; the final one concludes the term (fail = not completed)' })
  guizhouAssess(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouAssessmentInput) input: GuizhouAssessmentInput) {
    return service.assess(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => GuizhouTrainee, { description: 'Withdraw with a reason: before the start it frees the place; mid-term it counts against completion' })
  guizhouWithdrawTrainee(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouWithdrawInput) input: GuizhouWithdrawInput) {
    return service.withdraw(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => GuizhouTrainee, { description: 'Record the return to the home institution (quarterly cascade-training reports follow from it)' })
  guizhouRecordReturn(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouReturnInput) input: GuizhouReturnInput) {
    return service.recordReturn(ctx, input);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => Outcome, { description: "A returnee's new technology, filled gap or cascade-training session (a core Outcome linked to the placement)" })
  guizhouRecordContribution(@Ctx() ctx: RequestContext, @Arg('input', () => GuizhouContributionInput) input: GuizhouContributionInput) {
    return service.recordContribution(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Outcome, { description: "Check (or un-check) a returnee's contribution" })
  guizhouVerifyContribution(@Ctx() ctx: RequestContext, @Arg('outcomeId', () => ID) outcomeId: string, @Arg('verified', () => Boolean, { defaultValue: true }) verified: boolean) {
    return service.verifyContribution(ctx, outcomeId, verified);
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
    return { ...d, verifiedOnly: !!verifiedOnly, definitions: DEFINITIONS } as GuizhouDashboard;
  }
}

@Resolver(() => GuizhouPeriodFigures)
export class GuizhouPeriodFiguresResolver {
  @FieldResolver(() => [GuizhouCohort])
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
