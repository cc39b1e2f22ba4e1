import { describe, expect, it } from 'vitest';
import { GroupStatus, PlacementStatus } from '../../../src/index.js';
import { DelegationConfig } from '../config.js';
import { PlanProgress } from '../domain.js';
import { dayNumber, itineraryProblems, milestoneProblems, slotsByDay } from './plans.js';
import { dashboardFigures, planProgress } from './progress.js';
import { groupReportsDue, memberReportsDue } from './reports.js';

const config = DelegationConfig.parse({});

describe('configuration', () => {
  it('every default says it is a local default (seed 002 fixes none of these numbers)', () => {
    for (const [key, field] of Object.entries(DelegationConfig.shape)) expect(field.description, key).toMatch(/^local default: /);
    expect(config).toEqual({ memberCap: 15, groupReportDueDays: 30, actionPlanDueDays: 14, maxPlanMonths: 12, maxMilestones: 12 });
  });
});

describe('what is owed after return', () => {
  it('the delegation report: one, groupReportDueDays after the return, only once returned', () => {
    expect(groupReportsDue({ status: GroupStatus.UNDERWAY, actualEnd: null, name: 'D' }, config)).toEqual([]);
    expect(groupReportsDue({ status: GroupStatus.RETURNED, actualEnd: '2019-11-17', name: 'D' }, config)).toEqual([{ kind: 'delegation_report', title: '代表团总结报告：D Delegation report: D', dueOn: '2019-12-17' }]);
  });

  it("each member's action plan, then a report per milestone on its day", () => {
    expect(memberReportsDue({ status: PlacementStatus.ACTIVE, actualEnd: null }, [], config)).toEqual([]);
    const due = memberReportsDue({ status: PlacementStatus.COMPLETED, actualEnd: '2019-11-17' }, [{ sequence: 1, title: '调研', dueOn: '2020-01-15' }, { sequence: 2, title: '试点', dueOn: '2020-06-30' }], config);
    expect(due.map((d) => [d.kind, d.sequence ?? 1, d.dueOn])).toEqual([
      ['action_plan', 1, '2019-12-01'],
      ['action_plan_milestone', 1, '2020-01-15'],
      ['action_plan_milestone', 2, '2020-06-30'],
    ]);
  });
});

describe('plans and itinerary', () => {
  it('progress: done when all milestones are, overdue when an open one is late, else on track', () => {
    expect(planProgress([{ dueOn: '2020-01-01', doneOn: '2019-12-30' }], '2020-05-01')).toBe(PlanProgress.DONE);
    expect(planProgress([{ dueOn: '2020-01-01', doneOn: '2019-12-30' }, { dueOn: '2020-04-30' }], '2020-05-01')).toBe(PlanProgress.OVERDUE);
    expect(planProgress([{ dueOn: '2020-05-01' }], '2020-05-01')).toBe(PlanProgress.ON_TRACK); // due today is not late
  });

  it('milestones fall after the return and within maxPlanMonths of it, each problem naming its field', () => {
    expect(milestoneProblems([], '2019-11-17', config)).toEqual([{ field: 'milestones', message: 'give at least one milestone', messageZh: '至少填写一个节点' }]);
    expect(milestoneProblems([{ dueOn: '2019-11-18' }, { dueOn: '2020-11-17' }], '2019-11-17', config)).toEqual([]);
    expect(milestoneProblems([{ dueOn: '2019-11-17' }, { dueOn: '2020-11-18' }], '2019-11-17', config).map((p) => p.field)).toEqual(['milestones.0.dueOn', 'milestones.1.dueOn']);
  });

  it('sessions lie within the trip; days are numbered from 1 and slots within a day keep their order', () => {
    expect(itineraryProblems([{ day: '2019-11-10' }, { day: '2019-11-18' }], '2019-11-10', '2019-11-17')).toEqual([{ field: 'sessions.1.day', message: '2019-11-18 is outside the delegation’s days (2019-11-10 to 2019-11-17)', messageZh: '2019-11-18不在代表团行程日期内（2019-11-10至2019-11-17）' }]);
    expect(dayNumber('2019-11-17', '2019-11-10')).toBe(8);
    expect(slotsByDay([{ day: 'a' }, { day: 'b' }, { day: 'a' }])).toEqual([1, 1, 2]);
  });

  it('the dashboard counts delegations by status, members, and plans by progress', () => {
    const f = dashboardFigures({
      groups: [{ id: 'g1', status: GroupStatus.RETURNED }, { id: 'g2', status: GroupStatus.PLANNED }],
      members: [{ groupId: 'g1' }, { groupId: 'g1' }, { groupId: 'g2' }],
      plans: [
        { groupId: 'g1', milestones: [{ dueOn: '2020-01-01', doneOn: '2020-01-01' }] },
        { groupId: 'g1', milestones: [{ dueOn: '2020-01-01' }] },
      ],
      today: '2020-02-01',
    });
    expect(f).toMatchObject({ delegations: 2, members: 3, membersReturned: 2, plansFiled: 2, plansDone: 1, plansOnTrack: 0, plansOverdue: 1 });
    expect(f.byStatus).toEqual([{ status: 'planned', count: 1 }, { status: 'underway', count: 0 }, { status: 'returned', count: 1 }, { status: 'cancelled', count: 0 }]);
  });
});
