/**
 * Who may go through a channel: the channel's configured criteria (seed 000 names the channels
 * and who the 2014 plan is for; the thresholds are local defaults, see config.ts). Every failed
 * criterion is listed with a stable code, in Chinese and English. The age limit is "in principle"
 * (中青年) and waivable; the others are firm.
 */
import { DEGREE_ORDER, DEGREE_ZH, ENGLISH_ORDER, ENGLISH_ZH, TITLE_ORDER, TITLE_ZH, ageOn, type CalendarDate, type EligibilityReason, type EligibilityVerdict, type TalentFacts } from '../../../src/index.js';
import { isChannel, type HospitalConfig } from '../config.js';

export interface ChannelEligibilityArgs {
  talent: Pick<TalentFacts, 'birthDate' | 'titleGrade' | 'highestDegree' | 'englishSelfDeclared' | 'englishAssessed' | 'talentProgrammes' | 'adverseIncidentPrimaryResponsibility'>;
  channel: string | null;
  onDate: CalendarDate;
  config: HospitalConfig;
}

export function channelEligibility({ talent, channel, onDate, config }: ChannelEligibilityArgs): EligibilityVerdict {
  if (!isChannel(channel)) {
    return { eligible: false, reasons: [{ code: 'UNKNOWN_CHANNEL', message: `"${channel ?? ''}" is not a channel of this scheme`, messageZh: `"${channel ?? ''}"不是本院出国培训渠道` }], priorityGroups: [] };
  }
  const c = config.channels[channel];
  const e = c.eligibility;
  const reasons: EligibilityReason[] = [];
  const age = ageOn(talent.birthDate, onDate);
  if (age > e.maxAge) reasons.push({ code: 'AGE_OVER_CAP', message: `aged ${age} on ${onDate}; the ${c.name} takes ${e.maxAge} or under`, messageZh: `截至${onDate}年龄${age}周岁，${c.nameZh}原则上不超过${e.maxAge}周岁`, waivable: true });
  if (TITLE_ORDER.indexOf(talent.titleGrade) < TITLE_ORDER.indexOf(e.minTitle)) reasons.push({ code: 'TITLE_TOO_LOW', message: `title ${talent.titleGrade}; ${e.minTitle} or above is required`, messageZh: `职称为${TITLE_ZH[talent.titleGrade]}，须${TITLE_ZH[e.minTitle]}及以上` });
  if (DEGREE_ORDER.indexOf(talent.highestDegree) < DEGREE_ORDER.indexOf(e.minDegree)) reasons.push({ code: 'DEGREE_TOO_LOW', message: `highest degree ${talent.highestDegree}; ${e.minDegree} or above is required`, messageZh: `最高学历为${DEGREE_ZH[talent.highestDegree]}，须${DEGREE_ZH[e.minDegree]}及以上` });
  const english = talent.englishAssessed ?? talent.englishSelfDeclared;
  if (ENGLISH_ORDER.indexOf(english) < ENGLISH_ORDER.indexOf(e.minEnglish)) reasons.push({ code: 'ENGLISH_INSUFFICIENT', message: `English ${english}; ${e.minEnglish} or better is required`, messageZh: `外语水平为${ENGLISH_ZH[english]}，须达到${ENGLISH_ZH[e.minEnglish]}` });
  const missing = e.requiredProgrammes.filter((p) => !talent.talentProgrammes.includes(p));
  if (missing.length) reasons.push({ code: 'NOT_IN_TARGET_GROUP', message: `the ${c.name} is for members of ${missing.join(', ')}`, messageZh: `${c.nameZh}仅面向${missing.join('、')}` });
  if (talent.adverseIncidentPrimaryResponsibility) reasons.push({ code: 'ADVERSE_INCIDENT', message: 'has an adverse medical incident with primary responsibility', messageZh: '有负主要责任的医疗不良事件' });
  return { eligible: reasons.length === 0, reasons, priorityGroups: [] };
}
