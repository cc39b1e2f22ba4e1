import { addDays, GroupStatus, PlacementStatus, type CalendarDate, type GroupFacts, type ReportDue } from '../../../src/index.js';
import type { DelegationConfig } from '../config.js';

export const REPORT = {
  GROUP: 'delegation_report',
  PLAN: 'action_plan',
  MILESTONE: 'action_plan_milestone',
} as const;

/** What the delegation owes as a group: one report, due `groupReportDueDays` after return. */
export function groupReportsDue(g: Pick<GroupFacts, 'status' | 'actualEnd' | 'name'>, config: Pick<DelegationConfig, 'groupReportDueDays'>): ReportDue[] {
  if (g.status !== GroupStatus.RETURNED || !g.actualEnd) return [];
  return [{ kind: REPORT.GROUP, title: `代表团总结报告：${g.name} Delegation report: ${g.name}`, dueOn: addDays(g.actualEnd, config.groupReportDueDays) }];
}

/**
 * What each member owes after return, on their placement: the action plan itself, due
 * `actionPlanDueDays` after return, then one report per milestone on its due day (handing in the
 * report is completing the milestone).
 */
export function memberReportsDue(
  p: { status: PlacementStatus; actualEnd: CalendarDate | null },
  milestones: readonly { sequence: number; title: string; dueOn: CalendarDate }[],
  config: Pick<DelegationConfig, 'actionPlanDueDays'>,
): ReportDue[] {
  if (p.status !== PlacementStatus.COMPLETED || !p.actualEnd) return [];
  return [
    { kind: REPORT.PLAN, title: '行动计划 Action plan (improvement project)', dueOn: addDays(p.actualEnd, config.actionPlanDueDays) },
    ...milestones.map((m) => ({ kind: REPORT.MILESTONE, sequence: m.sequence, title: `行动计划节点${m.sequence}：${m.title} Milestone ${m.sequence}: ${m.title}`, dueOn: m.dueOn })),
  ];
}
