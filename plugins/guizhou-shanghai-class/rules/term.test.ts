import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, compareDates } from '../../../src/index.js';
import { termEnd, termProblem } from './term.js';

describe('term', () => {
  it('allows 3, 6 and 12 months and refuses others naming the field', () => {
    for (const m of [3, 6, 12]) expect(termProblem(m, [3, 6, 12])).toBeNull();
    expect(termProblem(4, [3, 6, 12])).toEqual({ field: 'termMonths', message: 'must be one of 3, 6, 12 months (got 4)', messageZh: '进修期限须为 3、6、12 个月之一（收到 4）' });
    expect(termProblem(6.5, [3, 6, 12])?.field).toBe('termMonths');
  });

  it('ends the day before the same date N months later', () => {
    expect(termEnd('2022-02-08', 6)).toBe('2022-08-07');
    expect(termEnd('2021-06-01', 6)).toBe('2021-11-30');
    expect(termEnd('2016-09-01', 12)).toBe('2017-08-31');
  });

  it('always ends after it starts, and the next term would start the day after', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), fc.constantFrom(3, 6, 12), (d, m) => {
        const start = d.toISOString().slice(0, 10);
        const end = termEnd(start, m);
        expect(compareDates(end, start)).toBeGreaterThan(0);
        expect(addDays(end, 1)).toBe(addMonths(start, m));
      }),
    );
  });
});
