import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockingPairs, deferredAcceptance, explainUnmatched, mutuallyAcceptable, type MatchInstance, type MatchPair } from './matching.js';

const FIELDS = ['western_medicine', 'tcm', 'nursing'];

/** Random instances: 0–maxA apprentices and 0–maxM mentors over three fields, capacities 1–2,
 * random (partial, possibly cross-field, possibly stale) rankings on both sides. */
function instances(maxA: number, maxM: number): fc.Arbitrary<MatchInstance> {
  return fc
    .record({
      a: fc.array(fc.constantFrom(...FIELDS), { maxLength: maxA }),
      m: fc.array(fc.record({ field: fc.constantFrom(...FIELDS), capacity: fc.integer({ min: 1, max: 2 }) }), { maxLength: maxM }),
    })
    .chain(({ a, m }) => {
      const aIds = a.map((_, i) => `a${i}`);
      const mIds = m.map((_, i) => `m${i}`);
      // Rankings draw from every id on the other side plus one that is not in the round.
      const rank = (ids: string[]) => fc.shuffledSubarray([...ids, 'ghost']).map((xs) => xs);
      return fc.record({
        apprentices: fc.tuple(...a.map((field, i) => rank(mIds).map((ranking) => ({ id: aIds[i]!, field, ranking })))),
        mentors: fc.tuple(...m.map((x, i) => rank(aIds).map((ranking) => ({ id: mIds[i]!, field: x.field, capacity: x.capacity, ranking })))),
      });
    }) as fc.Arbitrary<MatchInstance>;
}

function rankOf(inst: MatchInstance, aId: string, pairs: readonly MatchPair[]): number {
  const m = pairs.find((p) => p.apprenticeId === aId)?.mentorId;
  if (m === undefined) return Infinity;
  return inst.apprentices.find((a) => a.id === aId)!.ranking.indexOf(m);
}

/** Every stable pairing of a small instance, by brute force. */
function allStable(inst: MatchInstance): MatchPair[][] {
  const out: MatchPair[][] = [];
  const load = new Map<string, number>();
  const current: MatchPair[] = [];
  const go = (i: number) => {
    if (i === inst.apprentices.length) {
      if (blockingPairs(inst, current).length === 0) out.push([...current]);
      return;
    }
    const a = inst.apprentices[i]!;
    go(i + 1);
    for (const m of inst.mentors) {
      if (!mutuallyAcceptable(inst, a.id, m.id) || (load.get(m.id) ?? 0) >= m.capacity) continue;
      load.set(m.id, (load.get(m.id) ?? 0) + 1);
      current.push({ apprenticeId: a.id, mentorId: m.id });
      go(i + 1);
      current.pop();
      load.set(m.id, load.get(m.id)! - 1);
    }
  };
  go(0);
  return out;
}

describe('deferred acceptance (apprentice-proposing, many-to-one)', () => {
  it('respects capacities, one mentor per apprentice, fields and mutual acceptability', () => {
    fc.assert(
      fc.property(instances(14, 8), (inst) => {
        const pairs = deferredAcceptance(inst);
        const perMentor = new Map<string, number>();
        const seen = new Set<string>();
        for (const p of pairs) {
          expect(seen.has(p.apprenticeId)).toBe(false);
          seen.add(p.apprenticeId);
          perMentor.set(p.mentorId, (perMentor.get(p.mentorId) ?? 0) + 1);
          const a = inst.apprentices.find((x) => x.id === p.apprenticeId)!;
          const m = inst.mentors.find((x) => x.id === p.mentorId)!;
          expect(a.field).toBe(m.field);
          expect(a.ranking).toContain(m.id);
          expect(m.ranking).toContain(a.id);
        }
        for (const m of inst.mentors) expect(perMentor.get(m.id) ?? 0).toBeLessThanOrEqual(m.capacity);
      }),
      { numRuns: 500 },
    );
  });

  it('is stable: no mentor and apprentice both prefer each other to what they got', () => {
    fc.assert(
      fc.property(instances(14, 8), (inst) => {
        expect(blockingPairs(inst, deferredAcceptance(inst))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('is apprentice-optimal and leaves the same people unpaired as every other stable pairing', () => {
    fc.assert(
      fc.property(instances(5, 3), (inst) => {
        const da = deferredAcceptance(inst);
        const stable = allStable(inst);
        expect(stable.length).toBeGreaterThan(0);
        const matched = (ps: readonly MatchPair[]) => ps.map((p) => p.apprenticeId).sort();
        for (const s of stable) {
          for (const a of inst.apprentices) expect(rankOf(inst, a.id, da)).toBeLessThanOrEqual(rankOf(inst, a.id, s));
          expect(matched(s)).toEqual(matched(da));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('explains every unpaired apprentice and every mentor with free places, never as an adjustment', () => {
    fc.assert(
      fc.property(instances(14, 8), (inst) => {
        const pairs = deferredAcceptance(inst);
        const why = explainUnmatched(inst, pairs);
        const unpaired = inst.apprentices.filter((a) => !pairs.some((p) => p.apprenticeId === a.id)).map((a) => a.id);
        expect(why.filter((w) => w.side === 'apprentice').map((w) => w.id)).toEqual(unpaired);
        for (const m of inst.mentors) {
          const open = m.capacity - pairs.filter((p) => p.mentorId === m.id).length;
          expect(why.find((w) => w.side === 'mentor' && w.id === m.id)?.open ?? 0).toBe(open);
        }
        expect(why.filter((w) => w.reason === 'left_out_by_adjustment')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('matches the textbook example and says why people are left out', () => {
    const inst: MatchInstance = {
      apprentices: [
        { id: 'li', field: 'western_medicine', ranking: ['wang', 'zhao'] },
        { id: 'chen', field: 'western_medicine', ranking: ['wang'] },
        { id: 'yang', field: 'western_medicine', ranking: ['wang', 'zhao'] },
        { id: 'wu', field: 'pharmacy', ranking: ['wang'] },
        { id: 'he', field: 'nursing', ranking: [] },
      ],
      mentors: [
        { id: 'wang', field: 'western_medicine', capacity: 2, ranking: ['yang', 'chen', 'li'] },
        { id: 'zhao', field: 'western_medicine', capacity: 1, ranking: ['yang'] },
        { id: 'zheng', field: 'western_medicine', capacity: 1, ranking: [] },
        { id: 'sun', field: 'tcm', capacity: 1, ranking: [] },
      ],
    };
    expect(deferredAcceptance(inst)).toEqual([
      { apprenticeId: 'chen', mentorId: 'wang' },
      { apprenticeId: 'yang', mentorId: 'wang' },
    ]);
    const why = Object.fromEntries(explainUnmatched(inst, deferredAcceptance(inst)).map((w) => [`${w.side}:${w.id}`, w.reason]));
    expect(why).toEqual({
      'apprentice:li': 'preferred_mentors_full',
      'apprentice:wu': 'nobody_in_field',
      'apprentice:he': 'nobody_in_field',
      'mentor:zhao': 'apprentices_prefer_others',
      'mentor:zheng': 'no_ranking',
      'mentor:sun': 'nobody_in_field',
    });
    // The commission moves yang to zhao: li is now left out although wang has a free place, and
    // yang would rather be with wang too.
    const adjusted = [
      { apprenticeId: 'chen', mentorId: 'wang' },
      { apprenticeId: 'yang', mentorId: 'zhao' },
    ];
    expect(blockingPairs(inst, adjusted)).toEqual([
      { apprenticeId: 'li', mentorId: 'wang' },
      { apprenticeId: 'yang', mentorId: 'wang' },
    ]);
    expect(explainUnmatched(inst, adjusted).find((w) => w.id === 'li')?.reason).toBe('left_out_by_adjustment');
  });
});
