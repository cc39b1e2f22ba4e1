import { TITLE_ORDER, ageOn, type EligibilityInput, type EligibilityReason, type EligibilityVerdict, type TenantInfo } from '../../../src/index.js';
import type { GuizhouConfig } from '../config.js';

/**
 * Who may enrol (seed 001): staff of province-, city- or county-level medical institutions of the
 * tenant's region or one of its sub-regions (a Yuping county hospital belongs to Guizhou);
 * doctors, nurses, technicians and managers ("712 discipline backbone and management personnel");
 * an intermediate title or higher; when the commission sets `maxAge` (中青年: the seed gives no
 * number, so by default there is no age rule), at most that age on the cohort's start date.
 * Every failed criterion is reported, with a stable code and messages in English and Chinese.
 */
export type EligibilityCriteria = Pick<GuizhouConfig, 'adminLevels' | 'professions' | 'minTitle'> & Partial<Pick<GuizhouConfig, 'maxAge'>>;

export interface EligibilityFacts extends Pick<EligibilityInput, 'talent' | 'unit' | 'onDate'> {
  tenant: Pick<TenantInfo, 'key' | 'name' | 'nameZh' | 'regions'>;
}

export function guizhouEligibility(input: EligibilityFacts, criteria: EligibilityCriteria): EligibilityVerdict {
  const { talent, unit, tenant } = input;
  const reasons: EligibilityReason[] = [];
  const regions = tenant.regions;
  if (!unit.region) {
    reasons.push({
      code: 'UNIT_REGION_UNKNOWN',
      message: `${unit.name} has no recorded region; it must belong to ${regions.join(', ')}`,
      messageZh: `${unit.name}未登记所属地区，须为${tenant.nameZh ?? tenant.name}辖区内的医疗机构`,
    });
  } else if (!regions.includes(unit.region)) {
    reasons.push({
      code: 'UNIT_OUTSIDE_REGION',
      message: `${unit.name} belongs to ${unit.region}${unit.province ? ` (${unit.province})` : ''}, not to ${tenant.key} or its sub-regions (${regions.join(', ')})`,
      messageZh: `${unit.name}属于${unit.province ?? unit.region}，不在${tenant.nameZh ?? tenant.name}辖区内`,
    });
  }
  if (!unit.adminLevel || !criteria.adminLevels.includes(unit.adminLevel)) {
    reasons.push({
      code: 'UNIT_LEVEL_NOT_ELIGIBLE',
      message: `${unit.name} is ${unit.adminLevel ? `a ${unit.adminLevel}-level institution` : 'of unrecorded level'}; the scheme takes ${criteria.adminLevels.join(', ')}-level institutions`,
      messageZh: `选派单位须为省、市、县级医疗机构（${unit.name}：${unit.adminLevel ?? '级别未登记'}）`,
    });
  }
  if (!criteria.professions.includes(talent.profession)) {
    reasons.push({
      code: 'PROFESSION_NOT_ELIGIBLE',
      message: `${talent.profession} is not among the professions the scheme takes (${criteria.professions.join(', ')})`,
      messageZh: `选派对象须为医、护、技及管理人员（当前：${talent.profession}）`,
    });
  }
  if (TITLE_ORDER.indexOf(talent.titleGrade) < TITLE_ORDER.indexOf(criteria.minTitle)) {
    reasons.push({
      code: 'TITLE_BELOW_INTERMEDIATE',
      message: `title ${talent.titleGrade} is below ${criteria.minTitle}`,
      messageZh: `须具有中级及以上职称（当前：${talent.titleGrade}）`,
    });
  }
  if (criteria.maxAge != null) {
    const age = ageOn(talent.birthDate, input.onDate);
    if (age > criteria.maxAge) {
      reasons.push({
        code: 'AGE_OVER_CAP',
        message: `aged ${age} on ${input.onDate}; the commission's cap for middle-aged and young staff is ${criteria.maxAge}`,
        messageZh: `中青年人才年龄上限为${criteria.maxAge}周岁（${input.onDate}时${age}周岁）`,
      });
    }
  }
  return { eligible: reasons.length === 0, reasons, priorityGroups: [] };
}
