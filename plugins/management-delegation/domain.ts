import { registerEnums } from '../../src/index.js';

/** Seed 002's itinerary: "theoretical courses, field training activities, and department exchanges". */
export enum SessionKind { COURSE = 'course', SITE_VISIT = 'site_visit', DEPARTMENT_EXCHANGE = 'department_exchange' }

/** Where a member's action plan stands (computed from its milestones and today, never stored). */
export enum PlanProgress {
  /** Every milestone done. */
  DONE = 'done',
  /** Open milestones, none past its due day. */
  ON_TRACK = 'on_track',
  /** At least one open milestone past its due day. */
  OVERDUE = 'overdue',
}

registerEnums('Delegation', {
  SessionKind: [SessionKind, 'Course, site visit or department exchange'],
  PlanProgress: [PlanProgress, 'done, on track (nothing late), or overdue (a milestone is late)'],
});
