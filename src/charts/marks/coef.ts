/**
 * coef: a coefficient plot. One dot per row along x (the estimates), the rows' names down y in
 * table order; whiskers come from `ci` (error-bars.ts, horizontal since x measures) and a
 * dashed line marks "no effect" (reference.ts: 0, or 1 for odds ratios on `scale: log`).
 */
import type * as Plot from '@observablehq/plot';
import type { ChartPlan } from '../plan.ts';
import { dotMarks } from './dot.ts';

export function coefMarks(plan: ChartPlan): Plot.Markish[] {
  return dotMarks(plan);
}
