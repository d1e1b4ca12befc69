/** Channel options shared by every mark builder: facets, colours and per-mark tooltips. */
import { formatValue } from '../format.ts';
import type { ChartPlan, Colour, Datum } from '../plan.ts';
import { DEFAULT_COLOUR } from '../theme.ts';

export type ColourValue = string | ((d: Datum) => unknown);

export function facets(plan: ChartPlan): { fx?: string; fy?: string } {
  return { fx: plan.fx, fy: plan.fy };
}

/**
 * A column becomes an accessor rather than a field name: Plot would read a column named
 * like a colour (`red`, `navy`) as that constant colour.
 */
export function colourValue(colour: Colour | undefined): ColourValue | undefined {
  if (colour === undefined) return undefined;
  if (colour.kind === 'literal') return colour.value;
  const column = colour.column;
  return (d: Datum) => d[column];
}

/** The colour of a mark that draws with one paint (lines, ticks): stroke, else fill. */
export function singlePaint(plan: ChartPlan): ColourValue {
  return colourValue(plan.stroke) ?? colourValue(plan.fill) ?? DEFAULT_COLOUR;
}

/**
 * Native SVG tooltip (a <title> per mark): shown on hover in browsers and read by screen
 * readers, and still static, so it costs nothing in the saved SVG.
 */
export function tooltip(plan: ChartPlan): (d: Datum) => string {
  const valueColumn = plan.value === undefined ? undefined : plan[plan.value];
  const columns = unique([plan.fx, plan.fy, plan.x, plan.y, plan.colour]);
  const ci = plan.spec.ci;
  return (d) => {
    const lines = columns.map((c) => {
      const measured = c === valueColumn || (c === plan.colour && plan.colourContinuous);
      return `${c}: ${measured ? plan.measure(d[c]) : formatValue(d[c], false)}`;
    });
    if (ci) {
      const [lo, hi] = ci.map((c) => plan.measure(d[c]));
      lines.push(`interval: ${lo} to ${hi}`);
    }
    return lines.join('\n');
  };
}

function unique(columns: (string | undefined)[]): string[] {
  return [...new Set(columns.filter((c): c is string => c !== undefined))];
}
