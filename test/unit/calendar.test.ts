import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, dayInShanghai, daysBetween, isCalendarDate, monthsBetween, startOfDayInstant } from '../../src/calendar.js';

describe('calendar days in Asia/Shanghai', () => {
  it('reads the Shanghai day of an instant, not the UTC one', () => {
    expect(dayInShanghai(new Date('2025-06-30T16:00:00Z'))).toBe('2025-07-01');
    expect(dayInShanghai(new Date('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
    expect(startOfDayInstant('2025-07-01').toISOString()).toBe('2025-06-30T16:00:00.000Z');
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
  });

  it('computes age in whole years, a birthday counting from its own day', () => {
    expect(ageOn('1969-06-30', '2025-06-29')).toBe(55);
    expect(ageOn('1969-06-30', '2025-06-30')).toBe(56);
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('2000-02-29', '2001-03-01')).toBe(1);
  });

  it('adds months clamping to the month’s end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-10-31', 1)).toBe('2025-11-30');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(monthsBetween('2022-03-01', '2025-02-28')).toBe(35);
    expect(monthsBetween('2022-03-01', '2025-03-01')).toBe(36);
    // Month ends: a stay from 31 October for six months ends on 29 April (30 April exclusive).
    expect(monthsBetween('2026-10-31', '2027-04-30')).toBe(6);
    expect(monthsBetween('2026-10-31', '2027-04-29')).toBe(5);
    expect(monthsBetween('2024-01-30', '2024-02-29')).toBe(1);
    expect(monthsBetween('2025-01-30', '2025-02-27')).toBe(0);
  });

  it('monthsBetween counts the months addMonths added (property)', () => {
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 240 }), (d, n) => monthsBetween(d, addMonths(d, n)) === n && monthsBetween(d, addDays(addMonths(d, n), -1)) === n - 1));
  });

  const day = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('addDays and daysBetween are inverse (property)', () => {
    fc.assert(fc.property(day, fc.integer({ min: -3000, max: 3000 }), (d, n) => daysBetween(d, addDays(d, n)) === n && isCalendarDate(addDays(d, n))));
  });

  it('age never decreases and grows by one a year (property)', () => {
    fc.assert(
      fc.property(day, day, (birth, on) => {
        fc.pre(birth <= on);
        const a = ageOn(birth, on);
        return a >= 0 && ageOn(birth, addMonths(on, 12)) === a + 1 || (birth.endsWith('02-29') && ageOn(birth, addMonths(on, 12)) >= a);
      }),
    );
  });
});
