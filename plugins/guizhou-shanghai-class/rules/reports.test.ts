import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlacementStatus, addDays, compareDates } from '../../../src/index.js';
import { GuizhouConfig } from '../config.js';
import { GuizhouTraineeStatus as S } from '../domain.js';
import { reportSchedule, type ReportScheduleFacts } from './reports.js';
import { termEnd } from './term.js';

const cfg = GuizhouConfig.parse({});
const facts = (p: Partial<ReportScheduleFacts> = {}): ReportScheduleFacts => ({
  status: PlacementStatus.PLANNED, plannedStart: '2022-02-08', plannedEnd: '2022-08-07', actualStart: null, actualEnd: null,
  traineeStatus: S.ENROLLED, returnedOn: null, returnPlan: true, ...p,
});
const due = (f: ReportScheduleFacts) => reportSchedule(f, cfg).map((r) => `${r.kind}#${r.sequence}@${r.dueOn}`);

describe('reportSchedule', () => {
  it('owes the assessments, the return confirmation and eight quarterly cascade reports', () => {
    expect(due(facts())).toEqual([
      'mid_term_assessment#1@2022-05-09', // half of the 180 days
      'final_assessment#1@2022-08-07',
      'return_confirmation#1@2022-09-06',
      'cascade_training#1@2022-11-08', 'cascade_training#2@2023-02-08', 'cascade_training#3@2023-05-08', 'cascade_training#4@2023-08-08',
      'cascade_training#5@2023-11-08', 'cascade_training#6@2024-02-08', 'cascade_training#7@2024-05-08', 'cascade_training#8@2024-08-08',
    ]);
  });

  it('follows a late start, the actual end and the recorded return', () => {
    const late = reportSchedule(facts({ status: PlacementStatus.ACTIVE, actualStart: '2022-02-10' }), cfg);
    expect(late.find((r) => r.kind === 'final_assessment')!.dueOn).toBe('2022-08-09');
    const back = reportSchedule(facts({ status: PlacementStatus.COMPLETED, actualStart: '2022-02-08', actualEnd: '2022-08-05', traineeStatus: S.COMPLETED, returnedOn: '2022-08-20' }), cfg);
    expect(back.find((r) => r.kind === 'final_assessment')!.dueOn).toBe('2022-08-05');
    expect(back.find((r) => r.kind === 'return_confirmation')!.dueOn).toBe('2022-09-04');
    expect(back.find((r) => r.kind === 'cascade_training')!.dueOn).toBe('2022-11-20');
  });

  it('owes nothing once withdrawn; no return confirmation nor cascade training after a fail; only assessments without the return plan', () => {
    expect(due(facts({ status: PlacementStatus.WITHDRAWN }))).toEqual([]);
    expect(due(facts({ traineeStatus: S.WITHDRAWN }))).toEqual([]);
    // seed 001: the return plan counts those who "have completed training and returned to Guizhou"
    expect(due(facts({ traineeStatus: S.NOT_COMPLETED })).map((d) => d.split('#')[0])).toEqual(['mid_term_assessment', 'final_assessment']);
    expect(due(facts({ returnPlan: false })).map((d) => d.split('#')[0])).toEqual(['mid_term_assessment', 'final_assessment']);
  });

  it('orders its reports: mid-term ≤ final < confirmation, cascade quarters 1..N strictly later each, all after the return', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2010-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }),
        fc.constantFrom(3, 6, 12),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 60 }),
        (d, m, lateDays, returnDelay) => {
          const start = d.toISOString().slice(0, 10);
          const end = termEnd(start, m);
          const returnedOn = addDays(end, returnDelay);
          const r = reportSchedule(facts({ plannedStart: start, plannedEnd: end, actualStart: addDays(start, lateDays), status: PlacementStatus.ACTIVE, traineeStatus: S.COMPLETED, returnedOn }), cfg);
          const on = (k: string) => r.filter((x) => x.kind === k);
          expect(compareDates(on('mid_term_assessment')[0]!.dueOn, on('final_assessment')[0]!.dueOn)).toBeLessThanOrEqual(0);
          expect(compareDates(on('final_assessment')[0]!.dueOn, on('return_confirmation')[0]!.dueOn)).toBeLessThan(0);
          const cascade = on('cascade_training');
          expect(cascade.map((c) => c.sequence)).toEqual(Array.from({ length: cfg.cascadeReportQuarters }, (_, i) => i + 1));
          expect(compareDates(cascade[0]!.dueOn, returnedOn)).toBeGreaterThan(0);
          for (let i = 1; i < cascade.length; i++) expect(compareDates(cascade[i - 1]!.dueOn, cascade[i]!.dueOn)).toBeLessThan(0);
        },
      ),
    );
  });
});
