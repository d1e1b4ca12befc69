import type { Engine } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { createEmptyTable } from '../engine/tables.ts';

/** DuckDB types the JS-side readers (Excel, Stata, Arrow, JSON fallback) produce. */
export type ColumnType = 'BIGINT' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN' | 'DATE' | 'TIMESTAMP';

/**
 * One column of a table built in JavaScript. Values are text DuckDB casts to `type`:
 * integers and shortest round-trip doubles (`String(x)`), `YYYY-MM-DD`, `true`/`false`.
 */
export interface TextColumn {
  name: string;
  type: ColumnType;
  values: (string | null)[];
}

/** Rows the Parquet reader turns into text at a time (insertTextColumns splits further). */
export const BATCH_ROWS = 50_000;
/**
 * Most bytes of bound parameters in one INSERT, counted as JSON (the form DuckDB-WASM passes
 * them to its worker in). DuckDB-WASM 1.32 dies ("memory access out of bounds", every later
 * query failing too) when one statement's parameters pass about 1 MB — 900 KB works, 1.1 MB
 * does not — so statements stay well below that.
 */
const MAX_PARAM_BYTES = 256 * 1024;
/**
 * Field separators tried in order; the first one no value of the column contains is used.
 * DEL first: JSON leaves it as one byte, where control characters take six (`\u001f`).
 */
const SEPARATORS = [
  0x7f,
  0x1f,
  0x1e,
  0x1d,
  0x1c,
  ...Array.from({ length: 64 }, (_, i) => 0xe000 + i),
];

/**
 * Creates (or replaces) a table from columns computed in JavaScript. Each column travels as
 * ONE bound string that DuckDB splits and casts (`string_split` + `unnest`), so a 1,400 × 66
 * sheet is a few statements instead of 90,000 literals for the SQL parser (≈30 ms rather than ≈1 s).
 * Only core SQL is used, so both engines build the same table.
 */
export async function createTableFromColumns(
  engine: Engine,
  table: string,
  columns: TextColumn[],
): Promise<number> {
  await createEmptyTable(engine, table, columns);
  await insertTextColumns(engine, table, columns);
  return columns[0].values.length;
}

/**
 * A column as text plus the DuckDB type to cast it to. `type` is any type name DuckDB casts
 * VARCHAR to (`DECIMAL(18,2)`, `TIMESTAMP WITH TIME ZONE`, `UUID`, `BLOB`, …); it is built
 * by the loader, never taken from the user.
 */
export interface TypedTextColumn {
  name: string;
  type: string;
  values: (string | null)[];
}

/**
 * A table's columns already turned into the bound strings of its INSERTs. The parse worker
 * hands this back instead of the columns: a few hundred long strings cross to the page (and
 * its main thread) far faster than millions of short ones, and the page only binds them. The
 * statements are exactly those insertTextColumns runs, so both engines build the same table.
 */
export interface PackedTable {
  columns: { name: string; type: ColumnType }[];
  rows: number;
  statements: PackedStatement[];
}

/** One INSERT: per column, its values joined by `separators[i]` (see packSlice). */
export interface PackedStatement {
  params: string[];
  separators: number[];
}

/** Packs columns (every column the same length) into the statements insertPacked runs. */
export function packTextColumns(columns: TextColumn[]): PackedTable {
  const statements: PackedStatement[] = [];
  for (const [start, end] of sliceBounds(columns)) {
    statements.push(packSlice(columns, start, end));
  }
  return {
    columns: columns.map(({ name, type }) => ({ name, type })),
    rows: columns[0]?.values.length ?? 0,
    statements,
  };
}

/** createTableFromColumns for columns packed by packTextColumns. */
export async function createTableFromPacked(
  engine: Engine,
  table: string,
  packed: PackedTable,
): Promise<void> {
  await createEmptyTable(engine, table, packed.columns);
  for (const statement of packed.statements) {
    await insertStatement(engine, table, packed.columns, statement);
  }
}

/**
 * Appends rows (every column the same length, in table order), in as many INSERTs as the
 * parameter budget needs: a few thousand rows each for a typical table.
 */
export async function insertTextColumns(
  engine: Engine,
  table: string,
  columns: ReadonlyArray<TypedTextColumn>,
): Promise<void> {
  // Packed one statement at a time, so a large batch never holds all its strings twice.
  for (const [start, end] of sliceBounds(columns)) {
    await insertStatement(engine, table, columns, packSlice(columns, start, end));
  }
}

/** Row ranges [start, end) whose parameters fit one statement's budget. */
function* sliceBounds(columns: ReadonlyArray<TypedTextColumn>): Generator<[number, number]> {
  const rowCount = columns[0]?.values.length ?? 0;
  let start = 0;
  let bytes = 0;
  for (let row = 0; row < rowCount; row++) {
    // Separator (at most six bytes in JSON), prefix and value.
    let rowBytes = 7 * columns.length;
    for (const column of columns) rowBytes += jsonBytes(column.values[row]);
    if (row > start && bytes + rowBytes > MAX_PARAM_BYTES) {
      yield [start, row];
      start = row;
      bytes = 0;
    }
    bytes += rowBytes;
  }
  if (rowCount > start) yield [start, rowCount];
}

/** An upper bound on a value's size in JSON: exact for plain ASCII, six bytes a character else. */
function jsonBytes(value: string | null): number {
  if (value === null) return 0;
  return PLAIN_ASCII.test(value) ? value.length : value.length * 6;
}

const PLAIN_ASCII = /^[\x20-\x21\x23-\x5b\x5d-\x7f]*$/;

/**
 * Each column of rows [start, end) as ONE string: an empty element is NULL; a value carries a
 * one-character prefix so '' stays ''.
 */
function packSlice(
  columns: ReadonlyArray<TypedTextColumn>,
  start: number,
  end: number,
): PackedStatement {
  const params: string[] = [];
  const separators: number[] = [];
  for (const column of columns) {
    const values = column.values.slice(start, end);
    const separator = separatorFor(values, column.name);
    params.push(
      values.map((v) => (v === null ? '' : `=${v}`)).join(String.fromCharCode(separator)),
    );
    separators.push(separator);
  }
  return { params, separators };
}

/** One INSERT of a packed slice: DuckDB splits each string and casts the pieces. */
async function insertStatement(
  engine: Engine,
  table: string,
  columns: ReadonlyArray<{ type: string }>,
  { params, separators }: PackedStatement,
): Promise<void> {
  const splits = separators.map(
    (separator, i) => `unnest(string_split($${i + 1}, chr(${separator}))) AS v${i}`,
  );
  const casts = columns.map((column, i) => `CAST(substr(NULLIF(v${i}, ''), 2) AS ${column.type})`);
  await engine.exec(
    `INSERT INTO ${ident(table)} SELECT ${casts.join(', ')} FROM (SELECT ${splits.join(', ')})`,
    params,
  );
}

function separatorFor(values: (string | null)[], column: string): number {
  for (const code of SEPARATORS) {
    const char = String.fromCharCode(code);
    if (!values.some((v) => v !== null && v.includes(char))) return code;
  }
  throw new Error(`Column ${column} contains every separator character the loader can use`);
}
