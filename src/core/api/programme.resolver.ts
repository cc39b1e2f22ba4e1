import type { FilterQuery } from '@mikro-orm/core';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { compareDates, isCalendarDate, type CalendarDate } from '../../calendar.js';
import { conflict, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, OrderByArg, OrderType, PageArgs, paginate, type ListOrder } from '../../graphql/pagination.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { ValidateWith } from '../../graphql/validation.js';
import { ProgrammeStatus } from '../domain.js';
import { createSchemeProgramme } from '../services/programmes.js';
import { Programme, ProgrammeTrack } from '../entities/programme.js';
import { WRITERS } from './access.js';

const ProgrammeConnection = ConnectionType(Programme);
const ProgrammeOrder = OrderType('ProgrammeOrder', {
  NAME: { property: 'name', description: 'The name (名称)' },
  CODE: { property: 'code', description: 'The code' },
  YEAR: { property: 'year', description: 'The year of the call (年度); programmes without one come last' },
  OPENS_ON: { property: 'opensOn', description: 'The day applications open (报名开始); programmes without one come last' },
  CLOSES_ON: { property: 'closesOn', description: 'The day applications close (报名截止); programmes without one come last' },
  REFERENCE_DATE: { property: 'referenceDate', description: 'The day criteria are judged on (资格认定基准日)' },
  STATUS: { property: 'status', description: 'The status, by its value (draft, open, closed…)' },
}, 'How to sort programmes');
const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');

@InputType()
export class ProgrammeFilter {
  @Field(() => String, { nullable: true }) scheme?: string | null;
  @Field(() => ProgrammeStatus, { nullable: true }) status?: ProgrammeStatus | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
}

@InputType()
@ValidateWith(z.object({ code: z.string().regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and _'), name: z.string().trim().min(1), quota: z.number().int().min(0).nullish() }))
export class TrackInput {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { nullable: true }) quota?: number | null;
}

@InputType()
@ValidateWith(
  z.object({
    code: z.string().regex(/^[A-Za-z0-9-]{2,40}$/, 'letters, digits and -, 2–40 characters'),
    name: z.string().trim().min(1, 'is required').max(200),
    year: z.number().int().min(2000).max(2100).nullish(),
    referenceDate: calendarDate,
    opensOn: calendarDate.nullish(),
    closesOn: calendarDate.nullish(),
    quota: z.number().int().min(0, 'must not be negative').nullish(),
  }).refine((p) => !p.opensOn || !p.closesOn || compareDates(p.closesOn, p.opensOn) >= 0, { path: ['closesOn'], message: 'must not be before opensOn' }),
)
export class ProgrammeInput {
  @Field(() => String, { description: 'Key of an enabled scheme plugin' }) scheme!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => CalendarDateScalar, { description: 'Ages etc. are judged on this day' }) referenceDate!: CalendarDate;
  @Field(() => CalendarDateScalar, { nullable: true }) opensOn?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true }) closesOn?: CalendarDate | null;
  @Field(() => Int, { nullable: true }) quota?: number | null;
  @Field(() => [TrackInput], { nullable: true }) tracks?: TrackInput[] | null;
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Authorized()
  @Query(() => ProgrammeConnection)
  programmes(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(ProgrammeOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => ProgrammeFilter, { nullable: true }) filter?: ProgrammeFilter | null) {
    const where: FilterQuery<Programme> = {};
    if (filter?.scheme) where.scheme = filter.scheme;
    if (filter?.status) where.status = filter.status;
    if (filter?.year) where.year = filter.year;
    return paginate(ctx.em, Programme, where, page, ProgrammeConnection, orderBy);
  }

  @Authorized()
  @Query(() => Programme, { nullable: true })
  programme(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Programme).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Programme)
  async createProgramme(@Ctx() ctx: RequestContext, @Arg('input', () => ProgrammeInput) input: ProgrammeInput): Promise<Programme> {
    const { scheme, ...data } = input;
    const programme = await createSchemeProgramme(ctx, scheme, data);
    try {
      await ctx.commit();
    } catch (e) {
      // Two requests creating the same code at once: the unique index settles it.
      if (e instanceof UniqueConstraintViolationException) throw conflict(`A programme with code ${input.code} exists`, { field: 'code' });
      throw e;
    }
    return programme;
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Programme, { description: 'Open, close or archive a programme' })
  async setProgrammeStatus(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('status', () => ProgrammeStatus) status: ProgrammeStatus) {
    const programme = await ctx.em.findOne(Programme, id);
    if (!programme) throw notFound('Programme', id);
    programme.status = status;
    await ctx.commit();
    return programme;
  }

  @FieldResolver(() => [ProgrammeTrack])
  tracks(@Root() programme: Programme, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ProgrammeTrack, 'programme').load(programme.id);
  }
}
