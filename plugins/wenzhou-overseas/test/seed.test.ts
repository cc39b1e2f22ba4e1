/**
 * The demo seed on the real tenant file (tenants/wenzhou.yaml, copied beside only this plugin):
 * a 2025 call across all five tracks and several units, eligible and not, abroad and returned,
 * exactly one summary report overdue relative to today; running it again changes nothing.
 */
import { expect } from 'vitest';
import { describeDemoSeed } from '../../../test/kit/index.js';
import { wenzhouOverseasPlugin } from '../wenzhou-overseas.plugin.js';

const STATS = `{ wenzhouStatistics { applicants eligible selected abroadNow returned reportsOverdue byTrack { track applicants } outcomes { track category flagship } spending { foundationFen unitFen individualFen totalFen } } programmes(first: 10) { totalCount } }`;

describeDemoSeed({
  plugins: [wenzhouOverseasPlugin],
  tenant: 'wenzhou',
  snapshot: STATS,
  async check(h, admin) {
    const s = (await h.ok(admin, STATS)).wenzhouStatistics;
    expect(s.applicants).toBe(14);
    expect(s.eligible).toBeGreaterThan(0);
    expect(s.eligible).toBeLessThan(s.applicants); // some are not eligible
    expect(s.abroadNow).toBe(2);
    expect(s.returned).toBe(3);
    expect(s.reportsOverdue).toBe(1);
    for (const t of s.byTrack) expect(t.applicants).toBeGreaterThan(0);
    expect(s.outcomes).toEqual([{ track: 'clinical_backbone', category: 'domestic_leading_technology', flagship: 1 }]);
    expect(s.spending.foundationFen + s.spending.unitFen + s.spending.individualFen).toBe(s.spending.totalFen);
    const units = await h.ok(admin, `{ institutions(first: 50, filter: { dispatching: true }) { totalCount } }`);
    expect(units.institutions.totalCount).toBeGreaterThanOrEqual(3);
    const ineligible = await h.ok(admin, `{ applications(first: 50, filter: { status: INELIGIBLE }) { nodes { eligibility { reasons { code } } } } }`);
    expect(ineligible.applications.nodes.flatMap((a: any) => a.eligibility.reasons.map((r: any) => r.code))).toEqual(
      expect.arrayContaining(['AGE_OVER_CAP', 'TITLE_BELOW_INTERMEDIATE', 'ENGLISH_INSUFFICIENT', 'ADMIN_EXPERIENCE_TOO_SHORT']),
    );
    expect((await h.ok(admin, `{ programmes(first: 10) { totalCount } }`)).programmes.totalCount).toBe(1);
  },
});
