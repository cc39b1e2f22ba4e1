import { PlacementStatus, addDays, addMonths, daysBetween, type CalendarDate, type ReportDue } from '../../../src/index.js';
import type { GuizhouConfig } from '../config.js';
import { GuizhouTraineeStatus } from '../domain.js';

/** Report kinds a Guizhou placement owes; the jobs system turns due ones into reminders. */
export const REPORT_KINDS = {
  MID_TERM: 'mid_term_assessment',
  FINAL: 'final_assessment',
  RETURN: 'return_confirmation',
  CASCADE: 'cascade_training',
} as const;

export interface ReportScheduleFacts {
  status: PlacementStatus;
  plannedStart: CalendarDate;
  plannedEnd: CalendarDate;
  actualStart: CalendarDate | null;
  actualEnd: CalendarDate | null;
  /** null while the trainee row does not exist yet (the placement is being created). */
  traineeStatus: GuizhouTraineeStatus | null;
  returnedOn: CalendarDate | null;
  /** Whether the cohort includes the return plan (return confirmation, cascade training). */
  returnPlan: boolean;
}

/**
 * What a trainee owes and when:
 * - `mid_term_assessment` #1 half-way through the term;
 * - `final_assessment` #1 on the last day of the term (the actual last day once known; a late
 *   start shifts the expected end by as many days);
 * - with the return plan, for a trainee who has not failed: `return_confirmation` #1
 *   `returnConfirmationDays` after the term, and `cascade_training` #1..N every quarter after the
 *   return (the recorded return day, else the day after the term), N = `cascadeReportQuarters`.
 *   Both numbers are local defaults (30 days, 8 quarters): seed 001 gives neither. A trainee
 *   who did not complete (final grade fail) owes only the assessments.
 * A withdrawn trainee owes nothing.
 */
export function reportSchedule(f: ReportScheduleFacts, cfg: Pick<GuizhouConfig, 'returnConfirmationDays' | 'cascadeReportQuarters'>): ReportDue[] {
  if (f.status === PlacementStatus.WITHDRAWN || f.traineeStatus === GuizhouTraineeStatus.WITHDRAWN) return [];
  const start = f.actualStart ?? f.plannedStart;
  const expectedEnd = addDays(f.plannedEnd, f.actualStart ? daysBetween(f.plannedStart, f.actualStart) : 0);
  const end = f.actualEnd ?? expectedEnd;
  const due: ReportDue[] = [
    { kind: REPORT_KINDS.MID_TERM, sequence: 1, title: '中期考核 Mid-term assessment', dueOn: addDays(start, Math.floor(daysBetween(start, expectedEnd) / 2)) },
    { kind: REPORT_KINDS.FINAL, sequence: 1, title: '结业考核 Final assessment', dueOn: end },
  ];
  // A trainee who failed the final assessment did not complete: the return plan (黔归计划) is for
  // those who "have completed training and returned to Guizhou", and its return is recorded only
  // for them (checkReturn), so they owe neither a confirmation they could never file nor cascade reports.
  if (!f.returnPlan || f.traineeStatus === GuizhouTraineeStatus.NOT_COMPLETED) return due;
  due.push({ kind: REPORT_KINDS.RETURN, sequence: 1, title: `Return-to-work confirmation, ${cfg.returnConfirmationDays} days after the term (a local default, not the plan's) / 返岗确认（本地默认期限）`, dueOn: addDays(end, cfg.returnConfirmationDays) });
  const base = f.returnedOn ?? addDays(end, 1);
  for (let q = 1; q <= cfg.cascadeReportQuarters; q++) {
    due.push({ kind: REPORT_KINDS.CASCADE, sequence: q, title: `Cascade-training report, quarter ${q} of ${cfg.cascadeReportQuarters} after return (a local default) / 返岗后带教培训季度报告（本地默认）`, dueOn: addMonths(base, 3 * q) });
  }
  return due;
}
