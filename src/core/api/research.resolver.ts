import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PayloadMutation, PayloadType, replacedBy } from '../../graphql/payload.js';
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

@ObjectType('ResearchPaper', { description: 'A paper’s details (论文)' })
class PaperType {
  @Field(() => String, { description: 'The journal, as entered' }) journal!: string;
  @Field(() => [PaperIndex], { description: 'Where it is indexed (SCI, PubMed, CSCD…)' }) indexing!: PaperIndex[];
  @Field(() => Float, { nullable: true, description: "The journal's impact factor when published" }) impactFactor!: number | null;
  @Field(() => AuthorRole, { description: 'The talent’s place among the authors (first, corresponding…)' }) authorRole!: AuthorRole;
}

@ObjectType('ResearchGrant', { description: 'A research grant’s details (科研项目)' })
class GrantType {
  @Field(() => String, { description: 'Who funds it (国家自然科学基金委员会…), as entered' }) funder!: string;
  @Field(() => ResearchLevel, { description: 'National, provincial, municipal…' }) level!: ResearchLevel;
  @Field(() => FenScalar, { description: 'The grant’s amount in whole fen', deprecationReason: 'Use amount, which carries its currency (amount { fen currencyCode })' }) amountFen!: number;
  @Field(() => Money, { description: 'The grant’s amount with its currency' }) amount!: Money;
}

@ObjectType('ResearchAward', { description: 'An award’s details (科技奖励)' })
class AwardType {
  @Field(() => String, { description: 'The body that gave it (湖北省人民政府…), as entered' }) awardingBody!: string;
  @Field(() => ResearchLevel, { description: 'National, provincial, municipal…' }) level!: ResearchLevel;
  @Field(() => String, { nullable: true, description: '一等奖, 二等奖…' }) grade!: string | null;
}

@ObjectType('ResearchPatent', { description: 'A patent’s details (专利)' })
class PatentTypeDetail {
  @Field(() => PatentType, { description: 'Invention, utility model or design' }) patentType!: PatentType;
  @Field(() => String, { nullable: true, description: 'The office that granted it' }) office!: string | null;
}

@ObjectType('ResearchTechnique', { description: 'A new clinical technique’s details (新技术新项目)' })
class TechniqueType {
  @Field(() => String, { description: 'The department that carries it out, as entered' }) department!: string;
  @Field(() => ResearchLevel, { nullable: true, description: 'Level at which it is new (a gap filled in the province…)' }) level!: ResearchLevel | null;
}

@InputType('ResearchPaperInput', { description: 'A paper’s details' })
class PaperInput {
  @Field(() => String, { description: 'The journal' }) journal!: string;
  @Field(() => [PaperIndex], { nullable: true, description: 'Where it is indexed (none: not indexed)' }) indexing?: PaperIndex[] | null;
  @Field(() => Float, { nullable: true, description: 'The journal’s impact factor when published' }) impactFactor?: number | null;
  @Field(() => AuthorRole, { description: 'The talent’s place among the authors' }) authorRole!: AuthorRole;
}

@InputType('ResearchGrantInput', { description: 'A research grant’s details' })
class GrantInput {
  @Field(() => String, { description: 'Who funds it' }) funder!: string;
  @Field(() => ResearchLevel, { description: 'National, provincial, municipal…' }) level!: ResearchLevel;
  @Field(() => FenScalar, { description: 'The amount in whole fen (1 yuan = 100 fen)' }) amountFen!: number;
}

@InputType('ResearchAwardInput', { description: 'An award’s details' })
class AwardInput {
  @Field(() => String, { description: 'The body that gave it' }) awardingBody!: string;
  @Field(() => ResearchLevel, { description: 'National, provincial, municipal…' }) level!: ResearchLevel;
  @Field(() => String, { nullable: true, description: 'Its grade (一等奖, 二等奖…)' }) grade?: string | null;
}

@InputType('ResearchPatentInput', { description: 'A patent’s details' })
class PatentInput {
  @Field(() => PatentType, { description: 'Invention, utility model or design' }) patentType!: PatentType;
  @Field(() => String, { nullable: true, description: 'The office that granted it (国家知识产权局…)' }) office?: string | null;
}

@InputType('ResearchTechniqueInput', { description: 'A new clinical technique’s details' })
class TechniqueInput {
  @Field(() => String, { description: 'The department that carries it out' }) department!: string;
  @Field(() => ResearchLevel, { nullable: true, description: 'Level at which it is new' }) level?: ResearchLevel | null;
}

@InputType({ description: 'One output; give the details of its kind (paper, grant, award, patent or technique) and no other' })
export class ResearchOutputInput {
  @Field(() => ID, { description: 'The talent whose output it is' }) talentId!: string;
  @Field(() => ID, { nullable: true, description: 'A placement this output is attributed to (optional)' }) placementId?: string | null;
  @Field(() => ResearchOutputKind, { description: 'Which kind: the matching details field must be given' }) kind!: ResearchOutputKind;
  @Field(() => String, { description: 'The title (a paper’s, a grant’s project…)' }) title!: string;
  @Field(() => CalendarDateScalar, { description: 'Published, awarded, granted, or first performed' }) achievedOn!: CalendarDate;
  @Field(() => String, { nullable: true, description: 'DOI, grant number or patent number' }) reference?: string | null;
  @Field(() => PaperInput, { nullable: true, description: 'For kind PAPER' }) paper?: PaperInput | null;
  @Field(() => GrantInput, { nullable: true, description: 'For kind GRANT' }) grant?: GrantInput | null;
  @Field(() => AwardInput, { nullable: true, description: 'For kind AWARD' }) award?: AwardInput | null;
  @Field(() => PatentInput, { nullable: true, description: 'For kind PATENT' }) patent?: PatentInput | null;
  @Field(() => TechniqueInput, { nullable: true, description: 'For kind CLINICAL_TECHNIQUE' }) technique?: TechniqueInput | null;
}

@InputType({ description: 'Which research output to check, and whether it checks out' })
export class ResearchOutputVerifyInput {
  @Field(() => ID, { description: 'The research output' }) id!: string;
  @Field(() => Boolean, { defaultValue: true, description: 'true marks it checked; false un-checks it' }) verified!: boolean;
}

@InputType({ description: 'Which research outputs to list; conditions combine (and)' })
export class ResearchOutputFilter {
  @Field(() => ID, { nullable: true, description: 'Output of this talent' }) talentId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Output of this dispatching unit’s staff' }) unitId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Output attributed to this placement' }) placementId?: string | null;
  @Field(() => ResearchOutputKind, { nullable: true, description: 'Output of this kind' }) kind?: ResearchOutputKind | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Achieved on or after this day' }) from?: CalendarDate | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Achieved on or before this day' }) to?: CalendarDate | null;
}

const ResearchOutputRecordPayload = PayloadType('ResearchOutputRecordPayload', 'researchOutput', () => ResearchOutput, 'The research output recorded, or why not');
const ResearchOutputVerifyPayload = PayloadType('ResearchOutputVerifyPayload', 'researchOutput', () => ResearchOutput, 'The research output as checked (or un-checked), or why not');

/**
 * Research output counted in a window, and a group's comparison before and after: the shapes a
 * scheme's comparison answers with (core/research.ts computes them), shared so that every
 * scheme's comparison reads the same to a front end and to outcome evaluation.
 */
@ObjectType('ResearchTally', { description: 'Research output counted in a window' })
export class ResearchTallyType {
  @Field(() => Int, { description: 'Outputs of every kind' }) total!: number;
  @Field(() => Int, { description: 'Papers (论文)' }) papers!: number;
  @Field(() => Int, { description: 'Papers indexed in SCI, SCIE or SSCI' }) sciPapers!: number;
  @Field(() => Float, { description: 'Sum of impact factors' }) impactFactor!: number;
  @Field(() => Int, { description: 'Research grants (科研项目)' }) grants!: number;
  @Field(() => FenScalar, { description: 'Sum of the grants’ amounts in whole fen', deprecationReason: 'Use grant, which carries its currency (grant { fen amount currencyCode })' }) grantFen!: number;
  @Field(() => Int, { description: 'Awards (科技奖励)' }) awards!: number;
  @Field(() => Int, { description: 'Patents (专利)' }) patents!: number;
  @Field(() => Int, { description: 'New clinical techniques (新技术新项目)' }) clinicalTechniques!: number;
}

@ObjectType('ResearchComparisonGroup', { description: 'Research output per person in equal windows before and after, for one group of stays' })
export class ResearchComparisonGroupType {
  @Field(() => String, { description: 'The group’s code (a track, a channel, all), stable for a front end to key by' }) key!: string;
  @Field(() => String, { description: 'The group’s name as the scheme gives it' }) label!: string;
  @Field(() => Int, { description: 'Stays compared (a talent who went twice counts twice)' }) people!: number;
  @Field(() => ResearchTallyType, { description: 'Output in the window before the stay, summed over the group' }) before!: ResearchTallyType;
  @Field(() => ResearchTallyType, { description: 'Output in the equal window after return, summed over the group' }) after!: ResearchTallyType;
  @Field(() => Float, { nullable: true, description: 'Outputs per person before (null with nobody compared)' }) perPersonBefore!: number | null;
  @Field(() => Float, { nullable: true, description: 'Outputs per person after (null with nobody compared)' }) perPersonAfter!: number | null;
}

@Resolver(() => ResearchTallyType)
export class ResearchTallyResolver {
  @FieldResolver(() => Money, { description: 'Sum of the grants’ amounts, with its currency' })
  grant(@Root() tally: ResearchTallyType): Money {
    return moneyOf(tally.grantFen);
  }
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
  @Mutation(() => ResearchOutput, { description: 'Record a paper, grant, award, patent or new clinical technique of a talent', deprecationReason: replacedBy('researchOutputRecord') })
  recordResearchOutput(@Ctx() ctx: RequestContext, @Arg('input', () => ResearchOutputInput) input: ResearchOutputInput) {
    return recordResearchOutput(ctx, input as never);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => ResearchOutput, { description: 'Check (or un-check) a research output', deprecationReason: replacedBy('researchOutputVerify') })
  verifyResearchOutput(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string, @Arg('verified', () => Boolean, { defaultValue: true }) verified: boolean) {
    return verifyResearchOutput(ctx, id, verified);
  }

  @Authorized(...WRITERS.unitCommissionOrTalent)
  @PayloadMutation(ResearchOutputRecordPayload, { description: 'Record a paper, grant, award, patent or new clinical technique of a talent (the talent, their unit or the commission), with the details of its kind' })
  researchOutputRecord(@Ctx() ctx: RequestContext, @Arg('input', () => ResearchOutputInput) input: ResearchOutputInput): Promise<ResearchOutput> {
    return recordResearchOutput(ctx, input as never);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(ResearchOutputVerifyPayload, { description: 'The unit or the commission checks (or un-checks) a research output; comparisons can count checked output only' })
  researchOutputVerify(@Ctx() ctx: RequestContext, @Arg('input', () => ResearchOutputVerifyInput) input: ResearchOutputVerifyInput): Promise<ResearchOutput> {
    return verifyResearchOutput(ctx, input.id, input.verified);
  }

  @FieldResolver(() => PaperType, { nullable: true, description: 'A paper’s details (null for other kinds)' })
  paper(@Root() o: ResearchOutput): PaperType | null {
    return detailOf(o, ResearchOutputKind.PAPER, () => ({ journal: o.journal ?? '', indexing: o.indexing, impactFactor: o.impactFactor ?? null, authorRole: o.authorRole ?? AuthorRole.OTHER }));
  }

  @FieldResolver(() => GrantType, { nullable: true, description: 'A grant’s details (null for other kinds)' })
  grant(@Root() o: ResearchOutput): GrantType | null {
    return detailOf(o, ResearchOutputKind.GRANT, () => ({ funder: o.issuer ?? '', level: o.level ?? ResearchLevel.INSTITUTIONAL, amountFen: o.amountFen ?? 0, amount: moneyOf(o.amountFen ?? 0) }));
  }

  @FieldResolver(() => AwardType, { nullable: true, description: 'An award’s details (null for other kinds)' })
  award(@Root() o: ResearchOutput): AwardType | null {
    return detailOf(o, ResearchOutputKind.AWARD, () => ({ awardingBody: o.issuer ?? '', level: o.level ?? ResearchLevel.INSTITUTIONAL, grade: o.grade ?? null }));
  }

  @FieldResolver(() => PatentTypeDetail, { nullable: true, description: 'A patent’s details (null for other kinds)' })
  patent(@Root() o: ResearchOutput): PatentTypeDetail | null {
    return detailOf(o, ResearchOutputKind.PATENT, () => ({ patentType: o.patentType ?? PatentType.INVENTION, office: o.issuer ?? null }));
  }

  @FieldResolver(() => TechniqueType, { nullable: true, description: 'A new clinical technique’s details (null for other kinds)' })
  technique(@Root() o: ResearchOutput): TechniqueType | null {
    return detailOf(o, ResearchOutputKind.CLINICAL_TECHNIQUE, () => ({ department: o.department ?? '', level: o.level ?? null }));
  }
}

export const ResearchOutputRelations = relationFields(ResearchOutput, { talent: Talent, placement: { one: Placement, description: 'The stay it is attributed to, if any' } });
export const TalentResearchFields = relationFields(Talent, { researchOutputs: { many: ResearchOutput, by: 'talent', description: 'Papers, grants, awards, patents and new techniques, oldest first by record' } });
