import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { z } from 'zod';
import { assertVersion, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, OrderByArg, OrderType, PageArgs, paginate, type ListOrder } from '../../graphql/pagination.js';
import { sqlReads } from '../../graphql/sql-reads.js';
import { ValidateWith, inputSchemaOf } from '../../graphql/validation.js';
import { AdminLevel, InstitutionKind } from '../domain.js';
import { Institution } from '../entities/institution.js';
import { Int } from 'type-graphql';
import { WRITERS } from './access.js';
import { stripNulls } from './talent.resolver.js';
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';

const InstitutionConnection = ConnectionType(Institution);
const InstitutionOrder = OrderType('InstitutionOrder', {
  NAME: { property: 'name', description: 'The name as entered (名称)' },
  COUNTRY: { property: 'country', description: 'The ISO country code (国家或地区)' },
  KIND: { property: 'kind', description: 'The kind, by its value (hospital, university…)' },
}, 'How to sort institutions');

@InputType({ description: 'Which institutions to list; conditions combine (and)' })
export class InstitutionFilter {
  @Field(() => InstitutionKind, { nullable: true, description: 'Institutions of this kind' }) kind?: InstitutionKind | null;
  @Field(() => Boolean, { nullable: true, description: 'true: hosts only; false: only those that are not hosts' }) host?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: dispatching units only; false: only those that are not' }) dispatching?: boolean | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code, e.g. CN, US' }) country?: string | null;
  @Field(() => String, { nullable: true, description: 'Key of the region (tenant) institutions belong to, e.g. yuping' }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Part of the registered name' }) search?: string | null;
}

/** A Chinese name has Han characters: `nameZh` is refused otherwise, so it never holds an English one. */
const HAN = /\p{Script=Han}/u;

const institutionFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  nameZh: z.string().trim().max(200).regex(HAN, 'must be written in Chinese (须为中文名称)').nullish(),
  nameEn: z.string().max(200).nullish(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as CN or US'),
  province: z.string().max(100).nullish(),
  city: z.string().max(100).nullish(),
  region: z.string().max(31).nullish(),
  level: z.string().max(40).nullish(),
};

/**
 * An institution has one registered name (`name`), in whatever language it was registered, and
 * an English one beside it. `nameZh` is another way to give the registered name when it is
 * Chinese, so that a form can send a `nameZh`/`nameEn` pair: it is stored as `name`, never as a
 * second name that could disagree with it (both given and different is refused).
 */
const nameOnce = (p: { name?: string | null; nameZh?: string | null }) => !p.name || !p.nameZh || p.name.trim() === p.nameZh.trim();
const NAME_TWICE = { path: ['nameZh'], message: 'differs from name: both are the registered name, give one (与 name 不一致：二者都是登记名称，填写其一即可)' };

@InputType({ description: 'A new dispatching unit or host institution' })
@ValidateWith(
  z
    .object({ ...institutionFields, name: institutionFields.name.nullish() })
    .refine((p) => !!p.name || !!p.nameZh, { path: ['name'], message: 'is required, or give nameZh (必填，或填写中文名称 nameZh)' })
    .refine(nameOnce, NAME_TWICE),
)
export class InstitutionInput {
  @Field(() => String, { nullable: true, description: 'The registered name, in the language it is registered in (e.g. 温州市人民医院, Mayo Clinic); required unless nameZh gives it' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'The registered name when it is Chinese (must contain Chinese characters): another way to give `name`, stored as it' }) nameZh?: string | null;
  @Field(() => String, { nullable: true, description: 'Name in English, where it has one' }) nameEn?: string | null;
  @Field(() => InstitutionKind, { description: 'What the institution is' }) kind!: InstitutionKind;
  @Field(() => Boolean, { nullable: true, description: 'Sends its staff to train (a dispatching unit); default false' }) dispatching?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Receives trainees (a host); default false' }) host?: boolean | null;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code, e.g. CN, US' }) country!: string;
  @Field(() => String, { nullable: true, description: 'Province, as written (省)' }) province?: string | null;
  @Field(() => String, { nullable: true, description: 'City, as written (市)' }) city?: string | null;
  @Field(() => AdminLevel, { nullable: true, description: 'Administrative level it answers to, for domestic institutions' }) adminLevel?: AdminLevel | null;
  @Field(() => String, { nullable: true, description: 'Key of the region (tenant) it belongs to, e.g. yuping inside guizhou' }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Grade, e.g. grade-3A (三级甲等)' }) level?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether a host’s qualification has been verified; default false' }) qualificationVerified?: boolean | null;
}

@InputType({ description: 'Fields of an institution to change; those left out keep their value' })
@ValidateWith(z.object(institutionFields).partial().refine(nameOnce, NAME_TWICE))
export class InstitutionPatch {
  @Field(() => String, { nullable: true, description: 'The registered name, in the language it is registered in' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'The registered name when it is Chinese (must contain Chinese characters): another way to give `name`, stored as it' }) nameZh?: string | null;
  @Field(() => String, { nullable: true, description: 'Name in English' }) nameEn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Sends its staff to train (a dispatching unit)' }) dispatching?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Receives trainees (a host)' }) host?: boolean | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 country code' }) country?: string | null;
  @Field(() => String, { nullable: true, description: 'Province, as written (省)' }) province?: string | null;
  @Field(() => String, { nullable: true, description: 'City, as written (市)' }) city?: string | null;
  @Field(() => AdminLevel, { nullable: true, description: 'Administrative level it answers to' }) adminLevel?: AdminLevel | null;
  @Field(() => String, { nullable: true, description: 'Key of the region (tenant) it belongs to' }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Grade, e.g. grade-3A' }) level?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether a host’s qualification has been verified' }) qualificationVerified?: boolean | null;
}

@InputType({ description: 'Which institution to change, and how' })
@ValidateWith(z.looseObject({ patch: inputSchemaOf(InstitutionPatch) }))
export class InstitutionUpdateInput {
  @Field(() => ID, { description: 'The institution to change' }) id!: string;
  @Field(() => InstitutionPatch, { description: 'The fields to change; those left out keep their value' }) patch!: InstitutionPatch;
  @Field(() => Int, { nullable: true, description: 'The version you read: when someone changed the institution since, CONFLICT and nothing is written' }) expectedVersion?: number | null;
}

const InstitutionCreatePayload = PayloadType('InstitutionCreatePayload', 'institution', () => Institution, 'The institution registered, or why not');
const InstitutionUpdatePayload = PayloadType('InstitutionUpdatePayload', 'institution', () => Institution, 'The institution as changed, or why not');

/** What is stored: `nameZh` is the registered name given in Chinese, so it lands in `name`. */
function institutionData({ nameZh, ...fields }: InstitutionInput | InstitutionPatch): Record<string, unknown> {
  const data = stripNulls(fields) as Record<string, unknown>;
  if (nameZh && !data.name) data.name = nameZh.trim();
  return data;
}

/** The one way an institution is registered (both mutations). */
async function createInstitution(ctx: RequestContext, input: InstitutionInput): Promise<Institution> {
  const institution = ctx.em.create(Institution, institutionData(input) as never);
  await ctx.commit();
  return institution;
}

/** The one way an institution is changed (both mutations): optimistic lock. */
async function updateInstitution(ctx: RequestContext, { id, patch, expectedVersion }: { id: string; patch: InstitutionPatch; expectedVersion?: number | null }): Promise<Institution> {
  const institution = await ctx.em.findOne(Institution, id);
  if (!institution) throw notFound('Institution', id);
  assertVersion('Institution', institution, expectedVersion);
  ctx.em.assign(institution, institutionData(patch) as never);
  await ctx.commit();
  return institution;
}

// Read answered in one SQL statement where it can be (graphql/sql-reads.ts).
sqlReads.byId('institution', Institution);

@Resolver(() => Institution)
export class InstitutionResolver {
  @Authorized()
  @Query(() => InstitutionConnection, { description: 'Dispatching units and host institutions, oldest first unless orderBy says otherwise; everyone signed in may list them' })
  institutions(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @OrderByArg(InstitutionOrder) orderBy: ListOrder | null | undefined, @Arg('filter', () => InstitutionFilter, { nullable: true }) filter?: InstitutionFilter | null) {
    const where: FilterQuery<Institution> = {};
    if (filter?.kind) where.kind = filter.kind;
    if (filter?.host != null) where.host = filter.host;
    if (filter?.dispatching != null) where.dispatching = filter.dispatching;
    if (filter?.country) where.country = filter.country;
    if (filter?.region) where.region = filter.region;
    if (filter?.search) where.name = { $ilike: `%${filter.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` };
    return paginate(ctx.em, Institution, where, page, InstitutionConnection, orderBy);
  }

  @Authorized()
  @Query(() => Institution, { nullable: true, description: 'One institution by id; null when it does not exist' })
  institution(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Institution).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Institution, { description: 'Register a dispatching unit or host institution', deprecationReason: replacedBy('institutionCreate') })
  createInstitution(@Ctx() ctx: RequestContext, @Arg('input', () => InstitutionInput) input: InstitutionInput) {
    return createInstitution(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Institution, { description: 'Change an institution. Send the version you read to refuse a lost update', deprecationReason: replacedBy('institutionUpdate') })
  updateInstitution(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('patch', () => InstitutionPatch) patch: InstitutionPatch,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    return updateInstitution(ctx, { id, patch, expectedVersion });
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(InstitutionCreatePayload, { description: 'The commission registers a dispatching unit or host institution (its registered name as `name`, or as `nameZh` when Chinese)' })
  institutionCreate(@Ctx() ctx: RequestContext, @Arg('input', () => InstitutionInput) input: InstitutionInput): Promise<Institution> {
    return createInstitution(ctx, input);
  }

  @Authorized(...WRITERS.commission)
  @PayloadMutation(InstitutionUpdatePayload, { description: 'The commission changes an institution. Send the version you read (`expectedVersion`) to refuse a lost update' })
  institutionUpdate(@Ctx() ctx: RequestContext, @Arg('input', () => InstitutionUpdateInput) input: InstitutionUpdateInput): Promise<Institution> {
    return updateInstitution(ctx, input);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The registered name when it is written in Chinese (温州市人民医院); null when it is registered in another language (Mayo Clinic): read `nameEn` or `name` then' })
  nameZh(@Root() institution: Institution): string | null {
    return HAN.test(institution.name) ? institution.name : null;
  }
}
