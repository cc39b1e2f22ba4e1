import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badInput,
  compareDates,
  invalidState,
  Placement,
  relationFields,
  PayloadMutation,
  Roles,
  syncReports,
  type RequestContext,
  replacedBy,
} from '../../../src/index.js';
import { PairStatus } from '../domain.js';
import { CountyPair, CountyPlan, CountyPlanStage, CountyProgress } from '../entities/index.js';
import { checkPlan, progressShare } from '../rules/plan.js';
import { assertPairParticipant, loadPair } from './access.js';
import { PlanSetPayload, ProgressRecordPayload } from './payloads.js';
import { CountyPlanInput, CountyProgressInput, CountyTargetProgress } from './types.js';

const PLAN_WRITERS = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR];
const PROGRESS_WRITERS = [Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.MENTOR, Roles.TALENT];

/** The mentor writes (or rewrites, until progress is recorded) a confirmed pair's plan; the stage reviews follow its stages. */
export async function setPlan(ctx: RequestContext, input: CountyPlanInput): Promise<CountyPlan> {
  const pair = await loadPair(ctx, input.pairId);
  assertPairParticipant(ctx, pair, { apprentice: false, unit: false });
  if (pair.status !== PairStatus.CONFIRMED || !pair.placement) throw invalidState('A plan is written for a confirmed pair', { field: 'pairId' });
  const placement = await ctx.em.findOneOrFail(Placement, pair.placement.id);
  const period = { start: placement.actualStart ?? placement.plannedStart, end: placement.actualEnd ?? placement.plannedEnd };
  const problems = checkPlan(input.stages, period);
  if (problems.length) throw badInput(problems);
  let plan = await ctx.em.findOne(CountyPlan, { pair });
  if (plan) {
    const stages = await ctx.em.find(CountyPlanStage, { plan });
    if (stages.length && (await ctx.em.count(CountyProgress, { stage: { $in: stages } }))) {
      throw invalidState('Progress has been recorded against this plan; its stages can no longer be replaced', { field: 'stages' });
    }
    stages.forEach((s) => ctx.em.remove(s));
    await ctx.em.flush(); // free the (plan, position) keys before the new stages take them
    plan.title = input.title.trim();
    plan.writtenBy = ctx.actor.userId;
  } else {
    plan = ctx.em.create(CountyPlan, { pair, talent: pair.talent, unit: pair.unit, title: input.title.trim(), writtenBy: ctx.actor.userId });
  }
  input.stages.forEach((s, i) =>
    ctx.em.create(CountyPlanStage, {
      plan: plan!,
      talent: pair.talent,
      unit: pair.unit,
      position: i + 1,
      kind: s.kind,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      targets: s.targets.map((t) => ({ code: t.code, description: t.description.trim(), target: t.target })),
    }),
  );
  await ctx.em.flush();
  await syncReports(ctx, placement); // stage reviews follow the new stages
  await ctx.em.flush();
  return plan;
}

/** Progress against a stage target, by the pair's mentor, its apprentice or the commission. */
export async function recordProgress(ctx: RequestContext, input: CountyProgressInput): Promise<CountyProgress> {
  const stage = await ctx.em.findOne(CountyPlanStage, input.stageId, { populate: ['plan'] });
  if (!stage) throw badInput({ field: 'stageId', message: `no stage ${input.stageId} you may see` });
  const pair = await loadPair(ctx, stage.plan.pair.id);
  assertPairParticipant(ctx, pair, { apprentice: true, unit: false });
  if (!stage.targets.some((t) => t.code === input.targetCode)) {
    throw badInput({ field: 'targetCode', message: `this stage has targets ${stage.targets.map((t) => t.code).join(', ')}` });
  }
  if (compareDates(input.recordedOn, ctx.clock.today()) > 0) throw badInput({ field: 'recordedOn', message: 'is after today' });
  const row = ctx.em.create(CountyProgress, {
    stage,
    talent: stage.talent,
    unit: stage.unit,
    targetCode: input.targetCode,
    amount: input.amount,
    recordedOn: input.recordedOn,
    note: input.note ?? null,
    recordedBy: ctx.actor.userId,
  });
  await ctx.em.flush();
  return row;
}

@Resolver(() => CountyPlan)
export class CountyPlanResolver {
  @Authorized()
  @Query(() => CountyPlan, { nullable: true, description: "A pair's training plan" })
  async countyPlan(@Ctx() ctx: RequestContext, @Arg('pairId', () => ID) pairId: string) {
    return ctx.em.findOne(CountyPlan, { pair: pairId });
  }

  @Authorized(...PLAN_WRITERS)
  @Mutation(() => CountyPlan, {
    description: "The mentor writes (or rewrites, until progress is recorded) a confirmed pair's stratified plan; stage reviews fall due after each stage",
    deprecationReason: replacedBy('countyPlanSet'),
  })
  countySetPlan(@Ctx() ctx: RequestContext, @Arg('input', () => CountyPlanInput) input: CountyPlanInput) {
    return setPlan(ctx, input);
  }

  @Authorized(...PROGRESS_WRITERS)
  @Mutation(() => CountyProgress, { description: 'Record progress against a stage target (the mentor, the apprentice or the commission)', deprecationReason: replacedBy('countyProgressRecord') })
  countyRecordProgress(@Ctx() ctx: RequestContext, @Arg('input', () => CountyProgressInput) input: CountyProgressInput) {
    return recordProgress(ctx, input);
  }

  @Authorized(...PLAN_WRITERS)
  @PayloadMutation(PlanSetPayload, {
    description: "The pair's mentor (or the commission) writes a confirmed pair's stratified plan, stages in order theory → supervised → independent practice within the pairing; rewriting replaces it until progress is recorded. Stage reviews fall due stageReviewAfterDays after each stage",
  })
  countyPlanSet(@Ctx() ctx: RequestContext, @Arg('input', () => CountyPlanInput) input: CountyPlanInput) {
    return setPlan(ctx, input);
  }

  @Authorized(...PROGRESS_WRITERS)
  @PayloadMutation(ProgressRecordPayload, { description: 'Record progress against a target of a plan stage (the pair’s mentor, its apprentice or the commission)' })
  countyProgressRecord(@Ctx() ctx: RequestContext, @Arg('input', () => CountyProgressInput) input: CountyProgressInput) {
    return recordProgress(ctx, input);
  }

  @FieldResolver(() => [CountyPlanStage], { description: 'Stages in order' })
  stages(@Root() plan: CountyPlan, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .manyBy(CountyPlanStage, 'plan')
      .load(plan.id)
      .then((rows) => [...rows].sort((a, b) => a.position - b.position));
  }
}

@Resolver(() => CountyPlanStage)
export class CountyPlanStageResolver {
  @FieldResolver(() => [CountyTargetProgress], { description: 'Each target with what has been achieved' })
  async progress(@Root() stage: CountyPlanStage, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.manyBy(CountyProgress, 'stage').load(stage.id);
    return stage.targets.map((t) => {
      const achieved = rows.filter((r) => r.targetCode === t.code).reduce((n, r) => n + r.amount, 0);
      return Object.assign(new CountyTargetProgress(), { ...t, achieved, share: progressShare(achieved, t.target) });
    });
  }
}

export const CountyPlanRelations = [
  relationFields(CountyPlan, { pair: CountyPair }),
  relationFields(CountyPlanStage, { entries: { many: CountyProgress, by: 'stage', description: 'Progress entries, oldest first' } }),
];
