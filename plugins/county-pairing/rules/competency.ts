import { compareDates, type CalendarDate, type FieldProblem } from '../../../src/index.js';
import { COMPETENCY_LABELS, CompetencyItem } from '../domain.js';

/**
 * The competency check at the end of the pairing (seed 004: "the trainees have significantly
 * improved the diagnosis and treatment ability of common and frequently-occurring diseases … and
 * can master the diagnosis and treatment process of critical and severe diseases"). Each item of
 * `CompetencyItem` is met or not; the check is passed when every item is met. It is taken at the
 * end: on or after the last day of the pairing, never in the future.
 */
export interface CompetencyFacts {
  checkedOn: CalendarDate;
  items: readonly { item: CompetencyItem; met: boolean }[];
}

export function checkCompetency(c: CompetencyFacts, when: { pairingEnd: CalendarDate; today: CalendarDate }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (compareDates(c.checkedOn, when.pairingEnd) < 0) problems.push({ field: 'checkedOn', message: `is before the pairing ends (${when.pairingEnd}): the check is at the end`, messageZh: `早于结对结束日期（${when.pairingEnd}）：结业考核在结对期满后进行` });
  if (compareDates(c.checkedOn, when.today) > 0) problems.push({ field: 'checkedOn', message: `is after today (${when.today})`, messageZh: `晚于今天（${when.today}）` });
  const given = c.items.map((i) => i.item);
  given.forEach((item, j) => {
    if (given.indexOf(item) !== j) problems.push({ field: `items.${j}.item`, message: `${item} is given twice`, messageZh: `“${COMPETENCY_LABELS[item].zh}”重复填写` });
  });
  for (const item of Object.values(CompetencyItem)) {
    if (!given.includes(item)) problems.push({ field: 'items', message: `has no result for ${item}`, messageZh: `缺少“${COMPETENCY_LABELS[item].zh}”的考核结果` });
  }
  return problems;
}

export const competencyPassed = (items: readonly { met: boolean }[]) => items.length > 0 && items.every((i) => i.met);
