import catalogJson from '../../data/catalog.json' with { type: 'json' };
import type { AdapterInfo } from './types.ts';

/** One known dataset release (data/catalog.json). */
export interface CatalogEntry {
  id: string;
  name: string;
  version?: string;
  adapter: string;
  fileNames: string[];
  sha256: string[];
  /** Columns a table must have to be recognised (compared without case or surrounding spaces). */
  header: string[];
  citation: string;
  source: string;
  terms: string;
}

export const CATALOG: readonly CatalogEntry[] = catalogJson.datasets;

export interface CatalogMatch {
  entry: CatalogEntry;
  /** The file's sha256 is one of the entry's catalogued releases. */
  exact: boolean;
}

/**
 * The catalogue entry a table belongs to: every header column present, preferring the entry
 * whose release hash equals the file's (TIES 4.0 and 4.1 share a header; the hash tells them
 * apart).
 */
export function matchCatalog(
  columnNames: string[],
  sha256: string,
  catalog: readonly CatalogEntry[] = CATALOG,
): CatalogMatch | undefined {
  const have = new Set(columnNames.map((n) => n.trim().toLowerCase()));
  // The most specific signature first: DCID's campaign sheet also has every incident column.
  const candidates = catalog
    .filter((e) => e.header.every((h) => have.has(h.trim().toLowerCase())))
    .sort((a, b) => b.header.length - a.header.length);
  const exact = candidates.find((e) => e.sha256.includes(sha256));
  if (exact) return { entry: exact, exact: true };
  return candidates.length > 0 ? { entry: candidates[0], exact: false } : undefined;
}

/** What a load reports about a recognised file: the release's version only when certain. */
export function adapterInfo(entry: CatalogEntry, exact: boolean): AdapterInfo {
  return {
    id: entry.id,
    name: entry.name,
    ...(exact && entry.version ? { version: entry.version } : {}),
    citation: entry.citation,
  };
}
