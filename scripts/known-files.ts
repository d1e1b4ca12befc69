/**
 * Writes data/known-files.json: how each demo CSV the app ships is read (DuckDB's sniffed
 * dialect, the cleaned column names and their types), found by loading it the full way on
 * native DuckDB. The loader then reads these exact bytes in one scan (src/ingest/known-files.ts).
 * Run `npm run data:known` after the demo data or the CSV loader changes;
 * test/ingest/known-files.test.ts fails until the file is current.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../src/engine/Engine.ts';
import { NativeEngine } from '../src/engine/NativeEngine.ts';
import { describeTable } from '../src/engine/tables.ts';
import { loadDelimited } from '../src/ingest/csv.ts';
import { sniff } from '../src/ingest/csv-dialect.ts';
import type { KnownCsv } from '../src/ingest/known-files.ts';
import { textTokens } from '../src/ingest/missing.ts';
import { BESIDE_SCAN_BYTES } from '../src/ingest/read-text.ts';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const dataDir = resolve(repoRoot, 'data');
export const knownFilesJson = resolve(dataDir, 'known-files.json');

/** The full load's findings for one CSV file (read with the default missing-value tokens). */
export async function knownReading(engine: Engine, path: string, file: string): Promise<KnownCsv> {
  const bytes = await readFile(path);
  const tokens = textTokens(undefined);
  const table = 'known_file_probe';
  const missing = await loadDelimited(
    engine,
    path,
    table,
    bytes.subarray(0, 64 * 1024).toString('utf8'),
    tokens,
  );
  const columns = await describeTable(engine, table);
  const { rows } = await engine.query(`SELECT count(*) AS n FROM ${table}`);
  await engine.exec(`DROP TABLE ${table}`);
  if (Number(rows[0].n) === 0) throw new Error(`${file} has no rows; it cannot be a known file`);
  // What loadKnown (src/ingest/csv.ts) relies on: a clean, unquoted read, before any scan.
  const dialect = await sniff(engine, path);
  const refuse = (why: string) => new Error(`${file} ${why}; it cannot be a known file`);
  if (missing.warnings.length > 0) throw refuse(`reads with warnings (${missing.warnings[0]})`);
  if (dialect.quote !== '') throw refuse('is quoted');
  if (bytes.length >= BESIDE_SCAN_BYTES) throw refuse(`is ${BESIDE_SCAN_BYTES} bytes or more`);
  return {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    dialect,
    tokens,
    columns,
    rows: Number(rows[0].n),
    missing,
  };
}

/** The readings of every CSV file in data/, by file name. */
export async function knownReadings(): Promise<{ files: KnownCsv[] }> {
  const engine = await NativeEngine.create();
  try {
    const names = (await readdir(dataDir)).filter((n) => n.endsWith('.csv')).sort();
    const files: KnownCsv[] = [];
    for (const name of names) files.push(await knownReading(engine, resolve(dataDir, name), name));
    return { files };
  } finally {
    await engine.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const readings = await knownReadings();
  await writeFile(knownFilesJson, `${JSON.stringify(readings, null, 2)}\n`);
  console.log(`wrote ${knownFilesJson} (${readings.files.map((f) => f.file).join(', ')})`);
}
