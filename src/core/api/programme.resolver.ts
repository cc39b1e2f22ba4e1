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
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';

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

@InputType({ description: 'Which programmes to list; conditions combine (and)' })
export class ProgrammeFilter {
  @Field(() => String, { nullable: true, description: 'Programmes of this scheme (a plugin key enabled here: `tenant { plugins { key } }`)' }) scheme?: string | null;
  @Field(() => ProgrammeStatus, { nullable: true, description: 'Programmes in this status' }) status?: ProgrammeStatus | null;
  @Field(() => Int, { nullable: true, description: 'Programmes of this year' }) year?: number | null;
}

@InputType({ description: 'A track or sub-plan of a new programme' })
@ValidateWith(z.object({ code: z.string().regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and _'), name: z.string().trim().min(1), quota: z.number().int().min(0).nullish() }))
export class TrackInput {
  @Field(() => String, { description: 'Track code: lowercase letters, digits and _, unique in the programme' }) code!: string;
  @Field(() => String, { description: 'The track’s name (any language)' }) name!: string;
  @Field(() => Int, { nullable: true, description: 'Places on this track, if capped' }) quota?: number | null;
}

@InputType({ description: 'A new programme (call or cohort) of a scheme' })
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
  @Field(() => String, { description: 'Short code, unique in the tenant (letters, digits and -, 2–40 characters), e.g. WZ-2025' }) code!: string;
  @Field(() => String, { description: 'The programme’s name (any language)' }) name!: string;
  @Field(() => Int, { nullable: true, description: 'The year of the call or cohort (2000–2100)' }) year?: number | null;
  @Field(() => CalendarDateScalar, { description: 'Ages etc. are judged on this day' }) referenceDate!: CalendarDate;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'First day applications are taken' }) opensOn?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Last day applications are taken; not before opensOn' }) closesOn?: CalendarDate | null;
  @Field(() => Int, { nullable: true, description: 'Total places, if capped' }) quota?: number | null;
  @Field(() => [TrackInput], { nullable: true, description: 'Tracks or sub-plans, each code once (none: a programme without tracks)' }) tracks?: TrackInput[] | null;
}

@InputType({ description: 'Which programme, and the status it moves to' })
export class ProgrammeSetStatusInput {
  @Field(() => ID, { description: 'The programme' }) id!: string;
  @Field(() => ProgrammeStatus, { description: 'The new status (OPEN takes applications, CLOSED stops them, ARCHIVED hides it from current work)' }) status!: ProgrammeStatus;
}

const ProgrammeCreatePayload = PayloadType('ProgrammeCreatePayload', 'programme', () => Programme, 'The programme created, or why not');
const ProgrammeSetStatusPayload = PayloadType('ProgrammeSetStatusPayload', 'programme', () => Programme, 'The programme in its new status, or why not');

/** The one way a programme is created (both mutations): the scheme fills in its part; a code is taken once. */
async function createProgramme(ctx: RequestContext, input: ProgrammeInput): Promise<Programme> {
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

/** The one way a programme's status changes (both mutations). */
async function setProgrammeStatus(ctx: RequestContext, id: string, status: ProgrammeStatus): Promise<Programme> {
  const programme = await ctx.em.findOne(Programme, id);
  if (!programme) throw notFound('Programme', id);
  programme.status = status;
  await ctx.commit();
  return programme;
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Authorized()
  @Query(() => ProgrammeConnection, { description: 'Programmes (calls and cohorts) of the schemes enabled here, oldest first unless orderBy says otherwise; everyone signed in may list them' })
  programmes(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(ProgrammeOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => ProgrammeFilter, { nullable: true }) filter?: ProgrammeFilter | null) {
    const where: FilterQuery<Programme> = {};
    if (filter?.scheme) where.scheme = filter.scheme;
    if (filter?.status) where.status = filter.status;
    if (filter?.year) where.year = filter.year;
    return paginate(ctx.em, Programme, where, page, ProgrammeConnection, orderBy);
  }

  @Authorized()
  @Query(() => Programme, { nullable: true, description: 'One programme by id; null when it does not exist' })
  programme(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Programme).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Programme, { description: 'Create a programme of a scheme enabled here', deprecationReason: replacedBy('programmeCreate') })
  createProgramme(@Ctx() ctx: RequestContext, @Arg('input', () => ProgrammeInput) input: ProgrammeInput): Promise<Programme> {
    return createProgramme(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Programme, { description: 'Open, close or archive a programme', deprecationReason: replacedBy('programmeSetStatus') })
  setProgrammeStatus(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('status', () => ProgrammeStatus) status: ProgrammeStatus) {
    return setProgrammeStatus(ctx, id, status);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(ProgrammeCreatePayload, { description: 'The commission creates a programme (call or cohort) of a scheme enabled here; its code is unique in the tenant (CONFLICT naming `code` otherwise)' })
  programmeCreate(@Ctx() ctx: RequestContext, @Arg('input', () => ProgrammeInput) input: ProgrammeInput): Promise<Programme> {
    return createProgramme(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(ProgrammeSetStatusPayload, { description: 'The commission opens, closes or archives a programme' })
  programmeSetStatus(@Ctx() ctx: RequestContext, @Arg('input', () => ProgrammeSetStatusInput) input: ProgrammeSetStatusInput): Promise<Programme> {
    return setProgrammeStatus(ctx, input.id, input.status);
  }

  @FieldResolver(() => [ProgrammeTrack], { description: 'The programme’s tracks or sub-plans (empty when it has none)' })
  tracks(@Root() programme: Programme, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(ProgrammeTrack, 'programme').load(programme.id);
  }
}
