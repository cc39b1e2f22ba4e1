import { schemeStepsOnly, type SchemeRules } from '../../../src/index.js';
import type { GuizhouConfig } from '../config.js';
import { GuizhouComponent } from '../domain.js';
import { GuizhouCohort } from '../entities/cohort.js';
import { GuizhouTrainee } from '../entities/trainee.js';
import { guizhouEligibility } from './eligibility.js';
import { GUIZHOU_OUTCOME_CATEGORIES } from './outcomes.js';
import { reportSchedule } from './reports.js';

/** The rules the core calls, as thin adapters around the pure functions beside them. */
export const guizhouRules: SchemeRules<GuizhouConfig> = {
  placementChange: schemeStepsOnly({ dates: 'guizhouTraineeStartTraining, guizhouTraineeAssess (final) and guizhouTraineeRecordReturn', withdraw: 'guizhouTraineeWithdraw' }),
  eligibility: {
    code: 'guizhou-eligibility',
    description: 'Province-, city- or county-level institutions of the region and its sub-regions; doctors, nurses, technicians and managers; intermediate title or higher; at most maxAge when the commission sets one',
    evaluate: (input, { config }) => guizhouEligibility(input, config),
  },
  reportDueDates: {
    code: 'guizhou-reports',
    description: 'Mid-term and final assessment; with the return plan, return confirmation after the term and cascade-training reports each quarter after the return',
    async evaluate(p, { em, config }) {
      // The trainee's state and return day are the scheme's facts, not the placement's: read them.
      const trainee = await em.findOne(GuizhouTrainee, { placement: p.id });
      const cohort = await em.findOne(GuizhouCohort, { programme: p.programme.id });
      return reportSchedule(
        {
          status: p.status,
          plannedStart: p.plannedStart,
          plannedEnd: p.plannedEnd,
          actualStart: p.actualStart,
          actualEnd: p.actualEnd,
          traineeStatus: trainee?.status ?? null,
          returnedOn: trainee?.returnedOn ?? null,
          returnPlan: cohort ? cohort.components.includes(GuizhouComponent.RETURN_PLAN) : true,
        },
        config,
      );
    },
  },
  outcomeCategories: {
    code: 'guizhou-outcomes',
    description: 'New technologies and therapies, technology gaps filled (with level), cascade training of grassroots staff',
    evaluate: () => GUIZHOU_OUTCOME_CATEGORIES,
  },
};
