/**
 * The plugin's tenant configuration (zod). Parsing `{}` gives the values of the plan itself
 * (seed 003, 温州市"百医出海"暨医学人才国际化培养方案, 2025-06-23); a commission changes them per
 * year through the core's versioned `updatePluginConfig` (each version effective from a day).
 */
import { z } from 'zod';
import { EnglishLevel, InstitutionKind, Profession, TitleGrade, Degree } from '../../src/index.js';

/** Where a value comes from: the clause of seed 003 it implements, or 'local default' when the plan gives no number. */
export type ConfigSource = { source: string; labelZh: string };
const src = (source: string, labelZh: string): ConfigSource => ({ source, labelZh });
const LOCAL = 'local default';

export const TRACK_CODES = ['leading_talent', 'clinical_backbone', 'medical_innovation', 'teaching', 'health_management'] as const;
export type TrackCode = (typeof TRACK_CODES)[number];

/**
 * Tracks are the configuration's (二、重点任务), so the API does not make them an enum: every field
 * holding a track's code is a String whose description says which query lists the codes.
 */
export const TRACK_FIELD = "A track's code (its key in the plugin's configuration, e.g. clinical_backbone; 二、重点任务): the query `wenzhouTracks` lists the tracks, each with labelZh and labelEn";

const category = z.object({
  code: z.string().regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and _').meta(src('二(一)–(五) 3.项目要求 主要对…进行综合评估', '成果类别代码')),
  label: z.string().min(1).meta(src('二(一)–(五) 3.项目要求', '英文名称')),
  labelZh: z.string().min(1).meta(src('二(一)–(五) 3.项目要求', '中文名称')),
});
export type WenzhouOutcomeCategory = z.infer<typeof category>;

const pct = (labelZh: string) => z.number().int().min(0).max(100).meta(src('五(三) 原则上按基金会50%、人才所在单位40%、人才本人10%的比例承担', labelZh));
const shares = z
  .object({ foundation: pct('基金会承担比例（%）'), unit: pct('人才所在单位承担比例（%）'), individual: pct('人才本人承担比例（%）') })
  .refine((s) => s.foundation + s.unit + s.individual === 100, { message: 'foundation + unit + individual must be 100 (percent)' });
export type CostShares = z.infer<typeof shares>;

/** The influence a leading talent must have among peers (在全国或者全省同行中具有较强影响力). */
export const INFLUENCE_LEVELS = ['none', 'city', 'provincial', 'national'] as const;
export type InfluenceLevel = (typeof INFLUENCE_LEVELS)[number];

export const TrackSchema = z.object({
  name: z.string().min(1).meta(src('二、重点任务 (一)–(五)', '项目英文名称')),
  nameZh: z.string().min(1).meta(src('二、重点任务 (一)–(五)', '项目中文名称')),
  /** 年龄原则上不超过 N 周岁: an "in principle" cap (waivable). */
  ageCap: z.number().int().min(18).max(80).meta(src('1.项目对象 年龄原则上不超过55/50周岁', '年龄上限（原则上，可豁免）')),
  /** Applicants under this age are favoured (并向45岁以下…倾斜); null = no such favour. */
  favourUnderAge: z.number().int().min(18).max(80).nullable().meta(src('二(二)(三) 并向45岁以下…倾斜', '倾斜年龄（以下）')),
  /** The favour applies only to members of these programmes (E-class for innovation); empty = everyone. */
  favourUnderAgeRequires: z.array(z.string()).default([]).meta(src('二(三) 45岁以下入围我市E类人才项目青年骨干', '倾斜须入选的人才项目')),
  /** 从事…行政管理工作3年以上: minimum months of administrative experience. */
  minAdminMonths: z.number().int().min(0).default(0).meta(src('二(五) 从事…行政管理工作3年以上', '行政管理工作最短月数')),
  /**
   * 三(三) 能用英语进行有效的专业沟通 (the level a gate checks, on the experts' assessment once there is
   * one); 管理类人才的英语要求可适当放宽 (basic for the management track: how far to relax is ours).
   */
  minEnglish: z.enum(EnglishLevel).meta(src('三(三) 较好的英语基础，能用英语进行有效的专业沟通；管理类可适当放宽 (the relaxed level is a local default)', '最低英语水平（门槛）')),
  /** 二(二) 临床型人才: only these professions may apply to the track; empty = any profession. */
  professions: z.array(z.enum(Profession)).default([]).meta(src('二(二) 具备优秀专业技能和丰富临床经验的临床型人才 (doctors and nurses: our reading of 临床型)', '限定职业（空=不限）')),
  /** 二(四) 具有临床带教工作经验或毕业后医学教育、继续医学教育管理经验. */
  requiresTeachingExperience: z.boolean().default(false).meta(src('二(四) 具有临床带教工作经验或毕业后医学教育、继续医学教育管理经验', '须有临床带教或教育管理经验')),
  /** 二(一) 已带领团队形成显著优势和鲜明特色，在全国或者全省同行中具有较强影响力. */
  requiresTeamLeadership: z.boolean().default(false).meta(src('二(一) 已带领团队形成显著优势和鲜明特色', '须带领团队')),
  minInfluence: z.enum(INFLUENCE_LEVELS).default('none').meta(src('二(一) 在全国或者全省同行中具有较强影响力', '同行影响力最低层级')),
  /** Typical stay (一般研学…), in days: a warning outside it, never a refusal. */
  typicalDays: z
    .object({ min: z.number().int().min(1).meta(src('3.项目要求 一般研学…', '一般研学最短天数')), max: z.number().int().min(1).meta(src('3.项目要求 一般研学…', '一般研学最长天数')) })
    .meta(src('3.项目要求 一般研学1-2个月/1-3个月/2周/1周左右 (the day counts around "左右" are a local default)', '一般研学时长（天）')),
  hostKinds: z.array(z.enum(InstitutionKind)).min(1).meta(src('3.项目要求 赴国（境）外顶尖/高水平医疗卫生机构、高等院校、科研机构', '研学机构类型')),
  /** Talent programmes that put an applicant in a priority group (优先选派): they rank, they do not gate. */
  priorityProgrammes: z.array(z.string()).default([]).meta(src('1.项目对象 …优先选派', '优先选派的人才项目')),
  /** Places per call unless the call's track sets its own quota. */
  quota: z.number().int().min(0).meta(src(LOCAL, '每年度名额')),
  outcomeCategories: z.array(category).min(1).meta(src('3.项目要求 主要对…进行综合评估', '成果评估类别')),
});
export type TrackConfig = z.infer<typeof TrackSchema>;

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
    professions: [],
    requiresTeachingExperience: false,
    requiresTeamLeadership: true, // 已带领团队形成显著优势和鲜明特色
    minInfluence: 'provincial', // 在全国或者全省同行中具有较强影响力
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
    professions: [Profession.DOCTOR, Profession.NURSE], // 临床型人才
    requiresTeachingExperience: false,
    requiresTeamLeadership: false,
    minInfluence: 'none',
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
    professions: [],
    requiresTeachingExperience: false,
    requiresTeamLeadership: false,
    minInfluence: 'none',
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
    professions: [],
    requiresTeachingExperience: true, // 具有临床带教工作经验或毕业后医学教育、继续医学教育管理经验
    requiresTeamLeadership: false,
    minInfluence: 'none',
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
    professions: [],
    requiresTeachingExperience: false,
    requiresTeamLeadership: false,
    minInfluence: 'none',
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

const TRACK_CLAUSE: Record<TrackCode, string> = { leading_talent: '(一) 实施医学领军人才攻坚提升', clinical_backbone: '(二) 实施临床骨干人才能力提升', medical_innovation: '(三) 实施医学创新人才能力提升', teaching: '(四) 实施医学教学人才能力提升', health_management: '(五) 实施卫生健康管理人才能力提升' };

function trackPatch(code: TrackCode) {
  return TrackSchema
    .partial()
    .default({})
    .transform((patch, zctx) => {
      const merged = { ...DEFAULT_TRACKS[code], ...patch };
      const r = TrackSchema.safeParse(merged);
      if (!r.success) for (const i of r.error.issues) zctx.addIssue({ code: 'custom', message: i.message, path: i.path });
      return merged as TrackConfig;
    })
    .meta(src(`二、重点任务 ${TRACK_CLAUSE[code]}`, DEFAULT_TRACKS[code].nameZh));
}

const weight = (labelZh: string) => z.number().min(0).max(100).meta(src(LOCAL, labelZh));
const weights = z
  .object({ businessAbility: weight('业务能力权重'), clinicalLevel: weight('临床水平权重'), languageResult: weight('外语评估结果权重'), socialEvaluation: weight('社会评价权重') })
  .refine((w) => w.businessAbility + w.clinicalLevel + w.languageResult + w.socialEvaluation > 0, { message: 'at least one weight must be positive' });
export type ScoreWeights = z.infer<typeof weights>;

export const WenzhouConfig = z.object({
  fiveYearTarget: z.number().int().min(1).default(100).meta(src('一、总体目标 通过五年时间，全市选派100名左右', '五年选派目标人数')),
  planStartYear: z.number().int().min(2000).default(2025).meta(src('方案印发 2025年6月23日', '方案起始年度')),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 codes'))
    .min(1)
    .default(DEFAULT_COUNTRIES)
    .meta(src('一、总体目标 美国、英国、德国、法国、意大利、西班牙、匈牙利、荷兰、日本、加拿大、新加坡等国（境）外', '研学国家（地区）')),
  /** Per track; give only what changes (`tracks: { teaching: { quota: 3 } }`), the rest is the plan's. */
  tracks: z
    .object(Object.fromEntries(TRACK_CODES.map((c) => [c, trackPatch(c)])) as Record<TrackCode, ReturnType<typeof trackPatch>>)
    .prefault({})
    .meta(src('二、重点任务 (一)–(五)', '五类项目')),
  minDegree: z.enum(Degree).default(Degree.BACHELOR).meta(src('三(二) 具有本科以上学历', '最低学历')),
  minTitle: z.enum(TitleGrade).default(TitleGrade.INTERMEDIATE).meta(src('三(二) 中级以上职称或同等学术、技术（技能）水平', '最低职称（同等水平可豁免）')),
  /** 四(三) 突出业务能力、临床水平、外语评估结果和社会评价: the plan names the four, not their weights. */
  scoreWeights: weights
    .default({ businessAbility: 25, clinicalLevel: 25, languageResult: 25, socialEvaluation: 25 })
    .meta(src('四(三) 突出业务能力、临床水平、外语评估结果和社会评价 (equal weights are a local default)', '综合评价权重')),
  /**
   * 四(三) 根据申报人员职业特点: weights for applicants of a profession (their own title's profession),
   * instead of `scoreWeights`. The plan gives no numbers: a manager's clinical level weighs nothing
   * by default, as a local default.
   */
  scoreWeightsByProfession: z
    .partialRecord(z.enum(Profession), weights)
    .default({ [Profession.MANAGER]: { businessAbility: 40, clinicalLevel: 0, languageResult: 25, socialEvaluation: 35 } })
    .meta(src('四(三) 根据申报人员职业特点 (the weights are a local default)', '按职业的综合评价权重')),
  scoreMax: z.number().int().min(1).max(1000).default(100).meta(src(LOCAL, '评分满分')),
  /** Experts who must have scored an applicant before they are ranked. */
  minScoresPerApplicant: z.number().int().min(1).max(20).default(3).meta(src(LOCAL, '每名申报人最少评分专家数')),
  /** 四(三) 评选委员会由医疗卫生健康领域高级专家组成: the lowest title of a committee member. */
  committeeMinTitle: z.enum(TitleGrade).default(TitleGrade.ASSOCIATE_SENIOR).meta(src('四(三) 评选委员会由医疗卫生健康领域高级专家组成 (副高级及以上)', '评选委员最低职称')),
  /** Points added to the weighted score of an applicant in at least one priority group (优先选派/倾斜). */
  priorityBonus: z.number().min(0).max(100).default(5).meta(src(LOCAL, '优先选派加分（分）')),
  costShares: shares.default({ foundation: 50, unit: 40, individual: 10 }).meta(src('五(三) 原则上按基金会50%、人才所在单位40%、人才本人10%的比例承担', '经费分担比例')),
  /** The most specific match (year+track, track, year) wins. */
  costShareOverrides: z
    .array(
      z.object({
        year: z.number().int().nullish().meta(src('五(三) 具体按年度…做适当调整', '年度')),
        track: z.enum(TRACK_CODES).nullish().meta(src('五(三) 具体按…人才类别做适当调整', '人才类别')),
        shares,
      }),
    )
    .default([])
    .meta(src('五(三) 具体按年度和人才类别做适当调整', '按年度和类别调整的分担比例')),
  summaryReportDueMonths: z.number().int().min(0).max(12).default(1).meta(src('二 3.项目要求 研学期满1个月内提交研学总结报告', '总结报告提交期限（月）')),
  /** 开展定期汇报: the plan says "regularly"; every 7 days is ours. Each period owes one check-in (a core report with reminders). */
  checkInEveryDays: z.number().int().min(1).max(90).default(7).meta(src('五(二) 开展定期汇报 (weekly is a local default)', '定期汇报间隔（天）')),
  /**
   * 四(四) 经审定后对内发布（各单位不得将人才名单对外发布）: the approved list is published internally
   * only, so its export is marked internal. A later plan may lift it.
   */
  publishedListInternalOnly: z.boolean().default(true).meta(src('四(四) 经审定后对内发布（各单位不得将人才名单对外发布）', '名单仅对内发布')),
  /**
   * 服务期: the plan names a service period (服务期未满调离) and leaves its length to each talent's
   * agreement (协议); this is only the value an agreement starts from when it gives none.
   */
  servicePeriodMonths: z.number().int().min(0).max(240).default(24).meta(src(LOCAL + ' (五(三) 服务期 is set by each agreement)', '协议未约定时的服务期（月）')),
});
export type WenzhouConfig = z.infer<typeof WenzhouConfig>;

export const isTrackCode = (t: string | null | undefined): t is TrackCode => !!t && (TRACK_CODES as readonly string[]).includes(t);
