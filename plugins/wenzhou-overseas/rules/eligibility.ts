/**
 * Who may apply (三、报名条件, and each track's 项目对象). A pure function of plain data: the
 * talent's facts, the track's configuration and the call's reference date. Every failed
 * criterion is listed, with a stable code and messages in Chinese and English; "in principle"
 * criteria (原则上 age caps; 中级以上职称"或同等水平") are `waivable`.
 * Priority groups (优先选派 / 倾斜) are returned for ranking; they never gate.
 */
import { DEGREE_ORDER, DEGREE_ZH, ENGLISH_ORDER, ENGLISH_ZH, TITLE_ORDER, TITLE_ZH, ageOn, type CalendarDate, type EligibilityReason, type EligibilityVerdict, type TalentFacts } from '../../../src/index.js';
import { isTrackCode, type WenzhouConfig } from '../config.js';

export const REASON = {
  UNKNOWN_TRACK: 'UNKNOWN_TRACK',
  DEGREE_BELOW_BACHELOR: 'DEGREE_BELOW_BACHELOR',
  TITLE_BELOW_INTERMEDIATE: 'TITLE_BELOW_INTERMEDIATE',
  AGE_OVER_CAP: 'AGE_OVER_CAP',
  ADMIN_EXPERIENCE_TOO_SHORT: 'ADMIN_EXPERIENCE_TOO_SHORT',
  ADVERSE_INCIDENT: 'ADVERSE_INCIDENT_PRIMARY_RESPONSIBILITY',
  ENGLISH_INSUFFICIENT: 'ENGLISH_INSUFFICIENT',
} as const;


export interface EligibilityArgs {
  talent: Pick<TalentFacts, 'birthDate' | 'titleGrade' | 'highestDegree' | 'talentProgrammes' | 'adminExperienceMonths' | 'englishSelfDeclared' | 'englishAssessed' | 'adverseIncidentPrimaryResponsibility'>;
  track: string | null;
  config: WenzhouConfig;
  onDate: CalendarDate;
}

/** The English level that counts: the experts' assessment once there is one, else the declaration. */
export const effectiveEnglish = (t: EligibilityArgs['talent']) => t.englishAssessed ?? t.englishSelfDeclared;

export function eligibility({ talent, track, config, onDate }: EligibilityArgs): EligibilityVerdict {
  if (!isTrackCode(track)) {
    return {
      eligible: false,
      reasons: [{ code: REASON.UNKNOWN_TRACK, message: `"${track ?? ''}" is not a track of this plan`, messageZh: `"${track ?? ''}"不是本方案的项目类别` }],
      priorityGroups: [],
    };
  }
  const t = config.tracks[track];
  const reasons: EligibilityReason[] = [];
  // 三(二) 具有本科以上学历
  if (DEGREE_ORDER.indexOf(talent.highestDegree) < DEGREE_ORDER.indexOf(config.minDegree)) {
    reasons.push({
      code: REASON.DEGREE_BELOW_BACHELOR,
      message: `highest degree is ${talent.highestDegree}; ${config.minDegree} or above is required`,
      messageZh: `最高学历为${DEGREE_ZH[talent.highestDegree]}，须${DEGREE_ZH[config.minDegree]}以上学历`,
    });
  }
  // 三(二) 中级以上职称或同等学术、技术（技能）水平 — the equivalence is the commission's call: waivable.
  if (TITLE_ORDER.indexOf(talent.titleGrade) < TITLE_ORDER.indexOf(config.minTitle)) {
    reasons.push({
      code: REASON.TITLE_BELOW_INTERMEDIATE,
      message: `title is ${talent.titleGrade}; ${config.minTitle} or above (or an equivalent level recognised by the commission) is required`,
      messageZh: `职称为${TITLE_ZH[talent.titleGrade]}，须${TITLE_ZH[config.minTitle]}以上职称或同等学术、技术（技能）水平`,
      waivable: true,
    });
  }
  // 项目对象: 年龄原则上不超过 N 周岁 (on the call's reference date; 56th birthday on that day = 56 > 55)
  const age = ageOn(talent.birthDate, onDate);
  if (age > t.ageCap) {
    reasons.push({
      code: REASON.AGE_OVER_CAP,
      message: `aged ${age} on ${onDate}; the ${t.name} track takes applicants aged ${t.ageCap} or under, in principle`,
      messageZh: `截至${onDate}年龄${age}周岁，${t.nameZh}项目年龄原则上不超过${t.ageCap}周岁`,
      waivable: true,
    });
  }
  // 二(五) 从事…行政管理工作3年以上
  if (talent.adminExperienceMonths < t.minAdminMonths) {
    const y = Math.floor(talent.adminExperienceMonths / 12);
    const m = talent.adminExperienceMonths % 12;
    reasons.push({
      code: REASON.ADMIN_EXPERIENCE_TOO_SHORT,
      message: `${y} years ${m} months of administrative work; the ${t.name} track needs at least ${t.minAdminMonths / 12} years`,
      messageZh: `从事行政管理工作${y}年${m}个月，${t.nameZh}项目须${t.minAdminMonths / 12}年以上`,
    });
  }
  // 三(一) 无不良负主责医疗事件记录
  if (talent.adverseIncidentPrimaryResponsibility) {
    reasons.push({
      code: REASON.ADVERSE_INCIDENT,
      message: 'has a recorded adverse medical incident with primary responsibility',
      messageZh: '有不良负主责医疗事件记录',
    });
  }
  // 三(三) 较好的英语基础，能用英语进行有效的专业沟通；管理类人才可适当放宽 (no fixed test score)
  const english = effectiveEnglish(talent);
  if (ENGLISH_ORDER.indexOf(english) < ENGLISH_ORDER.indexOf(t.minEnglish)) {
    const source = talent.englishAssessed ? 'assessed' : 'self-declared';
    reasons.push({
      code: REASON.ENGLISH_INSUFFICIENT,
      message: `English (${source}) is ${english}; the ${t.name} track needs ${t.minEnglish} or better`,
      messageZh: `英语水平（${talent.englishAssessed ? '评估' : '自报'}）为${ENGLISH_ZH[english]}，${t.nameZh}项目须达到${ENGLISH_ZH[t.minEnglish]}以上`,
    });
  }
  return { eligible: reasons.length === 0, reasons, priorityGroups: priorityGroups(talent, t, age) };
}

/** 优先选派 / 倾斜: the talent programmes the track favours, and the under-45 favour where the track has one. */
export function priorityGroups(talent: EligibilityArgs['talent'], t: WenzhouConfig['tracks'][keyof WenzhouConfig['tracks']], age: number): string[] {
  const groups = t.priorityProgrammes.filter((p) => talent.talentProgrammes.includes(p));
  if (t.favourUnderAge != null && age < t.favourUnderAge && t.favourUnderAgeRequires.every((p) => talent.talentProgrammes.includes(p))) {
    groups.push(t.favourUnderAgeRequires.length ? `under_${t.favourUnderAge}_${t.favourUnderAgeRequires.join('_')}` : `under_${t.favourUnderAge}`);
  }
  return groups;
}
