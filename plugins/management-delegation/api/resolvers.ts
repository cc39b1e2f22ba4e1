import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  CalendarDateScalar,
  Placement,
  Programme,
  ProgrammeStatus,
  Report,
  ReportStatus,
  Roles,
  Talent,
  TrainingGroup,
  TrainingGroupMember,
  WRITERS,
  createSchemeProgramme,
  isOverdue,
  relationFields,
  type CalendarDate,
  type RequestContext,
} from '../../../src/index.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../../src/index.js';
import { PLUGIN_KEY } from '../config.js';
import { PlanProgress } from '../domain.js';
import { DelegationActionPlan, DelegationMilestone, DelegationSession } from '../entities/index.js';
import { dayNumber } from '../rules/plans.js';
import { dashboardFigures, planProgress } from '../rules/progress.js';
import { REPORT } from '../rules/reports.js';
import { completeMilestone, createDelegation, fileActionPlan, setItinerary } from './service.js';
import { DelegationActionPlanInput, DelegationDashboard, DelegationInput, DelegationItineraryInput, DelegationMilestoneCompleteInput, DelegationProgrammeInput } from './types.js';

const READERS = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER];
const ProgrammeCreatePayload = PayloadType('DelegationProgrammeCreatePayload', 'programme', () => Programme, 'The delegation programme as created (open), or why not');
const TrainingGroupCreatePayload = PayloadType('DelegationTrainingGroupCreatePayload', 'trainingGroup', () => TrainingGroup, 'The delegation (a core training group) as formed, its leader its first member, or why not');
const ItinerarySetPayload = PayloadType('DelegationItinerarySetPayload', 'sessions', () => [DelegationSession], 'The itinerary as set, by day and slot, or why not');
const ActionPlanFilePayload = PayloadType('DelegationActionPlanFilePayload', 'actionPlan', () => DelegationActionPlan, 'The action plan as filed, with its milestones, or why not');
const MilestoneCompletePayload = PayloadType('DelegationMilestoneCompletePayload', 'milestone', () => DelegationMilestone, 'The milestone as done, or why not');

/** The programme the delegations of a year go under, open at once. */
async function createProgramme(ctx: RequestContext, input: DelegationProgrammeInput): Promise<Programme> {
  const programme = await createSchemeProgramme(ctx, PLUGIN_KEY, { ...input, status: ProgrammeStatus.OPEN });
  await ctx.commit();
  return programme;
}

@Resolver(() => DelegationSession)
export class DelegationResolver {
  @Authorized(...WRITERS.commission)
  @Mutation(() => Programme, { description: 'A delegation programme (the Overseas Training Program for Middle-level Cadres of a year), open at once', deprecationReason: replacedBy('delegationProgrammeCreate') })
  delegationCreateProgramme(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationProgrammeInput) input: DelegationProgrammeInput) {
    return createProgramme(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(ProgrammeCreatePayload, { description: 'A delegation programme (the Overseas Training Program for Middle-level Cadres of a year, seed 002), open at once; the hospital office' })
  delegationProgrammeCreate(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationProgrammeInput) input: DelegationProgrammeInput) {
    return createProgramme(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => TrainingGroup, { description: 'Form a delegation (a core training group): leader, host, dates, member cap; add members with addTrainingGroupMember', deprecationReason: replacedBy('delegationTrainingGroupCreate') })
  delegationCreate(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationInput) input: DelegationInput) {
    return createDelegation(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TrainingGroupCreatePayload, { description: 'Form a delegation (a core training group under a delegation programme): leader, host, planned dates, member cap (default: the configured memberCap, local default 15); add members with addTrainingGroupMember' })
  delegationTrainingGroupCreate(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationInput) input: DelegationInput) {
    return createDelegation(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => [DelegationSession], { description: 'Set the itinerary: sessions by day (course, site visit, department exchange), each within the trip', deprecationReason: replacedBy('delegationItinerarySet') })
  delegationSetItinerary(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationItineraryInput) input: DelegationItineraryInput) {
    return setItinerary(ctx, input.groupId, input.sessions);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(ItinerarySetPayload, { description: 'Set (replace) the itinerary: sessions by day (course, site visit, department exchange), each within the trip; not for a cancelled delegation' })
  delegationItinerarySet(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationItineraryInput) input: DelegationItineraryInput) {
    return setItinerary(ctx, input.groupId, input.sessions);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => DelegationActionPlan, { description: "A returned member's action plan with milestones; each milestone's due day is reminded and escalated like any report", deprecationReason: replacedBy('delegationActionPlanFile') })
  delegationFileActionPlan(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationActionPlanInput) input: DelegationActionPlanInput) {
    return fileActionPlan(ctx, input);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @PayloadMutation(ActionPlanFilePayload, { description: "File a returned member's action plan (the member, their unit or the office), once: it hands in the member's action-plan report, and each milestone becomes a report due on its day, reminded and escalated like any report" })
  delegationActionPlanFile(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationActionPlanInput) input: DelegationActionPlanInput) {
    return fileActionPlan(ctx, input);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => DelegationMilestone, { description: 'A milestone is done (its reminders stop)', deprecationReason: replacedBy('delegationMilestoneComplete') })
  delegationCompleteMilestone(
    @Ctx() ctx: RequestContext,
    @Arg('milestoneId', () => ID, { description: 'The milestone' }) milestoneId: string,
    @Arg('doneOn', () => CalendarDateScalar, { description: 'The day it was done' }) doneOn: CalendarDate,
    @Arg('note', () => String, { nullable: true, description: 'What was done' }) note?: string | null,
  ) {
    return completeMilestone(ctx, { milestoneId, doneOn, note });
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @PayloadMutation(MilestoneCompletePayload, { description: 'A milestone of an action plan is done: its report is handed in and its reminders stop. Once per milestone' })
  delegationMilestoneComplete(@Ctx() ctx: RequestContext, @Arg('input', () => DelegationMilestoneCompleteInput) input: DelegationMilestoneCompleteInput) {
    return completeMilestone(ctx, input);
  }

  @Authorized(...READERS)
  @Query(() => DelegationDashboard, { description: 'Delegations by status, members, action plans done / on track / overdue, delegation reports owed' })
  async delegationDashboard(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { nullable: true, description: 'Only the delegations of this programme (default: every delegation of the scheme)' }) programmeId?: string | null): Promise<DelegationDashboard> {
    const groups = await ctx.em.find(TrainingGroup, programmeId ? { programme: programmeId } : { programme: { scheme: PLUGIN_KEY } }, { fields: ['id', 'status'] });
    const ids = groups.map((g) => g.id);
    const [members, plans, reports] = await Promise.all([
      ctx.em.find(TrainingGroupMember, { group: { $in: ids } }, { fields: ['id', 'group'] }),
      ctx.em.find(DelegationActionPlan, { group: { $in: ids } }, { populate: ['milestones'] }),
      ctx.em.find(Report, { group: { $in: ids }, kind: REPORT.GROUP, status: { $in: [ReportStatus.DUE, ReportStatus.RETURNED] } }),
    ]);
    const figures = dashboardFigures({
      groups: groups.map((g) => ({ id: g.id, status: g.status })),
      members: members.map((m) => ({ groupId: m.group.id })),
      plans: plans.map((p) => ({ groupId: p.group.id, milestones: p.milestones.getItems() })),
      today: ctx.clock.today(),
    });
    return { ...figures, groupReportsDue: reports.length, groupReportsOverdue: reports.filter((r) => isOverdue(r, ctx.clock.today())).length };
  }

  @FieldResolver(() => String, { description: 'The topic in English, as the host gives it, e.g. History and Culture of Mayo' })
  topicEn(@Root() s: DelegationSession): string {
    return s.topic;
  }

  @FieldResolver(() => Int, { description: 'Day of the trip, from 1' })
  async dayNumber(@Root() s: DelegationSession, @Ctx() ctx: RequestContext) {
    const group = await ctx.loaders.byId(TrainingGroup).load(s.group.id);
    return group ? dayNumber(s.day, group.actualStart ?? group.plannedStart) : null;
  }
}

@Resolver(() => DelegationActionPlan)
export class DelegationActionPlanFields {
  @FieldResolver(() => PlanProgress, { description: 'done, on track, or overdue (a milestone is late), as of today' })
  async progress(@Root() p: DelegationActionPlan, @Ctx() ctx: RequestContext) {
    return planProgress(await ctx.loaders.manyBy(DelegationMilestone, 'plan').load(p.id), ctx.clock.today());
  }
}

@Resolver(() => TrainingGroup)
export class DelegationGroupFields {
  @FieldResolver(() => [DelegationSession], { description: 'The itinerary by day (management-delegation)' })
  async delegationItinerary(@Root() g: TrainingGroup, @Ctx() ctx: RequestContext) {
    const sessions = await ctx.loaders.manyBy(DelegationSession, 'group').load(g.id);
    return [...sessions].sort((a, b) => a.day.localeCompare(b.day) || a.slot - b.slot);
  }

  @FieldResolver(() => [DelegationActionPlan], { description: "Members' action plans after return (management-delegation)" })
  delegationActionPlans(@Root() g: TrainingGroup, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(DelegationActionPlan, 'group').load(g.id);
  }
}

export const delegationResolvers = [
  DelegationResolver,
  DelegationActionPlanFields,
  DelegationGroupFields,
  relationFields(DelegationSession, { group: TrainingGroup }),
  relationFields(DelegationActionPlan, {
    talent: Talent,
    member: TrainingGroupMember,
    group: TrainingGroup,
    placement: { one: Placement, description: "The member's placement, which owes the plan's reports" },
    milestones: { many: DelegationMilestone, by: 'plan' },
  }),
  relationFields(DelegationMilestone, { plan: DelegationActionPlan }),
];
