/**
 * Checks a chart spec against the columns of its `from` table before anything is drawn, so
 * a typo produces a message naming the column and the alternatives instead of an empty plot.
 * A chart cell checks once, when it runs (checkChart); drawing trusts what ran.
 */
import type { Row } from '../engine/Engine.ts';
import { CellError } from '../shared/errors.ts';
import { CHART_MARKS, type ChartMark, type ChartSpec } from './spec.ts';
import { profileColumn } from './columns.ts';
import { isCssColor } from './css-color.ts';
import { chartAxes, type Position } from './axes.ts';
import { validateAxisKeys } from './validate-keys.ts';
import { validateValues } from './validate-values.ts';
import { MAX_ROWS } from './theme.ts';

/** Channels each mark cannot do without, and what they hold (for the message). */
const REQUIRED: Record<ChartMark, Position[]> = {
  barY: ['x', 'y'],
  barX: ['x', 'y'],
  dot: ['x', 'y'],
  line: ['x', 'y'],
  areaY: ['x', 'y'],
  cell: ['x', 'y'],
  tickX: ['x'],
  ruleY: ['y'],
  coef: ['x', 'y'],
};

/**
 * Throws a CellError for a spec that cannot be drawn from a table with these columns.
 * `rowCount`, when given, is checked against the largest chart we agree to draw.
 */
export function validateChart(
  spec: ChartSpec,
  columns: readonly string[],
  rowCount?: number,
): void {
  const from = spec.from ? `'${spec.from}'` : 'the table';
  const available = columns.length > 0 ? columns.join(', ') : '(none)';
  if (!(CHART_MARKS as readonly string[]).includes(spec.mark)) {
    throw new CellError(`Unknown chart mark '${spec.mark}'; use one of ${CHART_MARKS.join(', ')}.`);
  }
  for (const channel of REQUIRED[spec.mark]) {
    if (!spec[channel]) {
      throw new CellError(
        `A ${spec.mark} chart needs '${channel}': the column to put on the ${channel} axis. ` +
          `Columns of ${from}: ${available}.`,
      );
    }
  }
  const named: [string, string | undefined][] = [
    ['x', spec.x],
    ['y', spec.y],
    ['fx', spec.fx],
    ['fy', spec.fy],
  ];
  if (spec.ci !== undefined) {
    if (
      !Array.isArray(spec.ci) ||
      spec.ci.length !== 2 ||
      !spec.ci.every((c) => typeof c === 'string')
    ) {
      throw new CellError(
        `'ci' must list two columns: [lower, upper], e.g. ci: [ci_low, ci_high].`,
      );
    }
    if (spec.mark === 'cell') {
      throw new CellError(`A cell chart cannot draw 'ci' error bars; use barY or dot instead.`);
    }
    named.push(['ci lower', spec.ci[0]], ['ci upper', spec.ci[1]]);
  }
  for (const [role, column] of named) {
    if (column !== undefined && !columns.includes(column)) {
      throw new CellError(missingColumn(column, role, from, columns));
    }
  }
  for (const role of ['fill', 'stroke'] as const) {
    const value = spec[role];
    if (value !== undefined && !columns.includes(value) && !isCssColor(value)) {
      throw new CellError(
        `${missingColumn(value, role, from, columns)} ('${role}' may also be a CSS colour such ` +
          `as steelblue or #0072B2.)`,
      );
    }
  }
  // A label for a column the table lacks is a typo that would otherwise change nothing.
  for (const column of Object.keys(spec.labels ?? {})) {
    if (!columns.includes(column))
      throw new CellError(missingColumn(column, 'labels', from, columns));
  }
  const { fill, stroke } = spec;
  if (fill && stroke && fill !== stroke && columns.includes(fill) && columns.includes(stroke)) {
    throw new CellError(
      `'fill: ${fill}' and 'stroke: ${stroke}' name different columns, but a chart has one ` +
        `colour legend; colour by one column and facet by the other (fx or fy).`,
    );
  }
  if (rowCount !== undefined && rowCount > MAX_ROWS) {
    throw new CellError(
      `${from} has ${rowCount.toLocaleString('en-US')} rows; a chart draws one mark per row and ` +
        `stops at ${MAX_ROWS.toLocaleString('en-US')}. Aggregate first in a sql cell ` +
        `(e.g. SELECT ${spec.x ?? 'group'}, avg(${spec.y ?? 'value'}) … GROUP BY ${spec.x ?? 'group'}) ` +
        `and chart that table.`,
    );
  }
}

/**
 * Everything a chart needs of its table: the spec against the columns (the table's own, also
 * when it has no rows), the row count (`rowCount` when `rows` are only the first of them), how
 * the marks can be laid out, and the values. Throws a CellError saying what to change.
 */
export function checkChart(
  spec: ChartSpec,
  columns: readonly string[],
  rows: readonly Row[],
  rowCount = rows.length,
): void {
  validateChart(spec, columns, rowCount);
  validateLayout(spec, columns);
  validateValues(spec, rows);
  const profile = (column: string) => profileColumn(rows, column);
  validateAxisKeys(spec, chartAxes(spec, rows, profile), profile);
}

/**
 * A colour column stacks bars that already use their facet for the groups: an interval cannot
 * be drawn on a stack (it would sit on the wrong bar). Areas with `ci` draw bands, unstacked.
 */
function validateLayout(spec: ChartSpec, columns: readonly string[]): void {
  if (spec.ci === undefined) return;
  const colour = [spec.fill, spec.stroke].find((c) => c !== undefined && columns.includes(c));
  if (colour === undefined) return;
  const stacked =
    spec.mark === 'barY' && colour !== spec.x && spec.fx !== undefined
      ? 'fx'
      : spec.mark === 'barX' && colour !== spec.y && spec.fy !== undefined
        ? 'fy'
        : undefined;
  if (stacked) {
    throw new CellError(
      `With both '${stacked}' and a colour column, bars are stacked and 'ci' cannot be drawn; ` +
        `drop '${stacked}' to get bars side by side, or drop 'ci'.`,
    );
  }
}

function missingColumn(column: string, role: string, from: string, columns: readonly string[]) {
  const near = columns.find((c) => c.toLowerCase() === column.toLowerCase());
  const hint = near ? ` Did you mean '${near}'?` : '';
  const available = columns.length > 0 ? columns.join(', ') : '(none)';
  return `Chart column '${column}' (${role}) is not in ${from}.${hint} Available columns: ${available}.`;
}
