import type { CalendarDate } from '../../calendar.js';
import { badInput, notFound } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import type { OutcomeCategory } from '../../plugin/contract.js';
import type { AdminLevel } from '../domain.js';
import { Application } from '../entities/application.js';
import { Outcome } from '../entities/outcome.js';
import { Placement } from '../entities/placement.js';
import { Programme } from '../entities/programme.js';
import { Talent } from '../entities/talent.js';

/** Categories every tenant can record, whatever its schemes (SPEC.md, "Outcomes"). */
export const CORE_OUTCOME_CATEGORIES: OutcomeCategory[] = [
  { code: 'new_technology', label: 'New technology or project introduced', labelZh: '新技术新项目' },
  { code: 'technology_gap_filled', label: 'Technology gap filled', labelZh: '填补技术空白' },
  { code: 'guideline', label: 'Diagnosis or treatment guideline', labelZh: '诊疗指南' },
  { code: 'standard', label: 'Industry standard', labelZh: '行业标准' },
  { code: 'patent', label: 'Patent', labelZh: '专利' },
  { code: 'paper', label: 'Paper', labelZh: '论文' },
  { code: 'grant', label: 'Research grant', labelZh: '科研项目' },
  { code: 'teaching_model', label: 'Teaching model or project', labelZh: '教学新模式新项目' },
  { code: 'management_model', label: 'Management model or project', labelZh: '管理新模式新项目' },
  { code: 'operations', label: 'Operations performed', labelZh: '手术' },
  { code: 'people_trained', label: 'People trained in turn', labelZh: '带教培训人数' },
  { code: 'promotion', label: 'Promotion', labelZh: '晋升' },
  { code: 'other', label: 'Other', labelZh: '其他' },
];

/** The categories allowed for an outcome: the scheme's (for the placement's track) or the core's. */
export async function outcomeCategories(ctx: RequestContext, placement: Placement | null): Promise<OutcomeCategory[]> {
  if (!placement) return CORE_OUTCOME_CATEGORIES;
  const programme = await ctx.em.findOneOrFail(Programme, placement.programme.id);
  const found = ctx.host.rule(ctx.tenant, programme.scheme, 'outcomeCategories');
  if (!found) return CORE_OUTCOME_CATEGORIES;
  const application = placement.application ? await ctx.em.findOne(Application, placement.application.id) : null;
  return found.rule.evaluate({ track: application?.track ?? null }, await ctx.plugin(found.plugin.key));
}

export interface RecordOutcomeInput {
  talentId: string;
  placementId?: string | null;
  category: string;
  title: string;
  description?: string | null;
  achievedOn: CalendarDate;
  quantity?: number | null;
  level?: AdminLevel | null;
}

export async function recordOutcome(ctx: RequestContext, input: RecordOutcomeInput): Promise<Outcome> {
  const talent = await ctx.em.findOne(Talent, input.talentId);
  if (!talent) throw notFound('Talent', input.talentId);
  let placement: Placement | null = null;
  if (input.placementId) {
    placement = await ctx.em.findOne(Placement, input.placementId);
    if (!placement) throw notFound('Placement', input.placementId);
    if (placement.talent.id !== talent.id) throw badInput({ field: 'placementId', message: 'belongs to another talent' });
  }
  const categories = await outcomeCategories(ctx, placement);
  if (!categories.some((c) => c.code === input.category)) {
    throw badInput({ field: 'category', message: `"${input.category}" is not assessed here; use one of: ${categories.map((c) => c.code).join(', ')}` });
  }
  const outcome = ctx.em.create(Outcome, {
    talent,
    unit: talent.unit,
    placement,
    category: input.category,
    title: input.title,
    description: input.description ?? null,
    achievedOn: input.achievedOn,
    quantity: input.quantity ?? 1,
    level: input.level ?? null,
  });
  await ctx.commit();
  return outcome;
}
