/**
 * Text alternatives for a chart: a short label ("Bar chart of rate by diplomatic") and a
 * longer description naming every encoding, for screen readers and the SVG <desc>.
 */
import type { ChartMark, ChartSpec } from './spec.ts';

const KIND: Record<ChartMark, string> = {
  barY: 'Bar chart',
  barX: 'Horizontal bar chart',
  dot: 'Dot plot',
  line: 'Line chart',
  areaY: 'Area chart',
  cell: 'Heatmap',
  tickX: 'Strip plot',
  ruleY: 'Rule chart',
  coef: 'Coefficient plot',
};

/** "Bar chart of rate by diplomatic": what is measured, across what. */
export function chartSummary(spec: ChartSpec, value?: 'x' | 'y'): string {
  const kind = KIND[spec.mark] ?? 'Chart';
  // The axes' own titles, as the chart shows them.
  const x = spec.x_label ?? nameOf(spec, spec.x);
  const y = spec.y_label ?? nameOf(spec, spec.y);
  const fill = nameOf(spec, spec.fill);
  // Measured along x: bars and ticks sideways, coefficient plots, dots with names on y.
  if (value === 'x' || spec.mark === 'barX' || spec.mark === 'tickX') {
    return y ? `${kind} of ${x} by ${y}` : `${kind} of ${x}`;
  }
  switch (spec.mark) {
    case 'cell':
      return fill ? `${kind} of ${fill} by ${x} and ${y}` : `${kind} of ${x} by ${y}`;
    case 'line':
    case 'areaY':
      return `${kind} of ${y} over ${x}`;
    default:
      return x ? `${kind} of ${y} by ${x}` : `${kind} of ${y}`;
  }
}

export interface ChartText {
  ariaLabel: string;
  ariaDescription: string;
}

export function describeChart(
  spec: ChartSpec,
  percent: boolean,
  colourIsColumn: boolean,
  value?: 'x' | 'y',
  reference?: string,
): ChartText {
  const summary = chartSummary(spec, value);
  const parts = [summary];
  if (colourIsColumn && spec.mark !== 'cell') {
    parts.push(`coloured by ${nameOf(spec, spec.fill ?? spec.stroke)}`);
  }
  if (spec.fx) parts.push(`in columns by ${nameOf(spec, spec.fx)}`);
  if (spec.fy) parts.push(`in rows by ${nameOf(spec, spec.fy)}`);
  if (spec.ci) parts.push(`with intervals from ${spec.ci[0]} to ${spec.ci[1]}`);
  let description = `${parts.join(', ')}.`;
  if (percent) description += ' Values are shown as percentages.';
  if (spec.scale === 'log') description += ' The value axis is logarithmic.';
  if (reference !== undefined) description += ` A dashed line marks ${reference}.`;
  description += ` Data from table ${spec.from}.`;
  if (spec.caption) description += ` ${spec.caption}`;
  return { ariaLabel: spec.title ?? summary, ariaDescription: description };
}

/** A screen reader hears what the axes show: the label when the spec carries one. */
function nameOf(spec: ChartSpec, column: string | undefined): string | undefined {
  const labels = spec.labels;
  return column !== undefined && labels !== undefined && Object.hasOwn(labels, column)
    ? labels[column]
    : column;
}
