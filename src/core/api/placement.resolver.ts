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

const PlacementConnection = ConnectionType(Placement);
const PlacementOrder = OrderType('PlacementOrder', {
  PLANNED_START: { property: 'plannedStart', description: 'Planned first day (计划开始日期)' },
  PLANNED_END: { property: 'plannedEnd', description: 'Planned last day (计划结束日期)' },
  ACTUAL_START: { property: 'actualStart', description: 'Actual first day (实际开始日期); placements not started yet come last' },
  ACTUAL_END: { property: 'actualEnd', description: 'Actual last day (实际结束日期); placements not ended yet come last' },
  STATUS: { property: 'status', description: 'The status, by its value (planned, active, completed…)' },
}, 'How to sort placements');

@InputType()
export class PlacementFilter {
  @Field(() => ID, { nullable: true }) programmeId?: string | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true }) hostInstitutionId?: string | null;
  @Field(() => ID, { nullable: true }) talentId?: string | null;
  @Field(() => PlacementStatus, { nullable: true }) status?: PlacementStatus | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Planned start on or after' }) startFrom?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Planned start on or before' }) startTo?: CalendarDate | null;
}

@InputType()
export class CreatePlacementInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => ID) hostInstitutionId!: string;
  @Field(() => CalendarDateScalar) plannedStart!: CalendarDate;
  @Field(() => CalendarDateScalar) plannedEnd!: CalendarDate;
}

@InputType()
export class PlacementDatesInput {
  @Field(() => CalendarDateScalar, { nullable: true }) plannedStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true }) plannedEnd?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Departure / first day at the host' }) actualStart?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day at the host' }) actualEnd?: CalendarDate | null;
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
  @Query(() => PlacementConnection)
  placements(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(PlacementOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => PlacementFilter, { nullable: true }) filter?: PlacementFilter | null) {
    return paginate(ctx.em, Placement, placementWhere(filter), page, PlacementConnection, orderBy);
  }

  @Authorized()
  @Query(() => Placement, { nullable: true })
  placement(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Placement).load(id);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Placement, { description: 'Place a selected applicant at a host; reports fall due as the scheme says' })
  createPlacement(@Ctx() ctx: RequestContext, @Arg('input', () => CreatePlacementInput) input: CreatePlacementInput) {
    return createPlacement(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Placement, { description: 'Record departure, return or changed plans; report due dates follow' })
  async updatePlacementDates(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('dates', () => PlacementDatesInput) dates: PlacementDatesInput,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    await assertSchemeAllows(ctx, id, 'dates', dates);
    return updatePlacementDates(ctx, id, dates, expectedVersion);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Placement)
  async withdrawPlacement(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string) {
    await assertSchemeAllows(ctx, id, 'withdraw');
    return withdrawPlacement(ctx, id, reason, ctx.clock.today());
  }

  @FieldResolver(() => Programme)
  programme(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Programme).load(p.programme.id);
  }

  @FieldResolver(() => Application, { nullable: true })
  application(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return p.application ? ctx.loaders.byId(Application).load(p.application.id) : null;
  }

  @FieldResolver(() => Talent, { nullable: true })
  talent(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Talent).load(p.talent.id);
  }

  @FieldResolver(() => Institution, { description: 'Dispatching unit' })
  unit(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Institution).load(p.unit.id);
  }

  @FieldResolver(() => Institution)
  hostInstitution(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Institution).load(p.hostInstitution.id);
  }

  @FieldResolver(() => [Report])
  reports(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Report, 'placement').load(p.id);
  }

  @FieldResolver(() => [Outcome])
  outcomes(@Root() p: Placement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Outcome, 'placement').load(p.id);
  }
}
