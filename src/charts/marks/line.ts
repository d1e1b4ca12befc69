/** line and areaY: one series per colour category; areas stack on a zero baseline. */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { DEFAULT_COLOUR } from '../theme.ts';
import { colourValue, facets, singlePaint } from './channels.ts';

export function lineMarks(plan: ChartPlan): Plot.Markish[] {
  const z =
    plan.colour === undefined ? undefined : colourValue({ kind: 'column', column: plan.colour });
  return [
    Plot.line(plan.data, {
      x: plan.x,
      y: plan.y,
      z,
      ...facets(plan),
      stroke: singlePaint(plan),
      strokeWidth: 2,
    }),
  ];
}

export function areaMarks(plan: ChartPlan): Plot.Markish[] {
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
