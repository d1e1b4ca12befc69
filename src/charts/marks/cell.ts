/** cell: a heatmap of two categorical columns, coloured by a (binned) numeric column. */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { DEFAULT_COLOUR } from '../theme.ts';
import { colourValue, facets, tooltip } from './channels.ts';

export function cellMarks(plan: ChartPlan): Plot.Markish[] {
  return [
    Plot.cell(plan.data, {
      x: plan.x,
      y: plan.y,
      ...facets(plan),
      fill: colourValue(plan.fill) ?? DEFAULT_COLOUR,
      stroke: colourValue(plan.stroke),
      title: tooltip(plan),
    }),
  ];
}
