/**
 * The demo seed on the real tenant file (tenants/wenzhou.yaml, copied beside only this plugin):
 * a 2025 call across all five tracks and several units, eligible and not, abroad and returned,
 * exactly one summary report overdue relative to today; running it again changes nothing.
 */
import { expect } from 'vitest';
import { describeDemoSeed } from '../../../test/kit/index.js';
import { wenzhouOverseasPlugin } from '../wenzhou-overseas.plugin.js';

const STATS = `{ wenzhouStatistics { applicants eligible selected abroadNow returned reportsOverdue checkInsOverdue byTrack { track applicants } outcomes { track category flagship } spending { foundationFen unitFen individualFen totalFen } } programmes(first: 10) { totalCount } }`;

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
    expect(s.checkInsOverdue).toBe(1);
    // No check-in is dated after today; ranks are numbered within each track; the committee's language score is the assessment's.
    const stays = await h.ok(admin, `{ wenzhouStays(first: 50) { nodes { track checkIns { onDate } agreement { servicePeriodMonths clauses { code } } candidacy { rank languageScore scores { languageResult } } } } }`);
    const today = (await h.ok(admin, `{ wenzhouStatistics { asOf } }`)).wenzhouStatistics.asOf;
    for (const st of stays.wenzhouStays.nodes) {
      for (const c of st.checkIns) expect(c.onDate <= today).toBe(true);
      expect(st.agreement.clauses.map((c: any) => c.code)).toEqual(['G1', 'G2', 'G3', 'T1', 'T2', 'R1', 'S1']);
      for (const sc of st.candidacy.scores) expect(sc.languageResult).toBe(st.candidacy.languageScore);
    }
    const ranked = await h.ok(admin, `{ wenzhouCandidacies(first: 50) { nodes { track rank } } }`);
    const byTrack = new Map<string, number[]>();
    for (const c of ranked.wenzhouCandidacies.nodes) if (c.rank != null) byTrack.set(c.track, [...(byTrack.get(c.track) ?? []), c.rank]);
    for (const ranks of byTrack.values()) expect([...ranks].sort((a, b) => a - b)).toEqual(ranks.map((_, i) => i + 1));
    const names = await h.ok(admin, `{ institutions(first: 50) { nodes { name } } talents(first: 50) { nodes { name } } }`);
    for (const n of [...names.institutions.nodes, ...names.talents.nodes]) expect(n.name).toMatch(/[\u4e00-\u9fff]/);
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
