import type { RegionFigure, RegionFiguresDef } from '../../../src/index.js';
import type { HospitalConfig } from '../config.js';
import { HospitalExpertVisit, HospitalLecture, HospitalStay } from '../entities/index.js';
import { researchComparison } from './comparison.js';

/**
 * What the province (the commission above the hospital's tenant) reads: the comparison per
 * channel and per appraisal scheme, graded stays, visiting experts — as numbers.
 */
export const regionFigures: RegionFiguresDef<HospitalConfig> = {
  description: 'Research output per person before and after the stay (per channel and appraisal scheme), graded stays, visiting experts',
  async compute(ctx) {
    const c = await researchComparison(ctx.em, ctx.config, ctx.config.comparisonWindowMonths, ctx.today());
    const figures: RegionFigure[] = [];
    for (const [by, groups] of [['channel', c.byChannel], ['appraisal_scheme', c.byAppraisalScheme]] as const) {
      for (const g of groups) {
        figures.push(
          { metric: `${by}.stays_compared`, group: g.key, label: g.label, value: g.people, people: g.people },
          { metric: `${by}.outputs_per_person_before`, group: g.key, label: g.label, value: g.perPersonBefore ?? 0, people: g.people, additive: false },
          { metric: `${by}.outputs_per_person_after`, group: g.key, label: g.label, value: g.perPersonAfter ?? 0, people: g.people, additive: false },
          { metric: `${by}.sci_papers_before`, group: g.key, label: g.label, value: g.before.sciPapers },
          { metric: `${by}.sci_papers_after`, group: g.key, label: g.label, value: g.after.sciPapers },
        );
      }
    }
    const [stays, graded, visits, lectures] = await Promise.all([
      ctx.em.count(HospitalStay, {}),
      ctx.em.count(HospitalStay, { grade: { $ne: null } }),
      ctx.em.count(HospitalExpertVisit, {}),
      ctx.em.find(HospitalLecture, {}, { fields: ['attendance'] }),
    ]);
    figures.push(
      { metric: 'stays', value: stays },
      { metric: 'stays_graded', value: graded },
      { metric: 'expert_visits', value: visits },
      { metric: 'lectures', value: lectures.length },
      { metric: 'lecture_attendance', value: lectures.reduce((a, l) => a + l.attendance, 0) },
    );
    return figures;
  },
};
