import { Arg, Authorized, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Money, moneyOf } from '../graphql/money.js';
import { PayloadMutation, PayloadType, replacedBy } from '../graphql/payload.js';
import { Roles, hasRole } from '../auth/roles.js';
import type { CalendarDate } from '../calendar.js';
import { TitleGrade } from '../core/domain.js';
import { WRITERS } from '../core/api/access.js';
import { badInput } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { CalendarDateScalar } from '../graphql/scalars.js';
import type { ComparisonLevel } from './assemble.js';
import { ComparisonDesign, ComparisonLevelEnum, EvaluationIndicator, OutputConfidence, TalentPost } from './domain.js';
import { EvaluationSnapshot } from './entities.js';
import { fileFollowUp } from './follow-ups.js';
import { relationFields } from '../graphql/relations.js';
import { Talent } from '../core/entities/talent.js';
import { Programme } from '../core/entities/programme.js';
import { Placement } from '../core/entities/placement.js';
import { compareOutcomes, type ComparisonAnswer } from './service.js';

@ObjectType('OutcomeSide', { description: 'One side of a comparison cell: how many people, their total and mean change, and their mean level at the decision' })
export class OutcomeSideType {
  @Field(() => Int, { description: 'People on this side' }) n!: number;
  @Field(() => Float, { description: 'Sum of the per-person values' }) total!: number;
  @Field(() => Float, { nullable: true, description: 'Mean per-person value (null with nobody)' }) mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean of the indicator at the decision (baseline), for counts' }) baselineMean!: number | null;
}

@ObjectType('OutcomeInterval', { description: 'A confidence interval of a difference (at the comparison’s confidenceLevel)' })
export class OutcomeIntervalType {
  @Field(() => Float, { description: 'Lower bound' }) low!: number;
  @Field(() => Float, { description: 'Upper bound' }) high!: number;
}

@ObjectType('OutcomeCell', { description: 'One indicator at one follow-up: trainees against the comparison group' })
export class OutcomeCellType {
  @Field(() => Int, { description: 'Months after return' }) months!: number;
  @Field(() => EvaluationIndicator, { description: 'What is measured per person (outputs, papers, title steps…)' }) indicator!: EvaluationIndicator;
  @Field(() => OutcomeSideType, { description: 'Trainees: change in their window from the first day away to the follow-up' }) trainees!: OutcomeSideType;
  @Field(() => OutcomeSideType, { description: 'Not selected (same calendar window), or the trainees’ own equal window before the stay' }) comparison!: OutcomeSideType;
  @Field(() => Float, { nullable: true, description: 'Difference of differences: trainees’ mean change minus the comparison’s (own-before design: mean of after − before)' }) difference!: number | null;
  @Field(() => OutcomeIntervalType, { nullable: true, description: 'Seeded percentile bootstrap interval of the difference' }) interval!: OutcomeIntervalType | null;
  @Field(() => Boolean, { description: 'A side has fewer people than the tenant’s minimum cell size: shown, and to be read with care' }) belowMinimum!: boolean;
}

@ObjectType('OutcomeComparisonGroup', { description: 'One group compared: a programme, a track, or the scheme, as `by` asked' })
export class OutcomeComparisonGroupType {
  @Field(() => ID, { nullable: true, description: 'Null when the group spans the scheme’s programmes' }) programmeId!: string | null;
  @Field(() => String, { nullable: true, description: 'The programme’s code (null when the group spans programmes)' }) programmeCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Track, sub-plan or channel; null when not broken down by it' }) track!: string | null;
  @Field(() => Int, { description: 'Baselines of the selected' }) selected!: number;
  @Field(() => Int, { description: 'Baselines of the not selected' }) notSelected!: number;
  @Field(() => ComparisonDesign, { description: 'Against those not selected, or (nobody turned down) against the trainees’ own window before' }) design!: ComparisonDesign;
  @Field(() => [OutcomeCellType], { description: 'One cell per indicator and follow-up month' }) cells!: OutcomeCellType[];
}

@ObjectType('OutcomeComparison', { description: 'Did it work? Trainees’ change after return against those not selected (or their own time before)' })
export class OutcomeComparisonType {
  @Field(() => CalendarDateScalar, { description: 'The day the comparison was computed on (today, Asia/Shanghai)' }) asOf!: CalendarDate;
  @Field(() => [Int], { description: 'Follow-ups compared, in months after return (tenant setting evaluation.followUpMonths)' }) followUpMonths!: number[];
  @Field(() => Int, { description: 'Fewer people than this on a side and a cell is marked belowMinimum (tenant setting evaluation.minCellSize)' }) minCellSize!: number;
  @Field(() => Float, { description: 'Confidence level of the intervals, e.g. 0.95 (tenant setting evaluation.confidenceLevel)' }) confidenceLevel!: number;
  @Field(() => Int, { description: 'Bootstrap resamples per interval (tenant setting evaluation.bootstrapResamples)' }) resamples!: number;
  @Field(() => Int, { description: 'Seed of the bootstrap, so the same data give the same intervals' }) seed!: number;
  @Field(() => OutputConfidence, { description: 'REPORTED: every output the talent reported; VERIFIED: only those the unit verified' }) counted!: OutputConfidence;
  @Field(() => [OutcomeComparisonGroupType], { description: 'The groups compared' }) groups!: OutcomeComparisonGroupType[];
  @Field(() => String, { description: 'How the comparison is computed, in English, for a footnote' }) method!: string;
}

export const METHOD =
  'Baselines are recorded when an application is decided (selected or not). A trainee’s change at m months is the research output achieved from the first day away to m months after return (output before the stay is not its fruit); a not-selected applicant’s is counted over the programme’s median stay plus m months; title and post steps run from the baseline to the unit’s follow-up (the not selected: to their record now). Difference = trainees’ mean change − the comparison’s; where nobody was turned down, the trainees’ own equal window before the stay is the comparison (mean of paired differences). Interval: percentile bootstrap, seeded. Windows still open are left out; cells with fewer people than the minimum are marked, not hidden.';

export function toComparisonType(a: ComparisonAnswer, asOf: CalendarDate, verifiedOnly: boolean): OutcomeComparisonType {
  const code = new Map(a.programmes.map((p) => [p.id, p.code]));
  return Object.assign(new OutcomeComparisonType(), {
    asOf,
    followUpMonths: [...a.settings.followUpMonths].sort((x, y) => x - y),
    minCellSize: a.settings.minCellSize,
    confidenceLevel: a.settings.confidenceLevel,
    resamples: a.settings.bootstrapResamples,
    seed: a.settings.bootstrapSeed,
    counted: verifiedOnly ? OutputConfidence.VERIFIED : OutputConfidence.REPORTED,
    method: METHOD,
    groups: a.groups.map((g) => ({ ...g, programmeCode: g.programmeId ? (code.get(g.programmeId) ?? null) : null, design: g.design as ComparisonDesign })),
  });
}

@InputType('FollowUpInput', { description: 'A unit’s follow-up of a returned talent' })
export class FollowUpInputType {
  @Field(() => ID, { description: 'The returned talent’s placement' }) placementId!: string;
  @Field(() => Int, { description: 'Which follow-up: months after return (one of the tenant’s evaluation.followUpMonths)' }) months!: number;
  @Field(() => TitleGrade, { nullable: true, description: 'Title now (recorded on the talent too)' }) titleGrade?: TitleGrade | null;
  @Field(() => TalentPost, { nullable: true, description: 'Post now (recorded on the talent too)' }) post?: TalentPost | null;
  @Field(() => String, { nullable: true, description: 'The unit’s note, as entered' }) note?: string | null;
}

const EvaluationSnapshotFileFollowUpPayload = PayloadType('EvaluationSnapshotFileFollowUpPayload', 'evaluationSnapshot', () => EvaluationSnapshot, 'The follow-up filed, or why not');

@Resolver()
export class EvaluationResolver {
  @Authorized(Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.UNIT_COORDINATOR)
  @Query(() => OutcomeComparisonType, { description: 'Outcome comparison of a scheme’s programmes (or one programme): a unit coordinator sees its own people only' })
  async outcomeComparison(
    @Ctx() ctx: RequestContext,
    @Arg('scheme', () => String, { nullable: true, description: 'A scheme (plugin key) enabled here' }) scheme?: string | null,
    @Arg('programmeId', () => ID, { nullable: true }) programmeId?: string | null,
    @Arg('by', () => ComparisonLevelEnum, { defaultValue: ComparisonLevelEnum.PROGRAMME }) by: ComparisonLevelEnum = ComparisonLevelEnum.PROGRAMME,
    @Arg('verifiedOnly', () => Boolean, { defaultValue: false, description: 'Count only output the unit verified' }) verifiedOnly = false,
  ): Promise<OutcomeComparisonType> {
    if (!scheme && !programmeId) throw badInput({ field: 'scheme', message: 'give a scheme or a programmeId' });
    if (scheme && !ctx.tenant.plugins.includes(scheme)) throw badInput({ field: 'scheme', message: `no scheme "${scheme}" here; one of: ${ctx.tenant.plugins.join(', ')}` });
    const unitId = hasRole(ctx.actor, Roles.COMMISSION_ADMIN, Roles.VIEWER) ? null : (ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000');
    const asOf = ctx.clock.today();
    const answer = await compareOutcomes(ctx.em, ctx.tenant.settings.evaluation, { scheme, programmeIds: programmeId ? [programmeId] : null, by: by as unknown as ComparisonLevel, unitId, verifiedOnly, asOf });
    if (programmeId && !answer.programmes.length) throw badInput({ field: 'programmeId', message: 'no such programme' + (scheme ? ` in ${scheme}` : '') });
    return toComparisonType(answer, asOf, verifiedOnly);
  }

  @Authorized(Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.UNIT_COORDINATOR, Roles.TALENT)
  @Query(() => [EvaluationSnapshot], { description: 'Baselines and follow-ups (a unit sees its own people, a talent their own)' })
  evaluationSnapshots(@Ctx() ctx: RequestContext, @Arg('programmeId', () => ID, { nullable: true }) programmeId?: string | null, @Arg('talentId', () => ID, { nullable: true }) talentId?: string | null) {
    if (!programmeId && !talentId) throw badInput({ field: 'programmeId', message: 'give a programmeId or a talentId' });
    const where: Record<string, unknown> = {};
    if (programmeId) where.programme = programmeId;
    if (talentId) where.talent = talentId;
    return ctx.em.find(EvaluationSnapshot, where, { orderBy: { talent: 'asc', months: 'asc' }, limit: 5000 });
  }

  @Authorized(...WRITERS.unitOrCommission)
  @Mutation(() => EvaluationSnapshot, { description: 'The unit files a follow-up of a returned talent (title, post; output counted as of the due day)', deprecationReason: replacedBy('evaluationSnapshotFileFollowUp') })
  fileFollowUp(@Ctx() ctx: RequestContext, @Arg('input', () => FollowUpInputType) input: FollowUpInputType) {
    return fileFollowUp(ctx, input);
  }

  @Authorized(...WRITERS.unitOrCommission)
  @PayloadMutation(EvaluationSnapshotFileFollowUpPayload, { description: 'The unit (or the commission) files a follow-up of a returned talent, months after return: title and post now; research output counted as of the due day. The follow-up report it answers (due or returned) becomes submitted' })
  evaluationSnapshotFileFollowUp(@Ctx() ctx: RequestContext, @Arg('input', () => FollowUpInputType) input: FollowUpInputType): Promise<EvaluationSnapshot> {
    return fileFollowUp(ctx, input);
  }
}

@Resolver(() => EvaluationSnapshot)
export class EvaluationSnapshotMoneyResolver {
  @FieldResolver(() => Money, { description: 'Sum of the grants’ amounts, with its currency' })
  grant(@Root() snapshot: EvaluationSnapshot): Money {
    return moneyOf(snapshot.grantFen);
  }
}

export const EvaluationSnapshotRelations = relationFields(EvaluationSnapshot, { talent: Talent, programme: Programme, placement: { one: Placement, description: 'The stay followed up (a follow-up, or a group member’s baseline)' } });
