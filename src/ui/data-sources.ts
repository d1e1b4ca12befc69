/**
 * What the data panel says about where the session's tables came from: which loaded files
 * have a codebook (the dictionary tables their loader made), and which entries of the catalog
 * of known datasets are loaded. Derived from what the session already reports; no queries.
 */
import type { AdapterInfo, LoadResult } from '../ingest/index.ts';
import { adapterInfo, CATALOG, matchCatalog, type CatalogEntry } from '../ingest/catalog.ts';
import { isDictionary } from '../panels/codebook.ts';
import type { DatasetState } from '../notebook/state.ts';
import type { TableInfo } from './schema.ts';

export interface CodebookSource {
  /** The raw table the codebook documents. */
  table: string;
  file: string;
  /** Dictionary tables (variable, description, value, label), first the adapter's. */
  dictionaries: string[];
  /** The known dataset it was recognised as; absent for e.g. a Stata file's own labels. */
  adapter?: AdapterInfo;
}

/** Loaded files with a codebook, in the order the panel lists them. */
export function codebookSources(
  datasets: readonly DatasetState[],
  looseTables: readonly LoadResult[],
  schema: readonly TableInfo[],
): CodebookSource[] {
  const byName = new Map(schema.map((t) => [t.name, t]));
  const dictionary = (name: string): boolean => {
    const table = byName.get(name);
    return table !== undefined && isDictionary(table.columns);
  };
  const out: CodebookSource[] = [];
  for (const d of datasets) {
    if (d.status !== 'ok') continue;
    const dictionaries = d.tables.filter(dictionary);
    if (dictionaries.length === 0) continue;
    const raw = byName.get(d.name);
    const match =
      raw && d.sha256
        ? matchCatalog(
            raw.columns.map((c) => c.name),
            d.sha256,
          )
        : undefined;
    out.push({
      table: d.name,
      file: d.file,
      dictionaries,
      ...(match ? { adapter: adapterInfo(match.entry, match.exact) } : {}),
    });
  }
  for (const result of looseTables) {
    const dictionaries = result.tables
      .filter((t) => t.role === 'dictionary' && dictionary(t.name))
      .map((t) => t.name);
    if (dictionaries.length === 0 || !result.tables[0]) continue;
    out.push({
      table: result.tables[0].name,
      file: result.fileName,
      dictionaries,
      ...(result.adapter ? { adapter: result.adapter } : {}),
    });
  }
  return out;
}

export interface CatalogItem {
  entry: CatalogEntry;
  /** The table the catalogued release was loaded as, when one was (matched by sha256). */
  loadedAs?: string;
}

/** The catalog, each entry marked with the table its exact release was loaded as, if any. */
export function catalogItems(
  datasets: readonly DatasetState[],
  looseTables: readonly LoadResult[],
  catalog: readonly CatalogEntry[] = CATALOG,
): CatalogItem[] {
  const loaded = new Map<string, string>();
  for (const d of datasets) if (d.status === 'ok' && d.sha256) loaded.set(d.sha256, d.name);
  for (const r of looseTables) if (r.tables[0]) loaded.set(r.sha256, r.tables[0].name);
  return catalog.map((entry) => {
    const table = entry.sha256.map((h) => loaded.get(h)).find((t) => t !== undefined);
    return table === undefined ? { entry } : { entry, loadedAs: table };
  });
}
