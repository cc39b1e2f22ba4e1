import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, Field } from '../../../src/index.js';
import { ActivityKind, CaseRole, StageKind } from '../domain.js';
import { checkCaseEntry, headlineFigures } from './case-log.js';
import { checkPlan, progressShare } from './plan.js';
import { pairingReminders } from './reminders.js';

const when = { today: '2025-06-30', pairingStart: '2025-01-01' };
const op = { field: Field.WESTERN_MEDICINE, kind: ActivityKind.OPERATION, grade: 2, role: CaseRole.INDEPENDENT, performedOn: '2025-03-01', caseReference: 'ZY-0001' };

describe('checkCaseEntry', () => {
  it('accepts an operation of grade 1–4 and refuses anything else, naming grade', () => {
    for (const grade of [1, 2, 3, 4]) expect(checkCaseEntry({ ...op, grade }, when)).toEqual([]);
    for (const grade of [0, 5, -1, 2.5]) expect(checkCaseEntry({ ...op, grade }, when).map((p) => p.field)).toEqual(['grade']);
    expect(checkCaseEntry({ ...op, grade: null }, when)[0]).toMatchObject({ field: 'grade', message: expect.stringContaining('required') });
  });

  it('lets fields without operations log their own kinds, without a grade', () => {
    expect(checkCaseEntry({ ...op, field: Field.PHARMACY, kind: ActivityKind.PRESCRIPTION_REVIEW, grade: null }, when)).toEqual([]);
    expect(checkCaseEntry({ ...op, field: Field.NURSING, kind: ActivityKind.OPERATION }, when).map((p) => p.field)).toEqual(['kind']);
    expect(checkCaseEntry({ ...op, field: Field.TCM, kind: ActivityKind.ACUPUNCTURE, grade: 1 }, when).map((p) => p.field)).toEqual(['grade']);
  });

  it('refuses dates after today or before the pairing, and an empty case reference', () => {
    expect(checkCaseEntry({ ...op, performedOn: '2025-07-01' }, when).map((p) => p.field)).toEqual(['performedOn']);
    expect(checkCaseEntry({ ...op, performedOn: '2024-12-31' }, when).map((p) => p.field)).toEqual(['performedOn']);
    expect(checkCaseEntry({ ...op, caseReference: '  ' }, when).map((p) => p.field)).toEqual(['caseReference']);
  });

  it('headline figures count independent grade-1/2 and guided grade-3 operations only', () => {
    const rows = [
      { kind: ActivityKind.OPERATION, grade: 1, role: CaseRole.INDEPENDENT, count: 200, signedOff: true },
      { kind: ActivityKind.OPERATION, grade: 2, role: CaseRole.INDEPENDENT, count: 125 },
      { kind: ActivityKind.OPERATION, grade: 2, role: CaseRole.ASSISTING, count: 9 },
      { kind: ActivityKind.PROCEDURE, grade: 1, role: CaseRole.INDEPENDENT, count: 40 },
      { kind: ActivityKind.OPERATION, grade: 3, role: CaseRole.UNDER_GUIDANCE, count: 80, signedOff: true },
      { kind: ActivityKind.OPERATION, grade: 3, role: CaseRole.UNDER_GUIDANCE, count: 2, signedOff: false },
      { kind: ActivityKind.OPERATION, grade: 3, role: CaseRole.INDEPENDENT, count: 3 },
    ];
    // Each figure counts every logged entry and says how many of them are signed off and how many pending.
    expect(headlineFigures(rows)).toEqual({
      independentGrade1And2Operations: 325, independentGrade1And2OperationsSignedOff: 200, independentGrade1And2OperationsPending: 125,
      guidedGrade3Operations: 82, guidedGrade3OperationsSignedOff: 80, guidedGrade3OperationsPending: 2,
    });
  });
});

const period = { start: '2025-01-01', end: '2025-12-31' };
const t = [{ code: 'cases', description: 'Cases', target: 10 }];
const good = [
  { kind: StageKind.THEORY, startsOn: '2025-01-01', endsOn: '2025-02-28', targets: t },
  { kind: StageKind.SUPERVISED_PRACTICE, startsOn: '2025-03-01', endsOn: '2025-06-30', targets: t },
  { kind: StageKind.SUPERVISED_PRACTICE, startsOn: '2025-07-01', endsOn: '2025-08-31', targets: t },
  { kind: StageKind.INDEPENDENT_PRACTICE, startsOn: '2025-09-01', endsOn: '2025-12-31', targets: t },
];

describe('checkPlan', () => {
  it('accepts theory, then supervised, then independent practice', () => {
    expect(checkPlan(good, period)).toEqual([]);
  });
  it('refuses stages out of order, overlapping, outside the period, without targets or missing a kind', () => {
    expect(checkPlan([good[1]!, good[0]!, good[3]!], period).map((p) => p.field)).toContain('stages.1.kind');
    expect(checkPlan([good[0]!, { ...good[1]!, startsOn: '2025-02-28' }, good[3]!], period).map((p) => p.field)).toEqual(['stages.1.startsOn']);
    expect(checkPlan([{ ...good[0]!, startsOn: '2024-12-01' }, good[1]!, good[3]!], period).map((p) => p.field)).toEqual(['stages.0.startsOn']);
    expect(checkPlan([good[0]!, good[1]!, { ...good[3]!, endsOn: '2026-01-31' }], period).map((p) => p.field)).toEqual(['stages.2.endsOn']);
    expect(checkPlan([good[0]!, { ...good[1]!, targets: [] }, good[3]!], period).map((p) => p.field)).toEqual(['stages.1.targets']);
    expect(checkPlan([good[0]!, good[3]!], period)).toEqual([{ field: 'stages', message: 'has no supervised_practice stage', messageZh: '缺少“指导下实践”阶段' }]);
    expect(checkPlan([], period).map((p) => p.field)).toEqual(['stages']);
  });
  it('caps progress at 100%', () => {
    expect(progressShare(5, 10)).toBe(0.5);
    expect(progressShare(15, 10)).toBe(1);
  });
});

describe('pairingReminders', () => {
  it('asks the mentor for a monthly sign-off, a final one at the end, and a review after each stage', () => {
    const due = pairingReminders({ start: '2025-01-31', end: '2025-04-15', stages: good.slice(0, 2), signOffEveryMonths: 1, stageReviewAfterDays: 7 });
    expect(due).toEqual([
      { kind: 'case_log_signoff', sequence: 1, title: "带教病例第1次签认 Mentor's case-log sign-off 1", dueOn: '2025-02-28' },
      { kind: 'case_log_signoff', sequence: 2, title: "带教病例第2次签认 Mentor's case-log sign-off 2", dueOn: '2025-03-31' },
      { kind: 'case_log_signoff', sequence: 3, title: "带教病例第3次签认（结业） Mentor's case-log sign-off 3 (final)", dueOn: '2025-04-15' },
      { kind: 'stage_review', sequence: 1, title: '第1阶段考评：理论学习 Stage review 1: theory', dueOn: '2025-03-07' },
      { kind: 'stage_review', sequence: 2, title: '第2阶段考评：指导下实践 Stage review 2: supervised practice', dueOn: '2025-07-07' },
    ]);
  });

  it('numbers each kind 1..N without gaps, in date order, every due day inside (start, end]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 800 }), fc.integer({ min: 1, max: 6 }), (offset, length, every) => {
        const start = addDays('2020-01-01', offset);
        const end = addDays(start, length);
        const due = pairingReminders({ start, end, stages: [], signOffEveryMonths: every, stageReviewAfterDays: 0 });
        expect(due.map((d) => d.sequence)).toEqual(due.map((_, i) => i + 1));
        for (let i = 1; i < due.length; i++) expect(due[i]!.dueOn > due[i - 1]!.dueOn).toBe(true);
        for (const d of due) expect(d.dueOn > start && d.dueOn <= end).toBe(true);
        expect(due.at(-1)!.dueOn).toBe(end);
      }),
      { numRuns: 300 },
    );
  });
});
