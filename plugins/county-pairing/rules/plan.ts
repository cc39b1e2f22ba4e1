import { compareDates, type CalendarDate, type FieldProblem } from '../../../src/index.js';
import { STAGE_ORDER, type StageKind } from '../domain.js';

export interface StageFacts {
  kind: StageKind;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  targets: readonly { code: string; description: string; target: number }[];
}

/**
 * A stratified training plan: theory first, then supervised practice, then independent practice
 * ("from shallow to deep"). Every kind appears, kinds never go backwards (a kind may span several
 * consecutive stages), stages do not overlap, lie within the pairing period and each has at least
 * one target with distinct codes. Problems name the input field (`stages.2.startsOn`).
 */
export function checkPlan(stages: readonly StageFacts[], period: { start: CalendarDate; end: CalendarDate }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (stages.length === 0) return [{ field: 'stages', message: 'a plan needs at least one stage of each kind: theory, supervised practice, independent practice' }];
  for (const kind of STAGE_ORDER) {
    if (!stages.some((s) => s.kind === kind)) problems.push({ field: 'stages', message: `has no ${kind} stage` });
  }
  stages.forEach((s, i) => {
    const at = `stages.${i}`;
    if (i > 0 && STAGE_ORDER.indexOf(s.kind) < STAGE_ORDER.indexOf(stages[i - 1]!.kind)) {
      problems.push({ field: `${at}.kind`, message: `${s.kind} cannot follow ${stages[i - 1]!.kind}: theory, then supervised practice, then independent practice` });
    }
    if (compareDates(s.endsOn, s.startsOn) < 0) problems.push({ field: `${at}.endsOn`, message: 'is before startsOn' });
    if (i > 0 && compareDates(s.startsOn, stages[i - 1]!.endsOn) <= 0) problems.push({ field: `${at}.startsOn`, message: `overlaps the previous stage (ends ${stages[i - 1]!.endsOn})` });
    if (compareDates(s.startsOn, period.start) < 0) problems.push({ field: `${at}.startsOn`, message: `is before the pairing starts (${period.start})` });
    if (compareDates(s.endsOn, period.end) > 0) problems.push({ field: `${at}.endsOn`, message: `is after the pairing ends (${period.end})` });
    if (s.targets.length === 0) problems.push({ field: `${at}.targets`, message: 'needs at least one target' });
    const codes = s.targets.map((t) => t.code);
    codes.forEach((c, j) => {
      if (codes.indexOf(c) !== j) problems.push({ field: `${at}.targets.${j}.code`, message: `"${c}" is used twice in this stage` });
    });
  });
  return problems;
}

/** Progress towards a target, as a share (0–1, capped). */
export const progressShare = (achieved: number, target: number) => (target <= 0 ? 1 : Math.min(1, achieved / target));
