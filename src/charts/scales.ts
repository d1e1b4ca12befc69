/** Scale options (axes, facets, colour) for a planned chart. */
import type { ScaleOptions } from '@observablehq/plot';
import type { Category } from './columns.ts';
import { formatPercentTick, PERCENT_TICKS, truncateLabel } from './format.ts';
import { LABEL_MAX, type Layout } from './layout.ts';
import { DOT_RADIUS } from './marks/dot.ts';
import { categoryText, type ChartPlan, type Position } from './plan.ts';
import { MANY_CATEGORIES_SCHEME, OKABE_ITO, SEQUENTIAL_SCHEME } from './theme.ts';

export interface ChartScales {
  x: ScaleOptions;
  y: ScaleOptions;
  fx?: ScaleOptions;
  fy?: ScaleOptions;
  color?: ScaleOptions;
}

/** Heatmap colours are binned: easier to read off than a continuous ramp, and Plot draws
 * a binned legend without a canvas (which jsdom lacks). */
const HEATMAP_BINS = 5;

export function chartScales(plan: ChartPlan, layout: Layout): ChartScales {
  const groupedY = plan.grouped && plan.spec.mark === 'barX';
  const groupedX = plan.grouped && !groupedY;
  const scales: ChartScales = {
    x: position(plan, 'x', groupedX, layout.xTickRotate),
    y: position(plan, 'y', groupedY, undefined),
  };
  if (plan.fx !== undefined) {
    scales.fx = {
      domain: plan.domains.fx,
      // A grouped chart's fx holds the spec's x categories, so x_label titles it.
      label: groupedX ? axisTitle(plan, 'x', plan.fx) : titleOf(plan, plan.fx),
      tickFormat: categoryLabel(plan, plan.fx),
      // A grouped chart's categories read along the bottom like an ordinary x axis.
      ...(groupedX ? { axis: 'bottom', tickRotate: layout.xTickRotate } : {}),
    };
  }
  if (plan.fy !== undefined) {
    scales.fy = {
      domain: plan.domains.fy,
      label: groupedY ? axisTitle(plan, 'y', plan.fy) : titleOf(plan, plan.fy),
      tickFormat: categoryLabel(plan, plan.fy),
      ...(groupedY ? { axis: 'left' } : {}),
    };
  }
  if (plan.colour !== undefined) scales.color = colour(plan);
  return scales;
}

function position(
  plan: ChartPlan,
  channel: Position,
  hidden: boolean,
  tickRotate: number | undefined,
): ScaleOptions {
  const column = plan[channel];
  if (column === undefined) return {};
  // Grouped charts show these categories in the colour legend instead.
  if (hidden) return { domain: plan.domains[channel], axis: null };
  const domain = plan.domains[channel];
  if (domain !== undefined) {
    return {
      domain,
      label: axisTitle(plan, channel, column),
      tickFormat: categoryLabel(plan, column),
      tickRotate,
      padding: bandPadding(plan),
      ...ordinalType(plan, channel, domain),
    };
  }
  // Dots are drawn around their centre; keep edge dots inside the frame and off the axis.
  const dots = plan.spec.mark === 'dot' || plan.spec.mark === 'coef';
  const inset = dots ? { inset: DOT_RADIUS + 2 } : {};
  // A fixed domain is kept exactly (not widened to nice ticks) whatever the rows hold.
  const fixed = channel === 'x' ? plan.spec.x_domain : plan.spec.y_domain;
  const fixedDomain = fixed ? { domain: [...fixed], nice: false } : {};
  if (plan.value === channel) {
    return {
      ...inset,
      label: axisTitle(plan, channel, column),
      grid: true,
      nice: true,
      // Ratios read as 0.5, 1, 2 rather than Plot's 500m; powers of ten would waste the width.
      ...(plan.logScale ? { type: 'log', nice: false, tickFormat: '~g' } : {}),
      // Whole pixels: crisp edges, and short numbers in the SVG instead of 112.00000000000004.
      round: true,
      ...(plan.spec.format !== undefined
        ? { tickFormat: plan.spec.format }
        : plan.percent
          ? { tickFormat: PERCENT_TICKS }
          : {}),
      ...fixedDomain,
    };
  }
  return {
    ...inset,
    label: axisTitle(plan, channel, column),
    grid: true,
    round: true,
    ...(plan.temporalX ? { type: 'utc' } : {}),
    ...(channel === 'x' && yearsIn(plan, column) ? { tickFormat: 'd' } : {}),
    ...fixedDomain,
  };
}

function colour(plan: ChartPlan): ScaleOptions {
  const label = titleOf(plan, plan.colour);
  if (plan.colourContinuous) {
    return {
      type: 'quantize',
      n: HEATMAP_BINS,
      scheme: SEQUENTIAL_SCHEME,
      label,
      legend: true,
      ...(plan.spec.format !== undefined
        ? { tickFormat: plan.measure }
        : plan.percent
          ? { tickFormat: formatPercentTick }
          : {}),
    };
  }
  const domain = plan.domains.color ?? [];
  return {
    type: 'ordinal',
    domain,
    ...(domain.length <= OKABE_ITO.length
      ? { range: [...OKABE_ITO] }
      : { scheme: MANY_CATEGORIES_SCHEME }),
    label,
    legend: true,
    tickFormat: categoryLabel(plan, plan.colour),
  };
}

/** Whole numbers from 1000 to 2999 on a number line are years: 1990, not 1,990. */
function yearsIn(plan: ChartPlan, column: string): boolean {
  if (plan.temporalX) return false;
  let any = false;
  for (const d of plan.data) {
    const v = d[column];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1000 || v > 2999) return false;
    any = true;
  }
  return any;
}

/**
 * Rules only span a band on a band scale, where Plot would pick a point scale. Numbers drawn
 * as categories (a 0/1 x of a dot chart) need a point scale said outright: from a numeric
 * domain Plot would infer a linear one.
 */
function ordinalType(plan: ChartPlan, channel: Position, domain: readonly Category[]) {
  if (plan.spec.mark === 'ruleY' && channel === 'x') return { type: 'band' } as const;
  const pointMark = !['barY', 'barX', 'cell'].includes(plan.spec.mark);
  return pointMark && domain.some((v) => typeof v === 'number') ? ({ type: 'point' } as const) : {};
}

/** Bars and cells touch less than Plot's default for dots/ticks, which sit on points. */
function bandPadding(plan: ChartPlan): number | undefined {
  switch (plan.spec.mark) {
    case 'barY':
    case 'barX':
      return 0.2;
    case 'cell':
      return 0.05;
    default:
      return undefined;
  }
}

/** An axis or legend title: the column's label when the spec carries one, else its name. */
function titleOf(plan: ChartPlan, column: string | undefined): string | undefined {
  if (column === undefined) return undefined;
  const labels = plan.spec.labels;
  return labels !== undefined && Object.hasOwn(labels, column) ? labels[column] : column;
}

/** A position axis's title: `x_label` / `y_label` when given, else the column's title. */
function axisTitle(plan: ChartPlan, channel: Position, column: string | undefined) {
  return (channel === 'x' ? plan.spec.x_label : plan.spec.y_label) ?? titleOf(plan, column);
}

function categoryLabel(plan: ChartPlan, column: string | undefined): (value: Category) => string {
  return (value) => truncateLabel(categoryText(plan, column, value), LABEL_MAX);
}
