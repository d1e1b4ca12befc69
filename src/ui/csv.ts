/**
 * A result table as CSV (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break. NULL is an empty field; nested values are JSON.
 */
import type { QueryResult, Value } from '../engine/Engine.ts';

export function toCsv(result: QueryResult): string {
  const lines = [result.columns.map((c) => field(c.name))];
  for (const row of result.rows) lines.push(result.columns.map((c) => field(text(row[c.name]))));
  return lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

function text(value: Value | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
