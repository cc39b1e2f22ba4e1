/**
 * The reports a stay owes, as core reports (so the core's reminders, overdue flags and
 * escalations chase them):
 * - 研学对象应在研学期满1个月内提交研学总结报告: one summary report, due one calendar month (in
 *   Asia/Shanghai days, `addMonths`: 31 Jan → 28/29 Feb) after the ACTUAL end of the stay; until
 *   the talent is back, the planned end stands in so the reminder exists from the start.
 * - 五(二) 事中动态跟踪管理，开展定期汇报: from departure, one check-in per period of
 *   `checkInEveryDays` (weekly by default, a local default), period k due on departure + k×N days,
 *   for every period that ends within the stay (the approved end while abroad, the return after).
 *   A check-in dated within period k answers it (`checkInPeriod`); a missed one is overdue.
 */
import { addDays, addMonths, compareDates, daysBetween, PlacementStatus, type CalendarDate, type PlacementFacts, type ReportDue } from '../../../src/index.js';
import type { WenzhouConfig } from '../config.js';

export const SUMMARY_REPORT = 'summary';
export const CHECK_IN_REPORT = 'check_in';

export function reportDueDates(p: Pick<PlacementFacts, 'status' | 'plannedEnd' | 'actualEnd' | 'actualStart'>, config: Pick<WenzhouConfig, 'summaryReportDueMonths' | 'checkInEveryDays'>): ReportDue[] {
  // Withdrawn before departure: no stay, no report.
  if (p.status === PlacementStatus.WITHDRAWN && !p.actualStart) return [];
  const end = p.actualEnd ?? p.plannedEnd;
  return [{ kind: SUMMARY_REPORT, sequence: 1, title: '研学总结报告 Study summary report', dueOn: addMonths(end, config.summaryReportDueMonths) }, ...checkInsDue(p, config.checkInEveryDays)];
}

/** Period k (1-based) runs over the N days after departure + (k−1)×N and is due on its last day's morrow. */
export function checkInsDue(p: Pick<PlacementFacts, 'plannedEnd' | 'actualEnd' | 'actualStart'>, everyDays: number): ReportDue[] {
  if (!p.actualStart) return [];
  const last = p.actualEnd ?? p.plannedEnd;
  const out: ReportDue[] = [];
  for (let k = 1; ; k++) {
    const dueOn = addDays(p.actualStart, k * everyDays);
    // A period is owed when the stay lasts to its due day (a check-in on the last day abroad counts).
    if (compareDates(dueOn, last) > 0) break;
    out.push({ kind: CHECK_IN_REPORT, sequence: k, title: `定期汇报 第${k}期 Check-in ${k} (${addDays(p.actualStart, (k - 1) * everyDays)} – ${addDays(dueOn, -1)})`, dueOn });
  }
  return out;
}

/**
 * The period a check-in dated `onDate` answers: period k covers the days after
 * departure + (k−1)×N up to its due day, departure + k×N (the departure day itself belongs to
 * period 1, and so does the first due day: a check-in on it is on time).
 */
export function checkInPeriod(actualStart: CalendarDate, onDate: CalendarDate, everyDays: number): number {
  const days = daysBetween(actualStart, onDate);
  return Math.max(1, Math.ceil(days / everyDays));
}
