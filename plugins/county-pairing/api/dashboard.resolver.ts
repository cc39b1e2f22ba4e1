import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { AdminLevel, Field as ProfessionalField, Outcome, Roles, type RequestContext } from '../../../src/index.js';
import { GrowthKind, PairStatus } from '../domain.js';
import { CountyPair, CountyRetentionCheck } from '../entities/index.js';
import { headlineFigures, GRADED_KINDS } from '../rules/case-log.js';
import { caseTotals } from '../rules/totals.js';
import { caseCounts } from './case-log.resolver.js';
import { moreFigures } from './dashboard.more.js';
import { CountyDashboard, CountyFieldCount, CountyGradeRoleCount, CountyKindCount, CountyLevelCount, CountyRetention } from './types.js';

/**
 * The county's figures (seed 004: 63 trainees across five fields, 320+ grade-1/2 operations done
 * independently, 80+ grade-3 under guidance, 20+ conferences, 8 new technologies, 3 department heads,
 * 24 backbones), computed from the logs with grouped SQL: a handful of statements, whatever the volume.
 * Case counts include entries awaiting sign-off; each bucket says how many are signed off and how
 * many pending, and the headline figures come in the three forms (all, …SignedOff, …Pending).
 * Promotions are also given per hospital; tiers, competency checks and 激励关爱 have their figures.
 */
@Resolver()
export class CountyDashboardResolver {
  @Authorized(Roles.PLATFORM_ADMIN, Roles.COMMISSION_ADMIN, Roles.VIEWER, Roles.MENTOR, Roles.COMMITTEE_EXPERT)
  @Query(() => CountyDashboard, { description: "The county's dashboard, for one round or (roundId null) all of them" })
  countyDashboard(@Ctx() ctx: RequestContext, @Arg('roundId', () => ID, { nullable: true }) roundId?: string | null) {
    return computeCountyDashboard(ctx.em, roundId ?? null);
  }
}

/** The dashboard's figures in a county's schema (the resolver's, and the province's through regionFigures). */
export async function computeCountyDashboard(em: EntityManager, roundId: string | null): Promise<CountyDashboard> {
  const pairWhere = { status: PairStatus.CONFIRMED, ...(roundId ? { round: roundId } : {}) };

  const fieldQb = em
    .createQueryBuilder(CountyPair, 'p')
    .join('p.apprentice', 'a')
    .select(['a.field', raw('count(distinct p.talent_id)::int as n')] as never)
    .where(pairWhere)
    .groupBy('a.field' as never);
  await fieldQb.applyFilters();
  const byField = (await fieldQb.execute('all', false)) as { field: ProfessionalField; n: number }[];

  const mentorQb = em.createQueryBuilder(CountyPair, 'p').select([raw('count(distinct p.mentor_id)::int as n')] as never).where(pairWhere);
  await mentorQb.applyFilters();
  const mentors = Number(((await mentorQb.execute('get', false)) as { n: number }).n ?? 0);

  const cases = await caseCounts(em, roundId ? { pair: { round: roundId } } : {});
  const totals = caseTotals(cases);

  const roundPlacements = roundId ? (await em.find(CountyPair, { round: roundId, placement: { $ne: null } }, { fields: ['placement'] })).map((p) => p.placement!.id) : null;
  const roundTalents = roundId ? (await em.find(CountyPair, { round: roundId, status: PairStatus.CONFIRMED }, { fields: ['talent'] })).map((p) => p.talent.id) : null;
  const more = await moreFigures(em, roundId ?? null, roundPlacements, roundTalents);

  const outcomeQb = em
    .createQueryBuilder(Outcome, 'o')
    .join('o.placement', 'pl')
    .join('pl.programme', 'pr')
    .select(['o.category', 'o.level', raw('sum(o.quantity)::int as n'), raw('count(distinct o.talent_id)::int as people')] as never)
    .where({ category: { $in: Object.values(GrowthKind) }, placement: { programme: { scheme: 'county-pairing' } } } as never)
    .groupBy(['o.category', 'o.level'] as never);
  if (roundPlacements) outcomeQb.andWhere({ placement: { $in: roundPlacements } } as never);
  await outcomeQb.applyFilters();
  const outcomes = (await outcomeQb.execute('all', false)) as { category: GrowthKind; level: AdminLevel | null; n: number; people: number }[];
  const sumOf = (kinds: GrowthKind[], key: 'n' | 'people' = 'n') => outcomes.filter((o) => kinds.includes(o.category)).reduce((s, o) => s + Number(o[key]), 0);

  // Retention: each trainee's latest check.
  const retentionWhere = roundTalents ? { talent: { $in: roundTalents } } : {};
  const checks = await em.find(CountyRetentionCheck, retentionWhere, { orderBy: { checkedOn: 'asc' }, fields: ['talent', 'checkedOn', 'stillServing'] });
  const latest = new Map(checks.map((c) => [c.talent.id, c.stillServing]));
  const stillServing = [...latest.values()].filter(Boolean).length;

  return Object.assign(new CountyDashboard(), {
    trainees: byField.reduce((s, r) => s + Number(r.n), 0),
    mentors,
    traineesByField: byField.map((r) => Object.assign(new CountyFieldCount(), { field: r.field, count: Number(r.n) })).sort((a, b) => b.count - a.count || a.field.localeCompare(b.field)),
    casesByGradeAndRole: aggregateGradeRole(cases),
    casesByKind: totals.byKind.map((k) => Object.assign(new CountyKindCount(), k)),
    ...headlineFigures(cases),
    conferences: sumOf([GrowthKind.CONFERENCE]),
    conferencesByLevel: outcomes
      .filter((o) => o.category === GrowthKind.CONFERENCE)
      .map((o) => Object.assign(new CountyLevelCount(), { level: o.level, count: Number(o.n) })),
    newTechnologies: sumOf([GrowthKind.NEW_TECHNOLOGY, GrowthKind.NEW_PROJECT]),
    departmentHeads: sumOf([GrowthKind.PROMOTION_DEPARTMENT_HEAD], 'people'),
    departmentBackbones: sumOf([GrowthKind.PROMOTION_DEPARTMENT_BACKBONE], 'people'),
    ...more,
    retention: Object.assign(new CountyRetention(), { checked: latest.size, stillServing, rate: latest.size ? stillServing / latest.size : null }),
  });
}

function aggregateGradeRole(rows: Awaited<ReturnType<typeof caseCounts>>): CountyGradeRoleCount[] {
  const map = new Map<string, CountyGradeRoleCount>();
  for (const r of rows) {
    if (!GRADED_KINDS.includes(r.kind) || r.grade == null) continue;
    const key = `${r.kind}|${r.grade}|${r.role}`;
    const row = map.get(key) ?? Object.assign(new CountyGradeRoleCount(), { kind: r.kind, grade: r.grade, role: r.role, count: 0, signedOff: 0, pending: 0 });
    row.count += r.count;
    if (r.signedOff) row.signedOff += r.count;
    else row.pending += r.count;
    map.set(key, row);
  }
  return [...map.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.grade - b.grade || a.role.localeCompare(b.role));
}
