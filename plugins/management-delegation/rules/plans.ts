import { addDays, addMonths, compareDates, daysBetween, type CalendarDate, type FieldProblem } from '../../../src/index.js';
import type { DelegationConfig } from '../config.js';

/**
 * An itinerary's problems, each naming the session's field: every day within the delegation's
 * dates (the planned ones until it returns).
 */
export function itineraryProblems(sessions: readonly { day: CalendarDate }[], from: CalendarDate, to: CalendarDate): FieldProblem[] {
  return sessions.flatMap((s, i) =>
    compareDates(s.day, from) < 0 || compareDates(s.day, to) > 0 ? [{ field: `sessions.${i}.day`, message: `${s.day} is outside the delegation’s days (${from} to ${to})`, messageZh: `${s.day}不在代表团行程日期内（${from}至${to}）` }] : [],
  );
}

/** Day 1 is the first day of the trip. */
export const dayNumber = (day: CalendarDate, start: CalendarDate) => daysBetween(start, day) + 1;

/** Slots within each day, in the order given. */
export function slotsByDay(sessions: readonly { day: CalendarDate }[]): number[] {
  const seen = new Map<string, number>();
  return sessions.map((s) => {
    const n = (seen.get(s.day) ?? 0) + 1;
    seen.set(s.day, n);
    return n;
  });
}

/**
 * An action plan's milestones: at least one, at most `maxMilestones`, each due after the return
 * and within `maxPlanMonths` of it. Problems name `milestones.N.dueOn`.
 */
export function milestoneProblems(milestones: readonly { dueOn: CalendarDate }[], returnedOn: CalendarDate, config: Pick<DelegationConfig, 'maxMilestones' | 'maxPlanMonths'>): FieldProblem[] {
  if (!milestones.length) return [{ field: 'milestones', message: 'give at least one milestone', messageZh: '至少填写一个节点' }];
  if (milestones.length > config.maxMilestones) return [{ field: 'milestones', message: `at most ${config.maxMilestones} milestones`, messageZh: `节点不超过${config.maxMilestones}个` }];
  const first = addDays(returnedOn, 1);
  const last = addMonths(returnedOn, config.maxPlanMonths);
  return milestones.flatMap((m, i) =>
    compareDates(m.dueOn, first) < 0 || compareDates(m.dueOn, last) > 0 ? [{ field: `milestones.${i}.dueOn`, message: `must fall between ${first} and ${last} (within ${config.maxPlanMonths} months of the return)`, messageZh: `须在${first}至${last}之间（回国后${config.maxPlanMonths}个月内）` }] : [],
  );
}
