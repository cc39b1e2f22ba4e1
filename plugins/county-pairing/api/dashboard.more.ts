import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Institution, Outcome, moneyOf } from '../../../src/index.js';
import { ApprenticeTier, CareKind, CompetencyItem, GrowthKind, PairStatus } from '../domain.js';
import { CountyCareRecord, CountyCompetencyCheck, CountyPair } from '../entities/index.js';
import { CountyCareCount, CountyCompetencyFigures, CountyCompetencyItemCount, CountyHospitalPromotions, CountyTierCount } from './care.types.js';

/**
 * The dashboard's figures for tiers, promotions by hospital, the competency checks and 激励关爱,
 * each a grouped statement (row scope applied), for one round or all.
 */
export async function moreFigures(em: EntityManager, roundId: string | null, placementIds: string[] | null, talentIds: string[] | null) {
  const pairWhere = { status: PairStatus.CONFIRMED, ...(roundId ? { round: roundId } : {}) };

  const tierQb = em
    .createQueryBuilder(CountyPair, 'p')
    .join('p.apprentice', 'a')
    .select(['a.tier', raw('count(distinct p.talent_id)::int as n')] as never)
    .where(pairWhere)
    .groupBy('a.tier' as never);
  await tierQb.applyFilters();
  const tiers = (await tierQb.execute('all', false)) as { tier: ApprenticeTier; n: number }[];
  const traineesByTier = Object.values(ApprenticeTier).map((tier) => Object.assign(new CountyTierCount(), { tier, count: Number(tiers.find((t) => t.tier === tier)?.n ?? 0) }));

  // Promotions by the hospital recorded on the outcome (the trainee's unit when it was recorded).
  const promoQb = em
    .createQueryBuilder(Outcome, 'o')
    .join('o.placement', 'pl')
    .join('pl.programme', 'pr')
    .select([raw('o.unit_id as unit'), 'o.category', raw('count(distinct o.talent_id)::int as people')] as never)
    .where({ category: { $in: [GrowthKind.PROMOTION_DEPARTMENT_HEAD, GrowthKind.PROMOTION_DEPARTMENT_BACKBONE] }, placement: { programme: { scheme: 'county-pairing' } } } as never)
    .groupBy([raw('o.unit_id'), 'o.category'] as never);
  if (placementIds) promoQb.andWhere({ placement: { $in: placementIds } } as never);
  await promoQb.applyFilters();
  const promos = (await promoQb.execute('all', false)) as { unit: string; category: GrowthKind; people: number }[];
  const unitIds = [...new Set(promos.map((p) => p.unit))];
  const units = unitIds.length ? await em.find(Institution, { id: { $in: unitIds } }) : [];
  const promotionsByHospital = units
    .map((hospital) => {
      const of = (kind: GrowthKind) => Number(promos.find((p) => p.unit === hospital.id && p.category === kind)?.people ?? 0);
      return Object.assign(new CountyHospitalPromotions(), { hospital, departmentHeads: of(GrowthKind.PROMOTION_DEPARTMENT_HEAD), departmentBackbones: of(GrowthKind.PROMOTION_DEPARTMENT_BACKBONE) });
    })
    .sort((a, b) => b.departmentHeads - a.departmentHeads || b.departmentBackbones - a.departmentBackbones || a.hospital.name.localeCompare(b.hospital.name));

  const checks = await em.find(CountyCompetencyCheck, { pair: pairWhere }, { fields: ['passed', 'items'] });
  const passed = checks.filter((c) => c.passed).length;
  const competency = Object.assign(new CountyCompetencyFigures(), {
    checked: checks.length,
    passed,
    passRate: checks.length ? passed / checks.length : null,
    byItem: Object.values(CompetencyItem).map((item) => Object.assign(new CountyCompetencyItemCount(), { item, met: checks.filter((c) => c.items.some((i) => i.item === item && i.met)).length })),
  });

  const careQb = em
    .createQueryBuilder(CountyCareRecord, 'c')
    .select(['c.kind', raw('count(*)::int as n'), raw('count(distinct c.talent_id)::int as people'), raw('coalesce(sum(c.amount_fen), 0)::bigint as fen')] as never)
    .groupBy('c.kind' as never);
  if (talentIds) careQb.where({ talent: { $in: talentIds } } as never);
  await careQb.applyFilters();
  const care = (await careQb.execute('all', false)) as { kind: CareKind; n: number; people: number; fen: string | number }[];
  const careByKind = Object.values(CareKind).map((kind) => {
    const r = care.find((c) => c.kind === kind);
    const fen = Number(r?.fen ?? 0);
    return Object.assign(new CountyCareCount(), { kind, count: Number(r?.n ?? 0), people: Number(r?.people ?? 0), amountFen: fen, amount: moneyOf(fen) });
  });

  return { traineesByTier, promotionsByHospital, competency, care: careByKind };
}
