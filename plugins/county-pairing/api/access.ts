import { Roles, forbidden, hasRole, notFound, type RequestContext } from '../../../src/index.js';
import { CountyMentor, CountyPair } from '../entities/index.js';

/**
 * Who may do what, beyond the role check of `@Authorized`. A mentor user is identified by the
 * token's `talentId`: mentors are core Talents, and a `mentor` token's `talentId` is the mentor's
 * own Talent id (`CountyMentor.talentId`). The core's row scope is tenant-wide for mentors, so the
 * "only your own apprentices" rules live here.
 */
export const isCommission = (ctx: RequestContext) => hasRole(ctx.actor, Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN);

/** The mentor this pair is with is the acting mentor (by the token's talentId). */
export function actsAsMentorOf(ctx: RequestContext, mentor: CountyMentor): boolean {
  return hasRole(ctx.actor, Roles.MENTOR) && !!ctx.actor.talentId && ctx.actor.talentId === mentor.talentId;
}

/** The acting talent is this pair's apprentice. */
export function actsAsApprenticeOf(ctx: RequestContext, pair: CountyPair): boolean {
  return hasRole(ctx.actor, Roles.TALENT) && !!ctx.actor.talentId && ctx.actor.talentId === pair.talent.id;
}

export async function loadPair(ctx: RequestContext, id: string): Promise<CountyPair> {
  const pair = await ctx.em.findOne(CountyPair, id, { populate: ['mentor', 'round'] });
  if (!pair) throw notFound('CountyPair', id);
  return pair;
}

/** The pair's mentor, its apprentice or the commission; a coordinator of the apprentice's unit when `unit` is allowed. */
export function assertPairParticipant(ctx: RequestContext, pair: CountyPair, opts: { apprentice: boolean; unit: boolean }): void {
  if (isCommission(ctx)) return;
  if (actsAsMentorOf(ctx, pair.mentor)) return;
  if (opts.apprentice && actsAsApprenticeOf(ctx, pair)) return;
  if (opts.unit && hasRole(ctx.actor, Roles.UNIT_COORDINATOR) && ctx.actor.unitId === pair.unit.id) return;
  throw forbidden(hasRole(ctx.actor, Roles.MENTOR) ? "You are not this apprentice's mentor" : 'Only the pair’s mentor, its apprentice or the commission may do this');
}
