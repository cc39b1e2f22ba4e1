import { z } from 'zod';
import { TitleGrade } from '../../src/index.js';
import { ApprenticeTier } from './domain.js';

/**
 * The tenant configuration of county-pairing (`tenants/<key>.yaml`, `plugins.county-pairing.config`).
 * Every field says where its default comes from (`.meta({ source })`): a clause of seed 004, or
 * "local default" where the seed gives no value (the monthly sign-off, the 7-day review, the
 * tiers and the mentor's title are chosen here, not by the Yuping scheme).
 */
export const CountyConfig = z.object({
  maxMentorCapacity: z
    .number()
    .int()
    .min(1)
    .max(2)
    .default(2)
    .meta({ source: 'seed 004: "In the mode of "One Belt one, One Belt Two"" (一带一、一带二)', labelZh: '每位导师最多带教人数', description: 'Most apprentices one mentor may take' }),
  signOffEveryMonths: z
    .number()
    .int()
    .min(1)
    .max(6)
    .default(1)
    .meta({ source: 'local default (seed 004 gives no sign-off rhythm)', labelZh: '导师审签病例间隔（月）', description: 'The mentor signs the case log off every this many months of the pairing period' }),
  stageReviewAfterDays: z
    .number()
    .int()
    .min(0)
    .max(60)
    .default(7)
    .meta({ source: 'local default (seed 004 gives no review deadline)', labelZh: '阶段结束后评估期限（天）', description: 'A stage review falls due this many days after the stage ends' }),
  minAdjustReasonLength: z
    .number()
    .int()
    .min(1)
    .max(200)
    .default(5)
    .meta({ source: 'local default', labelZh: '调整结对理由最少字数', description: 'Shortest reason the commission must give for adjusting a pair' }),
  tierByTitle: z
    .record(z.enum(TitleGrade), z.enum(ApprenticeTier).meta({ source: 'as tierByTitle', labelZh: '该职称的培养层次' }))
    .default({
      [TitleGrade.NONE]: ApprenticeTier.FOUNDATION,
      [TitleGrade.JUNIOR]: ApprenticeTier.FOUNDATION,
      [TitleGrade.INTERMEDIATE]: ApprenticeTier.INTERMEDIATE,
      [TitleGrade.ASSOCIATE_SENIOR]: ApprenticeTier.ADVANCED,
      [TitleGrade.SENIOR]: ApprenticeTier.ADVANCED,
    })
    .meta({
      source: 'local default (seed 004: "stratified training" names no tiers; these follow the apprentice\'s title)',
      labelZh: '分层培养：职称对应层级',
      description: 'The tier an apprentice is placed in at registration, by professional title (the commission may move them)',
    }),
  mentorMinTitle: z
    .enum(TitleGrade)
    .default(TitleGrade.ASSOCIATE_SENIOR)
    .meta({
      source: 'local default (seed 004 asks of tutors "rich working experience and exquisite professional skills" and gives no title)',
      labelZh: '导师最低职称',
      description: 'Lowest professional title of a mentor',
    }),
  competencyCheckWithinDays: z
    .number()
    .int()
    .min(0)
    .max(180)
    .default(30)
    .meta({
      source: 'local default (seed 004 reports what trainees can do at the end, not when it is checked)',
      labelZh: '结业能力考核期限（结对期满后天数）',
      description: 'The competency check falls due this many days after the pairing ends',
    }),
});
export type CountyConfig = z.infer<typeof CountyConfig>;
export const PLUGIN_KEY = 'county-pairing';
