/** dot: filled circles, large enough to read a rate off against the grid. */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { DEFAULT_COLOUR } from '../theme.ts';
import { colourValue, facets, tooltip } from './channels.ts';

export const DOT_RADIUS = 4;

export function dotMarks(plan: ChartPlan): Plot.Markish[] {
  const stroke = colourValue(plan.stroke);
  return [
    Plot.dot(plan.data, {
      x: plan.x,
      y: plan.y,
      ...facets(plan),
      r: DOT_RADIUS,
      fill: colourValue(plan.fill) ?? (stroke ? undefined : DEFAULT_COLOUR),
      stroke,
      title: tooltip(plan),
    }),
  ];
}
