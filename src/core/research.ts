/**
 * Research output before and after a stay, in equal windows (seed 000: "output per person"
 * compared before and after training abroad, across channels and appraisal schemes). Pure
 * functions of plain data: the caller reads the stays and the outputs, groups the stays as it
 * needs (per channel, per appraisal scheme, per programme) and passes each group here.
 */
import { addDays, addMonths, compareDates, type CalendarDate } from '../calendar.js';
import { ResearchOutputKind, SCI_INDEXES, type PaperIndex } from './research-domain.js';

export interface OutputFact {
  talentId: string;
  kind: ResearchOutputKind;
  achievedOn: CalendarDate;
  indexing?: readonly (PaperIndex | string)[];
  impactFactor?: number | null;
  amountFen?: number | null;
}

/** A stay as the comparison sees it: who, and the actual days away. */
export interface StayFact {
  talentId: string;
  start: CalendarDate;
  end: CalendarDate;
}

export interface Tally {
  total: number;
  papers: number;
  sciPapers: number;
  /** Sum of the impact factors of the papers (2 decimals). */
  impactFactor: number;
  grants: number;
  grantFen: number;
  awards: number;
  patents: number;
  clinicalTechniques: number;
}

export interface Window {
  from: CalendarDate;
  to: CalendarDate;
}

export const emptyTally = (): Tally => ({ total: 0, papers: 0, sciPapers: 0, impactFactor: 0, grants: 0, grantFen: 0, awards: 0, patents: 0, clinicalTechniques: 0 });

/**
 * The two windows of equal length around a stay: the `months` before the first day away (ending
 * the day before it) and the `months` after the last day away (starting the day after it). The
 * days away belong to neither.
 */
export function windowsAround(stay: Pick<StayFact, 'start' | 'end'>, months: number): { before: Window; after: Window } {
  return {
    before: { from: addMonths(stay.start, -months), to: addDays(stay.start, -1) },
    after: { from: addDays(stay.end, 1), to: addMonths(stay.end, months) },
  };
}

const within = (day: CalendarDate, w: Window) => compareDates(day, w.from) >= 0 && compareDates(day, w.to) <= 0;

export function add(t: Tally, o: OutputFact): void {
  t.total += 1;
  switch (o.kind) {
    case ResearchOutputKind.PAPER:
      t.papers += 1;
      if ((o.indexing ?? []).some((i) => (SCI_INDEXES as readonly string[]).includes(i))) t.sciPapers += 1;
      t.impactFactor = Math.round((t.impactFactor + (o.impactFactor ?? 0)) * 100) / 100;
      break;
    case ResearchOutputKind.GRANT:
      t.grants += 1;
      t.grantFen += o.amountFen ?? 0;
      break;
    case ResearchOutputKind.AWARD:
      t.awards += 1;
      break;
    case ResearchOutputKind.PATENT:
      t.patents += 1;
      break;
    case ResearchOutputKind.CLINICAL_TECHNIQUE:
      t.clinicalTechniques += 1;
      break;
  }
}

export interface StayComparison {
  stay: StayFact;
  before: Tally;
  after: Tally;
}

/**
 * Each stay's output in its two windows. Only stays whose after-window has closed by `asOf` are
 * compared (a window still open would not be equal to the one before); the others are left out
 * and counted by the caller as `pending`.
 */
export function compareStays(stays: readonly StayFact[], outputs: readonly OutputFact[], months: number, asOf: CalendarDate): { compared: StayComparison[]; pending: StayFact[] } {
  const byTalent = new Map<string, OutputFact[]>();
  for (const o of outputs) byTalent.set(o.talentId, [...(byTalent.get(o.talentId) ?? []), o]);
  const compared: StayComparison[] = [];
  const pending: StayFact[] = [];
  for (const stay of stays) {
    const w = windowsAround(stay, months);
    if (compareDates(w.after.to, asOf) > 0) {
      pending.push(stay);
      continue;
    }
    const before = emptyTally();
    const after = emptyTally();
    for (const o of byTalent.get(stay.talentId) ?? []) {
      if (within(o.achievedOn, w.before)) add(before, o);
      else if (within(o.achievedOn, w.after)) add(after, o);
    }
    compared.push({ stay, before, after });
  }
  return { compared, pending };
}

export interface GroupSummary {
  /** Stays compared (a talent with two stays counts twice: each stay has its own windows). */
  people: number;
  before: Tally;
  after: Tally;
  /** Output per person in each window (total / people, 2 decimals); null when nobody is compared. */
  perPersonBefore: number | null;
  perPersonAfter: number | null;
}

const perPerson = (n: number, people: number) => (people ? Math.round((n / people) * 100) / 100 : null);

/** Add up the compared stays of one group. */
export function summarise(rows: readonly StayComparison[]): GroupSummary {
  const before = emptyTally();
  const after = emptyTally();
  for (const r of rows) {
    for (const [sum, t] of [[before, r.before], [after, r.after]] as const) {
      for (const k of Object.keys(sum) as (keyof Tally)[]) sum[k] += t[k];
    }
  }
  before.impactFactor = Math.round(before.impactFactor * 100) / 100;
  after.impactFactor = Math.round(after.impactFactor * 100) / 100;
  return { people: rows.length, before, after, perPersonBefore: perPerson(before.total, rows.length), perPersonAfter: perPerson(after.total, rows.length) };
}
