/**
 * Seed 000's comparison: research output per person in equal windows before and after the stay,
 * for all stays, per channel and per appraisal scheme. Pure: the core's window arithmetic
 * (compareStays, summarise) applied to each group of stays.
 */
import { compareStays, summarise, type CalendarDate, type GroupSummary, type OutputFact, type StayFact } from '../../../src/index.js';

export interface ComparedStay extends StayFact {
  channel: string;
  appraisalScheme: string;
}

export interface LabelledSummary extends GroupSummary {
  key: string;
  label: string;
}

export interface Comparison {
  overall: LabelledSummary;
  byChannel: LabelledSummary[];
  byAppraisalScheme: LabelledSummary[];
  pending: number;
}

export function compareByGroups(
  stays: readonly ComparedStay[],
  outputs: readonly OutputFact[],
  months: number,
  asOf: CalendarDate,
  labels: { channels: Record<string, string>; schemes: Record<string, string> },
): Comparison {
  const group = (key: string, label: string, members: readonly ComparedStay[]): LabelledSummary => ({ key, label, ...summarise(compareStays(members, outputs, months, asOf).compared) });
  const by = (pick: (s: ComparedStay) => string, names: Record<string, string>) => Object.keys(names).map((k) => group(k, names[k]!, stays.filter((s) => pick(s) === k)));
  return {
    overall: group('all', 'All channels', stays),
    byChannel: by((s) => s.channel, labels.channels),
    byAppraisalScheme: by((s) => s.appraisalScheme, labels.schemes),
    pending: compareStays(stays, outputs, months, asOf).pending.length,
  };
}
