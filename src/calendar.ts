/**
 * Calendar days in China (Asia/Shanghai, UTC+8 all year, no DST). A `CalendarDate` is the
 * ISO string `YYYY-MM-DD`; it is never a JS Date, so no time zone can shift it by a day.
 */
export type CalendarDate = string;
export const TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** The calendar day in Shanghai at an instant. */
export function dayInShanghai(instant: Date = new Date()): CalendarDate {
  return shanghaiDay.format(instant);
}

function parts(date: CalendarDate): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function fromUtc(d: Date): CalendarDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = parts(date);
  return fromUtc(new Date(Date.UTC(y, m - 1, d + days)));
}

/**
 * Adds calendar months; the day is clamped to the month's length
 * (31 January + 1 month = 28/29 February), which is how "within one month" is read in practice.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromUtc(target);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  const [y1, m1, d1] = parts(a);
  const [y2, m2, d2] = parts(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Whole months from `a` to `b`, counting a month only once its day is reached. */
export function monthsBetween(a: CalendarDate, b: CalendarDate): number {
  const [y1, m1, d1] = parts(a);
  const [y2, m2, d2] = parts(b);
  let months = (y2 - y1) * 12 + (m2 - m1);
  // A month ending on its last day is whole when `a`'s day does not exist in it (31 October + 6
  // months is 30 April, as addMonths clamps), so monthsBetween(a, addMonths(a, n)) is n.
  const lastDayOfB = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  if (d2 < d1 && !(months > 0 && d2 === lastDayOfB)) months -= 1;
  return months;
}

/**
 * Age in whole years on a day. Someone born on 29 February turns a year older on 1 March in
 * common years (the Chinese civil-law reading of a birthday that does not exist that year).
 */
export function ageOn(birthDate: CalendarDate, onDate: CalendarDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(onDate);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The instant a Shanghai calendar day starts (00:00 +08:00), for scheduling. */
export function startOfDayInstant(date: CalendarDate, hour = 0): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d, hour - 8));
}
