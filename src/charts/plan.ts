/**
 * Resolves a chart spec against its rows into a plan: which column goes on which channel,
 * which axis measures and which one lists categories, whether colour names a column, and
 * a prepared copy of the rows (categories made primitive, dates made Dates, lines sorted).
 * Every mark builder reads the plan, so decisions are taken once, here.
 */
import type { Row } from '../engine/Engine.ts';
import type { ChartSpec } from './spec.ts';
import { categoriesOf, columnsOf, profileColumn, type Category } from './columns.ts';
import { memo, prepareRows, sortBy, sortByDomain, type Datum } from './prepare-rows.ts';
import { sortCategories } from './sort.ts';
import { chartAxes, type Position } from './axes.ts';
import { isPercent } from './format.ts';
import { isPercentFormat, measureFormatter } from './number-format.ts';

/** One prepared row: Plot reads channels from these by column name. */
export type { Datum } from './prepare-rows.ts';

export type Colour = { kind: 'column'; column: string } | { kind: 'literal'; value: string };

export type { Position };
export type ScaleName = Position | 'fx' | 'fy' | 'color';

export interface ChartPlan {
  spec: ChartSpec;
  data: Datum[];
  /** Channels after grouping (a grouped bar chart moves `x` to `fx` and colour to `x`). */
  x?: string;
  y?: string;
  fx?: string;
  fy?: string;
  /** The axis that measures (numbers); absent for cell charts. */
  value?: Position;
  /** Draw the value axis (or the cell colour legend) as percent; see isPercent. */
  percent: boolean;
  /** A measured value as tooltips and interval labels write it (`format`, else the rule). */
  measure: (v: unknown) => string;
  /** Where a reference line crosses the value axis (`rule`), if anywhere. */
  reference?: number;
  /** The value axis is logarithmic (`scale: log`). */
  logScale: boolean;
  fill?: Colour;
  stroke?: Colour;
  /** The column the colour scale encodes, if any. */
  colour?: string;
  /** Colour is a sequential ramp (cell charts with a numeric fill) rather than categories. */
  colourContinuous: boolean;
  /** Bars or dots of one category side by side per colour, using fx (or fy for barX). */
  grouped: boolean;
  /** Ordinal domains in drawing order, per scale. */
  domains: Partial<Record<ScaleName, Category[]>>;
  /** `x` is a continuous number or time line, not categories (though it does not measure). */
  xContinuous: boolean;
  /** `x` holds dates (ISO strings turned into Dates, drawn on a UTC time scale). */
  temporalX: boolean;
}

export function planChart(spec: ChartSpec, rows: readonly Row[]): ChartPlan {
  // The spec was checked when its cell ran (checkChart), against the table's columns.
  const columns = columnsOf(rows);

  const profile = memo((name: string) => profileColumn(rows, name));
  const fill = resolveColour(spec.fill, columns);
  const stroke = resolveColour(spec.stroke, columns);
  const colour =
    fill?.kind === 'column' ? fill.column : stroke?.kind === 'column' ? stroke.column : undefined;
  const { value, xContinuous, temporalX } = chartAxes(spec, rows, profile);
  const colourContinuous = spec.mark === 'cell' && colour !== undefined && profile(colour).numeric;

  let { x, y, fx, fy } = spec;

  let grouped = false;
  if (colour !== undefined && !colourContinuous) {
    if ((spec.mark === 'barY' || (spec.mark === 'dot' && !xContinuous)) && colour !== x) {
      if (fx === undefined) [fx, x, grouped] = [x, colour, true];
    } else if ((spec.mark === 'barX' || (value === 'x' && isDot(spec))) && colour !== y) {
      if (fy === undefined) [fy, y, grouped] = [y, colour, true];
    }
  }

  const categorical = new Set<string>();
  for (const [channel, column] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (column === undefined || channel === value) continue;
    if (channel === 'x' && xContinuous) continue;
    categorical.add(column);
  }
  for (const column of [fx, fy]) if (column !== undefined) categorical.add(column);
  const valueColumn = value === undefined ? undefined : value === 'x' ? x : y;
  // Colouring by the measured column itself must not turn its NULLs into a label.
  if (colour !== undefined && !colourContinuous && colour !== valueColumn) categorical.add(colour);

  const domains: ChartPlan['domains'] = {};
  const channels: [ScaleName, string | undefined][] = [
    ['x', x],
    ['y', y],
    ['fx', fx],
    ['fy', fy],
    ['color', colourContinuous ? undefined : colour],
  ];
  for (const [scale, column] of channels) {
    const ordinal = scale === 'color' || (column !== undefined && categorical.has(column));
    if (column !== undefined && ordinal) domains[scale] = categoriesOf(rows, column);
  }
  if (spec.sort !== undefined) {
    // The spec's category axis, wherever grouping moved it (a grouped bar chart's fx).
    const sorted = value === 'y' ? [spec.x] : value === 'x' ? [spec.y] : [spec.x, spec.y];
    const placed = { x, y, fx, fy };
    for (const scale of ['x', 'y', 'fx', 'fy'] as const) {
      const column = placed[scale];
      const domain = domains[scale];
      if (column === undefined || domain === undefined || !sorted.includes(column)) continue;
      domains[scale] = sortCategories(domain, {
        sort: spec.sort,
        rows,
        column,
        valueColumn,
        text: (v) => valueText(spec, column, v),
      });
    }
  }

  const ciProfiles = (spec.ci ?? []).map((c) => profile(c));
  // An explicit format decides; without one, the percent rule of format.ts.
  const percent =
    spec.format !== undefined
      ? isPercentFormat(spec.format)
      : valueColumn !== undefined
        ? isPercent(spec, valueColumn, profile(valueColumn), ciProfiles)
        : colourContinuous && colour !== undefined && isPercent(spec, colour, profile(colour), []);

  const data = prepareRows(rows, {
    keep: [x, y, fx, fy, colour, ...(spec.ci ?? [])],
    categorical,
    temporal: temporalX && x !== undefined ? x : undefined,
  });
  if (x !== undefined && (spec.mark === 'line' || spec.mark === 'areaY')) {
    // Plot joins points in data order; a series must run left to right, in the axis's order.
    if (xContinuous) sortBy(data, x);
    else if (domains.x !== undefined) sortByDomain(data, x, domains.x);
  }

  return {
    spec,
    data,
    x,
    y,
    fx,
    fy,
    value,
    percent,
    measure: measureFormatter(spec.format, percent),
    // A coefficient plot marks "no effect" without a rule: 0, or 1 for odds ratios on a log scale.
    reference: spec.rule ?? (spec.mark === 'coef' ? (spec.scale === 'log' ? 1 : 0) : undefined),
    logScale: spec.scale === 'log',
    fill,
    stroke,
    colour,
    colourContinuous,
    grouped,
    domains,
    xContinuous,
    temporalX,
  };
}

/** A category as the chart writes it: its value label when the spec has one, else itself. */
export function categoryText(plan: ChartPlan, column: string | undefined, value: Category): string {
  return valueText(plan.spec, column, value);
}

function valueText(spec: ChartSpec, column: string | undefined, value: Category): string {
  const codes = column === undefined ? undefined : spec.valueLabels?.[column];
  const text = String(value);
  return codes !== undefined && Object.hasOwn(codes, text) ? codes[text] : text;
}

function isDot(spec: ChartSpec): boolean {
  return spec.mark === 'dot' || spec.mark === 'coef';
}

function resolveColour(value: string | undefined, columns: string[]): Colour | undefined {
  if (value === undefined) return undefined;
  return columns.includes(value) ? { kind: 'column', column: value } : { kind: 'literal', value };
}
