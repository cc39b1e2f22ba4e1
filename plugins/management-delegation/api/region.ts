import { Report, ReportStatus, TrainingGroup, TrainingGroupMember, isOverdue, type RegionFiguresDef } from '../../../src/index.js';
import { PLUGIN_KEY, type DelegationConfig } from '../config.js';
import { DelegationActionPlan } from '../entities/index.js';
import { REPORT } from '../rules/reports.js';
import { dashboardFigures } from '../rules/progress.js';

/** What the region above reads of a hospital's delegations: the dashboard's counts, nothing else. */
export const regionFigures: RegionFiguresDef<DelegationConfig> = {
  description: 'Delegations by status, members, action plans done / on track / overdue, delegation reports overdue',
  async compute(ctx) {
    const groups = await ctx.em.find(TrainingGroup, { programme: { scheme: PLUGIN_KEY } }, { fields: ['id', 'status'] });
    const ids = groups.map((g) => g.id);
    const [members, plans, reports] = await Promise.all([
      ctx.em.find(TrainingGroupMember, { group: { $in: ids } }, { fields: ['id', 'group'] }),
      ctx.em.find(DelegationActionPlan, { group: { $in: ids } }, { populate: ['milestones'] }),
      ctx.em.find(Report, { group: { $in: ids }, kind: REPORT.GROUP, status: { $in: [ReportStatus.DUE, ReportStatus.RETURNED] } }, { fields: ['id', 'status', 'dueOn'] }),
    ]);
    const f = dashboardFigures({
      groups: groups.map((g) => ({ id: g.id, status: g.status })),
      members: members.map((m) => ({ groupId: m.group.id })),
      plans: plans.map((p) => ({ groupId: p.group.id, milestones: p.milestones.getItems() })),
      today: ctx.today(),
    });
    return [
      { metric: 'delegations', value: f.delegations },
      ...f.byStatus.map((s) => ({ metric: 'delegations_by_status', group: s.status, value: s.count })),
      { metric: 'members', value: f.members },
      { metric: 'plans_filed', value: f.plansFiled },
      { metric: 'plans_done', value: f.plansDone },
      { metric: 'plans_on_track', value: f.plansOnTrack },
      { metric: 'plans_overdue', value: f.plansOverdue },
      { metric: 'delegation_reports_overdue', value: reports.filter((r) => isOverdue(r, ctx.today())).length },
    ];
  },
};
