/**
 * Maps a notebook chart spec and its rows to Observable Plot options. Pure: no DOM, no
 * globals; the same options render in the browser and under jsdom on the command line.
 */
import type { PlotOptions } from '@observablehq/plot';
import type * as Plot from '@observablehq/plot';
import type { Row } from '../engine/Engine.ts';
import type { ChartMark, ChartSpec } from './spec.ts';
import { describeChart } from './describe.ts';
import { chartLayout } from './layout.ts';
import { barMarks } from './marks/bar.ts';
import { cellMarks } from './marks/cell.ts';
import { coefMarks } from './marks/coef.ts';
import { dotMarks } from './marks/dot.ts';
import { errorBarMarks } from './marks/error-bars.ts';
import { areaMarks, lineMarks } from './marks/line.ts';
import { referenceMarks } from './marks/reference.ts';
import { ruleMarks } from './marks/rule.ts';
import { tickMarks } from './marks/tick.ts';
import { planChart, type ChartPlan } from './plan.ts';
import { chartScales } from './scales.ts';
import { CLASS_NAME } from './theme.ts';

const MAIN: Record<ChartMark, (plan: ChartPlan) => Plot.Markish[]> = {
  barY: barMarks,
  barX: barMarks,
  dot: dotMarks,
  line: lineMarks,
  areaY: areaMarks,
  cell: cellMarks,
  tickX: tickMarks,
  ruleY: ruleMarks,
  coef: coefMarks,
};

/** Throws CellError when the spec does not fit the rows (see validate.ts). */
export function chartOptions(spec: ChartSpec, rows: readonly Row[]): PlotOptions {
  const plan = planChart(spec, rows);
  const layout = chartLayout(plan);
  const { xTickRotate: _rotate, ...dimensions } = layout;
  const main = MAIN[spec.mark](plan);
  const intervals = errorBarMarks(plan);
  // Interval bands sit behind reference rules; error bars go over bars and dots.
  const data = spec.mark === 'ruleY' ? [...intervals, ...main] : [...main, ...intervals];
  // A `rule:` line lies behind dots and lines, and over bars, which would hide it.
  const reference = referenceMarks(plan);
  const marks = spec.mark.startsWith('bar') ? [...data, ...reference] : [...reference, ...data];
  return {
    ...dimensions,
    className: CLASS_NAME,
    ...(spec.title !== undefined ? { title: spec.title } : {}),
    ...(spec.caption !== undefined ? { caption: spec.caption } : {}),
    ...describeChart(
      spec,
      plan.percent,
      plan.colour !== undefined,
      plan.value,
      plan.reference === undefined ? undefined : plan.measure(plan.reference),
    ),
    ...chartScales(plan, layout),
    // A fixed domain may leave rows outside it: cut them at the frame, not across the axes.
    ...(spec.x_domain || spec.y_domain ? { clip: true } : {}),
    marks,
  };
}
