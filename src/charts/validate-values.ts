/**
 * Checks that need the values themselves: numbers where the chart measures, positive numbers
 * on a log axis, a readable number of panels. Each message says what would work; a column of
 * names is never told to become a number.
 */
import type { Row } from '../engine/Engine.ts';
import { CellError } from '../shared/errors.ts';
import { chartAxes, type Position } from './axes.ts';
import { categoriesOf, columnsOf, profileColumn } from './columns.ts';
import type { ChartSpec } from './spec.ts';
import { MAX_FACETS } from './theme.ts';

/** Text that reads as a number ("3.5", "-12", "1e-3"): a cast fixes it, unlike a name. */
const NUMBER_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*$/i;

/** Marks whose value axis may be logarithmic: none of them starts at zero. */
const LOG_MARKS = ['dot', 'coef', 'line', 'areaY', 'tickX', 'ruleY'];

export function validateValues(spec: ChartSpec, rows: readonly Row[]): void {
  const axes = chartAxes(spec, rows);
  const channel = axes.value;
  const measured: [string, string | undefined][] = [
    [channel ?? '', channel ? spec[channel] : undefined],
    ['ci lower', spec.ci?.[0]],
    ['ci upper', spec.ci?.[1]],
  ];
  for (const [role, column] of measured) {
    if (column === undefined) continue;
    const sample = rows.find((r) => r[column] !== null && r[column] !== undefined)?.[column];
    if (sample !== undefined && !profileColumn(rows, column).numeric) {
      throw new CellError(notNumbers(spec, rows, column, role, sample, channel));
    }
  }
  if (spec.scale === 'log') validateLog(spec, rows, channel, measured);
  for (const facet of ['fx', 'fy'] as const) {
    const column = spec[facet];
    if (column === undefined) continue;
    const n = categoriesOf(rows, column).length;
    if (n > MAX_FACETS) {
      throw new CellError(
        `'${facet}: ${column}' would draw ${n} panels (at most ${MAX_FACETS}); ` +
          `facet on a column with fewer values or filter in a sql cell.`,
      );
    }
  }
}

function notNumbers(
  spec: ChartSpec,
  rows: readonly Row[],
  column: string,
  role: string,
  sample: unknown,
  channel: Position | undefined,
): string {
  const start = `A ${spec.mark} chart needs numbers in '${column}' (${role}), but it holds ${JSON.stringify(sample)}`;
  if (typeof sample === 'string' && NUMBER_TEXT.test(sample)) {
    return `${start}: numbers written as text. Cast it in a sql cell (CAST(${column} AS DOUBLE)).`;
  }
  const numbers = columnsOf(rows).filter((c) => profileColumn(rows, c).numeric);
  const from = spec.from ? `'${spec.from}'` : 'the table';
  const choices =
    numbers.length > 0
      ? ` Numeric columns of ${from}: ${numbers.join(', ')}.`
      : ` ${from} has no numeric column; count or average in a sql cell first.`;
  if (role.startsWith('ci')) {
    return `${start}; 'ci' names the two columns holding an interval's numeric ends.${choices}`;
  }
  const other: Position = channel === 'x' ? 'y' : 'x';
  const names = `${start}, which is a name, not a number.`;
  if (spec.mark === 'coef') {
    return `${names} A coefficient plot puts the estimates on x and the names on y: x: <estimate column>, y: ${column}.${choices}`;
  }
  if (spec.mark === 'dot') {
    return `${names} A dot chart needs numbers on one axis: put a numeric column on ${other === 'x' ? 'x' : 'y'} (names on the other are drawn as categories).${choices}`;
  }
  const swap =
    spec.mark === 'barY'
      ? ` For names on the side, use mark: barX with y: ${column} and x: a numeric column.`
      : spec.mark === 'barX'
        ? ` For names along the bottom, use mark: barY with x: ${column} and y: a numeric column.`
        : '';
  return `${names} Put a numeric column on ${channel ?? 'the measured axis'}.${swap}${choices}`;
}

function validateLog(
  spec: ChartSpec,
  rows: readonly Row[],
  channel: Position | undefined,
  measured: [string, string | undefined][],
): void {
  if (!LOG_MARKS.includes(spec.mark) || channel === undefined) {
    throw new CellError(
      `'scale: log' needs a measured axis that does not start at zero; a ${spec.mark} chart ` +
        `starts at zero (use mark: dot or coef for ratios on a log axis).`,
    );
  }
  for (const [, column] of measured) {
    if (column === undefined) continue;
    const bad = rows.find((r) => typeof r[column] === 'number' && (r[column] as number) <= 0);
    if (bad === undefined) continue;
    const logit = ['odds_ratio', 'or_low', 'or_high'].every((c) => columnsOf(rows).includes(c));
    throw new CellError(
      `'scale: log' needs positive numbers, but '${column}' holds ${String(bad[column])}. ` +
        (logit
          ? `For odds ratios on a log axis use x: odds_ratio, ci: [or_low, or_high]; ` +
            `estimates on the log-odds scale go on a linear axis (drop 'scale').`
          : `Drop 'scale: log', or filter the rows in a sql cell.`),
    );
  }
  const rule = spec.rule;
  if (rule !== undefined && rule <= 0) {
    throw new CellError(
      `'rule: ${rule}' cannot be drawn on a log axis, which holds only positive numbers; ` +
        `an odds ratio of one is rule: 1.`,
    );
  }
}
