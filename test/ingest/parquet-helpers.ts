import { readFileSync, writeFileSync } from 'node:fs';
import type { ColumnInfo, Engine, Row } from '../../src/engine/Engine.ts';
import { ident, literal } from '../../src/engine/sql.ts';
import { describeTable } from '../../src/engine/tables.ts';
import {
  loadParquetInJs,
  type ParquetLoadOptions,
  type ParquetLoadResult,
} from '../../src/ingest/parquet/load-parquet.ts';

/** Writes `select`'s rows to a Parquet file with native DuckDB's own writer. */
export async function writeParquet(
  engine: Engine,
  select: string,
  path: string,
  options = 'FORMAT parquet',
): Promise<void> {
  await engine.exec(`COPY (${select}) TO ${literal(path)} (${options})`);
}

/** What DuckDB's own reader makes of the file. */
export async function readNatively(engine: Engine, path: string, table: string): Promise<void> {
  await engine.exec(
    `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_parquet(${literal(path)})`,
  );
}

/** The JavaScript (hyparquet) path, run on the native engine for comparison. */
export function readInJs(
  engine: Engine,
  path: string,
  table: string,
  options: Partial<ParquetLoadOptions> = {},
): Promise<ParquetLoadResult> {
  return loadParquetInJs(
    engine,
    table,
    { kind: 'path', path },
    {
      fileName: 'test.parquet',
      maxRowGroupBytes: 1024 * 1024 * 1024,
      ...options,
    },
  );
}

/**
 * Every value as DuckDB prints it, in file order. Text shows what a comparison of values
 * would hide: `-0.0` against `0.0`, microseconds, a decimal's scale.
 */
export async function rowsAsText(engine: Engine, table: string): Promise<Row[]> {
  const columns = await describeTable(engine, table);
  const select = columns
    .map((c) => `CAST(${ident(c.name)} AS VARCHAR) AS ${ident(c.name)}`)
    .join(', ');
  return (await engine.query(`SELECT ${select} FROM ${ident(table)}`)).rows;
}

export async function columnsOf(engine: Engine, table: string): Promise<ColumnInfo[]> {
  return describeTable(engine, table);
}

/**
 * Sets the isAdjustedToUTC flag of the file's only TIMESTAMP/TIME logical type in its footer
 * (Thrift compact: the flag is a one-byte field header, 0x12 false → 0x11 true), so files
 * native DuckDB cannot write — nanosecond timestamps in UTC — can still be tested against it.
 */
export function markAdjustedToUtc(path: string, unit: 'MILLIS' | 'MICROS' | 'NANOS'): void {
  const bytes = readFileSync(path);
  const unitField = { MILLIS: 0x1c, MICROS: 0x2c, NANOS: 0x3c }[unit];
  const pattern = [0x12, 0x1c, unitField, 0x00, 0x00, 0x00];
  const footerLength = bytes.readUInt32LE(bytes.length - 8);
  const footerStart = bytes.length - 8 - footerLength;
  const hits: number[] = [];
  for (let i = footerStart; i < bytes.length - pattern.length; i++) {
    if (pattern.every((b, k) => bytes[i + k] === b)) hits.push(i);
  }
  if (hits.length !== 1) throw new Error(`expected one ${unit} time type, found ${hits.length}`);
  bytes[hits[0]] = 0x11;
  writeFileSync(path, bytes);
}

/**
 * Renames columns inside the file's footer (same length, every occurrence), to make files
 * DuckDB's writer refuses to make, such as two columns named alike.
 */
export function renameInFooter(path: string, from: string, to: string): void {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('names must be as long');
  const bytes = readFileSync(path);
  const footerStart = bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8);
  const needle = Buffer.from(from);
  for (let i = bytes.indexOf(needle, footerStart); i >= 0; i = bytes.indexOf(needle, i + 1)) {
    bytes.write(to, i);
  }
  writeFileSync(path, bytes);
}
