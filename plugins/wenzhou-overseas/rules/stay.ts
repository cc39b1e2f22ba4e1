/** The stay (五(二) 事中动态跟踪管理): pure checks on dates, hosts and the daily study plan. */
import { addDays, compareDates, daysBetween, type CalendarDate } from '../../../src/index.js';
import type { TrackConfig } from '../config.js';

/** Days of a stay, counting both the first and the last day. */
export const stayDays = (start: CalendarDate, end: CalendarDate) => daysBetween(start, end) + 1;

/** 一般研学…: the typical duration is guidance, so a stay outside it gets a warning, not a refusal. */
export function durationWarnings(start: CalendarDate, end: CalendarDate, track: TrackConfig): string[] {
  const days = stayDays(start, end);
  const out: string[] = [];
  if (days < track.typicalDays.min) out.push(`DURATION_SHORTER_THAN_TYPICAL: ${days} days, typically ${track.typicalDays.min}–${track.typicalDays.max}`);
  if (days > track.typicalDays.max) out.push(`DURATION_LONGER_THAN_TYPICAL: ${days} days, typically ${track.typicalDays.min}–${track.typicalDays.max}`);
  return out;
}

export interface PlanItem {
  fromDay: CalendarDate;
  toDay: CalendarDate;
}

/** 全程每日研修计划: the days of [start, end] no plan item covers (empty = the whole stay is planned). */
export function uncoveredDays(items: readonly PlanItem[], start: CalendarDate, end: CalendarDate): CalendarDate[] {
  const missing: CalendarDate[] = [];
  for (let d = start; compareDates(d, end) <= 0; d = addDays(d, 1)) {
    if (!items.some((i) => compareDates(i.fromDay, d) <= 0 && compareDates(d, i.toDay) <= 0)) missing.push(d);
  }
  return missing;
}

/** 开展定期汇报: the due day of the first period no check-in has answered (period k is due on departure + k×N). */
export function nextCheckInDue(actualStart: CalendarDate, periodsAnswered: readonly number[], everyDays: number): CalendarDate {
  const done = new Set(periodsAnswered);
  let k = 1;
  while (done.has(k)) k++;
  return addDays(actualStart, k * everyDays);
}

/** Two stays [aStart, aEnd] and [bStart, bEnd] (days, both ends included) share a day. */
export function overlaps(aStart: CalendarDate, aEnd: CalendarDate, bStart: CalendarDate, bEnd: CalendarDate): boolean {
  return compareDates(aStart, bEnd) <= 0 && compareDates(bStart, aEnd) <= 0;
}

/** Days stayed beyond the approved end (an extension without approval is a breach). */
export function unapprovedExtensionDays(approvedEnd: CalendarDate, actualEnd: CalendarDate): number {
  return Math.max(0, daysBetween(approvedEnd, actualEnd));
}
