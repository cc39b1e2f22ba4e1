import type { PlacementChangeInput, PlacementChangeVerdict, Rule } from '../../plugin/contract.js';

/**
 * A `placementChange` rule for schemes whose placements move only through their own steps
 * (an extension needs approval, a return is recorded with its checks): the core's generic
 * mutations are refused with a message naming the step to use instead.
 */
export function schemeStepsOnly(steps: { dates: string; withdraw?: string }): Rule<PlacementChangeInput, PlacementChangeVerdict, unknown> {
  return {
    code: 'scheme-steps-only',
    description: `Placement dates change through ${steps.dates}${steps.withdraw ? `; withdrawal through ${steps.withdraw}` : ''}`,
    evaluate: ({ change }) => {
      if (change === 'dates') return { allowed: false, code: 'USE_SCHEME_STEP', message: `This scheme changes placement dates through ${steps.dates}` };
      if (steps.withdraw) return { allowed: false, code: 'USE_SCHEME_STEP', message: `This scheme withdraws placements through ${steps.withdraw}` };
      return { allowed: true };
    },
  };
}
