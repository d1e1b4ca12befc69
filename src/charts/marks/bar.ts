/** barY / barX: one bar per row from a zero baseline; colour columns group bars (plan.ts). */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { DEFAULT_COLOUR } from '../theme.ts';
import { colourValue, facets, tooltip } from './channels.ts';

export function barMarks(plan: ChartPlan): Plot.Markish[] {
  const fill = colourValue(plan.fill) ?? (plan.stroke ? undefined : DEFAULT_COLOUR);
  const options = {
    x: plan.x,
    y: plan.y,
    ...facets(plan),
    fill,
    stroke: colourValue(plan.stroke),
    title: tooltip(plan),
  };
  if (plan.spec.mark === 'barX') {
    return [Plot.barX(plan.data, options), Plot.ruleX([0], { ariaDescription: 'zero baseline' })];
  }
  return [Plot.barY(plan.data, options), Plot.ruleY([0], { ariaDescription: 'zero baseline' })];
}
