import type { FieldProblem } from '../../../src/index.js';
import { compareDates, Field, type CalendarDate } from '../../../src/index.js';
import { ActivityKind, CaseRole } from '../domain.js';

/**
 * What each professional field logs. Surgical fields log operations and procedures with a
 * surgical grade (1–4, 一级 to 四级手术); fields without operations log their own activity kinds.
 * Every field may log `other`.
 */
export const ACTIVITY_KINDS: Record<Field, readonly ActivityKind[]> = {
  [Field.WESTERN_MEDICINE]: [ActivityKind.OPERATION, ActivityKind.PROCEDURE, ActivityKind.OTHER],
  [Field.MEDICAL_TECHNOLOGY]: [ActivityKind.PROCEDURE, ActivityKind.IMAGING_REPORT, ActivityKind.LAB_TEST, ActivityKind.OTHER],
  [Field.TCM]: [ActivityKind.TCM_CONSULTATION, ActivityKind.ACUPUNCTURE, ActivityKind.HERBAL_PRESCRIPTION, ActivityKind.OTHER],
  [Field.NURSING]: [ActivityKind.NURSING_CARE, ActivityKind.NURSING_PROCEDURE, ActivityKind.HEALTH_EDUCATION, ActivityKind.OTHER],
  [Field.PHARMACY]: [ActivityKind.PRESCRIPTION_REVIEW, ActivityKind.MEDICATION_CONSULTATION, ActivityKind.DISPENSING, ActivityKind.OTHER],
  [Field.PUBLIC_HEALTH]: [ActivityKind.OTHER],
  [Field.MANAGEMENT]: [ActivityKind.OTHER],
};

/** Kinds that carry a surgical grade. */
export const GRADED_KINDS: readonly ActivityKind[] = [ActivityKind.OPERATION, ActivityKind.PROCEDURE];

export interface CaseEntryFacts {
  field: Field;
  kind: ActivityKind;
  grade: number | null;
  role: CaseRole;
  performedOn: CalendarDate;
  caseReference: string;
}

/**
 * Checks one case-log entry against the apprentice's field and the pairing period. Returns every
 * problem (field names as in the GraphQL input); empty when the entry is acceptable.
 */
export function checkCaseEntry(e: CaseEntryFacts, when: { today: CalendarDate; pairingStart: CalendarDate }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const allowed = ACTIVITY_KINDS[e.field] ?? [ActivityKind.OTHER];
  if (!allowed.includes(e.kind)) problems.push({ field: 'kind', message: `${e.field} logs ${allowed.join(', ')}, not ${e.kind}`, messageZh: `该专业可登记的类型为 ${allowed.join('、')}，不含 ${e.kind}` });
  if (GRADED_KINDS.includes(e.kind)) {
    if (e.grade == null) problems.push({ field: 'grade', message: `is required for ${e.kind} (surgical grade 1–4)`, messageZh: '手术和操作须填写手术分级（1–4 级）' });
    else if (!Number.isInteger(e.grade) || e.grade < 1 || e.grade > 4) problems.push({ field: 'grade', message: 'must be a surgical grade from 1 to 4', messageZh: '手术分级须为 1 至 4 级' });
  } else if (e.grade != null) {
    problems.push({ field: 'grade', message: `only operations and procedures carry a surgical grade, not ${e.kind}`, messageZh: '只有手术和操作有手术分级' });
  }
  if (compareDates(e.performedOn, when.today) > 0) problems.push({ field: 'performedOn', message: `is after today (${when.today})`, messageZh: `晚于今天（${when.today}）` });
  if (compareDates(e.performedOn, when.pairingStart) < 0) problems.push({ field: 'performedOn', message: `is before the pairing started (${when.pairingStart})`, messageZh: `早于结对开始日期（${when.pairingStart}）` });
  if (!e.caseReference.trim()) problems.push({ field: 'caseReference', message: 'is required', messageZh: '请填写病案号' });
  return problems;
}

/**
 * The seed's headline figures from grouped case counts: each as all logged entries, and split into
 * signed off by the mentor and pending (logged, not yet signed off).
 */
export function headlineFigures(rows: readonly { kind: ActivityKind; grade: number | null; role: CaseRole; count: number; signedOff?: boolean }[]) {
  const sum = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((n, r) => n + r.count, 0);
  const independent12 = (r: (typeof rows)[number]) => r.kind === ActivityKind.OPERATION && r.role === CaseRole.INDEPENDENT && (r.grade === 1 || r.grade === 2);
  const guided3 = (r: (typeof rows)[number]) => r.kind === ActivityKind.OPERATION && r.role === CaseRole.UNDER_GUIDANCE && r.grade === 3;
  return {
    /** Grade-1 and grade-2 operations done independently (the seed: 320+), signed off or not. */
    independentGrade1And2Operations: sum(independent12),
    independentGrade1And2OperationsSignedOff: sum((r) => independent12(r) && !!r.signedOff),
    independentGrade1And2OperationsPending: sum((r) => independent12(r) && !r.signedOff),
    /** Grade-3 operations done under the mentor's guidance (the seed: 80+), signed off or not. */
    guidedGrade3Operations: sum(guided3),
    guidedGrade3OperationsSignedOff: sum((r) => guided3(r) && !!r.signedOff),
    guidedGrade3OperationsPending: sum((r) => guided3(r) && !r.signedOff),
  };
}
