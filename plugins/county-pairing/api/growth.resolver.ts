import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import {
  assertUnitWrite,
  badInput,
  compareDates,
  hasRole,
  invalidState,
  Outcome,
  recordOutcome,
  relationFields,
  PayloadMutation,
  Roles,
  Talent,
  type RequestContext,
  replacedBy,
} from '../../../src/index.js';
import { GrowthKind } from '../domain.js';
import { CountyApprentice, CountyRetentionCheck } from '../entities/index.js';
import { assertPairParticipant, isCommission, loadPair } from './access.js';
import { GrowthRecordPayload, RetentionCheckRecordPayload } from './payloads.js';
import { CountyGrowthInput, CountyRetentionInput } from './types.js';

/** A growth record of a paired apprentice: a core Outcome of the pair's placement. */
export async function recordGrowth(ctx: RequestContext, input: CountyGrowthInput): Promise<Outcome> {
  const pair = await loadPair(ctx, input.pairId);
  assertPairParticipant(ctx, pair, { apprentice: true, unit: true });
  if (!pair.placement) throw invalidState('Growth is recorded for a confirmed pair', { field: 'pairId' });
  if (compareDates(input.achievedOn, ctx.clock.today()) > 0) throw badInput({ field: 'achievedOn', message: 'is after today' });
  if (input.level && input.kind !== GrowthKind.CONFERENCE) throw badInput({ field: 'level', message: 'is the level of a conference (province, city, county)' });
  const promotion = input.kind === GrowthKind.PROMOTION_DEPARTMENT_HEAD || input.kind === GrowthKind.PROMOTION_DEPARTMENT_BACKBONE;
  if (promotion && (input.quantity ?? 1) !== 1) throw badInput({ field: 'quantity', message: 'a promotion is one record' });
  return recordOutcome(ctx, {
    talentId: pair.talent.id,
    placementId: pair.placement.id,
    category: input.kind,
    title: input.title.trim(),
    description: input.description ?? null,
    achievedOn: input.achievedOn,
    quantity: input.quantity ?? 1,
    level: input.level ?? null,
  });
}

/** Whether a trainee still serves in the county on a day; a second check on the same day replaces the first. */
export async function recordRetention(ctx: RequestContext, input: CountyRetentionInput): Promise<CountyRetentionCheck> {
  const talent = await ctx.em.findOne(Talent, input.talentId);
  if (!talent) throw badInput({ field: 'talentId', message: `no talent ${input.talentId} you may see` });
  if (!isCommission(ctx) && hasRole(ctx.actor, Roles.UNIT_COORDINATOR)) assertUnitWrite(ctx.actor, talent.unit.id);
  if (!(await ctx.em.count(CountyApprentice, { talent }))) throw badInput({ field: 'talentId', message: `${talent.name} has not been an apprentice in any round` });
  if (compareDates(input.checkedOn, ctx.clock.today()) > 0) throw badInput({ field: 'checkedOn', message: 'is after today' });
  let row = await ctx.em.findOne(CountyRetentionCheck, { talent, checkedOn: input.checkedOn });
  if (row) Object.assign(row, { stillServing: input.stillServing, note: input.note ?? null });
  else row = ctx.em.create(CountyRetentionCheck, { talent, unit: talent.unit, checkedOn: input.checkedOn, stillServing: input.stillServing, note: input.note ?? null });
  await ctx.em.flush();
  return row;
}

/**
 * Growth records are core Outcomes of the pair's placement, under the category codes of
 * `GrowthKind` (this scheme's `outcomeCategories` rule lists them), so the core's outcome queries
 * and a talent's `outcomes` show them too. Retention is a dated check of the trainee.
 */
@Resolver(() => CountyRetentionCheck)
export class CountyGrowthResolver {
  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.MENTOR, Roles.TALENT)
  @Mutation(() => Outcome, { description: 'Record a conference attended, a new technology or project, or a promotion of a paired apprentice', deprecationReason: replacedBy('countyGrowthRecord') })
  countyRecordGrowth(@Ctx() ctx: RequestContext, @Arg('input', () => CountyGrowthInput) input: CountyGrowthInput) {
    return recordGrowth(ctx, input);
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR)
  @Mutation(() => CountyRetentionCheck, { description: 'Record whether a trainee still serves in the county on a day (one check per day; a second replaces it)', deprecationReason: replacedBy('countyRetentionCheckRecord') })
  countyRecordRetention(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRetentionInput) input: CountyRetentionInput) {
    return recordRetention(ctx, input);
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.MENTOR, Roles.TALENT)
  @PayloadMutation(GrowthRecordPayload, { description: 'Record a conference attended (with its level), a new technology or project, or a promotion to department head or backbone of a confirmed pair’s apprentice: a core Outcome of the pair’s placement' })
  countyGrowthRecord(@Ctx() ctx: RequestContext, @Arg('input', () => CountyGrowthInput) input: CountyGrowthInput) {
    return recordGrowth(ctx, input);
  }

  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR)
  @PayloadMutation(RetentionCheckRecordPayload, { description: 'Record whether a trainee still serves in the county on a day (the commission or the trainee’s unit); one check per day, a second replaces it' })
  countyRetentionCheckRecord(@Ctx() ctx: RequestContext, @Arg('input', () => CountyRetentionInput) input: CountyRetentionInput) {
    return recordRetention(ctx, input);
  }
}

export const CountyGrowthRelations = relationFields(CountyRetentionCheck, { talent: Talent });
