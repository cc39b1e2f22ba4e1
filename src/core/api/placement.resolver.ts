import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, OrderByArg, OrderType, PageArgs, dayRange, paginate, type ListOrder } from '../../graphql/pagination.js';
import { sqlReads } from '../../graphql/sql-reads.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { PlacementStatus } from '../domain.js';
import { Application } from '../entities/application.js';
import { Institution } from '../entities/institution.js';
import { Outcome } from '../entities/outcome.js';
import { Placement } from '../entities/placement.js';
import { Programme } from '../entities/programme.js';
import { Report } from '../entities/report.js';
import { Talent } from '../entities/talent.js';
import { createPlacement, updatePlacementDates, withdrawPlacement } from '../services/placements.js';
import { placementFacts } from '../services/facts.js';
import { invalidState, notFound } from '../../errors.js';
import { WRITERS } from './access.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';

const PlacementConnection = ConnectionType(Placement);
const PlacementOrder = OrderType('PlacementOrder', {
  PLANNED_START: { property: 'plannedStart', description: 'Planned first day (计划开始日期)' },
  PLANNED_END: { property: 'plannedEnd', description: 'Planned last day (计划结束日期)' },
  ACTUAL_START: { property: 'actualStart', description: 'Actual first day (实际开始日期); placements not started yet come last' },
  ACTUAL_END: { property: 'actualEnd', description: 'Actual last day (实际结束日期); placements not ended yet come last' },
  STATUS: { property: 'status', description: 'The status, by its value (planned, active, completed…)' },
}, 'How to sort placements');

@InputType({ description: 'Which placements to list; conditions combine (and)' })
export class PlacementFilter {
  @Field(() => ID, { nullable: true, description: 'Placements under this programme' }) programmeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Placements of this dispatching unit’s staff' }) unitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Placements at this host institution' }) hostInstitutionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Placements of this talent' }) talentId?: string | null;
  @Field(() => PlacementStatus, { nullable: true, description: 'Placements in this status' }) status?: PlacementStatus | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Planned start on or after' }) startFrom?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Planned start on or before' }) startTo?: CalendarDate | null;
}

@InputType({ description: 'A selected applicant placed at a host for planned dates' })
export class CreatePlacementInput {
  @Field(() => ID, { description: 'The selected application the placement comes from' }) applicationId!: string;
  @Field(() => ID, { description: 'The host institution (one marked `host`)' }) hostInstitutionId!: string;
  @Field(() => CalendarDateScalar, { description: 'Planned first day at the host (Asia/Shanghai calendar day)' }) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar, { description: 'Planned last day at the host; not before plannedStart' }) plannedEnd!: CalendarDate;
}

@InputType({ description: 'Dates of a placement to change; those left out keep their value' })
export class PlacementDatesInput {
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Planned first day at the host' }) plannedStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Planned last day at the host' }) plannedEnd?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Departure / first day at the host' }) actualStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day at the host' }) actualEnd?: CalendarDate | null;
}

@InputType({ description: 'Which placement’s dates to change, and how' })
export class PlacementUpdateDatesInput {
  @Field(() => ID, { description: 'The placement to change' }) id!: string;
  @Field(() => PlacementDatesInput, { description: 'The dates to change; those left out keep their value' }) dates!: PlacementDatesInput;
  @Field(() => Int, { nullable: true, description: 'The version you read: when someone changed the placement since, CONFLICT and nothing is written' }) expectedVersion?: number | null;
}

@InputType({ description: 'Withdrawing a placement, with the reason' })
export class PlacementWithdrawInput {
  @Field(() => ID, { description: 'The placement withdrawn' }) id!: string;
  @Field(() => String, { description: 'Why it is withdrawn (kept as the status note)' }) reason!: string;
}

const PlacementCreatePayload = PayloadType('PlacementCreatePayload', 'placement', () => Placement, 'The placement made, with the reports it owes, or why not');
const PlacementUpdateDatesPayload = PayloadType('PlacementUpdateDatesPayload', 'placement', () => Placement, 'The placement with its new dates (report due days follow), or why not');
const PlacementWithdrawPayload = PayloadType('PlacementWithdrawPayload', 'placement', () => Placement, 'The placement as withdrawn, or why not');

/** The one way a placement's dates change through the core API (both mutations): the scheme may refuse. */
async function changePlacementDates(ctx: RequestContext, id: string, dates: PlacementDatesInput, expectedVersion?: number | null): Promise<Placement> {
  await assertSchemeAllows(ctx, id, 'dates', dates);
  return updatePlacementDates(ctx, id, dates, expectedVersion);
}

/** The one way a placement is withdrawn through the core API (both mutations): the scheme may refuse. */
async function withdrawPlacementToday(ctx: RequestContext, id: string, reason: string): Promise<Placement> {
  await assertSchemeAllows(ctx, id, 'withdraw');
  return withdrawPlacement(ctx, id, reason, ctx.clock.today());
}

/** Ask the placement's scheme whether the generic mutation may change it (see SchemeRules.placementChange). */
async function assertSchemeAllows(ctx: RequestContext, id: string, change: 'dates' | 'withdraw', dates?: PlacementDatesInput): Promise<void> {
  const placement = await ctx.em.findOne(Placement, id);
  if (!placement) throw notFound('Placement', id);
  const programme = await ctx.em.findOneOrFail(Programme, placement.programme.id);
  const found = ctx.host.rule(ctx.tenant, programme.scheme, 'placementChange');
  if (!found) return;
  const application = placement.application ? await ctx.em.findOne(Application, placement.application.id) : null;
  const verdict = await found.rule.evaluate({ placement: placementFacts(placement, programme, application?.track ?? null), change, dates, actor: ctx.actor }, await ctx.plugin(found.plugin.key));
  if (!verdict.allowed) throw invalidState(verdict.message, { reason: verdict.code, scheme: programme.scheme });
}

/** The condition of a `placements` page: the resolver and the SQL planner build it here. */
export function placementWhere(filter?: PlacementFilter | null): FilterQuery<Placement> {
  const where: FilterQuery<Placement> = {};
  if (filter?.programmeId) where.programme = filter.programmeId;
  if (filter?.unitId) where.unit = filter.unitId;
  if (filter?.hostInstitutionId) where.hostInstitution = filter.hostInstitutionId;
  if (filter?.talentId) where.talent = filter.talentId;
  if (filter?.status) where.status = filter.status;
  const start = dayRange(filter?.startFrom, filter?.startTo);
  if (start) where.plannedStart = start;
  return where;
}

// The commission dashboard's read, answered in one SQL statement where it can be (graphql/sql-reads.ts);
// each relation below is exactly what its field resolver loads.
sqlReads.connection('placements', { entity: Placement, where: placementWhere });
sqlReads.byId('placement', Placement);
sqlReads.relation('Placement', 'programme', { entity: Programme, one: 'programme' });
sqlReads.relation('Placement', 'application', { entity: Application, one: 'application' });
sqlReads.relation('Placement', 'talent', { entity: Talent, one: 'talent' });
sqlReads.relation('Placement', 'unit', { entity: Institution, one: 'unit' });
sqlReads.relation('Placement', 'hostInstitution', { entity: Institution, one: 'hostInstitution' });
sqlReads.relation('Placement', 'reports', { entity: Report, many: 'placement' });
sqlReads.relation('Placement', 'outcomes', { entity: Outcome, many: 'placement' });

@Resolver(() => Placement)
export class PlacementResolver {
  @Authorized()
  @Query(() => PlacementConnection, { description: 'Placements you may see (a unit sees its own staff’s, a talent their own), oldest first unless orderBy says otherwise' })
  placements(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(PlacementOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => PlacementFilter, { nullable: true }) filter?: PlacementFilter | null) {
    return paginate(ctx.em, Placement, placementWhere(filter), page, PlacementConnection, orderBy);
  }

  @Authorized()
  @Query(() => Placement, { nullable: true, description: 'One placement by id; null when it does not exist or is not yours to see' })
  placement(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Placement).load(id);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Placement, { description: 'Place a selected applicant at a host; reports fall due as the scheme says', deprecationReason: replacedBy('placementCreate') })
  createPlacement(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePlacementInput) input: CreatePlacementInput) {
    return createPlacement(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Placement, { description: 'Record departure, return or changed plans; report due dates follow', deprecationReason: replacedBy('placementUpdateDates') })
  async updatePlacementDates(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('dates', () => PlacementDatesInput) dates: PlacementDatesInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    return changePlacementDates(ctx, id, dates, expectedVersion);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Placement, { description: 'Withdraw a placement, with a reason', deprecationReason: replacedBy('placementWithdraw') })
  withdrawPlacement(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string) {
    return withdrawPlacementToday(ctx, id, reason);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(PlacementCreatePayload, { description: 'Place a selected applicant at a host for planned dates (their unit or the commission); the reports it owes fall due as the scheme says' })
  placementCreate(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePlacementInput) input: CreatePlacementInput): Promise<Placement> {
    return createPlacement(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(PlacementUpdateDatesPayload, { description: 'Record departure (actualStart), return (actualEnd) or changed plans; report due days follow. A scheme with its own steps refuses (INVALID_STATE naming the step to use)' })
  placementUpdateDates(@Ctx() ctx: RequestContext, @Arg('input', () => PlacementUpdateDatesInput) input: PlacementUpdateDatesInput): Promise<Placement> {
    return changePlacementDates(ctx, input.id, input.dates, input.expectedVersion);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(PlacementWithdrawPayload, { description: 'Withdraw a placement, with a reason; the reports it still owes are cancelled. A scheme with its own steps may refuse (INVALID_STATE)' })
  placementWithdraw(@Ctx() ctx: RequestContext, @Arg('input', () => PlacementWithdrawInput) input: PlacementWithdrawInput): Promise<Placement> {
    return withdrawPlacementToday(ctx, input.id, input.reason);
  }

  @FieldResolver(() => Programme, { description: 'The programme the placement is under' })
  programme(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Programme).load(p.programme.id);
  }

  @FieldResolver(() => Application, { nullable: true, description: 'The application it comes from (null for a group member’s placement or when not yours to see)' })
  application(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return p.application ? ctx.loaders.byId(Application).load(p.application.id) : null;
  }

  @FieldResolver(() => Talent, { nullable: true, description: 'The talent placed (null when not yours to see)' })
  talent(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Talent).load(p.talent.id);
  }

  @FieldResolver(() => Institution, { description: 'Dispatching unit' })
  unit(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Institution).load(p.unit.id);
  }

  @FieldResolver(() => Institution, { description: 'Where the talent trains (the host)' })
  hostInstitution(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Institution).load(p.hostInstitution.id);
  }

  @FieldResolver(() => [Report], { description: 'Reports the placement owes, by due day' })
  reports(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Report, 'placement').load(p.id);
  }

  @FieldResolver(() => [Outcome], { description: 'Outcomes recorded against this placement' })
  outcomes(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Outcome, 'placement').load(p.id);
  }
}
