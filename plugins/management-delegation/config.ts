/**
 * The scheme's tenant configuration (zod); parsing `{}` gives the defaults. Seed 002 (PUMCH →
 * Mayo Clinic, November 2019) fixes the shape of a delegation — a group of middle-level managers,
 * a leader, a host, an 8-day itinerary of courses, site visits and department exchanges — but no
 * number a hospital would configure, so every value here is a local default and says so.
 */
import { z } from 'zod';

export const PLUGIN_KEY = 'management-delegation';

export const DelegationConfig = z.object({
  memberCap: z.number().int().min(1).max(200).default(15).describe('local default: the seed’s delegation was 14 middle-level managers and the vice-president who led them; a new delegation is capped at 15 people unless it says otherwise').meta({ source: 'local default', labelZh: '代表团人数上限' }),
  groupReportDueDays: z.number().int().min(0).max(365).default(30).describe('local default: the delegation report (one per delegation, written by the leader) is due this many days after return; the seed names no report').meta({ source: 'local default', labelZh: '代表团报告提交期限（回国后天数）' }),
  actionPlanDueDays: z.number().int().min(0).max(365).default(14).describe('local default: each member files an action plan (an improvement project with milestones) within this many days of return; the seed names no action plan').meta({ source: 'local default', labelZh: '行动计划提交期限（回国后天数）' }),
  maxPlanMonths: z.number().int().min(1).max(60).default(12).describe('local default: an action plan’s milestones fall within this many months of return').meta({ source: 'local default', labelZh: '行动计划最长月数' }),
  maxMilestones: z.number().int().min(1).max(50).default(12).describe('local default: milestones per action plan').meta({ source: 'local default', labelZh: '每份行动计划里程碑上限' }),
});
export type DelegationConfig = z.infer<typeof DelegationConfig>;
