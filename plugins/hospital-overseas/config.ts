/**
 * The scheme's tenant configuration (zod); parsing `{}` gives the defaults. Seed 000 (Wuhan Union
 * Hospital) fixes the three channels — the original state-sponsored projects, the 2012
 * "Outstanding Young and Middle-aged Personnel Study Abroad Award Plan" and the 2014 "Special Plan
 * for Scientific Research and Training of Eight-year Graduates" — that each is managed by its own
 * performance-appraisal scheme, and that research output is compared before and after the stay.
 * It gives no sponsor detail, criterion, weight, grade or sum: every such value below is a local
 * default and says so in its `source`, or in its description.
 */
import { z } from 'zod';
import { Degree, EnglishLevel, TitleGrade } from '../../src/index.js';
import { AppraisalPeriod, CHANNELS, Consequence, Grade, type ChannelCode } from './domain.js';

export { CHANNELS, type ChannelCode };
export const PLUGIN_KEY = 'hospital-overseas';

const LOCAL = 'local default';
const SEED = 'seed 000';
const meta = (labelZh: string, src: string = LOCAL) => ({ source: src, labelZh });
const source = z.string().min(1).describe('Where the value comes from: a clause of seed 000, or "local default"');
/** A value's own `source` (the values differ per channel, so each says where it comes from). */
const sourceField = (labelZh = '出处') => source.meta(meta(labelZh, `${LOCAL}: each value states its own source`));

const indicator = z.object({
  code: z.string().regex(/^[a-z0-9_]+$/).meta(meta('指标代码')),
  label: z.string().min(1).meta(meta('指标名称（英文）')),
  labelZh: z.string().min(1).meta(meta('指标名称')),
  weight: z.number().min(0).max(100).meta(meta('指标权重（%）', `${LOCAL}: seed 000 gives no weights`)),
});
const period = z.object({
  weight: z.number().min(0).max(100).meta(meta('考核阶段权重（%）', `${LOCAL}: seed 000 names appraisal before, during and after the stay, not their weights`)),
  indicators: z.array(indicator).min(1).meta(meta('考核指标', `${LOCAL}: seed 000 names no indicator`)),
});
const grade = z.object({
  grade: z.enum(Grade).meta(meta('考核等级')),
  minScore: z.number().min(0).max(100).meta(meta('等级最低分', `${LOCAL}: seed 000 gives no grades or cut-offs`)),
  consequence: z.enum(Consequence).meta(meta('考核结果运用', `${LOCAL}: seed 000 credits performance appraisal with a "promotion and incentive effect", not which grade brings which consequence`)),
  /** An incentive's amount, whole fen. */
  incentiveFen: z.number().int().min(0).default(0).meta(meta('奖励金额（分）', `${LOCAL}: seed 000 gives no sum`)),
  /** A clawback's share of the hospital's funding of the stay, percent. */
  clawbackPercent: z.number().int().min(0).max(100).default(0).meta(meta('追回比例（%）', `${LOCAL}: seed 000 gives no share`)),
});

export const AppraisalSchemeConfig = z.object({
  name: z.string().min(1).meta(meta('考核方案名称（英文）')),
  nameZh: z.string().min(1).meta(meta('考核方案名称')),
  source: sourceField(),
  periods: z.object({ [AppraisalPeriod.BEFORE]: period.meta({ labelZh: '出国前' }), [AppraisalPeriod.DURING]: period.meta({ labelZh: '研修中' }), [AppraisalPeriod.AFTER]: period.meta({ labelZh: '回国后' }) }),
  /** Highest first: the first grade whose minScore the overall score reaches. */
  grades: z.array(grade).min(1).refine((g) => g.some((x) => x.minScore === 0), 'one grade must start at 0').meta(meta('考核等级及结果运用', `${LOCAL}: seed 000 gives no grades`)),
});
export type AppraisalSchemeConfig = z.infer<typeof AppraisalSchemeConfig>;

export const ChannelConfig = z.object({
  name: z.string().min(1).meta(meta('渠道名称（英文）', `${SEED}: the three channels' names`)),
  nameZh: z.string().min(1).meta(meta('渠道名称', `${SEED}: the three channels' names`)),
  /** The year the channel began (null: the original state-sponsored projects). */
  since: z.number().int().nullable().meta(meta('设立年份', `${SEED}: "added in 2012", "promulgated in 2014"`)),
  source: sourceField('渠道出处'),
  sponsor: z.string().min(1).meta(meta('资助方', `${LOCAL}: see sponsorSource`)),
  sponsorSource: sourceField('资助方出处'),
  eligibility: z
    .object({
      maxAge: z.number().int().min(18).max(80).meta(meta('年龄上限', `${LOCAL}: see eligibility.source`)),
      minTitle: z.enum(TitleGrade).meta(meta('最低职称', `${LOCAL}: see eligibility.source`)),
      minDegree: z.enum(Degree).meta(meta('最低学历', `${LOCAL}: see eligibility.source`)),
      minEnglish: z.enum(EnglishLevel).meta(meta('最低外语水平', `${LOCAL}: see eligibility.source`)),
      /** Talent-programme memberships required (the eight-year plan is for eight-year graduates). */
      requiredProgrammes: z.array(z.string()).default([]).meta(meta('须属人才项目', `${SEED}: the 2014 plan is for eight-year graduates; none for the others`)),
      source: sourceField('申报条件出处'),
    })
    .meta({ labelZh: '申报条件' }),
  stayMonths: z
    .object({ min: z.number().int().min(1).meta(meta('最短研修月数')), max: z.number().int().min(1).meta(meta('最长研修月数')) })
    .meta({ labelZh: '研修期限' }),
  obligations: z
    .object({
      /** Years of service owed after return. */
      serviceYears: z.number().int().min(0).max(20).meta(meta('回院服务年限', `${LOCAL}: see obligations.source`)),
      /** The summary report is due this many months after return. */
      summaryReportMonths: z.number().int().min(0).max(12).meta(meta('总结报告期限（回国后月数）', `${LOCAL}: see obligations.source`)),
      source: sourceField('义务出处'),
    })
    .meta({ labelZh: '回国后义务' }),
  /** What the hospital pays per month of stay, whole fen (the base of a clawback). */
  fundingFenPerMonth: z.number().int().min(0).meta(meta('每月资助金额（分）', `${LOCAL}: seed 000 gives no sum`)),
  appraisalScheme: z.string().min(1).meta(meta('适用考核方案', `${SEED}: each channel has its own performance-appraisal scheme`)),
});
export type ChannelConfig = z.infer<typeof ChannelConfig>;

const indicators = (...rows: [string, string, string, number][]) => rows.map(([code, label, labelZh, weight]) => ({ code, label, labelZh, weight }));
const GRADES = [
  { grade: Grade.EXCELLENT, minScore: 90, consequence: Consequence.INCENTIVE, incentiveFen: 2_000_000, clawbackPercent: 0 },
  { grade: Grade.GOOD, minScore: 75, consequence: Consequence.NONE, incentiveFen: 0, clawbackPercent: 0 },
  { grade: Grade.PASS, minScore: 60, consequence: Consequence.WARNING, incentiveFen: 0, clawbackPercent: 0 },
  { grade: Grade.FAIL, minScore: 0, consequence: Consequence.CLAWBACK, incentiveFen: 0, clawbackPercent: 50 },
];
const RESEARCH_AFTER = indicators(['research_output', 'Research output', '科研产出', 50], ['clinical_application', 'Clinical application', '临床转化应用', 30], ['summary_report', 'Summary report and sharing', '总结汇报与交流', 20]);

export const DEFAULT_SCHEMES: Record<string, AppraisalSchemeConfig> = {
  state_standard: {
    name: 'Standard appraisal of state-sponsored stays',
    nameZh: '国家公派常规考核',
    source: `${LOCAL}: seed 000 says each channel has its own appraisal scheme, not what it holds`,
    periods: {
      before: { weight: 10, indicators: indicators(['study_plan', 'Study plan and host acceptance', '研修计划与接收函', 100]) },
      during: { weight: 20, indicators: indicators(['periodic_reports', 'Periodic reports', '阶段汇报', 100]) },
      after: { weight: 70, indicators: RESEARCH_AFTER },
    },
    grades: GRADES,
  },
  award_plan: {
    name: 'Performance appraisal of the award plan',
    nameZh: '奖励计划绩效考核',
    source: `${LOCAL}: seed 000 credits performance appraisal with an incentive effect, not its weights`,
    periods: {
      before: { weight: 20, indicators: indicators(['study_plan', 'Study plan and host acceptance', '研修计划与接收函', 60], ['language', 'Foreign language', '外语水平', 40]) },
      during: { weight: 30, indicators: indicators(['periodic_reports', 'Periodic reports', '阶段汇报', 50], ['progress', 'Learning progress', '学习进展', 30], ['discipline', 'Discipline', '纪律', 20]) },
      after: { weight: 50, indicators: RESEARCH_AFTER },
    },
    grades: GRADES,
  },
  research_training: {
    name: 'Research-training appraisal of eight-year graduates',
    nameZh: '八年制毕业生科研训练考核',
    source: `${LOCAL}: the 2014 plan is for research training (seed 000); its weights are not given`,
    periods: {
      before: { weight: 20, indicators: indicators(['research_proposal', 'Research proposal', '科研计划书', 100]) },
      during: { weight: 30, indicators: indicators(['lab_progress', 'Laboratory progress', '实验进展', 70], ['periodic_reports', 'Periodic reports', '阶段汇报', 30]) },
      after: { weight: 50, indicators: indicators(['research_output', 'Research output', '科研产出', 70], ['summary_report', 'Summary report and sharing', '总结汇报与交流', 30]) },
    },
    grades: GRADES,
  },
};

export const DEFAULT_CHANNELS: Record<ChannelCode, ChannelConfig> = {
  state_sponsored: {
    name: 'State-sponsored study abroad',
    nameZh: '国家公派出国留学',
    since: null,
    source: 'seed 000: "on the basis of the original state-sponsored training projects"',
    sponsor: 'China Scholarship Council (国家留学基金管理委员会)',
    sponsorSource: `${LOCAL}: seed 000 says state-sponsored; the CSC administers state-sponsored study abroad`,
    eligibility: { maxAge: 45, minTitle: TitleGrade.INTERMEDIATE, minDegree: Degree.MASTER, minEnglish: EnglishLevel.GOOD, requiredProgrammes: [], source: LOCAL },
    stayMonths: { min: 6, max: 12 },
    obligations: { serviceYears: 2, summaryReportMonths: 1, source: LOCAL },
    fundingFenPerMonth: 500_000,
    appraisalScheme: 'state_standard',
  },
  award_2012: {
    name: 'Outstanding Young and Middle-aged Personnel Study Abroad Award Plan',
    nameZh: '优秀中青年人才出国研修奖励计划',
    since: 2012,
    source: 'seed 000: "the Outstanding Young and Middle-aged Personnel Study Abroad Award Plan was added in 2012"',
    sponsor: 'Wuhan Union Hospital (武汉协和医院)',
    sponsorSource: `${LOCAL}: an award plan of the hospital's own`,
    eligibility: { maxAge: 45, minTitle: TitleGrade.INTERMEDIATE, minDegree: Degree.DOCTORATE, minEnglish: EnglishLevel.GOOD, requiredProgrammes: [], source: `${LOCAL}: 中青年 read as 45 or under` },
    stayMonths: { min: 6, max: 12 },
    obligations: { serviceYears: 5, summaryReportMonths: 1, source: LOCAL },
    fundingFenPerMonth: 1_500_000,
    appraisalScheme: 'award_plan',
  },
  eight_year_2014: {
    name: 'Special Plan for Scientific Research and Training of Eight-year Graduates',
    nameZh: '八年制毕业生科研训练专项计划',
    since: 2014,
    source: 'seed 000: "the Special Plan for Scientific Research and Training of Eight-year Graduates was promulgated in 2014"',
    sponsor: 'Wuhan Union Hospital (武汉协和医院)',
    sponsorSource: LOCAL,
    eligibility: { maxAge: 35, minTitle: TitleGrade.JUNIOR, minDegree: Degree.DOCTORATE, minEnglish: EnglishLevel.WORKING, requiredProgrammes: ['eight_year_graduate'], source: `seed 000: for eight-year graduates; ${LOCAL}: the age, title, degree and English` },
    stayMonths: { min: 12, max: 24 },
    obligations: { serviceYears: 5, summaryReportMonths: 1, source: LOCAL },
    fundingFenPerMonth: 1_000_000,
    appraisalScheme: 'research_training',
  },
};

function channelPatch(code: ChannelCode) {
  return ChannelConfig.partial().default({}).transform((patch) => ({ ...DEFAULT_CHANNELS[code], ...patch }) as ChannelConfig);
}

export const HospitalConfig = z
  .object({
    channels: z
      .object(Object.fromEntries(CHANNELS.map((c) => [c, channelPatch(c)])) as Record<ChannelCode, ReturnType<typeof channelPatch>>)
      .prefault({})
      .describe('The three channels of seed 000; give only what changes (`channels: { award_2012: { fundingFenPerMonth: 1800000 } }`)')
      .meta({ labelZh: '选派渠道', source: `${SEED}: three channels, the state-sponsored projects, the 2012 award plan and the 2014 eight-year plan` }),
    appraisalSchemes: z
      .record(z.string(), AppraisalSchemeConfig)
      .default(DEFAULT_SCHEMES)
      .describe(`${LOCAL}: one scheme per channel (seed 000: "three different … performance management schemes")`)
      .meta(meta('绩效考核方案', `${SEED}: "three different … performance management schemes"; their content is a ${LOCAL}`)),
    comparisonWindowMonths: z
      .number()
      .int()
      .min(1)
      .max(120)
      .default(24)
      .describe(`${LOCAL}: output is counted in this many months before the stay and as many after (seed 000 compares before and after without a window)`)
      .meta(meta('科研产出对比窗口（月）')),
  })
  .superRefine((c, ctx) => {
    for (const code of CHANNELS) {
      if (!c.appraisalSchemes[c.channels[code].appraisalScheme]) ctx.addIssue({ code: 'custom', path: ['channels', code, 'appraisalScheme'], message: `no appraisal scheme "${c.channels[code].appraisalScheme}"` });
    }
  });
export type HospitalConfig = z.infer<typeof HospitalConfig>;

export const isChannel = (c: string | null | undefined): c is ChannelCode => !!c && (CHANNELS as readonly string[]).includes(c);
