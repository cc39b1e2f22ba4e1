/**
 * The plugin's tenant configuration (zod). Parsing `{}` gives the values of the plan itself
 * (seed 003, 温州市"百医出海"暨医学人才国际化培养方案, 2025-06-23); a commission changes them per
 * year through the core's versioned `updatePluginConfig` (each version effective from a day).
 */
import { z } from 'zod';
import { EnglishLevel, InstitutionKind, TitleGrade, Degree } from '../../src/index.js';

export const TRACK_CODES = ['leading_talent', 'clinical_backbone', 'medical_innovation', 'teaching', 'health_management'] as const;
export type TrackCode = (typeof TRACK_CODES)[number];

const category = z.object({
  code: z.string().regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and _'),
  label: z.string().min(1),
  labelZh: z.string().min(1),
});
export type WenzhouOutcomeCategory = z.infer<typeof category>;

const shares = z
  .object({
    foundation: z.number().int().min(0).max(100),
    unit: z.number().int().min(0).max(100),
    individual: z.number().int().min(0).max(100),
  })
  .refine((s) => s.foundation + s.unit + s.individual === 100, { message: 'foundation + unit + individual must be 100 (percent)' });
export type CostShares = z.infer<typeof shares>;

const track = z.object({
  name: z.string().min(1),
  nameZh: z.string().min(1),
  /** 年龄原则上不超过 N 周岁: an "in principle" cap (waivable). */
  ageCap: z.number().int().min(18).max(80),
  /** Applicants under this age are favoured (并向45岁以下…倾斜); null = no such favour. */
  favourUnderAge: z.number().int().min(18).max(80).nullable(),
  /** The favour applies only to members of these programmes (E-class for innovation); empty = everyone. */
  favourUnderAgeRequires: z.array(z.string()).default([]),
  /** 从事…行政管理工作3年以上: minimum months of administrative experience. */
  minAdminMonths: z.number().int().min(0).default(0),
  /** English needed (较好的英语基础); relaxed for the management track (可适当放宽). */
  minEnglish: z.enum(EnglishLevel),
  /** Typical stay (一般研学…), in days: a warning outside it, never a refusal. */
  typicalDays: z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }),
  hostKinds: z.array(z.enum(InstitutionKind)).min(1),
  /** Talent programmes that put an applicant in a priority group (优先选派): they rank, they do not gate. */
  priorityProgrammes: z.array(z.string()).default([]),
  /** Places per call unless the call's track sets its own quota. */
  quota: z.number().int().min(0),
  outcomeCategories: z.array(category).min(1),
});
export type TrackConfig = z.infer<typeof track>;

const INTL = { code: 'international_cooperation', label: 'Long-term international exchange and cooperation mechanism for the unit', labelZh: '长期稳定的国际化医学交流合作机制' };
const NEW_TECH = { code: 'new_technology', label: 'New technology or project carried out', labelZh: '新技术新项目开展' };
const PROFESSIONAL_HOSTS = [InstitutionKind.HOSPITAL, InstitutionKind.UNIVERSITY];

export const DEFAULT_TRACKS: Record<TrackCode, TrackConfig> = {
  // 二(一) 医学领军人才攻坚提升
  leading_talent: {
    name: 'Leading medical talent',
    nameZh: '医学领军人才',
    ageCap: 55,
    favourUnderAge: null,
    favourUnderAgeRequires: [],
    minAdminMonths: 0,
    minEnglish: EnglishLevel.WORKING,
    typicalDays: { min: 28, max: 62 }, // 1-2个月左右
    hostKinds: [InstitutionKind.HOSPITAL, InstitutionKind.UNIVERSITY, InstitutionKind.RESEARCH_INSTITUTE], // 顶尖医疗卫生机构、高等院校、科研机构
    priorityProgrammes: ['national_talent', 'provincial_leading_talent'],
    quota: 4,
    outcomeCategories: [
      { code: 'original_technology', label: 'Original new technology, drug or equipment', labelZh: '原创性的新技术新药物新装备' },
      { code: 'guideline', label: 'Diagnosis or treatment guideline', labelZh: '疾病诊疗指南' },
      { code: 'standard', label: 'Key industry standard', labelZh: '行业重点标准' },
      NEW_TECH,
      INTL,
    ],
  },
  // 二(二) 临床骨干人才能力提升
  clinical_backbone: {
    name: 'Clinical backbone',
    nameZh: '临床骨干人才',
    ageCap: 50,
    favourUnderAge: 45,
    favourUnderAgeRequires: [],
    minAdminMonths: 0,
    minEnglish: EnglishLevel.WORKING,
    typicalDays: { min: 28, max: 93 }, // 1-3个月
    hostKinds: [InstitutionKind.HOSPITAL], // 高水平医疗卫生机构
    priorityProgrammes: ['municipal_key_specialty_leader', 'municipal_key_specialty_reserve', 'specialty_disease_centre_leader', 'rising_star'],
    quota: 8,
    outcomeCategories: [{ code: 'domestic_leading_technology', label: 'Domestically leading new technology or project', labelZh: '国内领先的新技术新项目' }, NEW_TECH, INTL],
  },
  // 二(三) 医学创新人才能力提升
  medical_innovation: {
    name: 'Medical innovation',
    nameZh: '医学创新人才',
    ageCap: 50,
    favourUnderAge: 45,
    favourUnderAgeRequires: ['wenzhou_e_class'], // 45岁以下入围我市E类人才项目青年骨干
    minAdminMonths: 0,
    minEnglish: EnglishLevel.WORKING,
    typicalDays: { min: 28, max: 93 }, // 1-3个月左右
    hostKinds: PROFESSIONAL_HOSTS, // 高水平医疗机构、高等院校
    priorityProgrammes: ['key_discipline_core', 'provincial_high_level_talent', 'provincial_leading_talent', 'national_talent'],
    quota: 4,
    outcomeCategories: [
      { code: 'high_value_innovation', label: 'High-value science and innovation outcome', labelZh: '高价值科技创新成果' },
      { code: 'international_joint_project', label: 'International cooperative research project', labelZh: '国际合作科技项目' },
      NEW_TECH,
      INTL,
    ],
  },
  // 二(四) 医学教学人才能力提升
  teaching: {
    name: 'Medical teaching',
    nameZh: '医学教学人才',
    ageCap: 50,
    favourUnderAge: null,
    favourUnderAgeRequires: [],
    minAdminMonths: 0,
    minEnglish: EnglishLevel.WORKING,
    typicalDays: { min: 10, max: 21 }, // 2周左右
    hostKinds: PROFESSIONAL_HOSTS,
    priorityProgrammes: ['residency_faculty', 'teaching_director'],
    quota: 2,
    outcomeCategories: [{ code: 'teaching_model', label: 'New teaching model or project', labelZh: '教学新模式新项目' }, NEW_TECH, INTL],
  },
  // 二(五) 卫生健康管理人才能力提升
  health_management: {
    name: 'Health management',
    nameZh: '卫生健康管理人才',
    ageCap: 50,
    favourUnderAge: null,
    favourUnderAgeRequires: [],
    minAdminMonths: 36, // 行政管理工作3年以上
    minEnglish: EnglishLevel.BASIC, // 管理类人才的英语要求可适当放宽
    typicalDays: { min: 5, max: 10 }, // 1周左右
    hostKinds: [InstitutionKind.HOSPITAL, InstitutionKind.UNIVERSITY, InstitutionKind.HEALTH_COMMISSION, InstitutionKind.RESEARCH_INSTITUTE], // 高水平医疗卫生机构
    priorityProgrammes: ['reserve_cadre'],
    quota: 2,
    outcomeCategories: [{ code: 'management_model', label: 'New management model or project', labelZh: '管理新模式新项目' }, NEW_TECH, INTL],
  },
};

/** 美国、英国、德国、法国、意大利、西班牙、匈牙利、荷兰、日本、加拿大、新加坡 (ISO 3166-1 alpha-2). */
export const DEFAULT_COUNTRIES = ['US', 'GB', 'DE', 'FR', 'IT', 'ES', 'HU', 'NL', 'JP', 'CA', 'SG'];

function trackPatch(code: TrackCode) {
  return track
    .partial()
    .default({})
    .transform((patch, zctx) => {
      const merged = { ...DEFAULT_TRACKS[code], ...patch };
      const r = track.safeParse(merged);
      if (!r.success) for (const i of r.error.issues) zctx.addIssue({ code: 'custom', message: i.message, path: i.path });
      return merged as TrackConfig;
    });
}

const weight = z.number().min(0).max(100);

export const WenzhouConfig = z.object({
  /** 通过五年时间，全市选派100名左右. */
  fiveYearTarget: z.number().int().min(1).default(100),
  planStartYear: z.number().int().min(2000).default(2025),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 codes')).min(1).default(DEFAULT_COUNTRIES),
  /** Per track; give only what changes (`tracks: { teaching: { quota: 3 } }`), the rest is the plan's. */
  tracks: z
    .object(Object.fromEntries(TRACK_CODES.map((c) => [c, trackPatch(c)])) as Record<TrackCode, ReturnType<typeof trackPatch>>)
    .prefault({}),
  /** 三(二) 本科以上学历，中级以上职称. */
  minDegree: z.enum(Degree).default(Degree.BACHELOR),
  minTitle: z.enum(TitleGrade).default(TitleGrade.INTERMEDIATE),
  /** 四(三) 突出业务能力、临床水平、外语评估结果和社会评价: weights of the committee's four scores (not fixed by the plan: equal by default). */
  scoreWeights: z
    .object({ businessAbility: weight, clinicalLevel: weight, languageResult: weight, socialEvaluation: weight })
    .refine((w) => w.businessAbility + w.clinicalLevel + w.languageResult + w.socialEvaluation > 0, { message: 'at least one weight must be positive' })
    .default({ businessAbility: 25, clinicalLevel: 25, languageResult: 25, socialEvaluation: 25 }),
  /** Each score is on 0..scoreMax. */
  scoreMax: z.number().int().min(1).max(1000).default(100),
  /** Experts who must have scored an applicant before they are ranked ("several experts"). */
  minScoresPerApplicant: z.number().int().min(1).max(20).default(3),
  /** Points added to the weighted score of an applicant in at least one priority group (优先选派/倾斜). */
  priorityBonus: z.number().min(0).max(100).default(5),
  /** 原则上按基金会50%、人才所在单位40%、人才本人10%的比例承担. */
  costShares: shares.default({ foundation: 50, unit: 40, individual: 10 }),
  /** 具体按年度和人才类别做适当调整: the most specific match (year+track, track, year) wins. */
  costShareOverrides: z
    .array(z.object({ year: z.number().int().nullish(), track: z.enum(TRACK_CODES).nullish(), shares }))
    .default([]),
  /** 研学期满1个月内提交研学总结报告. */
  summaryReportDueMonths: z.number().int().min(0).max(12).default(1),
  /** 开展定期汇报: a check-in is expected at least every N days of the stay. */
  checkInEveryDays: z.number().int().min(1).max(90).default(7),
  /**
   * 四(四) 经审定后对内发布（各单位不得将人才名单对外发布）: the approved list is published internally
   * only, so its export is marked internal. Seed 003; a later plan may lift it.
   */
  publishedListInternalOnly: z.boolean().default(true),
  /** 服务期: the agreement's service period after return (the plan leaves it to the agreement). */
  servicePeriodMonths: z.number().int().min(0).max(240).default(24),
});
export type WenzhouConfig = z.infer<typeof WenzhouConfig>;

export const isTrackCode = (t: string | null | undefined): t is TrackCode => !!t && (TRACK_CODES as readonly string[]).includes(t);
