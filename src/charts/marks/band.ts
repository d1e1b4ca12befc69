/**
 * A confidence band for `line` and `areaY` charts with `ci: [low, high]`: the area between the
 * two columns, one per series, in the series' colour and light enough for the line on top to
 * stay the thing read (a predicted-probability curve with its delta-method interval).
 */
import * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { colourValue, facets, singlePaint } from './channels.ts';

/** Group description, which tests and assistive technology use to find the band. */
export const CONFIDENCE_BAND = 'confidence band';

export const BAND_OPACITY = 0.2;

export function bandMarks(plan: ChartPlan): Plot.Markish[] {
  const ci = plan.spec.ci;
  if (ci === undefined) return [];
  const [low, high] = ci;
  return [
    Plot.areaY(plan.data, {
      x: plan.x,
      y1: low,
      y2: high,
      z: seriesOf(plan),
      ...facets(plan),
      fill: singlePaint(plan),
      fillOpacity: BAND_OPACITY,
      ariaDescription: `${CONFIDENCE_BAND} from ${low} to ${high}`,
    }),
  ];
}

/** One series per colour category: the line's `z`, and its band's. */
export function seriesOf(plan: ChartPlan): ReturnType<typeof colourValue> {
  return plan.colour === undefined
    ? undefined
    : colourValue({ kind: 'column', column: plan.colour });
}
