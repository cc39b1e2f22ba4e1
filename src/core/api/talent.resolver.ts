import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { ageOn, isCalendarDate, type CalendarDate } from '../../calendar.js';
import { assertVersion, conflict, forbidden, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, OrderByArg, OrderType, PageArgs, paginate, type ListOrder } from '../../graphql/pagination.js';
import { sqlReads } from '../../graphql/sql-reads.js';
import { CalendarDateScalar } from '../../graphql/scalars.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';
import { ValidateWith, inputSchemaOf } from '../../graphql/validation.js';
import { Degree, EnglishLevel, Field as ProfessionalField, Gender, Profession, TitleGrade } from '../domain.js';
import { Application } from '../entities/application.js';
import { Institution } from '../entities/institution.js';
import { Outcome } from '../entities/outcome.js';
import { Placement } from '../entities/placement.js';
import { Talent } from '../entities/talent.js';
import { WRITERS, assertUnitWrite, canReadPersonalData } from './access.js';
import { Roles, hasRole } from '../../auth/roles.js';
import { blindIndex, keysOf } from '../../security/personal-data.js';
import { assertIdNumberFree } from '../services/id-numbers.js';
import { createTalent, stripNulls } from '../services/talents.js';

const TalentConnection = ConnectionType(Talent);
const TalentOrder = OrderType('TalentOrder', {
  NAME: { property: 'name', description: 'The name as entered (姓名)' },
  BIRTH_DATE: { property: 'birthDate', description: 'Date of birth (出生日期): ASC oldest talent first' },
}, 'How to sort talents');
const calendarDate = z.string().refine(isCalendarDate, 'must be a calendar day YYYY-MM-DD');

@InputType({ description: 'Which talents to list; conditions combine (and)' })
export class TalentFilter {
  @Field(() => ID, { description: 'Talents of this dispatching unit', nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Talents who applied to this programme' }) programmeId?: string | null;
  @Field(() => ProfessionalField, { description: 'Talents of this professional field', nullable: true }) field?: ProfessionalField | null;
  @Field(() => String, { nullable: true, description: 'Part of the name' }) search?: string | null;
  @Field(() => String, { nullable: true, description: 'Exact resident ID number (matched through its blind index; the talent, their unit and the commission only)' }) idCardNumber?: string | null;
}

const talentFields = {
  name: z.string().trim().min(1, 'is required').max(100),
  birthDate: calendarDate,
  department: z.string().max(100).nullish(),
  talentProgrammes: z.array(z.string().regex(/^[a-z0-9_]+$/, 'codes are lowercase letters, digits and _')).max(30).nullish(),
  adminExperienceMonths: z.number().int().min(0, 'must not be negative').max(720).nullish(),
  idCardNumber: z.string().regex(/^\d{17}[\dX]$/, 'must be an 18-character resident ID number').nullish(),
  phone: z.string().regex(/^\+?\d{6,15}$/, 'must be digits, optionally starting with +').nullish(),
  email: z.email('must be an email address').nullish(),
};

@InputType({ description: 'A talent registered in a unit' })
@ValidateWith(z.object(talentFields))
export class TalentInput {
  @Field(() => String, { description: 'The talent’s name (姓名), 1–100 characters' }) name!: string;
  @Field(() => Gender, { description: 'Gender (性别)' }) gender!: Gender;
  @Field(() => CalendarDateScalar, { description: 'Date of birth (YYYY-MM-DD)' }) birthDate!: CalendarDate;
  @Field(() => ID, { description: 'The dispatching unit the talent works in (a unit coordinator: their own)' }) unitId!: string;
  @Field(() => String, { description: 'Department in the unit (科室)', nullable: true }) department?: string | null;
  @Field(() => ProfessionalField, { description: 'Professional field (专业领域)' }) field!: ProfessionalField;
  @Field(() => Profession, { description: 'Profession' }) profession!: Profession;
  @Field(() => TitleGrade, { description: 'Professional title grade (职称)' }) titleGrade!: TitleGrade;
  @Field(() => Degree, { description: 'Highest degree (最高学历)' }) highestDegree!: Degree;
  @Field(() => [String], { description: 'Talent-programme membership codes (national_talent, wenzhou_e_class, rising_star…; lowercase letters, digits and _)', nullable: true }) talentProgrammes?: string[] | null;
  @Field(() => Int, { description: 'Months of administrative (management) experience; default 0', nullable: true }) adminExperienceMonths?: number | null;
  @Field(() => EnglishLevel, { description: 'English ability as the talent declares it; default NONE', nullable: true }) englishSelfDeclared?: EnglishLevel | null;
  @Field(() => Boolean, { description: 'Has a recorded adverse medical incident with primary responsibility; default false', nullable: true }) adverseIncidentPrimaryResponsibility?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Personal data' }) idCardNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Personal data' }) phone?: string | null;
  @Field(() => String, { description: 'Email address', nullable: true }) email?: string | null;
}

@InputType({ description: 'Fields of a talent to change; those left out keep their value' })
@ValidateWith(z.object(talentFields).partial())
export class TalentPatch {
  @Field(() => String, { description: 'The talent’s name (姓名), 1–100 characters', nullable: true }) name?: string | null;
  @Field(() => CalendarDateScalar, { description: 'Date of birth (YYYY-MM-DD)', nullable: true }) birthDate?: CalendarDate | null;
  @Field(() => String, { description: 'Department in the unit (科室)', nullable: true }) department?: string | null;
  @Field(() => ProfessionalField, { description: 'Professional field (专业领域)', nullable: true }) field?: ProfessionalField | null;
  @Field(() => Profession, { description: 'Profession', nullable: true }) profession?: Profession | null;
  @Field(() => TitleGrade, { description: 'Professional title grade (职称)', nullable: true }) titleGrade?: TitleGrade | null;
  @Field(() => Degree, { description: 'Highest degree (最高学历)', nullable: true }) highestDegree?: Degree | null;
  @Field(() => [String], { description: 'Talent-programme membership codes (replaces the list)', nullable: true }) talentProgrammes?: string[] | null;
  @Field(() => Int, { description: 'Months of administrative (management) experience', nullable: true }) adminExperienceMonths?: number | null;
  @Field(() => EnglishLevel, { description: 'English ability as the talent declares it', nullable: true }) englishSelfDeclared?: EnglishLevel | null;
  @Field(() => EnglishLevel, { description: 'English ability as assessed by experts', nullable: true }) englishAssessed?: EnglishLevel | null;
  @Field(() => Boolean, { description: 'Has a recorded adverse medical incident with primary responsibility', nullable: true }) adverseIncidentPrimaryResponsibility?: boolean | null;
  @Field(() => String, { description: 'Personal data: the 18-character resident ID number (registered once in the region)', nullable: true }) idCardNumber?: string | null;
  @Field(() => String, { description: 'Personal data: phone number (digits, optionally starting with +)', nullable: true }) phone?: string | null;
  @Field(() => String, { description: 'Email address', nullable: true }) email?: string | null;
}

@InputType({ description: 'Which talent to change, and how' })
@ValidateWith(z.looseObject({ patch: inputSchemaOf(TalentPatch) }))
export class TalentUpdateInput {
  @Field(() => ID, { description: 'The talent to change' }) id!: string;
  @Field(() => TalentPatch, { description: 'The fields to change; those left out keep their value' }) patch!: TalentPatch;
  @Field(() => Int, { nullable: true, description: 'The version you read: when someone changed the talent since, CONFLICT and nothing is written' }) expectedVersion?: number | null;
}

const TalentCreatePayload = PayloadType('TalentCreatePayload', 'talent', () => Talent, 'The talent registered, or why not');
const TalentUpdatePayload = PayloadType('TalentUpdatePayload', 'talent', () => Talent, 'The talent as changed, or why not');

/** The one way a talent is changed (both mutations): row scope, optimistic lock, ID number registered once. */
async function updateTalent(ctx: RequestContext, { id, patch, expectedVersion }: { id: string; patch: TalentPatch; expectedVersion?: number | null }): Promise<Talent> {
  const talent = await ctx.em.findOne(Talent, id);
  if (!talent) throw notFound('Talent', id);
  assertUnitWrite(ctx.actor, talent.unit.id);
  assertVersion('Talent', talent, expectedVersion);
  if (patch.idCardNumber && patch.idCardNumber !== talent.idCardNumber) await assertIdNumberFree(ctx, patch.idCardNumber);
  ctx.em.assign(talent, stripNulls(patch) as never);
  await ctx.commit();
  return talent;
}

// Reads answered in one SQL statement where they can be (graphql/sql-reads.ts); each is what its resolver loads.
sqlReads.byId('talent', Talent);
sqlReads.relation('Talent', 'unit', { entity: Institution, one: 'unit' });
sqlReads.relation('Talent', 'applications', { entity: Application, many: 'talent' });
sqlReads.relation('Talent', 'placements', { entity: Placement, many: 'talent' });
sqlReads.relation('Talent', 'outcomes', { entity: Outcome, many: 'talent' });

@Resolver(() => Talent)
export class TalentResolver {
  @Authorized()
  @Query(() => TalentConnection, { description: 'Talents you may see (a unit sees its own staff), newest last' })
  async talents(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(TalentOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => TalentFilter, { nullable: true }) filter?: TalentFilter | null) {
    const where: FilterQuery<Talent> = {};
    if (filter?.unitId) where.unit = filter.unitId;
    if (filter?.field) where.field = filter.field;
    if (filter?.search) where.name = { $ilike: `%${filter.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` };
    if (filter?.idCardNumber) {
      // Matching is reading: an answer tells whether a person with that number exists.
      if (!hasRole(ctx.actor, Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.UNIT_COORDINATOR, Roles.TALENT)) throw forbidden('Finding a talent by ID number is for their unit and the commission');
      where.idCardIndex = blindIndex(keysOf(ctx.em.getPlatform()), filter.idCardNumber);
    }
    if (filter?.programmeId) {
      const applied = await ctx.em.find(Application, { programme: filter.programmeId }, { fields: ['talent'] });
      where.id = { $in: [...new Set(applied.map((a) => a.talent.id))] };
    }
    return paginate(ctx.em, Talent, where, page, TalentConnection, orderBy);
  }

  @Authorized()
  @Query(() => Talent, { nullable: true, description: 'One talent by id; null when it does not exist or is not yours to see' })
  talent(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Talent).load(id);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Talent, { description: 'Register a talent in a unit', deprecationReason: replacedBy('talentCreate') })
  createTalent(@Ctx() ctx: RequestContext, @Arg('input', () => TalentInput) input: TalentInput): Promise<Talent> {
    return createTalent(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => Talent, { description: 'Change a talent. Send the version you read to refuse a lost update', deprecationReason: replacedBy('talentUpdate') })
  updateTalent(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('patch', () => TalentPatch) patch: TalentPatch,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ): Promise<Talent> {
    return updateTalent(ctx, { id, patch, expectedVersion });
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TalentCreatePayload, { description: 'Register a talent in a unit (the commission anywhere, a unit coordinator in their own unit); an ID number is registered once in the region' })
  talentCreate(@Ctx() ctx: RequestContext, @Arg('input', () => TalentInput) input: TalentInput): Promise<Talent> {
    return createTalent(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(TalentUpdatePayload, { description: 'Change a talent. Send the version you read (`expectedVersion`) to refuse a lost update' })
  talentUpdate(@Ctx() ctx: RequestContext, @Arg('input', () => TalentUpdateInput) input: TalentUpdateInput): Promise<Talent> {
    return updateTalent(ctx, input);
  }

  @FieldResolver(() => Int, { description: 'Age in whole years on a day (default: today in Asia/Shanghai)' })
  age(@Root() talent: Talent, @Ctx() ctx: RequestContext, @Arg('on', () => CalendarDateScalar, { nullable: true }) on?: CalendarDate | null): number {
    return ageOn(talent.birthDate, on ?? ctx.clock.today());
  }

  @FieldResolver(() => Institution, { description: 'Dispatching unit' })
  unit(@Root() talent: Talent, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Institution).load(talent.unit.id);
  }

  @FieldResolver(() => [Application], { description: 'The talent’s applications' })
  applications(@Root() talent: Talent, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Application, 'talent').load(talent.id);
  }

  @FieldResolver(() => [Placement], { description: 'The talent’s placements' })
  placements(@Root() talent: Talent, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Placement, 'talent').load(talent.id);
  }

  @FieldResolver(() => [Outcome], { description: 'Outcomes the talent achieved' })
  outcomes(@Root() talent: Talent, @Ctx() ctx: RequestContext) {
    return ctx.loaders.manyBy(Outcome, 'talent').load(talent.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data: the talent, their unit and the commission only' })
  idCardNumber(@Root() talent: Talent, @Ctx() ctx: RequestContext) {
    return this.personal(ctx, talent, talent.idCardNumber);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data: the talent, their unit and the commission only' })
  phone(@Root() talent: Talent, @Ctx() ctx: RequestContext) {
    return this.personal(ctx, talent, talent.phone);
  }

  private personal(ctx: RequestContext, talent: Talent, value: string | null | undefined) {
    if (!canReadPersonalData(ctx.actor, { id: talent.id, unitId: talent.unit.id })) throw forbidden('Personal data is visible only to the talent, their unit and the commission');
    return value ?? null;
  }
}

export { stripNulls };
