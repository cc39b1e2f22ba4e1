import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { CalendarDate } from '../../calendar.js';
import type { RequestContext } from '../../graphql/context.js';
import { ConnectionType, PageArgs, dayRange, paginate } from '../../graphql/pagination.js';
import { relationFields } from '../../graphql/relations.js';
import { CalendarDateScalar, FenScalar } from '../../graphql/scalars.js';
import { Money, moneyOf } from '../../graphql/money.js';
import { Placement } from '../entities/placement.js';
import { ResearchOutput } from '../entities/research-output.js';
import { Talent } from '../entities/talent.js';
import { AuthorRole, PaperIndex, PatentType, ResearchLevel, ResearchOutputKind } from '../research-domain.js';
import { recordResearchOutput, verifyResearchOutput } from '../services/research.js';
import { WRITERS } from './access.js';

const ResearchOutputConnection = ConnectionType(ResearchOutput);

@ObjectType('ResearchPaper')
class PaperType {
  @Field(() => String) journal!: string;
  @Field(() => [PaperIndex]) indexing!: PaperIndex[];
  @Field(() => Float, { nullable: true, description: "The journal's impact factor when published" }) impactFactor!: number | null;
  @Field(() => AuthorRole) authorRole!: AuthorRole;
}

@ObjectType('ResearchGrant')
class GrantType {
  @Field(() => String) funder!: string;
  @Field(() => ResearchLevel) level!: ResearchLevel;
  @Field(() => FenScalar, { deprecationReason: 'Use amount, which carries its currency (amount { fen currencyCode })' }) amountFen!: number;
  @Field(() => Money, { description: 'The grant’s amount with its currency' }) amount!: Money;
}

@ObjectType('ResearchAward')
class AwardType {
  @Field(() => String) awardingBody!: string;
  @Field(() => ResearchLevel) level!: ResearchLevel;
  @Field(() => String, { nullable: true, description: '一等奖, 二等奖…' }) grade!: string | null;
}

@ObjectType('ResearchPatent')
class PatentTypeDetail {
  @Field(() => PatentType) patentType!: PatentType;
  @Field(() => String, { nullable: true, description: 'The office that granted it' }) office!: string | null;
}

@ObjectType('ResearchTechnique')
class TechniqueType {
  @Field(() => String) department!: string;
  @Field(() => ResearchLevel, { nullable: true, description: 'Level at which it is new (a gap filled in the province…)' }) level!: ResearchLevel | null;
}

@InputType('ResearchPaperInput')
class PaperInput {
  @Field(() => String) journal!: string;
  @Field(() => [PaperIndex], { nullable: true }) indexing?: PaperIndex[] | null;
  @Field(() => Float, { nullable: true }) impactFactor?: number | null;
  @Field(() => AuthorRole) authorRole!: AuthorRole;
}

@InputType('ResearchGrantInput')
class GrantInput {
  @Field(() => String) funder!: string;
  @Field(() => ResearchLevel) level!: ResearchLevel;
  @Field(() => FenScalar, { description: 'Whole fen' }) amountFen!: number;
}

@InputType('ResearchAwardInput')
class AwardInput {
  @Field(() => String) awardingBody!: string;
  @Field(() => ResearchLevel) level!: ResearchLevel;
  @Field(() => String, { nullable: true }) grade?: string | null;
}

@InputType('ResearchPatentInput')
class PatentInput {
  @Field(() => PatentType) patentType!: PatentType;
  @Field(() => String, { nullable: true }) office?: string | null;
}

@InputType('ResearchTechniqueInput')
class TechniqueInput {
  @Field(() => String) department!: string;
  @Field(() => ResearchLevel, { nullable: true }) level?: ResearchLevel | null;
}

@InputType({ description: 'One output; give the details of its kind (paper, grant, award, patent or technique) and no other' })
export class ResearchOutputInput {
  @Field(() => ID) talentId!: string;
  @Field(() => ID, { nullable: true, description: 'A placement this output is attributed to (optional)' }) placementId?: string | null;
  @Field(() => ResearchOutputKind) kind!: ResearchOutputKind;
  @Field(() => String) title!: string;
  @Field(() => CalendarDateScalar, { description: 'Published, awarded, granted, or first performed' }) achievedOn!: CalendarDate;
  @Field(() => String, { nullable: true, description: 'DOI, grant number or patent number' }) reference?: string | null;
  @Field(() => PaperInput, { nullable: true }) paper?: PaperInput | null;
  @Field(() => GrantInput, { nullable: true }) grant?: GrantInput | null;
  @Field(() => AwardInput, { nullable: true }) award?: AwardInput | null;
  @Field(() => PatentInput, { nullable: true }) patent?: PatentInput | null;
  @Field(() => TechniqueInput, { nullable: true }) technique?: TechniqueInput | null;
}

@InputType()
export class ResearchOutputFilter {
  @Field(() => ID, { nullable: true }) talentId?: string | null;
  @Field(() => ID, { nullable: true }) unitId?: string | null;
  @Field(() => ID, { nullable: true }) placementId?: string | null;
  @Field(() => ResearchOutputKind, { nullable: true }) kind?: ResearchOutputKind | null;
  @Field(() => CalendarDateScalar, { nullable: true }) from?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true }) to?: CalendarDate | null;
}

/**
 * Research output counted in a window, and a group's comparison before and after: the shapes a
 * scheme's comparison answers with (core/research.ts computes them), shared so that every
 * scheme's comparison reads the same to a front end and to outcome evaluation.
 */
@ObjectType('ResearchTally', { description: 'Research output counted in a window' })
export class ResearchTallyType {
  @Field(() => Int) total!: number;
  @Field(() => Int) papers!: number;
  @Field(() => Int, { description: 'Papers indexed in SCI, SCIE or SSCI' }) sciPapers!: number;
  @Field(() => Float, { description: 'Sum of impact factors' }) impactFactor!: number;
  @Field(() => Int) grants!: number;
  @Field(() => FenScalar) grantFen!: number;
  @Field(() => Int) awards!: number;
  @Field(() => Int) patents!: number;
  @Field(() => Int) clinicalTechniques!: number;
}

@ObjectType('ResearchComparisonGroup', { description: 'Research output per person in equal windows before and after, for one group of stays' })
export class ResearchComparisonGroupType {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => Int, { description: 'Stays compared (a talent who went twice counts twice)' }) people!: number;
  @Field(() => ResearchTallyType) before!: ResearchTallyType;
  @Field(() => ResearchTallyType) after!: ResearchTallyType;
  @Field(() => Float, { nullable: true }) perPersonBefore!: number | null;
  @Field(() => Float, { nullable: true }) perPersonAfter!: number | null;
}

/** A kind's details as one object, null for the other kinds: the columns stay flat in the table. */
const detailOf = <T>(o: ResearchOutput, kind: ResearchOutputKind, make: () => T): T | null => (o.kind === kind ? make() : null);

@Resolver(() => ResearchOutput)
export class ResearchOutputResolver {
  @Authorized()
  @Query(() => ResearchOutputConnection, { description: 'Research output (a unit sees its own staff, a talent their own)' })
  researchOutputs(@Ctx() ctx: RequestContext, @Args(() => PageArgs) page: PageArgs, @Arg('filter', () => ResearchOutputFilter, { nullable: true }) filter?: ResearchOutputFilter | null) {
    const where: FilterQuery<ResearchOutput> = {};
    if (filter?.talentId) where.talent = filter.talentId;
    if (filter?.unitId) where.unit = filter.unitId;
    if (filter?.placementId) where.placement = filter.placementId;
    if (filter?.kind) where.kind = filter.kind;
    const achieved = dayRange(filter?.from, filter?.to);
    if (achieved) where.achievedOn = achieved;
    return paginate(ctx.em, ResearchOutput, where, page, ResearchOutputConnection);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @Mutation(() => ResearchOutput, { description: 'Record a paper, grant, award, patent or new clinical technique of a talent' })
  recordResearchOutput(@Ctx() ctx: RequestContext, @Arg('input', () => ResearchOutputInput) input: ResearchOutputInput) {
    return recordResearchOutput(ctx, input as never);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => ResearchOutput, { description: 'Check (or un-check) a research output' })
  verifyResearchOutput(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('verified', () => Boolean, { defaultValue: true }) verified: boolean) {
    return verifyResearchOutput(ctx, id, verified);
  }

  @FieldResolver(() => PaperType, { nullable: true })
  paper(@Root() o: ResearchOutput): PaperType | null {
    return detailOf(o, ResearchOutputKind.PAPER, () => ({ journal: o.journal ?? '', indexing: o.indexing, impactFactor: o.impactFactor ?? null, authorRole: o.authorRole ?? AuthorRole.OTHER }));
  }

  @FieldResolver(() => GrantType, { nullable: true })
  grant(@Root() o: ResearchOutput): GrantType | null {
    return detailOf(o, ResearchOutputKind.GRANT, () => ({ funder: o.issuer ?? '', level: o.level ?? ResearchLevel.INSTITUTIONAL, amountFen: o.amountFen ?? 0, amount: moneyOf(o.amountFen ?? 0) }));
  }

  @FieldResolver(() => AwardType, { nullable: true })
  award(@Root() o: ResearchOutput): AwardType | null {
    return detailOf(o, ResearchOutputKind.AWARD, () => ({ awardingBody: o.issuer ?? '', level: o.level ?? ResearchLevel.INSTITUTIONAL, grade: o.grade ?? null }));
  }

  @FieldResolver(() => PatentTypeDetail, { nullable: true })
  patent(@Root() o: ResearchOutput): PatentTypeDetail | null {
    return detailOf(o, ResearchOutputKind.PATENT, () => ({ patentType: o.patentType ?? PatentType.INVENTION, office: o.issuer ?? null }));
  }

  @FieldResolver(() => TechniqueType, { nullable: true })
  technique(@Root() o: ResearchOutput): TechniqueType | null {
    return detailOf(o, ResearchOutputKind.CLINICAL_TECHNIQUE, () => ({ department: o.department ?? '', level: o.level ?? null }));
  }
}

export const ResearchOutputRelations = relationFields(ResearchOutput, { talent: Talent, placement: { one: Placement, description: 'The stay it is attributed to, if any' } });
export const TalentResearchFields = relationFields(Talent, { researchOutputs: { many: ResearchOutput, by: 'talent', description: 'Papers, grants, awards, patents and new techniques, oldest first by record' } });
