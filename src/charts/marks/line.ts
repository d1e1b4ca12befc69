/**
 * line and areaY: one series per colour category; areas stack on a zero baseline. With `ci`
 * both draw the interval as a band (band.ts) under the line, and an area is that band rather
 * than a fill down to zero.
 */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { DEFAULT_COLOUR } from '../theme.ts';
import { bandMarks, seriesOf } from './band.ts';
import { colourValue, facets, singlePaint } from './channels.ts';

export function lineMarks(plan: ChartPlan): Plot.Markish[] {
  return [
    ...bandMarks(plan),
    Plot.line(plan.data, {
      x: plan.x,
      y: plan.y,
      z: seriesOf(plan),
      ...facets(plan),
      stroke: singlePaint(plan),
      strokeWidth: 2,
    }),
  ];
}

export function areaMarks(plan: ChartPlan): Plot.Markish[] {
  if (plan.spec.ci !== undefined) return lineMarks(plan);
  return [
    Plot.areaY(plan.data, {
      x: plan.x,
      y: plan.y,
      ...facets(plan),
      fill: colourValue(plan.fill) ?? colourValue(plan.stroke) ?? DEFAULT_COLOUR,
      fillOpacity: 0.85,
    }),
    Plot.ruleY([0], { ariaDescription: 'zero baseline' }),
  ];
}
