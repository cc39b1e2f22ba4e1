import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_TENANTS, startHarness, type Harness } from '../../../test/support/harness.js';
import { DEMO_ROUND } from '../seed.js';

/** The demo seed in the real `yuping` tenant: the seed's figures, and idempotence. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ tenantsDirs: [REPO_TENANTS], seedDemo: true });
});
afterAll(async () => h?.close());

const DASH = `{ countyDashboard { trainees mentors traineesByField { field count } independentGrade1And2Operations guidedGrade3Operations conferences newTechnologies departmentHeads departmentBackbones retention { checked stillServing } casesByKind { kind count } } }`;

describe('demo seed (yuping)', () => {
  it('seeds a county of the seed’s shape: five fields, a confirmed round, figures like the report’s', async () => {
    const admin = await h.token('yuping', 'commission-admin');
    const rounds = await h.ok(admin, `{ countyRounds { code status pairs { id plan { stages { kind } } placement { reports { kind } } } unmatched { reason } } }`);
    const round = rounds.countyRounds.find((r: { code: string }) => r.code === DEMO_ROUND);
    expect(round.status).toBe('CONFIRMED');
    expect(round.pairs.length).toBeGreaterThan(55);
    for (const p of round.pairs) {
      expect(p.plan.stages.map((s: { kind: string }) => s.kind)).toEqual(['THEORY', 'SUPERVISED_PRACTICE', 'INDEPENDENT_PRACTICE']);
      expect(p.placement.reports.filter((r: { kind: string }) => r.kind === 'stage_review')).toHaveLength(3);
    }
    const d = (await h.ok(admin, DASH)).countyDashboard;
    expect(d.traineesByField.map((f: { field: string }) => f.field).sort()).toEqual(['MEDICAL_TECHNOLOGY', 'NURSING', 'PHARMACY', 'TCM', 'WESTERN_MEDICINE']);
    expect(d.trainees).toBe(round.pairs.length);
    expect(d.independentGrade1And2Operations).toBeGreaterThanOrEqual(320);
    expect(d.guidedGrade3Operations).toBeGreaterThanOrEqual(80);
    expect(d.conferences).toBeGreaterThanOrEqual(20);
    expect(d).toMatchObject({ newTechnologies: 8, departmentHeads: 3, departmentBackbones: 24 });
    expect(d.retention.checked).toBe(d.trainees);
  });

  it('is idempotent: seeding again changes nothing', async () => {
    const admin = await h.token('yuping', 'commission-admin');
    const before = await h.ok(admin, DASH);
    const tenant = (await h.app.tenancy.get('yuping'))!;
    await h.app.seedDemo(tenant);
    expect(await h.ok(admin, DASH)).toEqual(before);
    const talents = await h.ok(admin, `{ talents { totalCount } countyRounds { code } }`);
    expect(talents.countyRounds.filter((r: { code: string }) => r.code === DEMO_ROUND)).toHaveLength(1);
  });
});
