/**
 * The rows as the marks read them: only the columns drawn, categories made primitive, dates
 * made Dates; and the small helpers planChart uses on them.
 */
import type { Row } from '../engine/Engine.ts';
import { toCategory, type Category, type ColumnProfile } from './columns.ts';

/** One row as a chart draws it. */
export type Datum = Record<string, unknown>;

export function prepareRows(
  rows: readonly Row[],
  how: { keep: (string | undefined)[]; categorical: Set<string>; temporal?: string },
): Datum[] {
  const keep = [...new Set(how.keep.filter((c): c is string => c !== undefined))];
  return rows.map((row) => {
    const d: Datum = {};
    for (const column of keep) {
      const v = row[column] ?? null;
      if (how.categorical.has(column)) d[column] = toCategory(v);
      else if (column === how.temporal) d[column] = typeof v === 'string' ? parseIsoDate(v) : null;
      else d[column] = v;
    }
    return d;
  });
}

/** ISO strings without a zone would parse as local time; charts are always UTC. */
function parseIsoDate(s: string): Date {
  let iso = s.replace(' ', 'T');
  if (iso.length > 10 && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(iso)) iso += 'Z';
  return new Date(iso);
}

export function sortBy(data: Datum[], column: string): void {
  const key = (d: Datum): number => {
    const v = d[column];
    return v instanceof Date ? v.getTime() : typeof v === 'number' ? v : Number.POSITIVE_INFINITY;
  };
  data.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka === kb ? 0 : ka < kb ? -1 : 1;
  });
}

/** Rows in the order of their category in `domain` (a stable sort: ties keep row order). */
export function sortByDomain(data: Datum[], column: string, domain: readonly Category[]): void {
  const index = new Map(domain.map((c, i) => [c, i]));
  data.sort(
    (a, b) => (index.get(a[column] as Category) ?? 0) - (index.get(b[column] as Category) ?? 0),
  );
}

export function memo(f: (name: string) => ColumnProfile): (name: string) => ColumnProfile {
  const cache = new Map<string, ColumnProfile>();
  return (name) => {
    let p = cache.get(name);
    if (p === undefined) cache.set(name, (p = f(name)));
    return p;
  };
}
