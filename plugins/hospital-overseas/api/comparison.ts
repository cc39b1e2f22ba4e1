import type { EntityManager } from '@mikro-orm/postgresql';
import { Placement, ResearchOutput, type CalendarDate } from '../../../src/index.js';
import { CHANNELS, type HospitalConfig } from '../config.js';
import { HospitalStay } from '../entities/index.js';
import { compareByGroups, type Comparison, type ComparedStay } from '../rules/comparison.js';

/**
 * Read what the comparison needs — every stay with its actual days, and its talents' research
 * output — in three statements whatever the number of stays, and compare. `em` is the request's
 * (row-scoped) or, for the region above, the tenant's own.
 */
export async function researchComparison(em: EntityManager, config: HospitalConfig, months: number, asOf: CalendarDate): Promise<Comparison & { windowMonths: number; asOf: CalendarDate }> {
  const stays = await em.find(HospitalStay, {}, { fields: ['id', 'talent', 'placement', 'channel', 'appraisalScheme'] });
  const placements = await em.find(Placement, { id: { $in: stays.map((s) => s.placement.id) }, actualStart: { $ne: null }, actualEnd: { $ne: null } }, { fields: ['id', 'actualStart', 'actualEnd'] });
  const byPlacement = new Map(placements.map((p) => [p.id, p]));
  const compared: ComparedStay[] = stays.flatMap((s) => {
    const p = byPlacement.get(s.placement.id);
    return p ? [{ talentId: s.talent.id, start: p.actualStart!, end: p.actualEnd!, channel: s.channel, appraisalScheme: s.appraisalScheme }] : [];
  });
  const outputs = compared.length
    ? await em.find(ResearchOutput, { talent: { $in: [...new Set(compared.map((s) => s.talentId))] } }, { fields: ['talent', 'kind', 'achievedOn', 'indexing', 'impactFactor', 'amountFen'] })
    : [];
  const facts = outputs.map((o) => ({ talentId: o.talent.id, kind: o.kind, achievedOn: o.achievedOn, indexing: o.indexing, impactFactor: o.impactFactor, amountFen: o.amountFen }));
  const labels = {
    channels: Object.fromEntries(CHANNELS.map((c) => [c, config.channels[c].nameZh])),
    // By code: a stored configuration (jsonb) does not keep the order its keys were written in.
    schemes: Object.fromEntries(Object.entries(config.appraisalSchemes).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.nameZh])),
  };
  return { windowMonths: months, asOf, ...compareByGroups(compared, facts, months, asOf, labels) };
}
