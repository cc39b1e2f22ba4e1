/**
 * A parent region's view of the regions inside it (Guizhou of Yuping and any county added with
 * `tenant:create`): aggregates only, each region side by side and summed, figures about fewer
 * than k people withheld — and a sum withheld too when the withheld parts together are fewer
 * than k people, since the sum minus the visible parts would give them away. Pure functions of
 * the figures each child computed in its own schema.
 */
import type { RegionFigure } from '../plugin/contract.js';
import type { ComparisonGroup } from './assemble.js';

export interface RegionValue {
  plugin: string;
  metric: string;
  group: string | null;
  label: string | null;
  /** Null when suppressed. */
  value: number | null;
  suppressed: boolean;
}

interface Raw extends RegionFigure {
  plugin: string;
}

const hidden = (people: number | undefined, k: number) => people != null && people > 0 && people < k;

export function suppressFigures(figures: readonly Raw[], k: number): RegionValue[] {
  return figures.map((f) => {
    const suppressed = hidden(f.people, k);
    return { plugin: f.plugin, metric: f.metric, group: f.group ?? null, label: f.label ?? null, value: suppressed ? null : f.value, suppressed };
  });
}

/** Sum the additive figures of several regions by (plugin, metric, group), with complementary suppression. */
export function sumFigures(regions: readonly (readonly Raw[])[], k: number): RegionValue[] {
  const sums = new Map<string, { f: Raw; value: number; people: number | undefined; hiddenPeople: number }>();
  for (const figures of regions) {
    for (const f of figures) {
      if (f.additive === false) continue;
      const key = `${f.plugin}|${f.metric}|${f.group ?? ''}`;
      const s = sums.get(key) ?? { f, value: 0, people: undefined, hiddenPeople: 0 };
      s.value += f.value;
      if (f.people != null) s.people = (s.people ?? 0) + f.people;
      if (hidden(f.people, k)) s.hiddenPeople += f.people!;
      sums.set(key, s);
    }
  }
  return [...sums.values()].map(({ f, value, people, hiddenPeople }) => {
    const suppressed = hidden(people, k) || hidden(hiddenPeople, k);
    return { plugin: f.plugin, metric: f.metric, group: f.group ?? null, label: f.label ?? null, value: suppressed ? null : value, suppressed };
  });
}

export interface RegionOutcome {
  scheme: string;
  months: number;
  indicator: string;
  design: string;
  traineesN: number | null;
  comparisonN: number | null;
  traineesMean: number | null;
  comparisonMean: number | null;
  difference: number | null;
  low: number | null;
  high: number | null;
  suppressed: boolean;
}

/** One scheme's comparison (assembled at scheme level) as a parent may read it: cells of fewer than k people withheld. */
export function suppressOutcomes(scheme: string, groups: readonly ComparisonGroup[], k: number, hiddenBefore?: Map<string, number>): RegionOutcome[] {
  const out: RegionOutcome[] = [];
  for (const g of groups) {
    for (const c of g.cells) {
      const key = `${scheme}|${c.months}|${c.indicator}`;
      const smallest = Math.min(...[c.trainees.n, c.comparison.n].filter((n) => n > 0));
      const own = Number.isFinite(smallest) && smallest < k;
      // A sum is withheld when the parts withheld below it are together fewer than k people.
      const fromParts = hiddenBefore ? hidden(hiddenBefore.get(key), k) : false;
      const suppressed = own || fromParts;
      out.push({
        scheme,
        months: c.months,
        indicator: c.indicator,
        design: g.design,
        traineesN: suppressed ? null : c.trainees.n,
        comparisonN: suppressed ? null : c.comparison.n,
        traineesMean: suppressed ? null : c.trainees.mean,
        comparisonMean: suppressed ? null : c.comparison.mean,
        difference: suppressed ? null : c.difference,
        low: suppressed ? null : (c.interval?.low ?? null),
        high: suppressed ? null : (c.interval?.high ?? null),
        suppressed,
      });
    }
  }
  return out;
}

/** People behind each withheld cell of the regions, by scheme, follow-up and indicator (for the sum's complementary suppression). */
export function hiddenPeople(regions: readonly { scheme: string; groups: readonly ComparisonGroup[] }[], k: number): Map<string, number> {
  const map = new Map<string, number>();
  for (const r of regions) {
    for (const g of r.groups) {
      for (const c of g.cells) {
        const smallest = Math.min(...[c.trainees.n, c.comparison.n].filter((n) => n > 0));
        if (Number.isFinite(smallest) && smallest < k) {
          const key = `${r.scheme}|${c.months}|${c.indicator}`;
          map.set(key, (map.get(key) ?? 0) + smallest);
        }
      }
    }
  }
  return map;
}

export const SUPPRESSION_NOTE = (k: number) =>
  `Figures about fewer than ${k} people are withheld (value null, suppressed true), and so is a sum whose withheld parts are together fewer than ${k} people; only numbers cross from a region, never its rows. 少于${k}人的数字不显示（value 为空、suppressed 为真）；若被隐去的部分合计少于${k}人，合计也不显示；下级地区只提供汇总数字，不提供任何记录。`;
