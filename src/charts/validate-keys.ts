/**
 * Checks of the chart keys that shape the axes (domains, labels, rule, format, sort, types):
 * first their form alone, which the notebook parser reports at the cell before anything runs,
 * then their fit with the axes the rows give (a domain on a category axis, say).
 */
import { CellError } from '../shared/errors.ts';
import { CONTINUOUS_X, isNumericAxis, type Axes, type Position } from './axes.ts';
import type { ColumnProfile } from './columns.ts';
import { formatProblem } from './number-format.ts';
import { CHART_SCALE_TYPES, CHART_SORTS, CHART_X_TYPES, type ChartSpec } from './spec.ts';

/** What is wrong with the form of the axis keys, or undefined (no rows needed). */
export function axisKeyProblem(spec: Readonly<Record<string, unknown>>): string | undefined {
  for (const key of ['x_domain', 'y_domain'] as const) {
    const domain = spec[key];
    if (domain === undefined) continue;
    if (
      !Array.isArray(domain) ||
      domain.length !== 2 ||
      !domain.every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      return `"${key}" must be two numbers [min, max], e.g. ${key}: [0, 1]`;
    }
    if (domain[0] >= domain[1]) {
      return `"${key}" must list the smaller number first: ${key}: [${domain[1]}, ${domain[0]}]`;
    }
  }
  const choices: [string, readonly string[]][] = [
    ['sort', CHART_SORTS],
    ['x_type', CHART_X_TYPES],
    ['scale', CHART_SCALE_TYPES],
  ];
  for (const [key, allowed] of choices) {
    const v = spec[key];
    if (v !== undefined && !allowed.includes(String(v))) {
      return `"${key}" must be one of ${allowed.join(', ')} (not ${JSON.stringify(v)})`;
    }
  }
  if (spec.format !== undefined) {
    const problem = formatProblem(spec.format);
    if (problem) return problem;
  }
  if (spec.rule !== undefined && (typeof spec.rule !== 'number' || !Number.isFinite(spec.rule))) {
    return `"rule" must be a number: where the reference line crosses the value axis, e.g. rule: 0`;
  }
  return undefined;
}

/** Throws a CellError when an axis key does not fit the axes the rows give. */
export function validateAxisKeys(
  spec: ChartSpec,
  axes: Axes,
  profile: (column: string) => ColumnProfile,
): void {
  const problem = axisKeyProblem(spec as unknown as Record<string, unknown>);
  if (problem) throw new CellError(`${problem}.`);
  // A heatmap measures by colour: `format` writes its legend, but there is no axis to rule.
  if (axes.value === undefined && spec.rule !== undefined) {
    throw new CellError(
      `'rule' draws a line across the measured axis, and a ${spec.mark} chart has none; ` +
        `drop 'rule'.`,
    );
  }
  validateXType(spec, axes, profile);
  validateSort(spec, axes);
  for (const axis of ['x', 'y'] as const) {
    const domain = axis === 'x' ? spec.x_domain : spec.y_domain;
    if (domain !== undefined && !isNumericAxis(axes, axis)) {
      throw new CellError(
        `'${axis}_domain' fixes a number axis, but '${spec[axis] ?? axis}' (${axis}) is drawn as ` +
          `${categoriesOrDates(axes, axis)}; drop '${axis}_domain'` +
          (axes.temporalX && axis === 'x'
            ? ' or filter the dates in a sql cell.'
            : ` or use sort to order them.`),
      );
    }
  }
}

function categoriesOrDates(axes: Axes, axis: Position): string {
  return axis === 'x' && axes.temporalX ? 'dates' : 'categories';
}

function validateXType(
  spec: ChartSpec,
  axes: Axes,
  profile: (column: string) => ColumnProfile,
): void {
  if (spec.x_type === undefined || spec.x === undefined) return;
  if (axes.value === 'x') {
    throw new CellError(
      `'x_type' sets how a category or number x is drawn, but x of a ${spec.mark} chart is ` +
        `the measured axis; drop 'x_type'.`,
    );
  }
  if (spec.x_type !== 'linear') return;
  if (!CONTINUOUS_X.includes(spec.mark)) {
    throw new CellError(
      `'x_type: linear' draws x as a number line, which a ${spec.mark} chart cannot (it needs ` +
        `categories); use mark: ${CONTINUOUS_X.join(', ')} for a continuous x.`,
    );
  }
  const p = profile(spec.x);
  if (!p.numeric && !p.temporal) {
    throw new CellError(
      `'x_type: linear' needs numbers in '${spec.x}' (x); it holds names, so draw it as ` +
        `categories (drop 'x_type').`,
    );
  }
}

function validateSort(spec: ChartSpec, axes: Axes): void {
  if (spec.sort === undefined) return;
  if (axes.value === undefined && spec.sort.endsWith('value')) {
    throw new CellError(
      `'sort: ${spec.sort}' orders categories by the measured value, and a heatmap measures by ` +
        `colour; use sort: rows or sort: label, or ORDER BY in a sql cell and sort: rows.`,
    );
  }
  const categories = axes.value === 'y' ? (axes.xContinuous ? undefined : spec.x) : spec.y;
  if (axes.value !== undefined && categories === undefined) {
    throw new CellError(
      axes.value === 'y' && spec.x !== undefined
        ? `'sort' orders categories, and '${spec.x}' (x) is drawn as a number line; ` +
            `add x_type: band to draw it as categories, or drop 'sort'.`
        : `'sort' orders the categories on y, and this ${spec.mark} chart has no y; drop 'sort'.`,
    );
  }
}
