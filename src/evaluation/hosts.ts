import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { tenantTables } from '../db/tables.js';
import { Roles, hasRole } from '../auth/roles.js';
import { PlacementStatus } from '../core/domain.js';
import { Placement } from '../core/entities/placement.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import { HostRating } from './host-rating.js';
import { pgArray, run } from './indicators.js';

export interface RateHostInput {
  placementId: string;
  teaching: number;
  practiceAccess: number;
  support: number;
  wouldRecommend: boolean;
  comment?: string | null;
}

/** The returnee rates their host, once, after return; only they may (not their unit, not the commission). */
export async function rateHost(ctx: RequestContext, input: RateHostInput): Promise<HostRating> {
  const bad = (['teaching', 'practiceAccess', 'support'] as const).filter((f) => !Number.isInteger(input[f]) || input[f] < 1 || input[f] > 5);
  if (bad.length) throw badInput(bad.map((field) => ({ field, message: 'a whole number from 1 to 5 (1–5 之间的整数)' })));
  const placement = await ctx.em.findOne(Placement, input.placementId);
  if (!placement) throw notFound('Placement', input.placementId);
  if (!hasRole(ctx.actor, Roles.TALENT) || ctx.actor.talentId !== placement.talent.id) throw forbidden('Only the returnee rates their host');
  if (placement.status !== PlacementStatus.COMPLETED) throw invalidState('A host is rated after return (回国后方可评价)', { field: 'placementId' });
  const rating = ctx.em.create(HostRating, {
    talent: placement.talent,
    unit: placement.unit,
    placement,
    programme: placement.programme,
    hostInstitution: placement.hostInstitution,
    teaching: input.teaching,
    practiceAccess: input.practiceAccess,
    support: input.support,
    wouldRecommend: input.wouldRecommend,
    comment: input.comment?.trim() || null,
    ratedOn: ctx.clock.today(),
    ratedAt: ctx.clock.now(),
  });
  try {
    await ctx.commit();
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw conflict('This stay’s host is rated already (每次研修只评价一次)', { field: 'placementId' });
    throw e;
  }
  return rating;
}

export interface HostRow {
  host_id: string;
  host_name: string;
  country: string;
  placements: number;
  completed: number;
  ratings: number;
  teaching: number | null;
  practice_access: number | null;
  support: number | null;
  recommend: number | null;
  outcomes: number;
  research_outputs: number;
}

/**
 * A scheme's hosts judged by what they produce, in one statement: placements, completed stays,
 * ratings (averages), outcomes recorded for those stays and research output achieved from the
 * first day away to `windowMonths` after return, per returnee. A unit coordinator's table counts
 * its own people only.
 */
export async function hostRows(ctx: RequestContext, programmeIds: string[], unitId: string | null, windowMonths: number): Promise<HostRow[]> {
  if (!programmeIds.length) return [];
  const q = tenantTables(ctx.em);
  const rows = await run<HostRow>(
    ctx.em,
    `with p as (
       select p.* from ${q('placement')} p where p.programme_id = any(?::uuid[]) and p.status <> 'withdrawn' and (?::uuid is null or p.unit_id = ?::uuid)
     )
     select h.id as host_id, h.name as host_name, h.country,
       count(*)::int as placements,
       count(*) filter (where p.status = 'completed')::int as completed,
       count(r.id)::int as ratings,
       avg(r.teaching)::float as teaching, avg(r.practice_access)::float as practice_access, avg(r.support)::float as support,
       avg(case when r.id is null then null when r.would_recommend then 1.0 else 0.0 end)::float as recommend,
       coalesce(sum(o.n), 0)::int as outcomes,
       coalesce(sum(ro.n), 0)::int as research_outputs
     from p join ${q('institution')} h on h.id = p.host_institution_id
     left join ${q('host_rating')} r on r.placement_id = p.id
     left join lateral (select sum(x.quantity)::int as n from ${q('outcome')} x where x.placement_id = p.id) o on p.status = 'completed'
     left join lateral (select count(*)::int as n from ${q('research_output')} x where x.talent_id = p.talent_id
        and x.achieved_on between p.actual_start and (p.actual_end + make_interval(months => ?))::date) ro on p.status = 'completed'
     group by h.id, h.name, h.country order by h.name`,
    [pgArray(programmeIds), unitId, unitId, windowMonths],
  );
  return rows.map((r) => ({ ...r, placements: Number(r.placements), completed: Number(r.completed), ratings: Number(r.ratings), outcomes: Number(r.outcomes), research_outputs: Number(r.research_outputs) }));
}
