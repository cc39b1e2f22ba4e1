/** The demo seed: two rounds, several periods, trainees in every state; idempotent. */
import { expect } from 'vitest';
import { describeDemoSeed } from '../../../test/kit/index.js';

describeDemoSeed({
  tenant: 'guizhou',
  // Its Yuping county is inside it: the seed enrols Yuping's hospitals' staff too.
  with: ['yuping'],
  today: '2026-03-15T02:00:00Z',
  snapshot: `{ guizhouCohorts(first: 50) { totalCount } guizhouTrainees(first: 1) { totalCount } guizhouDashboard { overall { trained completed returned grassrootsTrained } } }`,
  check: {
    async 'creates two rounds of cohorts at the four host regions'(h, admin) {
      const d = await h.ok(admin, `{ guizhouCohorts(first: 50) { totalCount nodes { round period hostRegion startDate } } }`);
      expect(d.guizhouCohorts.totalCount).toBe(5);
      expect(new Set(d.guizhouCohorts.nodes.map((c: { round: number }) => c.round))).toEqual(new Set([1, 2]));
      expect(new Set(d.guizhouCohorts.nodes.map((c: { hostRegion: string }) => c.hostRegion))).toEqual(new Set(['BEIJING', 'ZHEJIANG', 'SHANGHAI', 'GUANGDONG']));
      const t = await h.ok(admin, `{ guizhouTrainees(first: 1) { totalCount } }`);
      expect(t.guizhouTrainees.totalCount).toBe(33); // 6 + 7 + 7 + 7 + 6 enrolments
    },

    async 'has trainees in every state'(h, admin) {
      const d = await h.ok(admin, `{ guizhouTrainees(first: 500) { nodes { status withdrawalStage returnedOn finalGrade contributions { verified } } } }`);
      const nodes = d.guizhouTrainees.nodes as { status: string; withdrawalStage: string | null; returnedOn: string | null; finalGrade: string | null; contributions: { verified: boolean }[] }[];
      const states = new Set(nodes.map((n) => `${n.status}${n.withdrawalStage ? `/${n.withdrawalStage}` : ''}`));
      expect(states).toEqual(new Set(['ENROLLED', 'IN_TRAINING', 'COMPLETED', 'NOT_COMPLETED', 'WITHDRAWN/BEFORE_START', 'WITHDRAWN/MID_TERM']));
      const completed = nodes.filter((n) => n.status === 'COMPLETED');
      expect(new Set(completed.map((n) => n.finalGrade))).toEqual(new Set(['EXCELLENT', 'PASS']));
      expect(completed.some((n) => n.returnedOn) && completed.some((n) => !n.returnedOn)).toBe(true);
      expect(new Set(nodes.flatMap((n) => n.contributions.map((c) => c.verified)))).toEqual(new Set([true, false]));
    },

    async 'gives open placements their reminders-to-be, and every application an eligible verdict'(h, admin) {
      const d = await h.ok(admin, `{ guizhouTrainees(first: 500, filter: { status: IN_TRAINING }) { nodes { startedOn reports { kind dueOn status } } } }`);
      for (const n of d.guizhouTrainees.nodes) {
        expect(n.reports.map((r: { kind: string }) => r.kind)).toEqual(expect.arrayContaining(['mid_term_assessment', 'final_assessment', 'return_confirmation', 'cascade_training']));
        expect(n.reports.every((r: { status: string }) => r.status === 'DUE')).toBe(true);
      }
      const apps = await h.ok(admin, `{ applications(first: 500) { nodes { eligibility { eligible } } } }`);
      expect(apps.applications.nodes.every((a: { eligibility: { eligible: boolean } }) => a.eligibility.eligible)).toBe(true);
    },

    async 'feeds the dashboard'(h, admin) {
      const d = await h.ok(admin, `{ guizhouDashboard { overall { trained inTraining completed returned completionRatePercent grassrootsTrained } rounds { round } } }`);
      // Concluded: 6 + 7 + 6 in periods 1–3 (one failed, one withdrew mid-term) and the mid-term withdrawal of
      // period 4 = 20, of whom 17 completed: 85.00%. Trained adds the 6 in training; pre-start withdrawals are not.
      expect(d.guizhouDashboard.overall).toEqual({ trained: 26, inTraining: 6, completed: 17, returned: 12, completionRatePercent: '85.00', grassrootsTrained: 285 });
      expect(d.guizhouDashboard.rounds).toEqual([{ round: 1 }, { round: 2 }]);
    },
  },
});
