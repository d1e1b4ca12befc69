/**
 * Naming rules shared by every format, so a column is called the same whether the file came
 * as CSV, Excel or Stata (see docs/ingest.md).
 */

import { uniqueName } from '../shared/unique-name.ts';

/** `TIESv4-1.xls` → `tiesv4_1`: lower case, runs of other characters → `_`. */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  const slug = slugify(stem);
  if (slug === '') return 'data';
  return /^[0-9]/.test(slug) ? `t_${slug}` : slug;
}

/** Lower-case ASCII slug: letters, digits and single underscores. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Column names as users see them: surrounding whitespace trimmed (DCID's `Concession `),
 * blanks named `column<N>` after their 1-based position, and duplicates — compared without
 * case, as DuckDB does — suffixed `_2`, `_3`, …
 */
export function cleanColumnNames(raw: ReadonlyArray<string | null | undefined>): string[] {
  const trimmed = raw.map((name, i) => {
    const t = (name ?? '').replace(/\0/g, '').trim();
    return t === '' ? `column${i + 1}` : t;
  });
  const taken = new Set<string>();
  // Names as written claim their spelling first, so a later `x` never pushes an earlier one.
  const firstOwner = new Map<string, number>();
  trimmed.forEach((name, i) => {
    const key = name.toLowerCase();
    if (!firstOwner.has(key)) firstOwner.set(key, i);
  });
  for (const key of firstOwner.keys()) taken.add(key);
  return trimmed.map((name, i) => {
    if (firstOwner.get(name.toLowerCase()) === i) return name;
    return uniqueName(name, taken);
  });
}

/**
 * The names DuckDB's file readers (read_parquet) give columns whose names repeat, compared
 * without case: the second `x` becomes `x_1`, a clash with an existing name moves on to the
 * next number (`QueryResult::DeduplicateColumns`). Applied before `cleanColumnNames` where
 * JavaScript reads a file DuckDB would otherwise read, so both give the same names.
 */
export function deduplicateAsDuckDb(names: ReadonlyArray<string>): string[] {
  const counts = new Map<string, number>();
  return names.map((name) => {
    const low = name.toLowerCase();
    const seen = counts.get(low);
    if (seen === undefined) {
      counts.set(low, 1);
      return name;
    }
    let n = seen;
    let candidate = `${name}_${n}`;
    while (counts.has(candidate.toLowerCase())) {
      n++;
      counts.set(low, n);
      candidate = `${name}_${n}`;
    }
    counts.set(candidate.toLowerCase(), (counts.get(candidate.toLowerCase()) ?? 0) + 1);
    return candidate;
  });
}
