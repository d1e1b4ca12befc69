/**
 * How numbers read in the notebook: the conventions of a regression table in a political
 * science journal (three decimals, p-values bounded at 0.001, stars, bracketed intervals).
 * Display only; results.json keeps every digit.
 */
import type { Value } from '../engine/Engine.ts';
import { trimZeros } from '../shared/value-text.ts';

// The tables' own rule lives in shared/, where prose's inline values read it too.
export { valueText as formatValue, countText as formatCount } from '../shared/value-text.ts';

/** A coefficient, standard error or test statistic: fixed decimals so columns line up. */
export function formatNumber(value: Value | undefined, digits = 3): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '—' : String(value);
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '−∞' : '—';
  const text = value.toFixed(digits);
  // −0.000 reads as a sign error; a true negative keeps a proper minus sign.
  return Number(text) === 0 ? (0).toFixed(digits) : text.replace('-', '−');
}

/** A p-value as journals print it: three decimals, never "0.000". */
export function formatP(value: Value | undefined): string {
  if (typeof value !== 'number' || Number.isNaN(value)) return '—';
  return value < 0.001 ? '< 0.001' : value.toFixed(3);
}

/** Significance stars: * p < 0.05, ** p < 0.01, *** p < 0.001. */
export function stars(value: Value | undefined): string {
  if (typeof value !== 'number' || Number.isNaN(value)) return '';
  if (value < 0.001) return '***';
  if (value < 0.01) return '**';
  if (value < 0.05) return '*';
  return '';
}

/** A share as a percentage with one decimal: 73.3%. */
export function formatPercent(value: Value | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(1)}%`;
}

/** An interval: [0.642, 0.809], or in percent: [64.2%, 80.9%]. */
export function formatInterval(
  low: Value | undefined,
  high: Value | undefined,
  as: 'number' | 'percent' = 'number',
  digits = 3,
): string {
  const f = as === 'percent' ? formatPercent : (v: Value | undefined) => formatNumber(v, digits);
  if (typeof low !== 'number' && typeof high !== 'number') return '—';
  return `[${f(low)}, ${f(high)}]`;
}

/** "95%" for a confidence level of 0.95. */
export function levelLabel(level: number | undefined): string {
  return `${trimZeros(((level ?? 0.95) * 100).toFixed(1))}%`;
}

/** Milliseconds, short: 12 ms, 1.4 s. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
