/**
 * Demo data for `npm start`: two rounds, five periods at the four host regions, and trainees in
 * every state — enrolled (a class starting next month), in training, completed (excellent and
 * pass), not completed, withdrawn before the start and mid-term, returned or not yet — with
 * contributions after the return, some verified and some not. Dates are set relative to the day
 * the demo is first seeded. Idempotent: a cohort whose code exists is left alone.
 */
import { addMonths, type CalendarDate, type TenantContext } from '../../src/index.js';
import type { GuizhouConfig } from './config.js';
import { GuizhouComponent as C, GuizhouSubPlan as P } from './domain.js';
import { loadDataset, readDataset, type Dataset } from './scripts/dataset.js';

export function demoDataset(today: CalendarDate): Dataset {
  const month = `${today.slice(0, 8)}01`;
  const { hosts, units } = readDataset();
  const both = [C.CULTIVATION, C.RETURN_PLAN];
  const none = { enrolled: 0, inTraining: 0, excellent: 0, pass: 0, failed: 0, withdrawnMidTerm: 0, withdrawnBeforeStart: 0, returned: 0 };
  return {
    name: 'Guizhou demo',
    hosts,
    units,
    cohorts: [
      {
        code: 'GZ-DEMO-P1-PUMCH', name: 'Demo period 1, Peking Union Medical College Hospital', round: 1, period: 1, host: 'pumch',
        startDate: addMonths(month, -48), termMonths: 12, subPlans: [P.CLIMBING, P.BACKBONE], components: both,
        trainees: { ...none, excellent: 5, pass: 1, returned: 5 },
        contributions: { newTechnologies: 3, gapsProvince: 1, gapsCity: 1, gapsCounty: 1, cascadeSessions: 4, grassrootsTrained: 160, verified: true },
      },
      {
        code: 'GZ-DEMO-P2-ZJU', name: 'Demo period 2, First Affiliated Hospital of Zhejiang University', round: 1, period: 2, host: 'zju1',
        startDate: addMonths(month, -36), termMonths: 6, subPlans: [P.BACKBONE, P.FOREST_CULTIVATION], components: both,
        trainees: { ...none, excellent: 4, pass: 1, failed: 1, withdrawnMidTerm: 1, returned: 4 },
        contributions: { newTechnologies: 2, gapsProvince: 0, gapsCity: 0, gapsCounty: 2, cascadeSessions: 3, grassrootsTrained: 95, verified: false },
      },
      {
        code: 'GZ-DEMO-P3-RUIJIN', name: 'Demo Ruijin class, phase 1', round: 2, period: 3, host: 'ruijin',
        startDate: addMonths(month, -10), termMonths: 6, subPlans: [P.BACKBONE, P.FOREST_CULTIVATION], components: both,
        trainees: { ...none, excellent: 5, pass: 1, withdrawnBeforeStart: 1, returned: 3 },
        contributions: { newTechnologies: 1, gapsProvince: 0, gapsCity: 0, gapsCounty: 0, cascadeSessions: 1, grassrootsTrained: 30, verified: false },
      },
      {
        code: 'GZ-DEMO-P4-SYSU', name: 'Demo period 4, First Affiliated Hospital of Sun Yat-sen University', round: 2, period: 4, host: 'sysu1',
        startDate: addMonths(month, -2), termMonths: 6, subPlans: [P.FOREST_CULTIVATION, P.BACKBONE], components: both,
        trainees: { ...none, inTraining: 6, withdrawnMidTerm: 1 },
      },
      {
        code: 'GZ-DEMO-P5-RUIJIN', name: 'Demo Ruijin class, phase 2', round: 2, period: 5, host: 'ruijin',
        startDate: addMonths(month, 1), termMonths: 3, subPlans: [P.BACKBONE, P.OUTSTANDING], components: both, capacity: 8,
        trainees: { ...none, enrolled: 5, withdrawnBeforeStart: 1 },
      },
    ],
  };
}

export async function seedDemo(ctx: TenantContext<GuizhouConfig>): Promise<void> {
  const summary = await loadDataset(ctx, demoDataset(ctx.today()));
  ctx.log.info(summary, 'guizhou-shanghai-class demo data');
}
