/**
 * Delimited files whose reading is already known: the demo data the app ships. Loading one the
 * full way asks DuckDB's sniffer for the dialect and the column types, reads the header row
 * and records rejected rows — in a fresh page, the sniffer's first use alone is a few hundred
 * milliseconds before the first chart. A file whose bytes hash to an entry here is instead read
 * in one scan with the entry's dialect, names and types. data/known-files.json is written by
 * `npm run data:known` from a full load on native DuckDB, and test/ingest/known-files.test.ts
 * checks both that it is current and that the two ways build the same table.
 */
import knownJson from '../../data/known-files.json' with { type: 'json' };
import type { ColumnInfo } from '../engine/Engine.ts';
import type { Dialect } from './csv-dialect.ts';
import type { DelimitedLoad } from './csv-missing.ts';

export interface KnownCsv {
  /** The file it was made from, for people reading the JSON. */
  file: string;
  sha256: string;
  dialect: Dialect;
  /** The missing-value tokens it was read with (the recipe holds only for these). */
  tokens: string[];
  /** The table's columns after the project's naming rules, with DuckDB's types. */
  columns: ColumnInfo[];
  rows: number;
  /** What reading the missing-value tokens found (warnings, counts per column). */
  missing: DelimitedLoad;
}

// The JSON's shape is KnownCsv's; test/ingest/known-files.test.ts rebuilds it from a full load.
const KNOWN = knownJson.files as readonly KnownCsv[];

/** The known reading of the file with this hash, read with these tokens; undefined otherwise. */
export function knownCsv(sha256: string, tokens: readonly string[]): KnownCsv | undefined {
  const entry = KNOWN.find((k) => k.sha256 === sha256);
  if (!entry || entry.tokens.join('\n') !== tokens.join('\n')) return undefined;
  return entry;
}
