/**
 * Interval marks for `ci: [low, high]`, drawn over the main mark: a rule from low to high at
 * each category with a short cap at both ends (Plot's `tick` marker). Vertical for marks
 * measured on y, horizontal for those measured on x (barX, tickX, coef, dots with names on y). On a ruleY chart, whose rules span a band
 * or the whole width, the interval is a shaded band behind the rule instead.
 */
import * as Plot from '@observablehq/plot';
import type { ChartPlan, Datum } from '../plan.ts';
import { ERROR_BAR_COLOUR } from '../theme.ts';
import { formatValue } from '../format.ts';
import { facets, singlePaint } from './channels.ts';

/** Group descriptions, which tests and assistive technology use to tell these marks apart. */
export const ERROR_BARS = 'error bars';
export const INTERVAL_BANDS = 'interval bands';

export function errorBarMarks(plan: ChartPlan): Plot.Markish[] {
  const ci = plan.spec.ci;
  // Lines and areas draw their interval as a band instead (band.ts).
  if (ci === undefined || plan.spec.mark === 'line' || plan.spec.mark === 'areaY') return [];
  const [low, high] = ci;
  // Over a filled bar the bar's own colour would vanish; dots and lines keep theirs.
  const stroke = plan.spec.mark.startsWith('bar') ? ERROR_BAR_COLOUR : singlePaint(plan);
  const common = {
    ...facets(plan),
    stroke,
    strokeWidth: 1.5,
    markerStart: 'tick',
    markerEnd: 'tick',
    ariaLabel: intervalLabel(plan),
    ariaDescription: `${ERROR_BARS} from ${low} to ${high}`,
  } as const;
  if (plan.spec.mark === 'ruleY') {
    return [
      Plot.rectY(plan.data, {
        x1: plan.x,
        x2: plan.x,
        y1: low,
        y2: high,
        ...facets(plan),
        fill: singlePaint(plan),
        fillOpacity: 0.18,
        ariaLabel: intervalLabel(plan),
        ariaDescription: `${INTERVAL_BANDS} from ${low} to ${high}`,
      }),
    ];
  }
  if (plan.value === 'x') {
    return [Plot.ruleY(plan.data, { y: plan.y ?? null, x1: low, x2: high, ...common })];
  }
  return [Plot.ruleX(plan.data, { x: plan.x ?? null, y1: low, y2: high, ...common })];
}

/** Per-element label, e.g. "low: 26.1% to 42.5%" (a constant string would name a column). */
function intervalLabel(plan: ChartPlan): (d: Datum) => string {
  const [low, high] = plan.spec.ci ?? ['', ''];
  const category = plan.value === 'x' ? plan.y : plan.x;
  return (d) => {
    const range = `${plan.measure(d[low])} to ${plan.measure(d[high])}`;
    return category === undefined ? range : `${formatValue(d[category], false)}: ${range}`;
  };
}
