/** The demo seed in the real `wuhanunion` tenant: seed 000's three channels as a hospital office would recognise them, and idempotence. */
import { expect } from 'vitest';
import { describeDemoSeed } from '../../../test/kit/index.js';
import { hospitalOverseasPlugin } from '../hospital-overseas.plugin.js';

describeDemoSeed({
  plugins: [hospitalOverseasPlugin],
  tenant: 'wuhanunion',
  snapshot: `{ hospitalGrades { grade stays amountFen } hospitalResearchComparison { overall { people perPersonBefore perPersonAfter } } hospitalExpertStatistics { visits lectures attendance } }`,
  async check(h, office) {
    const stays = (await h.ok(office, `{ hospitalStays(first: 100) { nodes { channel grade consequence talent { name department } placement { status hostInstitution { country } } } } }`)).hospitalStays.nodes;
    expect(new Set(stays.map((s: any) => s.channel))).toEqual(new Set(['state_sponsored', 'award_2012', 'eight_year_2014']));
    expect(new Set(stays.map((s: any) => s.grade).filter(Boolean))).toEqual(new Set(['EXCELLENT', 'GOOD', 'PASS', 'FAIL']));
    expect(new Set(stays.map((s: any) => s.consequence).filter(Boolean))).toEqual(new Set(['INCENTIVE', 'NONE', 'WARNING', 'CLAWBACK']));
    expect(stays.filter((s: any) => s.placement.status === 'ACTIVE')).toHaveLength(2);
    expect(stays.every((s: any) => s.placement.hostInstitution.country !== 'CN')).toBe(true);
    expect(stays.map((s: any) => s.talent.department)).toEqual(expect.arrayContaining(['心血管内科', '肿瘤中心', '骨科', '神经外科']));
    const c = (await h.ok(office, `{ hospitalResearchComparison { overall { people perPersonBefore perPersonAfter } byAppraisalScheme { key perPersonBefore perPersonAfter } } }`)).hospitalResearchComparison;
    expect(c.overall.people).toBe(10);
    const award = c.byAppraisalScheme.find((g: any) => g.key === 'award_plan');
    const state = c.byAppraisalScheme.find((g: any) => g.key === 'state_standard');
    // seed 000's finding, in the demo: appraisal-managed stays gain more output than the standard ones
    expect(award.perPersonAfter - award.perPersonBefore).toBeGreaterThan(state.perPersonAfter - state.perPersonBefore);
    const experts = (await h.ok(office, `{ hospitalExpertStatistics { visits countries lectures attendance } }`)).hospitalExpertStatistics;
    expect(experts).toMatchObject({ visits: 5, countries: 4, lectures: 8 });
    const apps = (await h.ok(office, `{ applications(first: 100, filter: { status: INELIGIBLE }) { nodes { eligibility { reasons { code } } } } }`)).applications.nodes;
    expect(apps.flatMap((a: any) => a.eligibility.reasons.map((x: any) => x.code))).toContain('NOT_IN_TARGET_GROUP');
    expect((await h.ok(office, `{ reports(filter: { overdue: true }) { totalCount } }`)).reports.totalCount).toBe(0);
  },
});
