import { compareDates, type CalendarDate, type Problem } from '../../../src/index.js';
import { GuizhouAssessmentStage, GuizhouGrade, GuizhouTraineeStatus as S, GuizhouWithdrawalStage } from '../domain.js';

/**
 * The trainee's life through the term, as pure checks. Each returns null when the step is allowed,
 * else a problem: `state` (INVALID_STATE: the step does not fit where the trainee is) or `input`
 * (BAD_USER_INPUT naming the field: a date before the step it follows).
 */
export type { Problem };

export interface TraineeState {
  status: S;
  startedOn?: CalendarDate | null;
  midTermAssessedOn?: CalendarDate | null;
  endedOn?: CalendarDate | null;
  returnedOn?: CalendarDate | null;
}

const before = (field: string, date: CalendarDate, what: string, other: CalendarDate): Problem | null =>
  compareDates(date, other) < 0 ? { kind: 'input', field, message: `${date} is before ${what} (${other})` } : null;

export function checkStart(t: TraineeState): Problem | null {
  if (t.status !== S.ENROLLED) return { kind: 'state', message: `a trainee who is ${t.status} cannot start training` };
  return null;
}

export function checkAssessment(t: TraineeState, stage: GuizhouAssessmentStage, assessedOn: CalendarDate, endedOn: CalendarDate | null): Problem | null {
  if (t.status !== S.IN_TRAINING) return { kind: 'state', message: `a trainee who is ${t.status} cannot be assessed` };
  const started = t.startedOn!;
  if (stage === GuizhouAssessmentStage.MID_TERM) {
    if (t.midTermAssessedOn) return { kind: 'state', message: 'the mid-term assessment is already recorded' };
    return before('assessedOn', assessedOn, 'the start of training', started);
  }
  return (
    before('assessedOn', assessedOn, 'the start of training', started) ??
    (t.midTermAssessedOn ? before('assessedOn', assessedOn, 'the mid-term assessment', t.midTermAssessedOn) : null) ??
    (endedOn ? before('endedOn', endedOn, 'the start of training', started) : null)
  );
}

/** The final assessment concludes the term: excellent or pass completes it, fail does not. */
export function statusAfterFinal(grade: GuizhouGrade): S.COMPLETED | S.NOT_COMPLETED {
  return grade === GuizhouGrade.FAIL ? S.NOT_COMPLETED : S.COMPLETED;
}

/** Withdrawal before the start does not count as trained; a mid-term one counts against completion. */
export function checkWithdrawal(t: TraineeState, withdrawnOn: CalendarDate): Problem | { stage: GuizhouWithdrawalStage } {
  if (t.status === S.ENROLLED) return { stage: GuizhouWithdrawalStage.BEFORE_START };
  if (t.status === S.IN_TRAINING) return before('withdrawnOn', withdrawnOn, 'the start of training', t.startedOn!) ?? { stage: GuizhouWithdrawalStage.MID_TERM };
  return { kind: 'state', message: `a trainee who is ${t.status} cannot withdraw` };
}

/** The return to the home institution is recorded once, for a trainee who completed, on or after the last day at the host. */
export function checkReturn(t: TraineeState, returnedOn: CalendarDate): Problem | null {
  if (t.status !== S.COMPLETED) return { kind: 'state', message: `only a trainee who completed the term returns under the plan; this one is ${t.status}` };
  if (t.returnedOn) return { kind: 'state', message: `the return is already recorded (${t.returnedOn})` };
  return before('returnedOn', returnedOn, 'the last day at the host', t.endedOn!);
}

/** A contribution is made after the return. */
export function checkContribution(t: TraineeState, achievedOn: CalendarDate): Problem | null {
  if (!t.returnedOn) return { kind: 'state', message: 'contributions are recorded for returnees; record the return first' };
  return before('achievedOn', achievedOn, 'the return', t.returnedOn);
}
