/**
 * Two-way selection as a pure function: deferred acceptance (Gale & Shapley 1962), apprentice-
 * proposing, in its many-to-one "hospitals/residents" form (mentors are hospitals with a capacity
 * of 1 or 2, apprentices are residents).
 *
 * A mentor and an apprentice are *mutually acceptable* when both are in the round, work in the same
 * professional field, the apprentice ranks the mentor and the mentor ranks the apprentice. Rankings
 * are most-preferred first; anyone not ranked is unacceptable.
 *
 * Guarantees (the property tests in `matching.test.ts` check each on many random instances):
 * - every pair is mutually acceptable, so fields always match;
 * - no mentor gets more apprentices than their capacity, no apprentice more than one mentor;
 * - the result is stable: there is no mentor m and apprentice a, mutually acceptable, such that a is
 *   unpaired or prefers m to their mentor, and m has a free place or prefers a to one of theirs;
 * - it is apprentice-optimal: every apprentice gets the best mentor they have in any stable pairing
 *   (and, by the "rural hospitals" theorem, the same people are left unpaired in every stable one).
 *
 * The result is deterministic for a given input (free apprentices propose in input order).
 */

export interface MatchApprentice {
  id: string;
  field: string;
  /** Mentor ids, most preferred first. */
  ranking: readonly string[];
}
export interface MatchMentor {
  id: string;
  field: string;
  capacity: number;
  /** Apprentice ids, most preferred first. */
  ranking: readonly string[];
}
export interface MatchInstance {
  apprentices: readonly MatchApprentice[];
  mentors: readonly MatchMentor[];
}
export interface MatchPair {
  apprenticeId: string;
  mentorId: string;
}

interface Prepared {
  apprentices: Map<string, MatchApprentice>;
  mentors: Map<string, MatchMentor>;
  /** Apprentice → their acceptable mentors, in preference order. */
  acceptable: Map<string, string[]>;
  /** Mentor → apprentice → position in the mentor's ranking (lower is better). */
  mentorRank: Map<string, Map<string, number>>;
  /** Apprentice → mentor → position in the apprentice's ranking. */
  apprenticeRank: Map<string, Map<string, number>>;
}

function rankMap(ranking: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  ranking.forEach((id, i) => {
    if (!m.has(id)) m.set(id, i);
  });
  return m;
}

function prepare(inst: MatchInstance): Prepared {
  const apprentices = new Map(inst.apprentices.map((a) => [a.id, a]));
  const mentors = new Map(inst.mentors.map((m) => [m.id, m]));
  const mentorRank = new Map(inst.mentors.map((m) => [m.id, rankMap(m.ranking)]));
  const apprenticeRank = new Map(inst.apprentices.map((a) => [a.id, rankMap(a.ranking)]));
  const acceptable = new Map<string, string[]>();
  for (const a of inst.apprentices) {
    const list: string[] = [];
    for (const mId of a.ranking) {
      if (list.includes(mId)) continue;
      if (isMutuallyAcceptable({ apprentices, mentors, mentorRank, apprenticeRank, acceptable }, a.id, mId)) list.push(mId);
    }
    acceptable.set(a.id, list);
  }
  return { apprentices, mentors, acceptable, mentorRank, apprenticeRank };
}

function isMutuallyAcceptable(p: Prepared, aId: string, mId: string): boolean {
  const a = p.apprentices.get(aId);
  const m = p.mentors.get(mId);
  if (!a || !m || a.field !== m.field || m.capacity < 1) return false;
  return p.apprenticeRank.get(aId)!.has(mId) && p.mentorRank.get(mId)!.has(aId);
}

/** Mutually acceptable, as defined above (exported for the explanation and the tests). */
export function mutuallyAcceptable(inst: MatchInstance, apprenticeId: string, mentorId: string): boolean {
  return isMutuallyAcceptable(prepare(inst), apprenticeId, mentorId);
}

/** Apprentice-proposing deferred acceptance. Pairs come back in the apprentices' input order. */
export function deferredAcceptance(inst: MatchInstance): MatchPair[] {
  const p = prepare(inst);
  const next = new Map<string, number>(); // apprentice → index of the next mentor to propose to
  const held = new Map<string, string[]>(inst.mentors.map((m) => [m.id, []])); // mentor → apprentices held
  const free: string[] = inst.apprentices.map((a) => a.id).filter((id, i, all) => all.indexOf(id) === i);
  while (free.length) {
    const aId = free.shift()!;
    const list = p.acceptable.get(aId)!;
    const i = next.get(aId) ?? 0;
    if (i >= list.length) continue; // exhausted their list: stays unpaired
    next.set(aId, i + 1);
    const mId = list[i]!;
    const mentor = p.mentors.get(mId)!;
    const ranks = p.mentorRank.get(mId)!;
    const holding = held.get(mId)!;
    holding.push(aId);
    holding.sort((x, y) => ranks.get(x)! - ranks.get(y)!);
    if (holding.length > mentor.capacity) free.unshift(holding.pop()!); // the least preferred is rejected and proposes again
  }
  const mentorOf = new Map<string, string>();
  for (const [mId, list] of held) for (const aId of list) mentorOf.set(aId, mId);
  return inst.apprentices.filter((a, i, all) => all.findIndex((x) => x.id === a.id) === i && mentorOf.has(a.id)).map((a) => ({ apprenticeId: a.id, mentorId: mentorOf.get(a.id)! }));
}

/** Pairs (m, a) that would both rather be together than with what `pairs` gives them. Empty = stable. */
export function blockingPairs(inst: MatchInstance, pairs: readonly MatchPair[]): MatchPair[] {
  const p = prepare(inst);
  const mentorOf = new Map(pairs.map((x) => [x.apprenticeId, x.mentorId]));
  const apprenticesOf = new Map<string, string[]>();
  for (const x of pairs) apprenticesOf.set(x.mentorId, [...(apprenticesOf.get(x.mentorId) ?? []), x.apprenticeId]);
  const out: MatchPair[] = [];
  for (const [aId, list] of p.acceptable) {
    const current = mentorOf.get(aId);
    const aRanks = p.apprenticeRank.get(aId)!;
    for (const mId of list) {
      if (mId === current) break; // the rest of the list is worse than what they have
      if (current !== undefined && aRanks.get(current) !== undefined && aRanks.get(current)! < aRanks.get(mId)!) break;
      const mentor = p.mentors.get(mId)!;
      const mine = apprenticesOf.get(mId) ?? [];
      const mRanks = p.mentorRank.get(mId)!;
      const wantsA = mine.length < mentor.capacity || mine.some((b) => (mRanks.get(b) ?? Infinity) > mRanks.get(aId)!);
      if (wantsA) out.push({ apprenticeId: aId, mentorId: mId });
    }
  }
  return out;
}

export interface UnmatchedExplanation {
  side: 'apprentice' | 'mentor';
  id: string;
  /** Free places (mentors); 1 for an apprentice. */
  open: number;
  reason:
    | 'no_ranking'
    | 'nobody_in_field'
    | 'no_acceptable_in_field'
    | 'not_ranked_back'
    | 'preferred_mentors_full'
    | 'apprentices_prefer_others'
    | 'left_out_by_adjustment';
  message: string;
}

/**
 * Why each unpaired apprentice (and each mentor with free places) is so, given any pairing of the
 * instance (the matching run's, or one the commission has since adjusted).
 */
export function explainUnmatched(inst: MatchInstance, pairs: readonly MatchPair[]): UnmatchedExplanation[] {
  const p = prepare(inst);
  const mentorOf = new Map(pairs.map((x) => [x.apprenticeId, x.mentorId]));
  const apprenticesOf = new Map<string, string[]>();
  for (const x of pairs) apprenticesOf.set(x.mentorId, [...(apprenticesOf.get(x.mentorId) ?? []), x.apprenticeId]);
  const out: UnmatchedExplanation[] = [];

  for (const a of p.apprentices.values()) {
    if (mentorOf.has(a.id)) continue;
    const base = { side: 'apprentice' as const, id: a.id, open: 1 };
    const inField = [...p.mentors.values()].filter((m) => m.field === a.field && m.capacity > 0);
    const acceptable = p.acceptable.get(a.id)!;
    if (inField.length === 0) {
      out.push({ ...base, reason: 'nobody_in_field', message: `no mentor in the round works in ${a.field}` });
    } else if (a.ranking.length === 0) {
      out.push({ ...base, reason: 'no_ranking', message: 'ranked no mentor' });
    } else if (!a.ranking.some((mId) => inField.some((m) => m.id === mId))) {
      out.push({ ...base, reason: 'no_acceptable_in_field', message: `none of the ranked mentors works in ${a.field}` });
    } else if (acceptable.length === 0) {
      out.push({ ...base, reason: 'not_ranked_back', message: 'none of the mentors they ranked ranked them' });
    } else if (
      acceptable.every((mId) => {
        const mine = apprenticesOf.get(mId) ?? [];
        const ranks = p.mentorRank.get(mId)!;
        return mine.length >= p.mentors.get(mId)!.capacity && mine.every((b) => (ranks.get(b) ?? Infinity) < ranks.get(a.id)!);
      })
    ) {
      out.push({ ...base, reason: 'preferred_mentors_full', message: 'every mentor they ranked who ranked them back is full with apprentices that mentor prefers' });
    } else {
      out.push({ ...base, reason: 'left_out_by_adjustment', message: 'a mutually acceptable mentor has a free place or prefers them: left out by a manual adjustment' });
    }
  }

  for (const m of p.mentors.values()) {
    const mine = apprenticesOf.get(m.id) ?? [];
    const open = m.capacity - mine.length;
    if (open <= 0) continue;
    const base = { side: 'mentor' as const, id: m.id, open };
    const inField = [...p.apprentices.values()].filter((a) => a.field === m.field);
    const acceptable = [...p.apprentices.keys()].filter((aId) => isMutuallyAcceptable(p, aId, m.id));
    if (inField.length === 0) {
      out.push({ ...base, reason: 'nobody_in_field', message: `no apprentice in the round works in ${m.field}` });
    } else if (m.ranking.length === 0) {
      out.push({ ...base, reason: 'no_ranking', message: 'ranked no apprentice' });
    } else if (!m.ranking.some((aId) => inField.some((a) => a.id === aId))) {
      out.push({ ...base, reason: 'no_acceptable_in_field', message: `none of the ranked apprentices works in ${m.field}` });
    } else if (acceptable.filter((aId) => !mine.includes(aId)).length === 0) {
      out.push({ ...base, reason: 'not_ranked_back', message: mine.length ? 'no other ranked apprentice ranked them back' : 'none of the apprentices they ranked ranked them' });
    } else if (
      acceptable
        .filter((aId) => !mine.includes(aId))
        .every((aId) => {
          const current = mentorOf.get(aId);
          const ranks = p.apprenticeRank.get(aId)!;
          return current !== undefined && (ranks.get(current) ?? Infinity) < ranks.get(m.id)!;
        })
    ) {
      out.push({ ...base, reason: 'apprentices_prefer_others', message: 'every apprentice they ranked who ranked them back is paired with a mentor they prefer' });
    } else {
      out.push({ ...base, reason: 'left_out_by_adjustment', message: 'a mutually acceptable apprentice is unpaired or prefers them: left out by a manual adjustment' });
    }
  }
  return out;
}
