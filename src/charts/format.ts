/**
 * Number and label formatting. Written by hand rather than with toLocaleString so that
 * output never depends on the machine's locale.
 */
import type { ChartSpec } from './spec.ts';
import type { ColumnProfile } from './columns.ts';

/** Name parts that mark a proportion: success_rate, share_yes, diplomatic_predicted, … */
const RATE_WORDS = new Set(['rate', 'share', 'predicted', 'probability', 'prob', 'proportion']);

/**
 * The percent rule. The value axis is drawn as percent when every value (and every ci bound)
 * lies in [0, 1] and either
 * - the value column's name contains the word rate, share, predicted, probability, prob or
 *   proportion (split on `_`, spaces, punctuation and camelCase), or
 * - the chart is a barY, barX or dot chart with `ci` (an interval on a [0, 1] quantity is
 *   almost always a proportion with its Wilson interval).
 * Values outside [0, 1] are never rescaled: a `rate` of 35.2 is left as 35.2.
 */
export function isPercent(
  spec: ChartSpec,
  valueName: string,
  value: ColumnProfile,
  ciBounds: ColumnProfile[],
): boolean {
  if (!value.unit || !ciBounds.every((c) => c.unit || !c.numeric)) return false;
  if (nameWords(valueName).some((w) => RATE_WORDS.has(w))) return true;
  return spec.ci !== undefined && ['barY', 'barX', 'dot'].includes(spec.mark);
}

function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** d3-format specifier Plot hands to the scale's tickFormat: picks decimals from the ticks. */
export const PERCENT_TICKS = '%';

/** Legend thresholds are not evenly spaced ticks, so each gets its own shortest form. */
export function formatPercentTick(v: number): string {
  return `${trimZeros((v * 100).toFixed(1))}%`;
}

/** Value shown in tooltips: `41.2%` or up to four significant digits. */
export function formatValue(v: unknown, percent: boolean): string {
  if (v === null || v === undefined) return 'missing';
  if (v instanceof Date) return v.toISOString().replace('T00:00:00.000Z', '');
  if (typeof v !== 'number') return String(v);
  if (percent) return `${trimZeros((v * 100).toFixed(1))}%`;
  if (Number.isInteger(v)) return groupThousands(String(v));
  const abs = Math.abs(v);
  if (abs >= 1e-4 && abs < 1e15) return groupThousands(trimZeros(v.toPrecision(4)));
  return v.toExponential(3);
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

function groupThousands(s: string): string {
  const [int, frac] = s.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Keeps long category labels (country names, episode titles) from eating the plot area. */
export function truncateLabel(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}
