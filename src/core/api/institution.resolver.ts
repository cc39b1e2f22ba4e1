import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import { assertVersion, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, OrderByArg, OrderType, PageArgs, paginate, type ListOrder } from '../../graphql/pagination.js';
import { sqlReads } from '../../graphql/sql-reads.js';
import { ValidateWith } from '../../graphql/validation.js';
import { AdminLevel, InstitutionKind } from '../domain.js';
import { Institution } from '../entities/institution.js';
import { Int } from 'type-graphql';
import { WRITERS } from './access.js';
import { stripNulls } from './talent.resolver.js';

const InstitutionConnection = ConnectionType(Institution);
const InstitutionOrder = OrderType('InstitutionOrder', {
  NAME: { property: 'name', description: 'The name as entered (名称)' },
  COUNTRY: { property: 'country', description: 'The ISO country code (国家或地区)' },
  KIND: { property: 'kind', description: 'The kind, by its value (hospital, university…)' },
}, 'How to sort institutions');

@InputType()
export class InstitutionFilter {
  @Field(() => InstitutionKind, { nullable: true }) kind?: InstitutionKind | null;
  @Field(() => Boolean, { nullable: true }) host?: boolean | null;
  @Field(() => Boolean, { nullable: true }) dispatching?: boolean | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) search?: string | null;
}

const institutionFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  nameEn: z.string().max(200).nullish(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as CN or US'),
  province: z.string().max(100).nullish(),
  city: z.string().max(100).nullish(),
  region: z.string().max(31).nullish(),
  level: z.string().max(40).nullish(),
};

@InputType()
@ValidateWith(z.object(institutionFields))
export class InstitutionInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => InstitutionKind) kind!: InstitutionKind;
  @Field(() => Boolean, { nullable: true }) dispatching?: boolean | null;
  @Field(() => Boolean, { nullable: true }) host?: boolean | null;
  @Field(() => String) country!: string;
  @Field(() => String, { nullable: true }) province?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => AdminLevel, { nullable: true }) adminLevel?: AdminLevel | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) level?: string | null;
  @Field(() => Boolean, { nullable: true }) qualificationVerified?: boolean | null;
}

@InputType()
@ValidateWith(z.object(institutionFields).partial())
export class InstitutionPatch {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => Boolean, { nullable: true }) dispatching?: boolean | null;
  @Field(() => Boolean, { nullable: true }) host?: boolean | null;
  @Field(() => String, { nullable: true }) country?: string | null;
  @Field(() => String, { nullable: true }) province?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => AdminLevel, { nullable: true }) adminLevel?: AdminLevel | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) level?: string | null;
  @Field(() => Boolean, { nullable: true }) qualificationVerified?: boolean | null;
}

// Read answered in one SQL statement where it can be (graphql/sql-reads.ts).
sqlReads.byId('institution', Institution);

@Resolver(() => Institution)
export class InstitutionResolver {
  @Authorized()
  @Query(() => InstitutionConnection)
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
  @Query(() => Institution, { nullable: true })
  institution(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return ctx.loaders.byId(Institution).load(id);
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Institution)
  async createInstitution(@Ctx() ctx: RequestContext, @Arg('input', () => InstitutionInput) input: InstitutionInput) {
    const institution = ctx.em.create(Institution, stripNulls(input) as never);
    await ctx.commit();
    return institution;
  }

  @Authorized(...WRITERS.commission)
  @Mutation(() => Institution)
  async updateInstitution(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('patch', () => InstitutionPatch) patch: InstitutionPatch,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number | null,
  ) {
    const institution = await ctx.em.findOne(Institution, id);
    if (!institution) throw notFound('Institution', id);
    assertVersion('Institution', institution, expectedVersion);
    ctx.em.assign(institution, stripNulls(patch) as never);
    await ctx.commit();
    return institution;
  }
}
