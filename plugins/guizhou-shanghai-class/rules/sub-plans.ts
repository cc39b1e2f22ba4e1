import type { FieldProblem } from '../../../src/index.js';
import type { GuizhouConfig } from '../config.js';
import { GuizhouHostRegion, GuizhouSubPlan, SUB_PLAN_LABELS } from '../domain.js';

/**
 * 分层分类 (seed 001: "implementing four sub-plans … carrying out the training … by stratification
 * and classification"): each sub-plan is received by the hosts it names. The seed names Guangdong's
 * hospitals as receiving units of the forest-cultivation (育林) and backbone (骨干) plans only, so a
 * Guangdong cohort of the climbing or outstanding plan is refused; a region the configuration does
 * not list receives every sub-plan. Returns one problem per sub-plan the region does not receive.
 */
export function hostSubPlanProblems(
  hostRegion: GuizhouHostRegion,
  subPlans: readonly GuizhouSubPlan[],
  cfg: Pick<GuizhouConfig, 'subPlansByHostRegion'>,
  field = 'subPlans',
): FieldProblem[] {
  const allowed = cfg.subPlansByHostRegion[hostRegion];
  if (!allowed) return [];
  return subPlans
    .filter((sp) => !allowed.includes(sp))
    .map((sp) => ({
      field,
      message: `${hostRegion} hosts receive ${allowed.map((a) => SUB_PLAN_LABELS[a].en).join(' and ')} only, not ${SUB_PLAN_LABELS[sp].en} (${hostRegion}接收单位只承担${allowed.map((a) => SUB_PLAN_LABELS[a].zh).join('、')}，不含${SUB_PLAN_LABELS[sp].zh})`,
    }));
}
