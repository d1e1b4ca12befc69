/**
 * ruleY: horizontal rules at y (reference levels); with x, each rule spans its category's
 * band instead of the whole width.
 */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { facets, singlePaint, tooltip } from './channels.ts';

export function ruleMarks(plan: ChartPlan): Plot.Markish[] {
  return [
    Plot.ruleY(plan.data, {
      y: plan.y,
      // x1 = x2 on a band scale spans the band; a bare `x` would mean "from 0 to x".
      x1: plan.x,
      x2: plan.x,
      ...facets(plan),
      stroke: singlePaint(plan),
      strokeWidth: 2,
      title: tooltip(plan),
    }),
  ];
}
