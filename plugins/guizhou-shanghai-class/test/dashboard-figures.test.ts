/**
 * The seed's published figures, reproduced: the data set of `scripts/figures-2022-06.json` is
 * loaded into the real guizhou tenant by the script's loader, and the commission's dashboard
 * (through the API) shows exactly 6 periods in 2 rounds, 712 trained, 470 returned, completion
 * 99.53% and excellent 96.28% over the first five periods, 406 new technologies, 283 gaps filled,
 * 20,350 grassroots staff trained.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_TENANTS, startHarness, type Harness } from '../../../test/support/harness.js';
import type { GuizhouConfig } from '../config.js';
import { loadDataset, readDataset, type LoadSummary } from '../scripts/dataset.js';

let h: Harness;
let admin: string;
let summary: LoadSummary;

const FIGURES = `trained inTraining concluded completed notCompleted withdrawnMidTerm withdrawnBeforeStart excellent returned
  completionRate completionRatePercent excellentRate excellentRatePercent
  newTechnologies gapsFilled gapsFilledProvince gapsFilledCity gapsFilledCounty cascadeSessions grassrootsTrained`;

beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS] });
  h.app.clock.set('2022-06-01T02:00:00Z');
  const tenant = (await h.app.tenancy.get('guizhou'))!;
  summary = await loadDataset(await h.app.pluginContext<GuizhouConfig>('guizhou-shanghai-class', tenant), readDataset());
  admin = await h.token('guizhou', 'viewer');
});
afterAll(async () => h?.close());

describe('the published figures, from records', () => {
  it('loaded every cohort as individual records', () => {
    expect(summary).toEqual({ cohortsCreated: 8, cohortsSkipped: 0, trainees: 714, contributions: 406 + 283 + 470 });
  });

  it('shows them overall: 712 trained, 470 returned, 99.53% completed, 96.28% excellent, 400+ technologies, 280+ gaps, 20,000+ grassroots', async () => {
    const d = await h.ok(admin, `{ guizhouDashboard { overall { ${FIGURES} } rounds { round periods } periods { period } } }`);
    expect(d.guizhouDashboard.overall).toEqual({
      trained: 712,
      inTraining: 67,
      concluded: 645,
      completed: 642,
      notCompleted: 1,
      withdrawnMidTerm: 2,
      withdrawnBeforeStart: 2,
      excellent: 621,
      returned: 470,
      completionRate: 642 / 645,
      completionRatePercent: '99.53',
      excellentRate: 621 / 645,
      excellentRatePercent: '96.28',
      newTechnologies: 406,
      gapsFilled: 283,
      gapsFilledProvince: 38,
      gapsFilledCity: 96,
      gapsFilledCounty: 149,
      cascadeSessions: 470,
      grassrootsTrained: 20_350,
    });
    expect(d.guizhouDashboard.rounds).toEqual([{ round: 1, periods: [1, 2, 3] }, { round: 2, periods: [4, 5, 6] }]);
    expect(d.guizhouDashboard.periods.map((p: { period: number }) => p.period)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives the same rates over the first five periods, since period 6 is still in training', async () => {
    const d = await h.ok(admin, `{ guizhouDashboard(periods: [1, 2, 3, 4, 5]) { overall { trained completed completionRatePercent excellentRatePercent returned } } }`);
    expect(d.guizhouDashboard.overall).toEqual({ trained: 645, completed: 642, completionRatePercent: '99.53', excellentRatePercent: '96.28', returned: 470 });
  });

  it('breaks the figures down per round and per period (and per cohort) that add up to the whole', async () => {
    const d = await h.ok(admin, `{ guizhouDashboard {
      rounds { round figures { trained completed completionRatePercent } }
      periods { period round cohorts { code } figures { trained returned newTechnologies completionRatePercent } }
      cohorts { cohort { code hostRegion } figures { trained } } } }`);
    const { rounds, periods, cohorts } = d.guizhouDashboard;
    expect(rounds).toEqual([
      { round: 1, figures: { trained: 390, completed: 388, completionRatePercent: '99.49' } },
      { round: 2, figures: { trained: 322, completed: 254, completionRatePercent: '99.61' } },
    ]);
    const p5 = periods.find((p: { period: number }) => p.period === 5);
    expect(p5.cohorts.map((c: { code: string }) => c.code).sort()).toEqual(['GZ-P5-PUMCH', 'GZ-P5-RUIJIN']);
    expect(p5).toMatchObject({ period: 5, round: 2, figures: { trained: 125, returned: 105, newTechnologies: 87, completionRatePercent: '100.00' } });
    // Period 6 has nobody concluded yet: no rate rather than a misleading 0%.
    expect(periods.find((p: { period: number }) => p.period === 6).figures).toEqual({ trained: 67, returned: 0, newTechnologies: 0, completionRatePercent: null });
    expect(cohorts.map((c: { figures: { trained: number } }) => c.figures.trained).reduce((a: number, b: number) => a + b, 0)).toBe(712);
    expect(cohorts.find((c: { cohort: { code: string } }) => c.cohort.code === 'GZ-P5-RUIJIN')).toEqual({ cohort: { code: 'GZ-P5-RUIJIN', hostRegion: 'SHANGHAI' }, figures: { trained: 40 } });
  });

  it('reads the dashboard in a constant number of SQL statements', async () => {
    const before = h.sqlCount();
    await h.ok(admin, `{ guizhouDashboard { overall { trained } } }`);
    const once = h.sqlCount() - before;
    expect(once).toBeLessThanOrEqual(4);
  });

  it('lists trainees with their relations in as many SQL statements for 100 rows as for 5', async () => {
    const q = (first: number) => `{ guizhouTrainees(first: ${first}) { nodes { status talent { name } unit { name } returnedTo { name }
      cohort { name hostInstitution { name } programme { code } } placement { status } reports { kind } contributions { category } } } }`;
    const statements = async (first: number) => {
      const before = h.sqlCount();
      const d = await h.ok(admin, q(first));
      expect(d.guizhouTrainees.nodes).toHaveLength(first);
      return h.sqlCount() - before;
    };
    expect(await statements(100)).toBe(await statements(5));
  });

  it('loading the data set again changes nothing', async () => {
    const again = await loadDataset(await h.app.pluginContext<GuizhouConfig>('guizhou-shanghai-class', (await h.app.tenancy.get('guizhou'))!), readDataset());
    expect(again).toEqual({ cohortsCreated: 0, cohortsSkipped: 8, trainees: 0, contributions: 0 });
    const d = await h.ok(admin, `{ guizhouDashboard { overall { trained returned grassrootsTrained } } }`);
    expect(d.guizhouDashboard.overall).toEqual({ trained: 712, returned: 470, grassrootsTrained: 20_350 });
  });
});
