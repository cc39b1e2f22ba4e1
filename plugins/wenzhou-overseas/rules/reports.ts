/**
 * 研学对象应在研学期满1个月内提交研学总结报告: one summary report, due one calendar month (in
 * Asia/Shanghai days, `addMonths`: 31 Jan → 28/29 Feb) after the ACTUAL end of the stay; until
 * the talent is back, the planned end stands in so the reminder exists from the start.
 */
import { addMonths, PlacementStatus, type PlacementFacts, type ReportDue } from '../../../src/index.js';
import type { WenzhouConfig } from '../config.js';

export const SUMMARY_REPORT = 'summary';

export function reportDueDates(p: Pick<PlacementFacts, 'status' | 'plannedEnd' | 'actualEnd' | 'actualStart'>, config: Pick<WenzhouConfig, 'summaryReportDueMonths'>): ReportDue[] {
  // Withdrawn before departure: no stay, no report.
  if (p.status === PlacementStatus.WITHDRAWN && !p.actualStart) return [];
  const end = p.actualEnd ?? p.plannedEnd;
  return [{ kind: SUMMARY_REPORT, sequence: 1, title: '研学总结报告 Study summary report', dueOn: addMonths(end, config.summaryReportDueMonths) }];
}
