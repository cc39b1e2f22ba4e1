import type { RegionFigure, RegionFiguresDef } from '../../../src/index.js';
import type { CountyConfig } from '../config.js';
import { computeCountyDashboard } from './dashboard.resolver.js';

/**
 * What the province reads of a county (Guizhou of Yuping): the county dashboard's figures, as
 * numbers, each saying how many people it is about so that the province's view can suppress the
 * small ones (the three department heads of the seed are fewer than five people).
 */
export const regionFigures: RegionFiguresDef<CountyConfig> = {
  description: 'The county dashboard: trainees and mentors, operations by grade, conferences, new technologies, promotions, retention',
  async compute(ctx) {
    const d = await computeCountyDashboard(ctx.em, null);
    const t = d.trainees;
    const figures: RegionFigure[] = [
      { metric: 'trainees', value: t, people: t },
      { metric: 'mentors', value: d.mentors, people: d.mentors },
      ...d.traineesByField.map((f) => ({ metric: 'trainees_by_field', group: f.field, label: f.field, value: f.count, people: f.count })),
      { metric: 'independent_grade1_2_operations', value: d.independentGrade1And2Operations, people: t },
      { metric: 'guided_grade3_operations', value: d.guidedGrade3Operations, people: t },
      { metric: 'conferences', value: d.conferences, people: t },
      { metric: 'new_technologies', value: d.newTechnologies, people: t },
      { metric: 'department_heads', value: d.departmentHeads, people: d.departmentHeads },
      { metric: 'department_backbones', value: d.departmentBackbones, people: d.departmentBackbones },
      { metric: 'retention_checked', value: d.retention.checked, people: d.retention.checked },
      { metric: 'retention_still_serving', value: d.retention.stillServing, people: d.retention.stillServing },
    ];
    return figures;
  },
};
