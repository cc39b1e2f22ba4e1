/**
 * Demo data for `npm start`: the plan's cohorts as seed 001 gives them, in Chinese, dated relative
 * to the day the demo is first seeded. Six periods in two rounds as the plugin documents them
 * (periods 1–3 in round 1, 4–6 in round 2) at the four host regions: Beijing and Zhejiang first;
 * the Ruijin class phase 1 (period 5: 40 trainees, all completed and returned, "the first phase …
 * 40 students have completed advanced study and returned to work"); the Ruijin class phase 2
 * (period 6: 52 trainees in training "for half a year"); and a Guangdong class of period 6 (the
 * 育林 and 骨干 plans only) starting next month. Trainees are in every state — enrolled, in
 * training, completed (excellent and pass), not completed, withdrawn before the start and mid-term,
 * returned or not yet — with contributions after the return, some verified and some not. Concluded
 * history owes no reports; only the open placements do, none of them overdue on the day.
 * Idempotent: a cohort whose code exists is left alone.
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
    name: '黔医人才计划演示数据',
    hosts,
    units,
    cohorts: [
      {
        code: 'GZ-DEMO-P1-PUMCH', name: '第1期 北京协和医院班', round: 1, period: 1, host: 'pumch',
        startDate: addMonths(month, -62), termMonths: 12, subPlans: [P.CLIMBING, P.BACKBONE], components: both,
        trainees: { ...none, excellent: 5, pass: 1, returned: 5 },
        contributions: { newTechnologies: 3, gapsProvince: 1, gapsCity: 1, gapsCounty: 1, cascadeSessions: 4, grassrootsTrained: 160, verified: true },
      },
      {
        code: 'GZ-DEMO-P2-ZJU', name: '第2期 浙江大学医学院附属第一医院班', round: 1, period: 2, host: 'zju1',
        startDate: addMonths(month, -50), termMonths: 6, subPlans: [P.BACKBONE, P.FOREST_CULTIVATION], components: both,
        trainees: { ...none, excellent: 4, pass: 1, failed: 1, withdrawnMidTerm: 1, returned: 4 },
        contributions: { newTechnologies: 2, gapsProvince: 0, gapsCity: 0, gapsCounty: 2, cascadeSessions: 3, grassrootsTrained: 95, verified: false },
      },
      {
        code: 'GZ-DEMO-P3-PUMCH', name: '第3期 北京协和医院班', round: 1, period: 3, host: 'pumch',
        startDate: addMonths(month, -40), termMonths: 12, subPlans: [P.CLIMBING, P.BACKBONE], components: both,
        trainees: { ...none, excellent: 5, pass: 1, returned: 6 },
        contributions: { newTechnologies: 2, gapsProvince: 1, gapsCity: 1, gapsCounty: 0, cascadeSessions: 2, grassrootsTrained: 80, verified: true },
      },
      {
        code: 'GZ-DEMO-P4-ZJU', name: '第4期 浙江大学医学院附属第一医院班', round: 2, period: 4, host: 'zju1',
        startDate: addMonths(month, -28), termMonths: 6, subPlans: [P.BACKBONE, P.OUTSTANDING], components: both,
        trainees: { ...none, excellent: 5, pass: 1, withdrawnBeforeStart: 1, returned: 3 },
        contributions: { newTechnologies: 1, gapsProvince: 0, gapsCity: 0, gapsCounty: 1, cascadeSessions: 1, grassrootsTrained: 30, verified: false },
      },
      {
        code: 'GZ-DEMO-P5-RUIJIN', name: '黔医人才计划上海瑞金班第一期', round: 2, period: 5, host: 'ruijin',
        startDate: addMonths(month, -16), termMonths: 6, subPlans: [P.BACKBONE, P.FOREST_CULTIVATION], components: both,
        trainees: { ...none, excellent: 38, pass: 2, returned: 40 },
        contributions: { newTechnologies: 6, gapsProvince: 1, gapsCity: 2, gapsCounty: 3, cascadeSessions: 10, grassrootsTrained: 420, verified: true },
      },
      {
        code: 'GZ-DEMO-P6-RUIJIN', name: '黔医人才计划上海瑞金班第二期', round: 2, period: 6, host: 'ruijin',
        startDate: addMonths(month, -2), termMonths: 6, subPlans: [P.BACKBONE, P.FOREST_CULTIVATION], components: both,
        trainees: { ...none, inTraining: 52 },
      },
      {
        code: 'GZ-DEMO-P6-SYSU', name: '第6期 中山大学附属第一医院班', round: 2, period: 6, host: 'sysu1',
        startDate: addMonths(month, 1), termMonths: 6, subPlans: [P.FOREST_CULTIVATION, P.BACKBONE], components: both, capacity: 8,
        trainees: { ...none, enrolled: 6, withdrawnBeforeStart: 1 },
      },
    ],
  };
}

export async function seedDemo(ctx: TenantContext<GuizhouConfig>): Promise<void> {
  const summary = await loadDataset(ctx, demoDataset(ctx.today()));
  ctx.log.info(summary, 'guizhou-shanghai-class demo data');
}
