import { describe, expect, it } from 'vitest';
import { GuizhouAssessmentStage as A, GuizhouGrade as G, GuizhouTraineeStatus as S, GuizhouWithdrawalStage as W } from '../domain.js';
import { checkAssessment, checkContribution, checkReturn, checkStart, checkWithdrawal, statusAfterFinal, type TraineeState } from './lifecycle.js';

const enrolled: TraineeState = { status: S.ENROLLED };
const training: TraineeState = { status: S.IN_TRAINING, startedOn: '2022-02-08' };
const completed: TraineeState = { status: S.COMPLETED, startedOn: '2022-02-08', endedOn: '2022-08-07' };

describe('trainee lifecycle', () => {
  it('starts only from enrolled', () => {
    expect(checkStart(enrolled)).toBeNull();
    for (const status of [S.IN_TRAINING, S.COMPLETED, S.NOT_COMPLETED, S.WITHDRAWN]) expect(checkStart({ status })?.kind).toBe('state');
  });

  it('assesses only in training, not before the start, mid-term once, final not before mid-term', () => {
    expect(checkAssessment(training, A.MID_TERM, '2022-05-09', null)).toBeNull();
    expect(checkAssessment(enrolled, A.MID_TERM, '2022-05-09', null)?.kind).toBe('state');
    expect(checkAssessment(training, A.MID_TERM, '2022-01-01', null)).toMatchObject({ kind: 'input', field: 'assessedOn' });
    expect(checkAssessment({ ...training, midTermAssessedOn: '2022-05-09' }, A.MID_TERM, '2022-05-10', null)?.kind).toBe('state');
    expect(checkAssessment({ ...training, midTermAssessedOn: '2022-05-09' }, A.FINAL, '2022-05-01', '2022-08-07')).toMatchObject({ kind: 'input', field: 'assessedOn' });
    expect(checkAssessment(training, A.FINAL, '2022-08-07', '2022-02-01')).toMatchObject({ kind: 'input', field: 'endedOn' });
    expect(checkAssessment(training, A.FINAL, '2022-08-07', '2022-08-07')).toBeNull();
  });

  it('completes on excellent or pass, not on fail', () => {
    expect([G.EXCELLENT, G.PASS, G.FAIL].map(statusAfterFinal)).toEqual([S.COMPLETED, S.COMPLETED, S.NOT_COMPLETED]);
  });

  it('withdraws before the start or mid-term, never after the term', () => {
    expect(checkWithdrawal(enrolled, '2022-01-01')).toEqual({ stage: W.BEFORE_START });
    expect(checkWithdrawal(training, '2022-04-01')).toEqual({ stage: W.MID_TERM });
    expect(checkWithdrawal(training, '2022-01-01')).toMatchObject({ kind: 'input', field: 'withdrawnOn' });
    for (const status of [S.COMPLETED, S.NOT_COMPLETED, S.WITHDRAWN]) expect(checkWithdrawal({ ...completed, status }, '2022-09-01')).toMatchObject({ kind: 'state' });
  });

  it('records one return, after the term, for a trainee who completed; contributions after it', () => {
    expect(checkReturn(completed, '2022-08-15')).toBeNull();
    expect(checkReturn(completed, '2022-08-01')).toMatchObject({ kind: 'input', field: 'returnedOn' });
    expect(checkReturn({ ...completed, status: S.NOT_COMPLETED }, '2022-08-15')?.kind).toBe('state');
    expect(checkReturn({ ...completed, returnedOn: '2022-08-15' }, '2022-08-16')?.kind).toBe('state');
    expect(checkContribution(completed, '2022-09-01')?.kind).toBe('state');
    expect(checkContribution({ ...completed, returnedOn: '2022-08-15' }, '2022-08-01')).toMatchObject({ kind: 'input', field: 'achievedOn' });
    expect(checkContribution({ ...completed, returnedOn: '2022-08-15' }, '2022-09-01')).toBeNull();
  });
});
