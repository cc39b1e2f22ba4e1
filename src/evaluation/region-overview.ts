import type { EntityManager } from '@mikro-orm/postgresql';
import { tenantTables } from '../db/tables.js';
import type { CalendarDate } from '../calendar.js';
import { Programme } from '../core/entities/programme.js';
import type { RequestContext } from '../graphql/context.js';
import type { RegionFigure } from '../plugin/contract.js';
import type { TenantInfo } from '../plugin/contract.js';
import { assembleComparison, type ComparisonGroup } from './assemble.js';
import { run } from './indicators.js';
import { hiddenPeople, SUPPRESSION_NOTE, suppressFigures, suppressOutcomes, sumFigures, type RegionOutcome, type RegionValue } from './region.js';
import { comparisonRows, type HistogramRow } from './sql.js';

export interface RegionAggregate {
  tenant: TenantInfo | null;
  figures: RegionValue[];
  outcomes: RegionOutcome[];
}

export interface RegionOverview {
  minCellSize: number;
  suppression: string;
  regions: RegionAggregate[];
  total: RegionAggregate;
}

type Raw = RegionFigure & { plugin: string };

/** Reports owed and overdue in a region, as figures (one statement). */
async function reportFigures(em: EntityManager, today: CalendarDate): Promise<Raw[]> {
  const q = tenantTables(em);
  const [r] = await run<{ owed: number; owed_people: number; overdue: number; overdue_people: number }>(
    em,
    `select count(*) filter (where status in ('due', 'returned'))::int as owed,
       count(distinct talent_id) filter (where status in ('due', 'returned'))::int as owed_people,
       count(*) filter (where status in ('due', 'returned') and due_on < ?::date)::int as overdue,
       count(distinct talent_id) filter (where status in ('due', 'returned') and due_on < ?::date)::int as overdue_people
     from ${q('report')}`,
    [today, today],
  );
  return [
    { plugin: 'core', metric: 'reports_owed', value: Number(r!.owed), people: Number(r!.owed_people) },
    { plugin: 'core', metric: 'reports_overdue', value: Number(r!.overdue), people: Number(r!.overdue_people) },
  ];
}

/**
 * The parent's question asked of every region inside it, with the parent's own evaluation
 * settings (follow-up months, k, bootstrap) so that the regions answer alike: the figures each
 * scheme publishes (`regionFigures`), reports owed and overdue, and the outcome comparison per
 * scheme; each region side by side, then summed (the comparison's histograms pooled, not its
 * means averaged). A region's rows never leave its schema.
 */
export async function regionOverview(ctx: RequestContext): Promise<RegionOverview> {
  const settings = ctx.tenant.settings.evaluation;
  const k = settings.minCellSize;
  const today = ctx.clock.today();
  const opts = { minCellSize: k, resamples: settings.bootstrapResamples, seed: settings.bootstrapSeed, level: settings.confidenceLevel };
  const regions: { tenant: TenantInfo; raw: Raw[]; outcomes: { scheme: string; groups: ComparisonGroup[]; rows: HistogramRow[] }[] }[] = [];
  for (const region of await ctx.subRegions()) {
    const raw: Raw[] = await reportFigures(region.em, today);
    const outcomes: { scheme: string; groups: ComparisonGroup[]; rows: HistogramRow[] }[] = [];
    for (const plugin of ctx.host.enabled(region.tenant)) {
      if (plugin.regionFigures) raw.push(...(await plugin.regionFigures.compute(await region.context(plugin.key))).map((f) => ({ ...f, plugin: plugin.key })));
      const programmes = await region.em.find(Programme, { scheme: plugin.key }, { fields: ['id'] });
      const rows = await comparisonRows(region.em, { programmeIds: programmes.map((p) => p.id), unitId: null, months: settings.followUpMonths, asOf: today, verifiedOnly: false });
      outcomes.push({ scheme: plugin.key, rows, groups: assembleComparison(rows, 'scheme', settings.followUpMonths, opts) });
    }
    regions.push({ tenant: region.tenant, raw, outcomes });
  }
  const schemes = [...new Set(regions.flatMap((r) => r.outcomes.map((o) => o.scheme)))].sort();
  const hidden = hiddenPeople(regions.flatMap((r) => r.outcomes), k);
  return {
    minCellSize: k,
    suppression: SUPPRESSION_NOTE(k),
    regions: regions.map((r) => ({ tenant: r.tenant, figures: suppressFigures(r.raw, k), outcomes: r.outcomes.flatMap((o) => suppressOutcomes(o.scheme, o.groups, k)) })),
    total: {
      tenant: null,
      figures: sumFigures(regions.map((r) => r.raw), k),
      outcomes: schemes.flatMap((scheme) => {
        const rows = regions.flatMap((r) => r.outcomes.filter((o) => o.scheme === scheme).flatMap((o) => o.rows));
        return suppressOutcomes(scheme, assembleComparison(rows, 'scheme', settings.followUpMonths, opts), k, hidden);
      }),
    },
  };
}
