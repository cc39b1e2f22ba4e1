/** The demo seed: the seed's cohorts (two rounds, six periods, Ruijin phase 2 = period 6 of 52), in Chinese, trainees in every state; idempotent. */
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
      expect(d.guizhouCohorts.totalCount).toBe(7);
      expect(new Set(d.guizhouCohorts.nodes.map((c: { round: number }) => c.round))).toEqual(new Set([1, 2]));
      // Round membership as the plugin documents it: periods 1–3 in round 1, 4–6 in round 2.
      for (const c of d.guizhouCohorts.nodes as { round: number; period: number }[]) expect(c.round).toBe(c.period <= 3 ? 1 : 2);
      expect(new Set(d.guizhouCohorts.nodes.map((c: { hostRegion: string }) => c.hostRegion))).toEqual(new Set(['BEIJING', 'ZHEJIANG', 'SHANGHAI', 'GUANGDONG']));
      const t = await h.ok(admin, `{ guizhouTrainees(first: 1) { totalCount } }`);
      expect(t.guizhouTrainees.totalCount).toBe(125); // 6 + 7 + 6 + 7 + 40 + 52 + 7 enrolments
    },

    async 'gives the Ruijin classes as seed 001 does: phase 1 (period 5) 40 completed and returned; phase 2 (period 6) 52 in training for half a year'(h, admin) {
      const d = await h.ok(admin, `{ guizhouCohorts(first: 50) { nodes { name round period hostRegion trainees { status termMonths returnedOn } } } }`);
      const byName = (name: string) => d.guizhouCohorts.nodes.find((c: { name: string }) => c.name === name);
      const p1 = byName('黔医人才计划上海瑞金班第一期');
      expect([p1.round, p1.period, p1.hostRegion, p1.trainees.length]).toEqual([2, 5, 'SHANGHAI', 40]);
      expect(p1.trainees.every((t: { status: string; returnedOn: string | null }) => t.status === 'COMPLETED' && t.returnedOn)).toBe(true);
      const p2 = byName('黔医人才计划上海瑞金班第二期');
      expect([p2.round, p2.period, p2.hostRegion, p2.trainees.length]).toEqual([2, 6, 'SHANGHAI', 52]);
      expect(p2.trainees.every((t: { status: string; termMonths: number }) => t.status === 'IN_TRAINING' && t.termMonths === 6)).toBe(true);
      const gd = d.guizhouCohorts.nodes.find((c: { hostRegion: string }) => c.hostRegion === 'GUANGDONG');
      expect(gd.period).toBe(6);
    },

    async 'speaks Chinese: names, mentors, hosts, contributions'(h, admin) {
      const d = await h.ok(admin, `{ guizhouTrainees(first: 500) { nodes { talent { name } mentorName withdrawalReason cohort { name hostInstitution { name } } contributions { title } } } }`);
      const han = /^[\p{Script=Han}（）：、0-9 ]+$/u;
      for (const n of d.guizhouTrainees.nodes) {
        expect(n.talent.name).toMatch(han);
        expect(n.mentorName).toMatch(han);
        expect(n.cohort.name).toMatch(/[\p{Script=Han}]/u);
        expect(n.cohort.hostInstitution.name).toMatch(han);
        if (n.withdrawalReason) expect(n.withdrawalReason).toMatch(han);
        for (const c of n.contributions) expect(c.title).toMatch(/^[\p{Script=Han}（）：、A-Z]+$/u);
      }
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
      // Concluded: 6 + 7 + 6 in periods 1–3 (one failed, one withdrew mid-term), 6 in period 4 and the 40 of
      // Ruijin phase 1 = 65, of whom 63 completed: 96.92%. Trained adds the 52 in training; pre-start withdrawals are not.
      expect(d.guizhouDashboard.overall).toEqual({ trained: 117, inTraining: 52, completed: 63, returned: 58, completionRatePercent: '96.92', grassrootsTrained: 785 });
      expect(d.guizhouDashboard.rounds).toEqual([{ round: 1 }, { round: 2 }]);
    },
  },
});
