/**
 * `rule: <number>`: a reference line across the value axis (0 for "no effect", 0.5 for a coin
 * flip, 1 for an odds ratio of one), dashed so it never reads as data. Without facet channels
 * Plot repeats it in every panel.
 */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { REFERENCE_COLOUR } from '../theme.ts';

export const REFERENCE_LINE = 'reference line';

export function referenceMarks(plan: ChartPlan): Plot.Markish[] {
  const at = plan.reference;
  if (at === undefined || plan.value === undefined) return [];
  const options = {
    stroke: REFERENCE_COLOUR,
    strokeWidth: 1,
    strokeDasharray: '4,3',
    ariaDescription: `${REFERENCE_LINE} at ${plan.measure(at)}`,
  };
  return [plan.value === 'x' ? Plot.ruleX([at], options) : Plot.ruleY([at], options)];
}
