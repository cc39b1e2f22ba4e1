import { compareCell, mergeInto, type Cell, type Histogram } from './compare.js';
import type { HistogramRow } from './sql.js';
import { EvaluationIndicator } from './domain.js';

export interface ComparisonOptions {
  minCellSize: number;
  resamples: number;
  seed: number;
  level: number;
}

/** What a comparison is broken down by: each programme, each programme's track, the whole scheme, or each track across the scheme's programmes (a channel across years). */
export type ComparisonLevel = 'programme' | 'track' | 'scheme' | 'scheme_track';

export interface ComparisonGroup {
  /** Null when the group spans the scheme's programmes. */
  programmeId: string | null;
  /** The track (sub-plan, channel) when compared by track, else null. */
  track: string | null;
  /** Baselines recorded: trainees (selected) and not selected. */
  selected: number;
  notSelected: number;
  design: Cell['design'];
  cells: (Cell & { months: number; indicator: EvaluationIndicator })[];
}

/** A stable 32-bit hash, so each cell's bootstrap has its own seed derived from the tenant's. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const INDICATORS = Object.values(EvaluationIndicator) as EvaluationIndicator[];

/**
 * Fold the statement's histogram rows into comparison groups: per programme, or per programme
 * and track; per follow-up month and indicator one cell. Pure.
 */
export function assembleComparison(rows: readonly HistogramRow[], by: ComparisonLevel, months: readonly number[], opts: ComparisonOptions): ComparisonGroup[] {
  const byTrack = by === 'track' || by === 'scheme_track';
  const byProgramme = by === 'track' || by === 'programme';
  const groupKey = (r: { programme_id: string; track: string | null }) => `${byProgramme ? r.programme_id : '*'}|${byTrack ? (r.track ?? '') : '*'}`;
  const groups = new Map<string, { programmeId: string | null; track: string | null; selected: number; notSelected: number; bars: Map<string, Map<number, number>> }>();
  for (const r of rows) {
    const key = groupKey(r);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { programmeId: byProgramme ? r.programme_id : null, track: byTrack ? r.track : null, selected: 0, notSelected: 0, bars: new Map() }));
    if (r.side === 'population') {
      if (r.selected) g.selected += r.people;
      else g.notSelected += r.people;
      continue;
    }
    const bar = `${r.months}|${r.indicator}|${r.selected ? 't' : 'c'}|${r.side}`;
    mergeInto(g.bars.get(bar) ?? g.bars.set(bar, new Map()).get(bar)!, new Map([[r.value, r.people]]));
  }
  const out: ComparisonGroup[] = [];
  for (const [key, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const hasControls = g.notSelected > 0;
    const get = (m: number, i: string, who: 't' | 'c', side: string): Histogram => g.bars.get(`${m}|${i}|${who}|${side}`) ?? new Map();
    const cells: ComparisonGroup['cells'] = [];
    for (const m of [...months].sort((a, b) => a - b)) {
      for (const indicator of INDICATORS) {
        const steps = indicator === EvaluationIndicator.TITLE_STEPS || indicator === EvaluationIndicator.POST_STEPS;
        const cell = compareCell(
          {
            trainees: get(m, indicator, 't', 'after'),
            notSelected: hasControls ? get(m, indicator, 'c', 'after') : null,
            ownBefore: steps ? null : get(m, indicator, 't', 'before'),
            paired: steps ? null : get(m, indicator, 't', 'paired'),
            baselineTrainees: get(m, indicator, 't', 'baseline'),
            baselineComparison: hasControls ? get(m, indicator, 'c', 'baseline') : null,
          },
          { ...opts, seed: (opts.seed ^ hash(`${key}|${m}|${indicator}`)) >>> 0 },
        );
        cells.push({ ...cell, months: m, indicator });
      }
    }
    out.push({ programmeId: g.programmeId, track: g.track, selected: g.selected, notSelected: g.notSelected, design: hasControls ? 'not_selected' : 'own_before', cells });
  }
  return out;
}
