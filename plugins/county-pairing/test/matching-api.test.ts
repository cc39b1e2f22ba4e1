import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { blockingPairs, deferredAcceptance, type MatchInstance } from '../rules/matching.js';
import { T, mentorToken, round, startCounty, talent, unit, type FieldName } from './support.js';

/**
 * The matching through the GraphQL API against the real database, on generated preference lists:
 * each run opens a fresh round, publishes random mentors (capacity 1 or 2, two fields), registers
 * random apprentices, submits random rankings on both sides with each person's own token, runs the
 * matching and reads the pairs back. They must respect capacities and fields, be mutually
 * acceptable and stable, and equal the pure function's result on the same lists.
 */
let h: Harness;
let admin: string;
const FIELDS: FieldName[] = ['WESTERN_MEDICINE', 'NURSING'];
const mentorPool: Record<FieldName, string[]> = {} as never;
const apprenticePool: Record<FieldName, string[]> = {} as never;
let runNo = 0;

beforeAll(async () => {
  h = await startCounty();
  admin = await h.token(T, 'commission-admin');
  const hospital = await unit(h, admin, 'County Hospital');
  const centre = await unit(h, admin, 'Township Centre');
  for (const f of FIELDS) {
    mentorPool[f] = [];
    apprenticePool[f] = [];
    for (let i = 0; i < 3; i++) mentorPool[f].push(await talent(h, admin, hospital, `M-${f}-${i}`, f, 'SENIOR'));
    for (let i = 0; i < 5; i++) apprenticePool[f].push(await talent(h, admin, centre, `A-${f}-${i}`, f, 'JUNIOR'));
  }
});
afterAll(async () => h?.close());

const spec = fc.record({
  mentors: fc.array(fc.record({ field: fc.constantFrom(0, 1), slot: fc.integer({ min: 0, max: 2 }), capacity: fc.constantFrom(1, 2) }), { minLength: 1, maxLength: 5 }),
  apprentices: fc.array(fc.record({ field: fc.constantFrom(0, 1), slot: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 8 }),
  seed: fc.integer(),
});

/** A small deterministic generator, seeded by fast-check, for the rankings over ids made at run time. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return {
    nextInt(min: number, max: number) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return min + ((state >>> 8) % (max - min + 1));
    },
  };
}

describe('matching through the API (property-based)', () => {
  it('is stable, within capacities and fields, and equals deferred acceptance on the same lists', async () => {
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        const rng = lcg(s.seed);
        const shuffle = <X>(xs: X[]) => xs.map((x) => ({ x, k: rng.nextInt(0, 1_000_000) })).sort((a, b) => a.k - b.k).map((p) => p.x);
        const roundId = await round(h, admin, `RUN-${++runNo}`);
        const mentors: { id: string; field: FieldName; capacity: number; token: string }[] = [];
        const seenM = new Set<string>();
        for (const m of s.mentors) {
          const field = FIELDS[m.field]!;
          const talentId = mentorPool[field][m.slot]!;
          if (seenM.has(talentId)) continue;
          seenM.add(talentId);
          const token = await mentorToken(h, talentId);
          const r = await h.ok(token, `mutation($i: CountyMentorInput!) { countyPublishMentor(input: $i) { id } }`, { i: { roundId, capacity: m.capacity } });
          mentors.push({ id: r.countyPublishMentor.id, field, capacity: m.capacity, token });
        }
        const apprentices: { id: string; field: FieldName; talentId: string }[] = [];
        const seenA = new Set<string>();
        for (const a of s.apprentices) {
          const field = FIELDS[a.field]!;
          const talentId = apprenticePool[field][a.slot]!;
          if (seenA.has(talentId)) continue;
          seenA.add(talentId);
          const r = await h.ok(admin, `mutation($i: CountyApprenticeInput!) { countyRegisterApprentice(input: $i) { id } }`, { i: { roundId, talentId } });
          apprentices.push({ id: r.countyRegisterApprentice.id, field, talentId });
        }
        // Random partial rankings within each field.
        const instance: { apprentices: { id: string; field: string; ranking: string[] }[]; mentors: { id: string; field: string; capacity: number; ranking: string[] }[] } = { apprentices: [], mentors: [] };
        for (const a of apprentices) {
          const ranking = shuffle(mentors.filter((m) => m.field === a.field).map((m) => m.id)).slice(0, rng.nextInt(0, 3));
          const token = await h.token(T, 'talent', { talentId: a.talentId });
          await h.ok(token, `mutation($i: CountyRankMentorsInput!) { countyRankMentors(input: $i) { id } }`, { i: { apprenticeId: a.id, mentorIds: ranking } });
          instance.apprentices.push({ id: a.id, field: a.field, ranking });
        }
        for (const m of mentors) {
          const ranking = shuffle(apprentices.filter((a) => a.field === m.field).map((a) => a.id)).slice(0, rng.nextInt(0, 5));
          await h.ok(m.token, `mutation($i: CountyRankApprenticesInput!) { countyRankApprentices(input: $i) { id } }`, { i: { mentorId: m.id, apprenticeIds: ranking } });
          instance.mentors.push({ id: m.id, field: m.field, capacity: m.capacity, ranking });
        }
        const r = await h.ok(admin, `mutation($r: ID!) { countyRunMatching(roundId: $r) { pairs { mentor { id capacity field } apprentice { id field } } } }`, { r: roundId });
        const pairs = r.countyRunMatching.pairs.map((p: any) => ({ apprenticeId: p.apprentice.id, mentorId: p.mentor.id, ...p }));

        for (const p of pairs) {
          expect(p.mentor.field).toBe(p.apprentice.field);
          expect(instance.apprentices.find((a) => a.id === p.apprenticeId)!.ranking).toContain(p.mentorId);
          expect(instance.mentors.find((m) => m.id === p.mentorId)!.ranking).toContain(p.apprenticeId);
        }
        for (const m of mentors) expect(pairs.filter((p: { mentorId: string }) => p.mentorId === m.id).length).toBeLessThanOrEqual(m.capacity);
        expect(new Set(pairs.map((p: { apprenticeId: string }) => p.apprenticeId)).size).toBe(pairs.length);
        const inst = instance as MatchInstance;
        const plain = pairs.map((p: { apprenticeId: string; mentorId: string }) => ({ apprenticeId: p.apprenticeId, mentorId: p.mentorId }));
        expect(blockingPairs(inst, plain)).toEqual([]);
        const key = (xs: { apprenticeId: string; mentorId: string }[]) => xs.map((x) => `${x.apprenticeId}>${x.mentorId}`).sort();
        expect(key(plain)).toEqual(key(deferredAcceptance(inst)));
        const state = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { blockingPairs { mentor { id } } unmatched { reason } } }`, { r: roundId });
        expect(state.countyRound.blockingPairs).toEqual([]);
        expect(state.countyRound.unmatched.map((u: { reason: string }) => u.reason)).not.toContain('LEFT_OUT_BY_ADJUSTMENT');
      }),
      { numRuns: 25, seed: 20251 },
    );
  }, 240_000);
});
