import { dayInShanghai, type CalendarDate } from './calendar.js';

/** The platform's notion of now. Tests set it; everything date-dependent reads it. */
export class Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  today(): CalendarDate {
    return dayInShanghai(this.now());
  }

  /** Freeze the clock at an instant (tests). */
  set(instant: Date | string): void {
    this.fixed = new Date(instant);
  }

  reset(): void {
    this.fixed = null;
  }
}
