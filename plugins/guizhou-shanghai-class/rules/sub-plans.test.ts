import { describe, expect, it } from 'vitest';
import { GuizhouConfig } from '../config.js';
import { GuizhouHostRegion as R, GuizhouSubPlan as P } from '../domain.js';
import { hostSubPlanProblems } from './sub-plans.js';

const cfg = GuizhouConfig.parse({});

describe('hostSubPlanProblems (分层分类: which hosts receive which sub-plan)', () => {
  it('Guangdong receives the forest-cultivation and backbone plans only (seed 001: "included in the training and receiving units of … Forest Cultivation Plan and … backbone Plan")', () => {
    expect(hostSubPlanProblems(R.GUANGDONG, [P.FOREST_CULTIVATION, P.BACKBONE], cfg)).toEqual([]);
    const problems = hostSubPlanProblems(R.GUANGDONG, [P.BACKBONE, P.CLIMBING, P.OUTSTANDING], cfg);
    expect(problems.map((p) => p.field)).toEqual(['subPlans', 'subPlans']);
    expect(problems[0]!.message).toContain('登峰人才');
    expect(problems[1]!.message).toContain('优才');
  });

  it('a region the configuration does not list receives every sub-plan', () => {
    for (const region of [R.SHANGHAI, R.BEIJING, R.ZHEJIANG]) expect(hostSubPlanProblems(region, Object.values(P), cfg)).toEqual([]);
  });

  it('follows the configuration', () => {
    const narrowed = GuizhouConfig.parse({ subPlansByHostRegion: { shanghai: ['backbone'] } });
    expect(hostSubPlanProblems(R.SHANGHAI, [P.CLIMBING], narrowed, 'applicationId')[0]!.field).toBe('applicationId');
    expect(hostSubPlanProblems(R.GUANGDONG, [P.CLIMBING], narrowed)).toEqual([]); // replaced, not merged
  });
});
