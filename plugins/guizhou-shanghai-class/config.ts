import { z } from 'zod';
import { AdminLevel, Profession, TitleGrade } from '../../src/index.js';
import { GuizhouHostRegion, GuizhouSubPlan } from './domain.js';

/**
 * The tenant configuration of the scheme (`tenants/guizhou.yaml`, `plugins.guizhou-shanghai-class.config`).
 * Every field says where its default comes from (`.meta({ source })`): a clause of seed 001, or
 * "local default" where the seed gives no value (the return confirmation's 30 days, the 8
 * quarterly cascade reports and the age cap are chosen here, not by the plan or the Ruijin agreement).
 */
export const GuizhouConfig = z.object({
  termMonths: z
    .array(z.number().int().min(1).max(36))
    .min(1)
    .default([3, 6, 12])
    .meta({ source: 'seed 001: "for 3 months, 6 months or 12 months of training" (the Ruijin agreement)', labelZh: '进修期限（月）', description: 'Allowed training terms in months' }),
  adminLevels: z
    .array(z.enum(AdminLevel))
    .min(1)
    .default([AdminLevel.PROVINCE, AdminLevel.CITY, AdminLevel.COUNTY])
    .meta({ source: 'seed 001: "primarily to guizhou province, city and county levels of medical institutions"', labelZh: '选派单位级别', description: 'Administrative levels of the dispatching institutions that may send staff' }),
  professions: z
    .array(z.enum(Profession))
    .min(1)
    .default([Profession.DOCTOR, Profession.NURSE, Profession.TECHNICIAN, Profession.MANAGER])
    .meta({
      source: 'seed 001: "medical, nursing, technical and young backbone" (Ruijin) and "712 discipline backbone and management personnel" (the plan)',
      labelZh: '选派人员类别（医、护、技、管理）',
      description: 'Professions that may enrol: doctors, nurses, technicians, and managers',
    }),
  minTitle: z
    .enum(TitleGrade)
    .default(TitleGrade.INTERMEDIATE)
    .meta({ source: 'seed 001: "young backbone with intermediate titles"', labelZh: '最低职称', description: 'Lowest professional title' }),
  maxAge: z
    .number()
    .int()
    .min(18)
    .max(70)
    .nullable()
    .default(null)
    .meta({
      source: 'local default (seed 001 says "middle-aged and young backbone doctors", 中青年, and gives no age: off)',
      labelZh: '中青年年龄上限（周岁，空为不限）',
      description: 'Oldest age, in whole years on the cohort start date, an applicant may have; null: no age rule',
    }),
  subPlansByHostRegion: z
    .partialRecord(z.enum(GuizhouHostRegion), z.array(z.enum(GuizhouSubPlan)).min(1).meta({ source: 'as subPlansByHostRegion', labelZh: '该地区承担的子计划' }))
    .default({ [GuizhouHostRegion.GUANGDONG]: [GuizhouSubPlan.FOREST_CULTIVATION, GuizhouSubPlan.BACKBONE] })
    .meta({
      source:
        'seed 001: Guangdong hospitals "have been included in the training and receiving units of "Guizhou Medical Forest Cultivation Plan" and "Guizhou Medical backbone Plan""; a region not listed takes every sub-plan (the seed restricts none of Beijing, Zhejiang, Shanghai)',
      labelZh: '各接收地区承担的子计划',
      description: 'Which sub-plans the host hospitals of a region receive; regions not listed receive every sub-plan',
    }),
  returnConfirmationDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .default(30)
    .meta({ source: 'local default (seed 001 names the return plan, 黔归计划, but no deadline)', labelZh: '返岗确认期限（天）', description: 'Days after the end of the term by which the return to work must be confirmed' }),
  cascadeReportQuarters: z
    .number()
    .int()
    .min(0)
    .max(40)
    .default(8)
    .meta({
      source: 'local default (seed 001 reports grassroots training by returnees, "more than 20,000", but no reporting period)',
      labelZh: '返岗后按季度报告带教培训（季度数）',
      description: 'How many quarterly cascade-training reports a returnee owes after the return',
    }),
});
export type GuizhouConfig = z.infer<typeof GuizhouConfig>;
