import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../../../test/support/harness.js';
import { T, apprenticeToken, mentorToken, startCounty, talent, unit } from './support.js';

/**
 * The scheme's payload mutations (issue 17), a whole pairing through them against the real
 * database: one `input`, a payload with the record, and `userErrors` (code, field, English and
 * Chinese) for a mistake the user can correct, with nothing written. Who may do it stays a
 * top-level error. The deprecated mutations keep working (the other API tests use them) and name
 * their replacements. Mentors wang (capacity 2) and zhao (1), apprentices li and chen, all western
 * medicine; today is 2025-07-01.
 */
let h: Harness;
let admin: string;
let hospital: string;
let township: string;
let roundId: string;
const mentor: Record<string, { id: string; talentId: string; token: string }> = {};
const apprentice: Record<string, { id: string; talentId: string; token: string; pairId?: string }> = {};

const ERRORS = 'userErrors { code field message messageZh }';
const CJK = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  h = await startCounty();
  admin = await h.token(T, 'commission-admin');
  hospital = await unit(h, admin, "Yuping County People's Hospital");
  township = await unit(h, admin, 'Dazhai Township Health Centre');
});
afterAll(async () => h?.close());

describe('county payload mutations', () => {
  it('open a round; a pairing period ending before it starts is a userError naming pairingEnd, and no round is written', async () => {
    const rounds = async () => (await h.ok(admin, '{ countyRounds { id } }')).countyRounds.length as number;
    const before = await rounds();
    const bad = await h.gql(admin, `mutation($i: CountyRoundInput!) { countyRoundCreate(input: $i) { round { id } ${ERRORS} } }`, {
      i: { code: 'YP-PAIR-2024', name: '玉屏县2024年师带徒结对', year: 2024, pairingStart: '2025-03-01', pairingEnd: '2025-02-01' },
    });
    expect(bad.body.errors).toBeUndefined();
    expect(bad.body.data.countyRoundCreate.round).toBeNull();
    expect(bad.body.data.countyRoundCreate.userErrors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'pairingEnd', message: 'must be after pairingStart' }]);
    expect(bad.body.data.countyRoundCreate.userErrors[0].messageZh).toMatch(CJK);
    expect(await rounds()).toBe(before);

    const r = await h.ok(admin, `mutation($i: CountyRoundInput!) { countyRoundCreate(input: $i) { round { id code status } ${ERRORS} } }`, {
      i: { code: 'YP-PAIR-2025', name: '玉屏县2025年师带徒结对', year: 2025, pairingStart: '2025-03-01', pairingEnd: '2026-02-28' },
    });
    expect(r.countyRoundCreate).toMatchObject({ round: { code: 'YP-PAIR-2025', status: 'OPEN' }, userErrors: [] });
    roundId = r.countyRoundCreate.round.id;
  });

  it('publish mentors; a capacity of 3 is a userError in Chinese (一带一、一带二), and the offer is not written', async () => {
    for (const [k, capacity] of [['wang', 2], ['zhao', 1]] as const) {
      const talentId = await talent(h, admin, hospital, `导师${k}`, 'WESTERN_MEDICINE', 'SENIOR');
      const token = await mentorToken(h, talentId);
      if (k === 'zhao') {
        const bad = await h.ok(token, `mutation($i: CountyMentorInput!) { countyMentorPublish(input: $i) { mentor { id } ${ERRORS} } }`, { i: { roundId, capacity: 3 } });
        expect(bad.countyMentorPublish.mentor).toBeNull();
        expect(bad.countyMentorPublish.userErrors).toMatchObject([{ code: 'BAD_USER_INPUT', field: 'capacity', messageZh: '每位导师带教 1 至 2 名学员' }]);
        expect((await h.ok(admin, `query($r: ID!) { countyRound(id: $r) { mentors { id } } }`, { r: roundId })).countyRound.mentors).toHaveLength(1);
      }
      const r = await h.ok(token, `mutation($i: CountyMentorInput!) { countyMentorPublish(input: $i) { mentor { id capacity field } ${ERRORS} } }`, { i: { roundId, capacity } });
      expect(r.countyMentorPublish).toMatchObject({ mentor: { capacity, field: 'WESTERN_MEDICINE' }, userErrors: [] });
      mentor[k] = { id: r.countyMentorPublish.mentor.id, talentId, token };
    }
  });

  it('register, rank both ways, match and confirm through the payload mutations', async () => {
    for (const k of ['li', 'chen']) {
      const talentId = await talent(h, admin, township, `学员${k}`, 'WESTERN_MEDICINE', 'JUNIOR');
      const r = await h.ok(admin, `mutation($i: CountyApprenticeInput!) { countyApprenticeRegister(input: $i) { apprentice { id tier } ${ERRORS} } }`, { i: { roundId, talentId } });
      expect(r.countyApprenticeRegister).toMatchObject({ apprentice: { tier: 'FOUNDATION' }, userErrors: [] });
      apprentice[k] = { id: r.countyApprenticeRegister.apprentice.id, talentId, token: await apprenticeToken(h, talentId) };
    }
    const want = { li: 'wang', chen: 'zhao' } as const;
    for (const [a, m] of Object.entries(want)) {
      const ranked = await h.ok(apprentice[a]!.token, `mutation($i: CountyRankMentorsInput!) { countyApprenticeRankMentors(input: $i) { apprentice { ranking { id } } ${ERRORS} } }`, {
        i: { apprenticeId: apprentice[a]!.id, mentorIds: [mentor[m]!.id] },
      });
      expect(ranked.countyApprenticeRankMentors).toEqual({ apprentice: { ranking: [{ id: mentor[m]!.id }] }, userErrors: [] });
      const back = await h.ok(mentor[m]!.token, `mutation($i: CountyRankApprenticesInput!) { countyMentorRankApprentices(input: $i) { mentor { ranking { id } } ${ERRORS} } }`, {
        i: { mentorId: mentor[m]!.id, apprenticeIds: [apprentice[a]!.id] },
      });
      expect(back.countyMentorRankApprentices).toEqual({ mentor: { ranking: [{ id: apprentice[a]!.id }] }, userErrors: [] });
    }
    const matched = await h.ok(admin, `mutation($i: CountyRoundRunMatchingInput!) { countyRoundRunMatching(input: $i) { matchResult { round { status } pairs { id mentor { id } apprentice { id } } unmatched { side } } ${ERRORS} } }`, { i: { roundId } });
    expect(matched.countyRoundRunMatching.userErrors).toEqual([]);
    expect(matched.countyRoundRunMatching.matchResult.round.status).toBe('MATCHED');
    expect(matched.countyRoundRunMatching.matchResult.pairs.map((p: { mentor: { id: string }; apprentice: { id: string } }) => [p.apprentice.id, p.mentor.id]).sort()).toEqual(
      [[apprentice.li!.id, mentor.wang!.id], [apprentice.chen!.id, mentor.zhao!.id]].sort(),
    );

    const confirmed = await h.ok(admin, `mutation($i: CountyRoundConfirmInput!) { countyRoundConfirm(input: $i) { round { status pairs { id status apprentice { id } } } ${ERRORS} } }`, { i: { roundId } });
    expect(confirmed.countyRoundConfirm.userErrors).toEqual([]);
    expect(confirmed.countyRoundConfirm.round.status).toBe('CONFIRMED');
    for (const p of confirmed.countyRoundConfirm.round.pairs) {
      expect(p.status).toBe('CONFIRMED');
      Object.values(apprentice).find((a) => a.id === p.apprentice.id)!.pairId = p.id;
    }
    // Confirming again does not fit the round's state: INVALID_STATE naming roundId, in Chinese.
    const again = await h.ok(admin, `mutation($i: CountyRoundConfirmInput!) { countyRoundConfirm(input: $i) { round { id } ${ERRORS} } }`, { i: { roundId } });
    expect(again.countyRoundConfirm).toMatchObject({ round: null, userErrors: [{ code: 'INVALID_STATE', field: 'roundId' }] });
    expect(again.countyRoundConfirm.userErrors[0].messageZh).toMatch(CJK);
  });

  it('write a plan (an incomplete one is refused in Chinese, nothing written), record progress, log a case and sign it off; another mentor signing is FORBIDDEN, an unknown entry NOT_FOUND', async () => {
    const li = apprentice.li!;
    const PLAN = `mutation($i: CountyPlanInput!) { countyPlanSet(input: $i) { plan { id } ${ERRORS} } }`;
    const theoryOnly = await h.ok(mentor.wang!.token, PLAN, {
      i: { pairId: li.pairId, title: '普外科第一年', stages: [{ kind: 'THEORY', startsOn: '2025-03-01', endsOn: '2025-04-30', targets: [{ code: 'lectures', description: '理论授课', target: 12 }] }] },
    });
    expect(theoryOnly.countyPlanSet.plan).toBeNull();
    expect(theoryOnly.countyPlanSet.userErrors.map((e: { field: string; messageZh: string }) => [e.field, e.messageZh])).toEqual([
      ['stages', '缺少“指导下实践”阶段'],
      ['stages', '缺少“独立实践”阶段'],
    ]);
    expect((await h.ok(admin, `query($p: ID!) { countyPlan(pairId: $p) { id } }`, { p: li.pairId })).countyPlan).toBeNull();
    const plan = await h.ok(mentor.wang!.token, `mutation($i: CountyPlanInput!) { countyPlanSet(input: $i) { plan { id stages { id kind } } ${ERRORS} } }`, {
      i: {
        pairId: li.pairId,
        title: '普外科第一年',
        stages: [
          { kind: 'THEORY', startsOn: '2025-03-01', endsOn: '2025-04-30', targets: [{ code: 'lectures', description: '理论授课', target: 12 }] },
          { kind: 'SUPERVISED_PRACTICE', startsOn: '2025-05-01', endsOn: '2025-09-30', targets: [{ code: 'g3_guided', description: '指导下完成三级手术', target: 10 }] },
          { kind: 'INDEPENDENT_PRACTICE', startsOn: '2025-10-01', endsOn: '2026-02-28', targets: [{ code: 'g12_alone', description: '独立完成一、二级手术', target: 30 }] },
        ],
      },
    });
    expect(plan.countyPlanSet.userErrors).toEqual([]);
    expect(plan.countyPlanSet.plan.stages.map((s: { kind: string }) => s.kind)).toEqual(['THEORY', 'SUPERVISED_PRACTICE', 'INDEPENDENT_PRACTICE']);
    const stageId = plan.countyPlanSet.plan.stages[1].id;
    const progress = await h.ok(li.token, `mutation($i: CountyProgressInput!) { countyProgressRecord(input: $i) { progress { targetCode amount } ${ERRORS} } }`, {
      i: { stageId, targetCode: 'g3_guided', amount: 2, recordedOn: '2025-06-20' },
    });
    expect(progress.countyProgressRecord).toEqual({ progress: { targetCode: 'g3_guided', amount: 2 }, userErrors: [] });

    const logged = await h.ok(li.token, `mutation($i: CountyCaseInput!) { countyCaseLogEntryCreate(input: $i) { caseLogEntry { id kind grade role signedOffAt } ${ERRORS} } }`, {
      i: { pairId: li.pairId, kind: 'OPERATION', grade: 2, role: 'INDEPENDENT', performedOn: '2025-06-03', caseReference: 'ZY2025-0613' },
    });
    expect(logged.countyCaseLogEntryCreate).toMatchObject({ caseLogEntry: { kind: 'OPERATION', grade: 2, role: 'INDEPENDENT', signedOffAt: null }, userErrors: [] });
    const entryId = logged.countyCaseLogEntryCreate.caseLogEntry.id;

    const SIGN = `mutation($i: CountyCaseLogEntriesSignOffInput!) { countyCaseLogEntriesSignOff(input: $i) { caseLogEntries { id signedOffAt } ${ERRORS} } }`;
    const other = await h.gql(mentor.zhao!.token, SIGN, { i: { ids: [entryId] } });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const missing = await h.ok(mentor.wang!.token, SIGN, { i: { ids: [entryId, '0190f0a0-0000-7000-8000-000000000000'] } });
    expect(missing.countyCaseLogEntriesSignOff).toMatchObject({ caseLogEntries: null, userErrors: [{ code: 'NOT_FOUND' }] });
    const signed = await h.ok(mentor.wang!.token, SIGN, { i: { ids: [entryId] } });
    expect(signed.countyCaseLogEntriesSignOff.userErrors).toEqual([]);
    expect(signed.countyCaseLogEntriesSignOff.caseLogEntries).toEqual([{ id: entryId, signedOffAt: expect.any(String) }]);
  });

  it('record growth, retention, a tier change and 激励关爱 with Money; money on the wrong kind is a userError in Chinese, nothing written', async () => {
    const li = apprentice.li!;
    const growth = await h.ok(admin, `mutation($i: CountyGrowthInput!) { countyGrowthRecord(input: $i) { outcome { id quantity } ${ERRORS} } }`, {
      i: { pairId: li.pairId, kind: 'CONFERENCE', title: '贵州省外科学术年会', achievedOn: '2025-06-12', level: 'PROVINCE' },
    });
    expect(growth.countyGrowthRecord).toMatchObject({ outcome: { quantity: 1 }, userErrors: [] });
    const retention = await h.ok(admin, `mutation($i: CountyRetentionInput!) { countyRetentionCheckRecord(input: $i) { retentionCheck { checkedOn stillServing } ${ERRORS} } }`, {
      i: { talentId: li.talentId, checkedOn: '2025-06-30', stillServing: true },
    });
    expect(retention.countyRetentionCheckRecord).toEqual({ retentionCheck: { checkedOn: '2025-06-30', stillServing: true }, userErrors: [] });
    const tier = await h.ok(admin, `mutation($i: CountySetTierInput!) { countyApprenticeSetTier(input: $i) { apprentice { tier tierReason } ${ERRORS} } }`, {
      i: { apprenticeId: li.id, tier: 'INTERMEDIATE', reason: '已能独立完成二级手术' },
    });
    expect(tier.countyApprenticeSetTier).toEqual({ apprentice: { tier: 'INTERMEDIATE', tierReason: '已能独立完成二级手术' }, userErrors: [] });

    const CARE = `mutation($i: CountyCareInput!) { countyCareRecordCreate(input: $i) { careRecord { id kind amount { fen amount currencyCode } } ${ERRORS} } }`;
    const records = async () => (await h.ok(admin, '{ countyCareRecords(first: 1) { totalCount } }')).countyCareRecords.totalCount as number;
    const before = await records();
    const bad = await h.ok(admin, CARE, { i: { talentId: li.talentId, kind: 'POLITICAL_QUALITY', title: '专题培训', givenOn: '2025-06-01', amountFen: 100 } });
    expect(bad.countyCareRecordCreate).toEqual({
      careRecord: null,
      userErrors: [{ code: 'BAD_USER_INPUT', field: 'amountFen', message: 'money goes with an incentive or an act of care', messageZh: '只有激励或关爱可以发放金额' }],
    });
    expect(await records()).toBe(before);
    const given = await h.ok(admin, CARE, { i: { talentId: li.talentId, kind: 'INCENTIVE', title: '县级优秀学员表彰', givenOn: '2025-06-28', amountFen: 200000 } });
    expect(given.countyCareRecordCreate).toMatchObject({ careRecord: { kind: 'INCENTIVE', amount: { fen: 200000, amount: '2000.00', currencyCode: 'CNY' } }, userErrors: [] });
    const visit = await h.ok(admin, CARE, { i: { talentId: li.talentId, kind: 'CARE', title: '走访慰问', givenOn: '2025-06-29' } });
    expect(visit.countyCareRecordCreate.careRecord.amount).toBeNull();
    const d = await h.ok(admin, `query($r: ID!) { countyDashboard(roundId: $r) { care { kind count amountFen amount { fen amount currencyCode } } } }`, { r: roundId });
    expect(d.countyDashboard.care.find((c: { kind: string }) => c.kind === 'INCENTIVE')).toEqual({ kind: 'INCENTIVE', count: 1, amountFen: 200000, amount: { fen: 200000, amount: '2000.00', currencyCode: 'CNY' } });
    expect(d.countyDashboard.care.find((c: { kind: string }) => c.kind === 'CARE').amount).toEqual({ fen: 0, amount: '0.00', currencyCode: 'CNY' });
  });

  it('adjust a pair (a too-short reason is a userError naming reason), and record the competency check at the end', async () => {
    const chen = apprentice.chen!;
    const ADJUST = `mutation($i: CountyAdjustPairInput!) { countyPairAdjust(input: $i) { pair { id source adjustReason mentor { id } previousMentor { id } } ${ERRORS} } }`;
    const short = await h.ok(admin, ADJUST, { i: { apprenticeId: chen.id, mentorId: mentor.wang!.id, reason: '请假' } });
    expect(short.countyPairAdjust).toMatchObject({ pair: null, userErrors: [{ code: 'BAD_USER_INPUT', field: 'reason' }] });
    const moved = await h.ok(admin, ADJUST, { i: { apprenticeId: chen.id, mentorId: mentor.wang!.id, reason: '原导师长期外出进修' } });
    expect(moved.countyPairAdjust).toEqual({ pair: { id: chen.pairId, source: 'ADJUSTMENT', adjustReason: '原导师长期外出进修', mentor: { id: mentor.wang!.id }, previousMentor: { id: mentor.zhao!.id } }, userErrors: [] });

    h.app.clock.set('2026-03-05T04:00:00Z');
    const items = ['THEORY', 'SKILLS', 'COMMON_DISEASES', 'CRITICAL_CARE'].map((item) => ({ item, met: true }));
    const check = await h.ok(mentor.wang!.token, `mutation($i: CountyCompetencyInput!) { countyCompetencyCheckRecord(input: $i) { competencyCheck { passed checkedOn } ${ERRORS} } }`, {
      i: { pairId: apprentice.li!.pairId, checkedOn: '2026-03-05', examiner: '县卫健局考核组', items },
    });
    expect(check.countyCompetencyCheckRecord).toEqual({ competencyCheck: { passed: true, checkedOn: '2026-03-05' }, userErrors: [] });
  });

  it('list a field’s case-log kinds by the Field enum (the lowercase String is deprecated but still answers)', async () => {
    const byEnum = await h.ok(admin, '{ countyActivityKinds(professionalField: PHARMACY) }');
    expect(byEnum.countyActivityKinds).toContain('DISPENSING');
    expect((await h.ok(admin, '{ countyActivityKinds(field: "pharmacy") }')).countyActivityKinds).toEqual(byEnum.countyActivityKinds);
    const neither = await h.gql(admin, '{ countyActivityKinds }');
    expect(neither.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'professionalField' });
  });

  it('deprecate each old mutation in favour of its payload mutation', async () => {
    const m = await h.ok(admin, `{ __type(name: "Mutation") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }`);
    const byName = Object.fromEntries(m.__type.fields.map((f: { name: string }) => [f.name, f]));
    const replaced = {
      countyCreateRound: 'countyRoundCreate',
      countyPublishMentor: 'countyMentorPublish',
      countyRegisterApprentice: 'countyApprenticeRegister',
      countyRankMentors: 'countyApprenticeRankMentors',
      countyRankApprentices: 'countyMentorRankApprentices',
      countyRunMatching: 'countyRoundRunMatching',
      countyConfirmRound: 'countyRoundConfirm',
      countyAdjustPair: 'countyPairAdjust',
      countySetPlan: 'countyPlanSet',
      countyRecordProgress: 'countyProgressRecord',
      countyLogCase: 'countyCaseLogEntryCreate',
      countySignOffCaseLogs: 'countyCaseLogEntriesSignOff',
      countyRecordGrowth: 'countyGrowthRecord',
      countyRecordRetention: 'countyRetentionCheckRecord',
      countySetApprenticeTier: 'countyApprenticeSetTier',
      countyRecordCompetencyCheck: 'countyCompetencyCheckRecord',
      countyRecordCare: 'countyCareRecordCreate',
    };
    for (const [old, replacement] of Object.entries(replaced)) {
      expect(byName[old], old).toMatchObject({ isDeprecated: true, deprecationReason: `Use ${replacement}: one input, a payload with typed userErrors` });
      expect(byName[replacement], replacement).toMatchObject({ isDeprecated: false });
    }
  });
});
