/** tickX: a strip plot, one vertical tick per row along x, rows of ticks per y category. */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { facets, singlePaint, tooltip } from './channels.ts';

export function tickMarks(plan: ChartPlan): Plot.Markish[] {
  return [
    Plot.tickX(plan.data, {
      x: plan.x,
      y: plan.y,
      ...facets(plan),
      stroke: singlePaint(plan),
      strokeWidth: 1.5,
      title: tooltip(plan),
    }),
  ];
}
