import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { T, apprenticeToken, errorOf, publish, rankApprentices, rankMentors, register, round, runMatching, startCounty, talent, unit } from './support.js';

/**
 * Two-way selection through the API: publish, register, rank, match, explain, adjust, confirm.
 * The people: three western-medicine mentors (capacities 2, 1, 1), one pharmacy mentor; five
 * western-medicine apprentices, one pharmacy apprentice, one nurse (no nursing mentor).
 */
let h: Harness;
let admin: string;
let hospital: string;
let township: string;
const m: Record<string, { talentId: string; id: string; token: string }> = {};
const a: Record<string, { talentId: string; id: string }> = {};
let roundId: string;

beforeAll(async () => {
  h = await startCounty();
  admin = await h.token(T, 'commission-admin');
  hospital = await unit(h, admin, "Yuping County People's Hospital");
  township = await unit(h, admin, 'Tianping Township Health Centre');
  roundId = await round(h, admin, 'YP-PAIR-2025');
  for (const [key, field, cap] of [
    ['wang', 'WESTERN_MEDICINE', 2],
    ['zhao', 'WESTERN_MEDICINE', 1],
    ['qian', 'WESTERN_MEDICINE', 1],
    ['sun', 'PHARMACY', 1],
  ] as const) {
    const talentId = await talent(h, admin, hospital, `Mentor ${key}`, field, 'SENIOR');
    m[key] = { talentId, ...(await publish(h, roundId, talentId, cap)) };
  }
  for (const [key, field] of [
    ['li', 'WESTERN_MEDICINE'],
    ['chen', 'WESTERN_MEDICINE'],
    ['yang', 'WESTERN_MEDICINE'],
    ['zhou', 'WESTERN_MEDICINE'],
    ['wu', 'WESTERN_MEDICINE'],
    ['xu', 'PHARMACY'],
    ['he', 'NURSING'],
  ] as const) {
    const talentId = await talent(h, admin, township, `Apprentice ${key}`, field, 'JUNIOR');
    a[key] = { talentId, id: await register(h, admin, roundId, talentId) };
  }
});
afterAll(async () => h?.close());


describe('two-way selection', () => {
  it('refuses a capacity other than 1 or 2, naming capacity', async () => {
    const t = await talent(h, admin, hospital, 'Mentor extra', 'TCM', 'SENIOR');
    const token = await h.token(T, 'mentor', { talentId: t });
    for (const capacity of [0, 3]) {
      const r = await h.gql(token, `mutation($i: CountyMentorInput!) { countyPublishMentor(input: $i) { id } }`, { i: { roundId, capacity } });
      expect(errorOf(r)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
    }
    const list = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { mentors { displayName } } }`, { r: roundId });
    expect(list.countyRound.mentors.map((x: { displayName: string }) => x.displayName)).not.toContain('Mentor extra');
  });

  it('refuses ranking a mentor of another field, naming the entry, and a mentor ranking for someone else', async () => {
    const tok = await apprenticeToken(h, a.li!.talentId);
    const r = await h.gql(tok, `mutation($i: CountyRankMentorsInput!) { countyRankMentors(input: $i) { id } }`, { i: { apprenticeId: a.li!.id, mentorIds: [m.wang!.id, m.sun!.id] } });
    expect(errorOf(r)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mentorIds.1' });
    const other = await h.gql(m.zhao!.token, `mutation($i: CountyRankApprenticesInput!) { countyRankApprentices(input: $i) { id } }`, { i: { mentorId: m.wang!.id, apprenticeIds: [a.li!.id] } });
    expect(errorOf(other)?.extensions?.code).toBe('FORBIDDEN');
    const ranking = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { apprentices { id ranking { id } } } }`, { r: roundId });
    expect(ranking.countyRound.apprentices.find((x: { id: string }) => x.id === a.li!.id).ranking).toEqual([]);
  });

  it('matches by deferred acceptance: stable, within capacity and field, and says why the rest are unpaired', async () => {
    // Apprentices rank (each with their own token); zhou ranks nobody.
    const prefs: Record<string, string[]> = { li: ['wang', 'zhao'], chen: ['wang'], yang: ['wang', 'zhao'], wu: ['qian'], xu: ['sun'] };
    for (const [k, list] of Object.entries(prefs)) await rankMentors(h, await apprenticeToken(h, a[k]!.talentId), a[k]!.id, list.map((x) => m[x]!.id));
    // Mentors rank applicants with their own tokens; qian does not want wu.
    await rankApprentices(h, m.wang!.token, m.wang!.id, ['yang', 'chen', 'li'].map((x) => a[x]!.id));
    await rankApprentices(h, m.zhao!.token, m.zhao!.id, ['yang'].map((x) => a[x]!.id));
    await rankApprentices(h, m.qian!.token, m.qian!.id, ['zhou'].map((x) => a[x]!.id));
    await rankApprentices(h, m.sun!.token, m.sun!.id, ['xu'].map((x) => a[x]!.id));

    const result = await runMatching(h, admin, roundId);
    expect(result.algorithm).toContain('deferred acceptance');
    const pairs = result.pairs.map((p) => `${p.mentor.id}:${p.apprentice.id}`).sort();
    expect(pairs).toEqual([`${m.wang!.id}:${a.chen!.id}`, `${m.wang!.id}:${a.yang!.id}`, `${m.sun!.id}:${a.xu!.id}`].sort());
    const why = Object.fromEntries(result.unmatched.map((u) => [u.apprentice?.id ?? u.mentor?.id, u.reason]));
    expect(why).toEqual({
      [a.li!.id]: 'PREFERRED_MENTORS_FULL',
      [a.zhou!.id]: 'NO_RANKING',
      [a.wu!.id]: 'NOT_RANKED_BACK',
      [a.he!.id]: 'NOBODY_IN_FIELD',
      [m.zhao!.id]: 'APPRENTICES_PREFER_OTHERS',
      [m.qian!.id]: 'NOT_RANKED_BACK',
    });
    const state = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { status matchRuns blockingPairs { mentor { id } } mentors { id capacity freePlaces } } }`, { r: roundId });
    expect(state.countyRound).toMatchObject({ status: 'MATCHED', matchRuns: 1, blockingPairs: [] });
    for (const x of state.countyRound.mentors) expect(x.freePlaces).toBeGreaterThanOrEqual(0);
  });

  it('lists the nurse, for whom no mentor of her field published, with an explanation', async () => {
    const r = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { unmatched { side open reason explanation apprentice { id } } } }`, { r: roundId });
    expect(r.countyRound.unmatched.find((u: { apprentice: { id: string } | null }) => u.apprentice?.id === a.he!.id)).toMatchObject({
      side: 'APPRENTICE',
      open: 1,
      reason: 'NOBODY_IN_FIELD',
      explanation: 'no mentor in the round works in nursing',
    });
  });

  it('lets the commission adjust a pair with a reason, and shows the pairing is no longer stable', async () => {
    const short = await h.gql(admin, `mutation($i: CountyAdjustPairInput!) { countyAdjustPair(input: $i) { id } }`, { i: { apprenticeId: a.yang!.id, mentorId: m.zhao!.id, reason: 'no' } });
    expect(errorOf(short)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const cross = await h.gql(admin, `mutation($i: CountyAdjustPairInput!) { countyAdjustPair(input: $i) { id } }`, { i: { apprenticeId: a.yang!.id, mentorId: m.sun!.id, reason: 'Try pharmacy' } });
    expect(errorOf(cross)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mentorId' });
    const full = await h.gql(admin, `mutation($i: CountyAdjustPairInput!) { countyAdjustPair(input: $i) { id } }`, { i: { apprenticeId: a.li!.id, mentorId: m.wang!.id, reason: 'Wang asked for Li' } });
    expect(errorOf(full)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mentorId' });

    const moved = await h.ok(admin, `mutation($i: CountyAdjustPairInput!) { countyAdjustPair(input: $i) { id source adjustReason mentor { id } previousMentor { id } } }`, {
      i: { apprenticeId: a.yang!.id, mentorId: m.zhao!.id, reason: 'Mentor Wang leads the new chest-pain centre this year' },
    });
    expect(moved.countyAdjustPair).toMatchObject({ source: 'ADJUSTMENT', mentor: { id: m.zhao!.id }, previousMentor: { id: m.wang!.id } });
    const state = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { blockingPairs { mentor { id } apprentice { id } } unmatched { reason apprentice { id } } } }`, { r: roundId });
    expect(state.countyRound.blockingPairs.length).toBeGreaterThan(0);
    expect(state.countyRound.unmatched.find((u: { apprentice: { id: string } | null }) => u.apprentice?.id === a.li!.id).reason).toBe('LEFT_OUT_BY_ADJUSTMENT');
  });

  it('reruns the round, replacing proposed pairs (adjustments included)', async () => {
    const again = await runMatching(h, admin, roundId);
    expect(again.pairs).toHaveLength(3);
    const state = await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { matchRuns blockingPairs { mentor { id } } pairs { source } } }`, { r: roundId });
    expect(state.countyRound).toMatchObject({ matchRuns: 2, blockingPairs: [] });
    expect(state.countyRound.pairs.every((p: { source: string }) => p.source === 'MATCHING')).toBe(true);
  });

  it('confirms: each pair becomes a core placement at the mentor’s hospital, with monthly sign-off reminders', async () => {
    const r = await h.ok(admin, `mutation($r: ID!) { countyConfirmRound(roundId: $r) { status programme { status } pairs { status placement { plannedStart plannedEnd hostInstitution { id } reports { kind dueOn } countyPair { mentor { id } } } } } }`, { r: roundId });
    expect(r.countyConfirmRound.status).toBe('CONFIRMED');
    expect(r.countyConfirmRound.programme.status).toBe('CLOSED');
    for (const p of r.countyConfirmRound.pairs) {
      expect(p.status).toBe('CONFIRMED');
      expect(p.placement).toMatchObject({ plannedStart: '2025-03-01', plannedEnd: '2026-02-28', hostInstitution: { id: hospital } });
      const signoffs = p.placement.reports.filter((x: { kind: string }) => x.kind === 'case_log_signoff');
      expect(signoffs).toHaveLength(12);
      expect(signoffs[0].dueOn).toBe('2025-04-01');
      expect(p.placement.countyPair.mentor.id).toBeTruthy();
    }
    const apps = await h.ok(admin, `{ applications(first: 50) { nodes { status talent { id } decisionNote } } }`);
    const byTalent = new Map(apps.applications.nodes.map((n: { talent: { id: string }; status: string }) => [n.talent.id, n.status]));
    expect(byTalent.get(a.chen!.talentId)).toBe('SELECTED');
    expect(byTalent.get(a.li!.talentId)).toBe('REJECTED');
  });

  it('after confirmation, an adjustment moves the placement to the new mentor’s hospital; unpairing withdraws it', async () => {
    const otherHospital = await unit(h, admin, 'Yuping County TCM Hospital');
    const t = await talent(h, admin, otherHospital, 'Mentor feng', 'WESTERN_MEDICINE', 'SENIOR');
    const late = await h.gql(await h.token(T, 'mentor', { talentId: t }), `mutation($i: CountyMentorInput!) { countyPublishMentor(input: $i) { id } }`, { i: { roundId, capacity: 1 } });
    expect(errorOf(late)?.extensions?.code).toBe('INVALID_STATE');
    const moved = await h.ok(admin, `mutation($i: CountyAdjustPairInput!) { countyAdjustPair(input: $i) { id status placement { id status hostInstitution { id } } } }`, {
      i: { apprenticeId: a.li!.id, mentorId: m.zhao!.id, reason: 'Zhao has a free place and Li asked' },
    });
    expect(moved.countyAdjustPair).toMatchObject({ status: 'CONFIRMED', placement: { status: 'PLANNED', hostInstitution: { id: hospital } } });
    const removed = await h.ok(admin, `mutation($i: CountyAdjustPairInput!) { countyAdjustPair(input: $i) { status placement { status reports { status } } } }`, {
      i: { apprenticeId: a.li!.id, mentorId: null, reason: 'Li left the county for further study' },
    });
    expect(removed.countyAdjustPair.status).toBe('CANCELLED');
    expect(removed.countyAdjustPair.placement.status).toBe('WITHDRAWN');
    expect(removed.countyAdjustPair.placement.reports.every((x: { status: string }) => x.status === 'CANCELLED')).toBe(true);
  });

  it('an apprentice sees only their own pair', async () => {
    const tok = await apprenticeToken(h, a.chen!.talentId);
    const r = await h.ok(tok, `{ countyPairs { nodes { talent { id } } } }`);
    expect(r.countyPairs.nodes.map((n: { talent: { id: string } }) => n.talent.id)).toEqual([a.chen!.talentId]);
  });
});

