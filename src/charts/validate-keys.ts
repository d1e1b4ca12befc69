/**
 * Checks of the chart keys that shape the axes (domains, labels, rule, format, sort, types):
 * first their form alone, which the notebook parser reports at the cell before anything runs,
 * then their fit with the axes the rows give (a domain on a category axis, say).
 */
import { CellError } from '../shared/errors.ts';
import { isNumericAxis, type Axes, type Position } from './axes.ts';
import { formatProblem } from './number-format.ts';
import type { ChartSpec } from './spec.ts';

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
export function validateAxisKeys(spec: ChartSpec, axes: Axes): void {
  const problem = axisKeyProblem(spec as unknown as Record<string, unknown>);
  if (problem) throw new CellError(`${problem}.`);
  // A heatmap measures by colour: `format` writes its legend, but there is no axis to rule.
  if (axes.value === undefined && spec.rule !== undefined) {
    throw new CellError(
      `'rule' draws a line across the measured axis, and a ${spec.mark} chart has none; ` +
        `drop 'rule'.`,
    );
  }
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
