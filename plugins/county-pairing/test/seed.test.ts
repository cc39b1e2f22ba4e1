/** The demo seed in the real `yuping` tenant: the seed's figures, in Chinese, dated relative to today, and idempotence. */
import { expect } from 'vitest';
import { describeDemoSeed } from '../../../test/kit/index.js';
import { DEMO_ROUND_PREFIX } from '../seed.js';

const TODAY = '2026-11-29';

describeDemoSeed({
  // Every registered plugin: its parent region runs another scheme.
  tenant: 'yuping',
  today: `${TODAY}T02:00:00Z`,
  snapshot: `{ countyDashboard { trainees mentors traineesByField { field count } independentGrade1And2Operations guidedGrade3Operations conferences newTechnologies departmentHeads departmentBackbones retention { checked stillServing } casesByKind { kind count } competency { checked passed } care { kind count } } countyRounds { code } }`,
  check: {
    async "gives the seed's figures"(h, admin) {
      const rounds = await h.ok(admin, `{ countyRounds { code status pairingStart pairingEnd pairs { id plan { stages { kind } } placement { reports { kind } } } } }`);
      const round = rounds.countyRounds.find((r: { code: string }) => r.code.startsWith(DEMO_ROUND_PREFIX));
      expect(round.status).toBe('CONFIRMED');
      expect(round.pairs.length).toBeGreaterThan(55);
      for (const p of round.pairs) {
        expect(p.plan.stages.map((s: { kind: string }) => s.kind)).toEqual(['THEORY', 'SUPERVISED_PRACTICE', 'INDEPENDENT_PRACTICE']);
        expect(p.placement.reports.filter((r: { kind: string }) => r.kind === 'stage_review')).toHaveLength(3);
      }
      const d = (await h.ok(admin, `{ countyDashboard { trainees traineesByField { field } traineesByTier { tier count } independentGrade1And2Operations guidedGrade3Operations
        independentGrade1And2OperationsPending conferences newTechnologies departmentHeads departmentBackbones promotionsByHospital { hospital { name } departmentHeads departmentBackbones }
        competency { checked passed } care { kind count } retention { checked } } }`)).countyDashboard;
      expect(d.traineesByField.map((f: { field: string }) => f.field).sort()).toEqual(['MEDICAL_TECHNOLOGY', 'NURSING', 'PHARMACY', 'TCM', 'WESTERN_MEDICINE']);
      expect(d.trainees).toBe(round.pairs.length);
      expect(d.independentGrade1And2Operations).toBeGreaterThanOrEqual(320);
      expect(d.independentGrade1And2OperationsPending).toBeGreaterThan(0);
      expect(d.guidedGrade3Operations).toBeGreaterThanOrEqual(80);
      expect(d.conferences).toBeGreaterThanOrEqual(20);
      expect(d).toMatchObject({ newTechnologies: 8, departmentHeads: 3, departmentBackbones: 24 });
      expect(d.promotionsByHospital.reduce((s: number, x: { departmentHeads: number }) => s + x.departmentHeads, 0)).toBe(3);
      expect(d.promotionsByHospital.map((x: { hospital: { name: string } }) => x.hospital.name)).toContain('玉屏侗族自治县人民医院');
      expect(d.traineesByTier.filter((t: { count: number }) => t.count > 0).length).toBeGreaterThanOrEqual(2);
      expect(d.competency.checked).toBeGreaterThan(d.trainees * 0.8);
      expect(d.competency.checked).toBeLessThan(d.trainees); // a few pairs still owe theirs
      expect(d.competency.passed).toBeLessThan(d.competency.checked);
      expect(d.care.every((c: { count: number }) => c.count > 0)).toBe(true);
      expect(d.retention.checked).toBe(d.trainees);
    },

    async 'is dated relative to today: the round ended before today, and nothing is dated after it'(h, admin) {
      const r = (await h.ok(admin, `{ countyRounds { code pairingStart pairingEnd } }`)).countyRounds[0];
      expect(r.pairingEnd < TODAY && r.pairingEnd > '2026-08-01').toBe(true);
      const log = await h.ok(admin, `{ countyCaseLog(first: 500) { totalCount nodes { performedOn signedOffAt } } }`);
      expect(log.countyCaseLog.totalCount).toBeGreaterThan(400);
      for (const e of log.countyCaseLog.nodes) {
        expect(e.performedOn <= TODAY && e.performedOn >= r.pairingStart).toBe(true);
        if (e.signedOffAt) expect(e.signedOffAt.slice(0, 10) <= TODAY).toBe(true);
      }
      const pairs = await h.ok(admin, `{ countyPairs(first: 100) { nodes { retention { checkedOn } competencyCheck { checkedOn } growth { achievedOn } } } }`);
      for (const p of pairs.countyPairs.nodes) {
        expect(p.retention.checkedOn <= TODAY).toBe(true);
        if (p.competencyCheck) expect(p.competencyCheck.checkedOn <= TODAY).toBe(true);
        for (const g of p.growth) expect(g.achievedOn <= TODAY).toBe(true);
      }
      const care = await h.ok(admin, `{ countyCareRecords(first: 500) { nodes { givenOn title } } }`);
      for (const c of care.countyCareRecords.nodes) expect(c.givenOn <= TODAY).toBe(true);
      // The history's reports are handed in: what is still owed is a handful of pairs' last sign-offs and checks.
      const owed = await h.ok(admin, `{ reports(first: 1, filter: { overdue: true }) { totalCount } }`);
      expect(owed.reports.totalCount).toBeLessThan(40);
    },

    async 'speaks Chinese: people, departments, plans, growth, care'(h, admin) {
      const han = /^[\p{Script=Han}（）：，、0-9 ]+$/u;
      const r = await h.ok(admin, `{ countyRounds { name mentors { displayName department } apprentices { displayName } pairs { plan { title stages { targets { description } } } growth { title } } } }`);
      const round = r.countyRounds[0];
      expect(round.name).toMatch(/\p{Script=Han}/u);
      for (const m of round.mentors) {
        expect(m.displayName).toMatch(han);
        expect(m.department).toMatch(han);
      }
      for (const a of round.apprentices) expect(a.displayName).toMatch(han);
      for (const p of round.pairs) {
        expect(p.plan.title).toMatch(/\p{Script=Han}/u);
        for (const s of p.plan.stages) for (const t of s.targets) expect(t.description).toMatch(/\p{Script=Han}/u);
        for (const g of p.growth) expect(g.title).toMatch(han);
      }
      const names = new Set([...round.mentors.map((m: { displayName: string }) => m.displayName), ...round.apprentices.map((a: { displayName: string }) => a.displayName)]);
      expect(names.size).toBe(round.mentors.length + round.apprentices.length);
    },
  },
});
