/** The demo seed in the real `yuping` tenant: the seed's figures, and idempotence. */
import { expect } from 'vitest';
import { describeDemoSeed } from '../../../test/kit/index.js';
import { DEMO_ROUND } from '../seed.js';

describeDemoSeed({
  // Every registered plugin: its parent region runs another scheme.
  tenant: 'yuping',
  snapshot: `{ countyDashboard { trainees mentors traineesByField { field count } independentGrade1And2Operations guidedGrade3Operations conferences newTechnologies departmentHeads departmentBackbones retention { checked stillServing } casesByKind { kind count } } countyRounds { code } }`,
  async check(h, admin) {
    const rounds = await h.ok(admin, `{ countyRounds { code status pairs { id plan { stages { kind } } placement { reports { kind } } } unmatched { reason } } }`);
    const round = rounds.countyRounds.find((r: { code: string }) => r.code === DEMO_ROUND);
    expect(round.status).toBe('CONFIRMED');
    expect(round.pairs.length).toBeGreaterThan(55);
    for (const p of round.pairs) {
      expect(p.plan.stages.map((s: { kind: string }) => s.kind)).toEqual(['THEORY', 'SUPERVISED_PRACTICE', 'INDEPENDENT_PRACTICE']);
      expect(p.placement.reports.filter((r: { kind: string }) => r.kind === 'stage_review')).toHaveLength(3);
    }
    const d = (await h.ok(admin, `{ countyDashboard { trainees traineesByField { field } independentGrade1And2Operations guidedGrade3Operations conferences newTechnologies departmentHeads departmentBackbones retention { checked } } }`)).countyDashboard;
    expect(d.traineesByField.map((f: { field: string }) => f.field).sort()).toEqual(['MEDICAL_TECHNOLOGY', 'NURSING', 'PHARMACY', 'TCM', 'WESTERN_MEDICINE']);
    expect(d.trainees).toBe(round.pairs.length);
    expect(d.independentGrade1And2Operations).toBeGreaterThanOrEqual(320);
    expect(d.guidedGrade3Operations).toBeGreaterThanOrEqual(80);
    expect(d.conferences).toBeGreaterThanOrEqual(20);
    expect(d).toMatchObject({ newTechnologies: 8, departmentHeads: 3, departmentBackbones: 24 });
    expect(d.retention.checked).toBe(d.trainees);
  },
});
