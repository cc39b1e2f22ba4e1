/**
 * Who may apply (三、报名条件, and each track's 项目对象). A pure function of plain data: the
 * talent's facts, what their unit attested about them (the applicant profile), the track's
 * configuration and the call's reference date. Every failed criterion is listed, with a stable
 * code and messages in Chinese and English; "in principle" criteria (原则上 age caps;
 * 中级以上职称"或同等水平") are `waivable`, the track-specific ones are not (the plan does not say
 * 原则上 of them). Priority groups (优先选派 / 倾斜) are returned for ranking; they never gate.
 *
 * English (三(三)) is a gate on a LEVEL, never on a test score: 对BFT、雅思、托福等英语考试成绩不作
 * 硬性要求. The level that counts is the invited experts' assessment (四(二)) once recorded, else the
 * unit's declaration; the track's floor is 能用英语进行有效的专业沟通 (relaxed for management). How
 * well above the floor is the committee's 外语评估结果 score, taken from the same assessment.
 */
import { DEGREE_ORDER, DEGREE_ZH, ENGLISH_ORDER, ENGLISH_ZH, TITLE_ORDER, TITLE_ZH, ageOn, type CalendarDate, type EligibilityReason, type EligibilityVerdict, type Profession, type TalentFacts } from '../../../src/index.js';
import { INFLUENCE_LEVELS, isTrackCode, type InfluenceLevel, type WenzhouConfig } from '../config.js';

export const REASON = {
  UNKNOWN_TRACK: 'UNKNOWN_TRACK',
  DEGREE_BELOW_BACHELOR: 'DEGREE_BELOW_BACHELOR',
  TITLE_BELOW_INTERMEDIATE: 'TITLE_BELOW_INTERMEDIATE',
  AGE_OVER_CAP: 'AGE_OVER_CAP',
  ADMIN_EXPERIENCE_TOO_SHORT: 'ADMIN_EXPERIENCE_TOO_SHORT',
  ADVERSE_INCIDENT: 'ADVERSE_INCIDENT_PRIMARY_RESPONSIBILITY',
  ENGLISH_INSUFFICIENT: 'ENGLISH_INSUFFICIENT',
  NOT_CLINICAL_TALENT: 'NOT_CLINICAL_TALENT',
  NO_TEACHING_EXPERIENCE: 'NO_TEACHING_EXPERIENCE',
  NO_TEAM_LEADERSHIP: 'NO_TEAM_LEADERSHIP',
  INFLUENCE_INSUFFICIENT: 'INFLUENCE_INSUFFICIENT',
} as const;

/** What the unit attests about an applicant for the track-specific criteria (absent = nothing attested). */
export interface ApplicantProfile {
  /** 临床带教工作经验 */
  clinicalTeaching: boolean;
  /** 毕业后医学教育、继续医学教育管理经验 */
  educationManagement: boolean;
  /** 已带领团队形成显著优势和鲜明特色 */
  leadsTeam: boolean;
  /** 在全国或者全省同行中具有较强影响力: the widest circle of peers the influence reaches. */
  influence: InfluenceLevel;
}

/** Talent programmes whose members have teaching experience by definition (规范化培训师资、教学主任及专职教学管理人员). */
export const TEACHING_PROGRAMMES = ['residency_faculty', 'teaching_director'];

const PROFESSION_ZH: Record<Profession, string> = { doctor: '医师', nurse: '护士', pharmacist: '药师', technician: '技师', manager: '管理人员', researcher: '科研人员' };
const INFLUENCE_ZH: Record<InfluenceLevel, string> = { none: '无', city: '全市', provincial: '全省', national: '全国' };


export interface EligibilityArgs {
  talent: Pick<TalentFacts, 'birthDate' | 'profession' | 'titleGrade' | 'highestDegree' | 'talentProgrammes' | 'adminExperienceMonths' | 'englishSelfDeclared' | 'englishAssessed' | 'adverseIncidentPrimaryResponsibility'>;
  /** The unit's attestation for the track-specific criteria; null when none was given. */
  profile?: ApplicantProfile | null;
  track: string | null;
  config: WenzhouConfig;
  onDate: CalendarDate;
}

/** The English level that counts: the experts' assessment once there is one, else the declaration. */
export const effectiveEnglish = (t: EligibilityArgs['talent']) => t.englishAssessed ?? t.englishSelfDeclared;

export function eligibility({ talent, profile = null, track, config, onDate }: EligibilityArgs): EligibilityVerdict {
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
  reasons.push(...trackCriteria(talent, profile, t));
  return { eligible: reasons.length === 0, reasons, priorityGroups: priorityGroups(talent, t, age) };
}

/** Each track's own 项目对象 beyond age: none of them says 原则上, so none is waivable. */
export function trackCriteria(talent: EligibilityArgs['talent'], profile: ApplicantProfile | null, t: WenzhouConfig['tracks'][keyof WenzhouConfig['tracks']]): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  // 二(二) 具备优秀专业技能和丰富临床经验的临床型人才
  if (t.professions.length && !t.professions.includes(talent.profession)) {
    reasons.push({
      code: REASON.NOT_CLINICAL_TALENT,
      message: `profession is ${talent.profession}; the ${t.name} track is for ${t.professions.join(' or ')} (clinical talents, 临床型人才)`,
      messageZh: `职业为${PROFESSION_ZH[talent.profession]}，${t.nameZh}项目面向临床型人才（${t.professions.map((p) => PROFESSION_ZH[p]).join('、')}）`,
    });
  }
  // 二(四) 具有临床带教工作经验或毕业后医学教育、继续医学教育管理经验
  const teaches = !!profile?.clinicalTeaching || !!profile?.educationManagement || TEACHING_PROGRAMMES.some((p) => talent.talentProgrammes.includes(p));
  if (t.requiresTeachingExperience && !teaches) {
    reasons.push({
      code: REASON.NO_TEACHING_EXPERIENCE,
      message: `the ${t.name} track needs clinical teaching experience or experience managing postgraduate or continuing medical education; the unit attested neither`,
      messageZh: `${t.nameZh}项目须具有临床带教工作经验或毕业后医学教育、继续医学教育管理经验，单位未填报`,
    });
  }
  // 二(一) 已带领团队形成显著优势和鲜明特色
  if (t.requiresTeamLeadership && !profile?.leadsTeam) {
    reasons.push({
      code: REASON.NO_TEAM_LEADERSHIP,
      message: `the ${t.name} track needs someone who already leads a team with marked strengths and a distinct profile; the unit did not attest it`,
      messageZh: `${t.nameZh}项目须已带领团队形成显著优势和鲜明特色，单位未填报`,
    });
  }
  // 二(一) 在全国或者全省同行中具有较强影响力
  const influence = profile?.influence ?? 'none';
  if (INFLUENCE_LEVELS.indexOf(influence) < INFLUENCE_LEVELS.indexOf(t.minInfluence)) {
    reasons.push({
      code: REASON.INFLUENCE_INSUFFICIENT,
      message: `influence among peers: ${influence}; the ${t.name} track needs strong influence at ${t.minInfluence} level or wider`,
      messageZh: `同行影响力：${INFLUENCE_ZH[influence]}，${t.nameZh}项目须在${INFLUENCE_ZH[t.minInfluence]}及以上同行中具有较强影响力`,
    });
  }
  return reasons;
}

/** 优先选派 / 倾斜: the talent programmes the track favours, and the under-45 favour where the track has one. */
export function priorityGroups(talent: EligibilityArgs['talent'], t: WenzhouConfig['tracks'][keyof WenzhouConfig['tracks']], age: number): string[] {
  const groups = t.priorityProgrammes.filter((p) => talent.talentProgrammes.includes(p));
  if (t.favourUnderAge != null && age < t.favourUnderAge && t.favourUnderAgeRequires.every((p) => talent.talentProgrammes.includes(p))) {
    groups.push(t.favourUnderAgeRequires.length ? `under_${t.favourUnderAge}_${t.favourUnderAgeRequires.join('_')}` : `under_${t.favourUnderAge}`);
  }
  return groups;
}
