import { Arg, Authorized, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Roles, hasRole } from '../auth/roles.js';
import { Programme } from '../core/entities/programme.js';
import { badInput } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { HostRating } from './host-rating.js';
import { hostRows, rateHost } from './hosts.js';
import { PayloadMutation, PayloadType, replacedBy } from '../graphql/payload.js';

@InputType('RateHostInput', { description: 'A returnee’s rating of the host of one stay, once, after return' })
class RateHostInputType {
  @Field(() => ID, { description: 'Your completed placement whose host you rate' }) placementId!: string;
  @Field(() => Int, { description: 'Teaching, 1–5' }) teaching!: number;
  @Field(() => Int, { description: 'Access to clinical practice, 1–5' }) practiceAccess!: number;
  @Field(() => Int, { description: 'Support (supervision, living, administration), 1–5' }) support!: number;
  @Field(() => Boolean, { description: 'Would you recommend the host to colleagues' }) wouldRecommend!: boolean;
  @Field(() => String, { nullable: true, description: 'Free comment (who wrote it is never shown)' }) comment?: string | null;
}

const HostRatingCreatePayload = PayloadType('HostRatingCreatePayload', 'hostRating', () => HostRating, 'The rating recorded, or why not');

@ObjectType('HostTableRow', { description: 'A host judged by what it produces: stays, completion, ratings, outcomes per returnee' })
class HostTableRowType {
  @Field(() => ID, { description: 'The host institution’s id' }) hostId!: string;
  @Field(() => String, { description: 'The host’s registered name' }) hostName!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code' }) country!: string;
  @Field(() => Int, { description: 'Placements at the host under the scheme' }) placements!: number;
  @Field(() => Int, { description: 'Of them, completed (returned)' }) completed!: number;
  @Field(() => Float, { nullable: true, description: 'completed / placements, 2 decimals (null with no placements)' }) completionRate!: number | null;
  @Field(() => Int, { description: 'Ratings received' }) ratings!: number;
  @Field(() => Boolean, { description: 'Fewer raters than the minimum cell size: the averages are withheld, so no rating can be traced to a returnee' }) ratingsWithheld!: boolean;
  @Field(() => Float, { nullable: true, description: 'Mean teaching score, 1–5 (null when withheld or unrated)' }) teaching!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean access-to-practice score, 1–5 (null when withheld or unrated)' }) practiceAccess!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean support score, 1–5 (null when withheld or unrated)' }) support!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share who would recommend it' }) wouldRecommend!: number | null;
  @Field(() => Float, { nullable: true, description: 'Outcomes recorded for its stays, per returnee' }) outcomesPerReturnee!: number | null;
  @Field(() => Float, { nullable: true, description: 'Research output from the first day away to the longest follow-up after return, per returnee' }) researchOutputsPerReturnee!: number | null;
}

const r2 = (x: number | null) => (x == null ? null : Math.round(x * 100) / 100);

@Resolver()
export class HostEvaluationResolver {
  @Authorized(Roles.TALENT)
  @Mutation(() => HostRating, { description: 'The returnee rates their host once, after return (teaching, access to practice, support, would recommend)', deprecationReason: replacedBy('hostRatingCreate') })
  rateHost(@Ctx() ctx: RequestContext, @Arg('input', () => RateHostInputType) input: RateHostInputType) {
    return rateHost(ctx, input);
  }

  @Authorized(Roles.TALENT)
  @PayloadMutation(HostRatingCreatePayload, { description: 'The returnee rates the host of one of their stays, once, after return (teaching, access to practice, support, would recommend); who rated is never shown' })
  hostRatingCreate(@Ctx() ctx: RequestContext, @Arg('input', () => RateHostInputType) input: RateHostInputType): Promise<HostRating> {
    return rateHost(ctx, input);
  }

  @Authorized(Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.UNIT_COORDINATOR)
  @Query(() => [HostRating], { description: 'Ratings of hosts (a unit sees its own people’s, the commission all; who rated is never shown)' })
  hostRatings(@Ctx() ctx: RequestContext, @Arg('hostInstitutionId', () => ID, { nullable: true }) hostInstitutionId?: string | null) {
    return ctx.em.find(HostRating, hostInstitutionId ? { hostInstitution: hostInstitutionId } : {}, { orderBy: { ratedAt: 'desc' }, limit: 1000 });
  }

  @Authorized(Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.UNIT_COORDINATOR)
  @Query(() => [HostTableRowType], { description: 'A scheme’s hosts by what they produce: placements, completion, ratings, outcomes per returnee (a unit: its own people’s stays)' })
  async hostTable(@Ctx() ctx: RequestContext, @Arg('scheme', () => String) scheme: string): Promise<HostTableRowType[]> {
    if (!ctx.tenant.plugins.includes(scheme)) throw badInput({ field: 'scheme', message: `no scheme "${scheme}" here; one of: ${ctx.tenant.plugins.join(', ')}` });
    const programmes = await ctx.em.find(Programme, { scheme }, { fields: ['id'] });
    const unitId = hasRole(ctx.actor, Roles.COMMISSION_ADMIN, Roles.VIEWER) ? null : (ctx.actor.unitId ?? '00000000-0000-0000-0000-000000000000');
    const settings = ctx.tenant.settings.evaluation;
    const rows = await hostRows(ctx, programmes.map((p) => p.id), unitId, Math.max(...settings.followUpMonths));
    return rows.map((r) => {
      const withheld = r.ratings > 0 && r.ratings < settings.minCellSize;
      const per = (n: number) => (r.completed ? r2(n / r.completed) : null);
      return {
        hostId: r.host_id,
        hostName: r.host_name,
        country: r.country,
        placements: r.placements,
        completed: r.completed,
        completionRate: r.placements ? r2(r.completed / r.placements) : null,
        ratings: r.ratings,
        ratingsWithheld: withheld,
        teaching: withheld ? null : r2(r.teaching),
        practiceAccess: withheld ? null : r2(r.practice_access),
        support: withheld ? null : r2(r.support),
        wouldRecommend: withheld ? null : r2(r.recommend),
        outcomesPerReturnee: per(r.outcomes),
        researchOutputsPerReturnee: per(r.research_outputs),
      };
    });
  }
}
