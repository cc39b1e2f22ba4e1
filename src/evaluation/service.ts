import type { EntityManager } from '@mikro-orm/postgresql';
import type { CalendarDate } from '../calendar.js';
import { Programme } from '../core/entities/programme.js';
import type { EvaluationSettings } from '../tenancy/settings.js';
import { assembleComparison, type ComparisonGroup, type ComparisonLevel } from './assemble.js';
import { comparisonRows } from './sql.js';

export interface ComparisonRequest {
  scheme?: string | null;
  programmeIds?: string[] | null;
  by: ComparisonLevel;
  /** A unit coordinator's comparison is of their unit's people only. */
  unitId: string | null;
  verifiedOnly: boolean;
  asOf: CalendarDate;
}

export interface ComparisonAnswer {
  programmes: { id: string; code: string; name: string; scheme: string }[];
  groups: ComparisonGroup[];
  settings: EvaluationSettings;
}

/**
 * The comparison of a scheme's programmes (or the given ones): two statements — the programmes,
 * then the one comparison statement (src/evaluation/sql.ts) — whatever the number of people.
 */
export async function compareOutcomes(em: EntityManager, settings: EvaluationSettings, req: ComparisonRequest): Promise<ComparisonAnswer> {
  const where: Record<string, unknown> = {};
  if (req.programmeIds?.length) where.id = { $in: req.programmeIds };
  if (req.scheme) where.scheme = req.scheme;
  const programmes = (await em.find(Programme, where, { fields: ['id', 'code', 'name', 'scheme'], orderBy: { code: 'asc' } })).map((p) => ({ id: p.id, code: p.code, name: p.name, scheme: p.scheme }));
  const rows = await comparisonRows(em, { programmeIds: programmes.map((p) => p.id), unitId: req.unitId, months: settings.followUpMonths, asOf: req.asOf, verifiedOnly: req.verifiedOnly });
  const groups = assembleComparison(rows, req.by, settings.followUpMonths, {
    minCellSize: settings.minCellSize,
    resamples: settings.bootstrapResamples,
    seed: settings.bootstrapSeed,
    level: settings.confidenceLevel,
  });
  return { programmes, groups, settings };
}
