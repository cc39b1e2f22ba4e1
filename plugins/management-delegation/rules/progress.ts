import { GroupStatus, compareDates, type CalendarDate } from '../../../src/index.js';
import { PlanProgress } from '../domain.js';

/** Done when every milestone is; overdue when an open one is past its due day; else on track. */
export function planProgress(milestones: readonly { dueOn: CalendarDate; doneOn?: CalendarDate | null }[], today: CalendarDate): PlanProgress {
  const open = milestones.filter((m) => !m.doneOn);
  if (milestones.length && !open.length) return PlanProgress.DONE;
  return open.some((m) => compareDates(m.dueOn, today) < 0) ? PlanProgress.OVERDUE : PlanProgress.ON_TRACK;
}

export interface DashboardInput {
  groups: readonly { id: string; status: GroupStatus }[];
  /** Every member of those groups. */
  members: readonly { groupId: string }[];
  plans: readonly { groupId: string; milestones: readonly { dueOn: CalendarDate; doneOn?: CalendarDate | null }[] }[];
  today: CalendarDate;
}

export interface DashboardFigures {
  delegations: number;
  byStatus: { status: GroupStatus; count: number }[];
  members: number;
  /** Members of returned delegations, who owe an action plan. */
  membersReturned: number;
  plansFiled: number;
  plansDone: number;
  plansOnTrack: number;
  plansOverdue: number;
}

/** The hospital office's dashboard, from plain rows. */
export function dashboardFigures(d: DashboardInput): DashboardFigures {
  const returned = new Set(d.groups.filter((g) => g.status === GroupStatus.RETURNED).map((g) => g.id));
  const progress = d.plans.map((p) => planProgress(p.milestones, d.today));
  return {
    delegations: d.groups.length,
    byStatus: Object.values(GroupStatus).map((status) => ({ status, count: d.groups.filter((g) => g.status === status).length })),
    members: d.members.length,
    membersReturned: d.members.filter((m) => returned.has(m.groupId)).length,
    plansFiled: d.plans.length,
    plansDone: progress.filter((p) => p === PlanProgress.DONE).length,
    plansOnTrack: progress.filter((p) => p === PlanProgress.ON_TRACK).length,
    plansOverdue: progress.filter((p) => p === PlanProgress.OVERDUE).length,
  };
}
