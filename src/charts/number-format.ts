/**
 * The `format` key: a d3-format specifier (`%`, `.1%`, `.2f`, `,d`, `+.2f`, …) for the value
 * axis, its tooltips and interval labels. It is the very function Plot formats ticks with
 * (d3-format, U.S. English whatever the machine's locale), so axis and tooltip agree.
 */
import { format, formatSpecifier } from 'd3-format';
import { formatValue } from './format.ts';

/** Why `specifier` is not a d3-format specifier, or undefined when it is one. */
export function formatProblem(specifier: unknown): string | undefined {
  if (typeof specifier === 'string') {
    try {
      formatSpecifier(specifier);
      return undefined;
    } catch {
      // Reported below, with examples that work.
    }
  }
  return (
    `"format" must be a d3-format specifier such as "%", ".1%", ".2f" or ",d"; ` +
    `${JSON.stringify(specifier)} is not one`
  );
}

/** Whether the specifier writes percentages (type `%` or `p`). */
export function isPercentFormat(specifier: string): boolean {
  const type = formatSpecifier(specifier).type;
  return type === '%' || type === 'p';
}

/**
 * A measured value as text: with the spec's `format` when it has one, else the chart's own
 * rule (`41.2%` on a percent axis, four significant digits otherwise).
 */
export function measureFormatter(
  specifier: string | undefined,
  percent: boolean,
): (v: unknown) => string {
  if (specifier === undefined) return (v) => formatValue(v, percent);
  const f = format(specifier);
  return (v) => (typeof v === 'number' ? f(v) : formatValue(v, false));
}
