import { compareDates, type CalendarDate, type FieldProblem } from '../../../src/index.js';
import { STAGE_LABELS_ZH as ZH, STAGE_ORDER, type StageKind } from '../domain.js';

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
  if (stages.length === 0) return [{ field: 'stages', message: 'a plan needs at least one stage of each kind: theory, supervised practice, independent practice', messageZh: '培养计划须包含理论学习、指导下实践、独立实践各至少一个阶段' }];
  for (const kind of STAGE_ORDER) {
    if (!stages.some((s) => s.kind === kind)) problems.push({ field: 'stages', message: `has no ${kind} stage`, messageZh: `缺少“${ZH[kind]}”阶段` });
  }
  stages.forEach((s, i) => {
    const at = `stages.${i}`;
    if (i > 0 && STAGE_ORDER.indexOf(s.kind) < STAGE_ORDER.indexOf(stages[i - 1]!.kind)) {
      problems.push({
        field: `${at}.kind`,
        message: `${s.kind} cannot follow ${stages[i - 1]!.kind}: theory, then supervised practice, then independent practice`,
        messageZh: `“${ZH[s.kind]}”不能排在“${ZH[stages[i - 1]!.kind]}”之后：须先理论学习，再指导下实践，后独立实践`,
      });
    }
    if (compareDates(s.endsOn, s.startsOn) < 0) problems.push({ field: `${at}.endsOn`, message: 'is before startsOn', messageZh: '结束日期早于开始日期' });
    if (i > 0 && compareDates(s.startsOn, stages[i - 1]!.endsOn) <= 0) problems.push({ field: `${at}.startsOn`, message: `overlaps the previous stage (ends ${stages[i - 1]!.endsOn})`, messageZh: `与上一阶段重叠（上一阶段 ${stages[i - 1]!.endsOn} 结束）` });
    if (compareDates(s.startsOn, period.start) < 0) problems.push({ field: `${at}.startsOn`, message: `is before the pairing starts (${period.start})`, messageZh: `早于结对开始日期（${period.start}）` });
    if (compareDates(s.endsOn, period.end) > 0) problems.push({ field: `${at}.endsOn`, message: `is after the pairing ends (${period.end})`, messageZh: `晚于结对结束日期（${period.end}）` });
    if (s.targets.length === 0) problems.push({ field: `${at}.targets`, message: 'needs at least one target', messageZh: '每个阶段至少需要一项目标' });
    const codes = s.targets.map((t) => t.code);
    codes.forEach((c, j) => {
      if (codes.indexOf(c) !== j) problems.push({ field: `${at}.targets.${j}.code`, message: `"${c}" is used twice in this stage`, messageZh: `目标代码“${c}”在本阶段重复` });
    });
  });
  return problems;
}

/** Progress towards a target, as a share (0–1, capped). */
export const progressShare = (achieved: number, target: number) => (target <= 0 ? 1 : Math.min(1, achieved / target));
