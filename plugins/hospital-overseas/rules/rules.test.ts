import { describe, expect, it } from 'vitest';
import { Degree, EnglishLevel, Gender, PaperIndex, ResearchOutputKind as K, TitleGrade } from '../../../src/index.js';
import { CHANNELS, HospitalConfig } from '../config.js';
import { AppraisalPeriod as P, Consequence, Grade } from '../domain.js';
import { consequenceOf, gradeOf, overallScore, periodProblem, periodScore, sheetProblems } from './appraisal.js';
import { compareByGroups } from './comparison.js';
import { channelEligibility } from './eligibility.js';

const config = HospitalConfig.parse({});
const award = config.appraisalSchemes.award_plan!;

describe('configuration', () => {
  it('has the seed’s three channels, each saying where it comes from; everything the seed does not fix is labelled a local default', () => {
    expect(CHANNELS.map((c) => [c, config.channels[c].since])).toEqual([['state_sponsored', null], ['award_2012', 2012], ['eight_year_2014', 2014]]);
    for (const c of CHANNELS) {
      expect(config.channels[c].source).toMatch(/^seed 000: /);
      for (const s of [config.channels[c].sponsorSource, config.channels[c].obligations.source, config.channels[c].eligibility.source]) expect(s).toMatch(/local default/);
    }
    for (const s of Object.values(config.appraisalSchemes)) expect(s.source).toMatch(/^local default/);
    expect(HospitalConfig.shape.comparisonWindowMonths.description).toMatch(/^local default/);
  });

  it('refuses a channel pointing at an appraisal scheme that does not exist, naming the field', () => {
    const r = HospitalConfig.safeParse({ channels: { award_2012: { appraisalScheme: 'nope' } } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['channels', 'award_2012', 'appraisalScheme']);
  });
});

describe('appraisal', () => {
  const before = [{ indicator: 'study_plan', score: 90 }, { indicator: 'language', score: 80 }];
  it('a score sheet has every indicator of the period once, each 0–100; problems name the entry', () => {
    expect(sheetProblems(award, P.BEFORE, before)).toEqual([]);
    expect(sheetProblems(award, P.BEFORE, [{ indicator: 'study_plan', score: 101 }, { indicator: 'study_plan', score: 50 }, { indicator: 'x', score: 1 }]).map((p) => p.field)).toEqual(['scores.0.score', 'scores.1.indicator', 'scores.2.indicator', 'scores']);
  });

  it('weights indicators within a period and periods within the stay (award plan: 20/30/50)', () => {
    expect(periodScore(award, P.BEFORE, before)).toBe(86); // (90×60 + 80×40) / 100
    expect(periodScore(award, P.DURING, [{ indicator: 'periodic_reports', score: 80 }, { indicator: 'progress', score: 70 }, { indicator: 'discipline', score: 100 }])).toBe(81); // 40 + 21 + 20
    expect(overallScore(award, { before: 86, during: 81, after: 92.5 })).toBe(87.75); // 17.2 + 24.3 + 46.25
  });

  it('grades reach their minimum: 90 is excellent, 89.99 good, 60 pass, 59.99 fail', () => {
    expect([90, 89.99, 75, 60, 59.99, 0].map((s) => gradeOf(award, s).grade)).toEqual([Grade.EXCELLENT, Grade.GOOD, Grade.GOOD, Grade.PASS, Grade.FAIL, Grade.FAIL]);
  });

  it('consequences: an incentive of 20,000 yuan, nothing, a warning, or half the funding clawed back to the fen, rounded half up', () => {
    expect(consequenceOf(gradeOf(award, 95), 18_000_000)).toEqual({ grade: Grade.EXCELLENT, consequence: Consequence.INCENTIVE, amountFen: 2_000_000 });
    expect(consequenceOf(gradeOf(award, 80), 18_000_000)).toEqual({ grade: Grade.GOOD, consequence: Consequence.NONE, amountFen: 0 });
    expect(consequenceOf(gradeOf(award, 65), 18_000_000)).toEqual({ grade: Grade.PASS, consequence: Consequence.WARNING, amountFen: 0 });
    expect(consequenceOf(gradeOf(award, 40), 18_000_001)).toEqual({ grade: Grade.FAIL, consequence: Consequence.CLAWBACK, amountFen: 9_000_001 }); // 9,000,000.5 → up
  });

  it('periods go in order, each once; during needs the departure, after the return', () => {
    expect(periodProblem(P.DURING, [], { departed: true, returned: false })?.message).toContain('before period first');
    expect(periodProblem(P.DURING, [P.BEFORE], { departed: false, returned: false })?.message).toContain('departure');
    expect(periodProblem(P.AFTER, [P.BEFORE, P.DURING], { departed: true, returned: false })?.message).toContain('return');
    expect(periodProblem(P.BEFORE, [P.BEFORE], { departed: false, returned: false })?.kind).toBe('state');
    expect(periodProblem(P.AFTER, [P.BEFORE, P.DURING], { departed: true, returned: true })).toBeNull();
  });
});

describe('channel criteria', () => {
  const talent = { birthDate: '1985-06-01', titleGrade: TitleGrade.INTERMEDIATE, highestDegree: Degree.DOCTORATE, englishSelfDeclared: EnglishLevel.GOOD, englishAssessed: null, talentProgrammes: [] as string[], adverseIncidentPrimaryResponsibility: false, gender: Gender.FEMALE };
  const judge = (channel: string, t: Partial<typeof talent> = {}) => channelEligibility({ talent: { ...talent, ...t }, channel, onDate: '2026-03-01', config });
  it('each channel has its own: the eight-year plan is for eight-year graduates, 35 or under', () => {
    expect(judge('award_2012').eligible).toBe(true);
    expect(judge('eight_year_2014').reasons.map((r) => r.code)).toEqual(['AGE_OVER_CAP', 'NOT_IN_TARGET_GROUP']);
    expect(judge('eight_year_2014', { birthDate: '1992-01-01', talentProgrammes: ['eight_year_graduate'], titleGrade: TitleGrade.JUNIOR }).eligible).toBe(true);
    expect(judge('award_2012', { highestDegree: Degree.MASTER }).reasons.map((r) => r.code)).toEqual(['DEGREE_TOO_LOW']);
    expect(judge('state_sponsored', { highestDegree: Degree.MASTER }).eligible).toBe(true);
  });

  it('lists every failed criterion in both languages; only the age limit is waivable', () => {
    const v = judge('award_2012', { birthDate: '1970-01-01', titleGrade: TitleGrade.JUNIOR, englishSelfDeclared: EnglishLevel.BASIC, adverseIncidentPrimaryResponsibility: true });
    expect(v.reasons.map((r) => [r.code, !!r.waivable])).toEqual([['AGE_OVER_CAP', true], ['TITLE_TOO_LOW', false], ['ENGLISH_INSUFFICIENT', false], ['ADVERSE_INCIDENT', false]]);
    expect(v.reasons[1]!.messageZh).toBe('职称为初级，须中级及以上');
    expect(judge('nope').reasons[0]!.code).toBe('UNKNOWN_CHANNEL');
  });
});

describe('the comparison by channel and appraisal scheme', () => {
  it('counts each group’s stays in their own windows', () => {
    const stays = [
      { talentId: 'a', start: '2020-01-01', end: '2020-12-31', channel: 'award_2012', appraisalScheme: 'award_plan' },
      { talentId: 'b', start: '2020-01-01', end: '2020-06-30', channel: 'state_sponsored', appraisalScheme: 'state_standard' },
    ];
    const sci = { kind: K.PAPER, indexing: [PaperIndex.SCI], impactFactor: 4 };
    const outputs = [
      { talentId: 'a', achievedOn: '2019-05-01', ...sci },
      { talentId: 'a', achievedOn: '2021-05-01', ...sci },
      { talentId: 'a', achievedOn: '2022-05-01', ...sci },
      { talentId: 'b', achievedOn: '2021-01-01', kind: K.CLINICAL_TECHNIQUE },
    ];
    const c = compareByGroups(stays, outputs, 24, '2024-01-01', { channels: { state_sponsored: 'S', award_2012: 'A', eight_year_2014: 'E' }, schemes: { award_plan: 'AP', state_standard: 'SS' } });
    expect(c.overall).toMatchObject({ people: 2, perPersonBefore: 0.5, perPersonAfter: 1.5 });
    expect(c.byChannel.map((g) => [g.key, g.people, g.before.sciPapers, g.after.sciPapers, g.after.clinicalTechniques])).toEqual([['state_sponsored', 1, 0, 0, 1], ['award_2012', 1, 1, 2, 0], ['eight_year_2014', 0, 0, 0, 0]]);
    expect(c.byAppraisalScheme.map((g) => [g.key, g.perPersonAfter])).toEqual([['award_plan', 2], ['state_standard', 1]]);
    expect(c.pending).toBe(0);
  });
});
