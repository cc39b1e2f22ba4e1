import type { EntityManager } from '@mikro-orm/postgresql';
import type { EligibilityInput, EligibilityReason, EligibilityVerdict, OutcomeCategory } from '../../../src/index.js';
import { GrowthKind } from '../domain.js';
import { CountyPlanStage } from '../entities/plan.js';

/** The fields the Yuping scheme trains (seed 004): western medicine, TCM, nursing, pharmacy, medical technology. */
export const SCHEME_FIELDS = ['western_medicine', 'tcm', 'nursing', 'pharmacy', 'medical_technology'] as const;

/** Who may be an apprentice: a talent of one of the five fields, applying in their own field's track. */
export function apprenticeEligibility(input: Pick<EligibilityInput, 'talent' | 'track'>): EligibilityVerdict {
  const reasons: EligibilityReason[] = [];
  if (!(SCHEME_FIELDS as readonly string[]).includes(input.talent.field)) {
    reasons.push({ code: 'FIELD_NOT_IN_SCHEME', message: `the scheme pairs ${SCHEME_FIELDS.join(', ')}, not ${input.talent.field}`, messageZh: '专业不在结对培养范围内' });
  }
  if (input.track && input.track !== input.talent.field) {
    reasons.push({ code: 'TRACK_NOT_OWN_FIELD', message: `professional pairing: a ${input.talent.field} talent applies in the ${input.talent.field} track, not ${input.track}`, messageZh: '专业对口' });
  }
  return { eligible: reasons.length === 0, reasons, priorityGroups: [] };
}

/** Growth records and the core categories this scheme also assesses. */
export const COUNTY_OUTCOME_CATEGORIES: OutcomeCategory[] = [
  { code: GrowthKind.CONFERENCE, label: 'Medical academic conference attended', labelZh: '参加学术会议' },
  { code: GrowthKind.NEW_TECHNOLOGY, label: 'New technology carried out', labelZh: '开展新技术' },
  { code: GrowthKind.NEW_PROJECT, label: 'New project carried out', labelZh: '开展新项目' },
  { code: GrowthKind.PROMOTION_DEPARTMENT_HEAD, label: 'Became department head', labelZh: '成为科室负责人' },
  { code: GrowthKind.PROMOTION_DEPARTMENT_BACKBONE, label: 'Became department business backbone', labelZh: '成为科室业务骨干' },
  { code: 'paper', label: 'Paper', labelZh: '论文' },
  { code: 'people_trained', label: 'People trained in turn', labelZh: '带教培训人数' },
  { code: 'other', label: 'Other', labelZh: '其他' },
];

/** The plan stages behind a placement, for the reminder rule (the adapter between the core's facts and the pure rule). */
export async function stagesOfPlacement(em: EntityManager, placementId: string) {
  const rows = await em.find(CountyPlanStage, { plan: { pair: { placement: placementId } } }, { orderBy: { position: 'asc' }, flushMode: 'commit', filters: false });
  return rows.map((s) => ({ kind: s.kind, endsOn: s.endsOn }));
}
