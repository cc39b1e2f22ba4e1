import { TITLE_ORDER, TitleGrade, type EligibilityReason } from '../../../src/index.js';
import type { CountyConfig } from '../config.js';
import { TIER_LABELS, type ApprenticeTier } from '../domain.js';
import { SCHEME_FIELDS } from './scheme.js';

/** 分层培养: the tier an apprentice starts in, from their title (`tierByTitle`, a local default). */
export function tierFor(titleGrade: TitleGrade, cfg: Pick<CountyConfig, 'tierByTitle'>): ApprenticeTier {
  return cfg.tierByTitle[titleGrade];
}

export const tierLabel = (tier: ApprenticeTier) => `${TIER_LABELS[tier].en} (${TIER_LABELS[tier].zh})`;

/**
 * Who may mentor. Seed 004: the tutor imparts "rich working experience and exquisite professional
 * skills" in "professional pairing": a mentor works in one of the scheme's fields and holds at least
 * `mentorMinTitle` (a local default: the seed names no title). Every failed criterion is returned.
 */
export function mentorQualification(m: { field: string; titleGrade: TitleGrade }, cfg: Pick<CountyConfig, 'mentorMinTitle'>): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  if (!(SCHEME_FIELDS as readonly string[]).includes(m.field)) {
    reasons.push({ code: 'MENTOR_FIELD_NOT_IN_SCHEME', message: `the scheme pairs ${SCHEME_FIELDS.join(', ')}, not ${m.field}`, messageZh: '导师专业不在结对培养范围内' });
  }
  if (TITLE_ORDER.indexOf(m.titleGrade) < TITLE_ORDER.indexOf(cfg.mentorMinTitle)) {
    reasons.push({
      code: 'MENTOR_TITLE_BELOW_MINIMUM',
      message: `a mentor holds at least a ${cfg.mentorMinTitle} title (this one: ${m.titleGrade})`,
      messageZh: `导师须具有${TITLE_ZH[cfg.mentorMinTitle]}及以上职称（当前：${TITLE_ZH[m.titleGrade]}）`,
    });
  }
  return reasons;
}

export const TITLE_ZH: Record<TitleGrade, string> = {
  [TitleGrade.NONE]: '无职称',
  [TitleGrade.JUNIOR]: '初级',
  [TitleGrade.INTERMEDIATE]: '中级',
  [TitleGrade.ASSOCIATE_SENIOR]: '副高级',
  [TitleGrade.SENIOR]: '正高级',
};
