/**
 * A result table as CSV (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break. NULL is an empty field; nested values are
 * JSON.
 *
 * The values come from a notebook and data someone else wrote, and the file is opened in a
 * spreadsheet: text that a spreadsheet would read as a formula (`=HYPERLINK(…)`,
 * `+cmd|' /C calc'!A0`) is written with a leading `'` (OWASP's CSV-injection advice), which
 * spreadsheets show as text. Numbers are never changed: -3.5 stays -3.5.
 */
import type { QueryResult, Value } from '../engine/Engine.ts';

export function toCsv(result: QueryResult): string {
  const lines = [result.columns.map((c) => field(neutralize(c.name)))];
  for (const row of result.rows) lines.push(result.columns.map((c) => field(text(row[c.name]))));
  return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

function text(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutralize(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The characters that make a spreadsheet cell a formula (or, for tab and CR, hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

function neutralize(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
