/**
 * A result value as the page's tables show it. Here rather than in src/ui because prose
 * states values too (inline values, src/notebook/inline-values.ts), and the command line's
 * prose.md must read exactly as the page does.
 */
import type { Value } from './table-data.ts';

const THOUSANDS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A value in a results table: integers as written, other numbers to four decimals. */
export function valueText(value: Value | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    if (value !== 0 && Math.abs(value) < 0.0001) return value.toExponential(2);
    return trimZeros(value.toFixed(4));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** A count: 1,240. */
export function countText(value: Value | undefined): string {
  return typeof value === 'number' ? THOUSANDS.format(value) : valueText(value);
}

export function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
