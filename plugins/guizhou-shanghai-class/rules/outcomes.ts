import type { OutcomeCategory } from '../../../src/index.js';
import { GuizhouContributionKind } from '../domain.js';

/** The outcome categories the scheme assesses (the same for every sub-plan). */
export const GUIZHOU_OUTCOME_CATEGORIES: OutcomeCategory[] = [
  { code: GuizhouContributionKind.NEW_TECHNOLOGY, label: 'New technology or therapy introduced', labelZh: '新技术新疗法' },
  { code: GuizhouContributionKind.GAP_FILLED, label: 'Medical technology gap filled (province, city or county level)', labelZh: '填补技术空白' },
  { code: GuizhouContributionKind.CASCADE_TRAINING, label: 'Cascade training of grassroots staff (head count)', labelZh: '培训基层技术人员' },
  { code: 'paper', label: 'Paper', labelZh: '论文' },
  { code: 'other', label: 'Other', labelZh: '其他' },
];
