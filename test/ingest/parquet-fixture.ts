import { ident } from '../../src/engine/sql.ts';

/**
 * An invented table with every Parquet column type the browser's reader handles, written by
 * native DuckDB (`COPY (fixtureSelect(COLUMNS)) TO … (FORMAT parquet)`): extremes, negative
 * zero, NaN, years BC, nanoseconds, 38-digit decimals, text holding the loader's separators.
 * Shared by the Node tests and the browser parity test.
 */

export interface FixtureColumn {
  name: string;
  type: string;
  /** SQL expressions, one per row; row 3 is NULL everywhere. */
  values: string[];
}

const N = 'NULL';
export const COLUMNS: FixtureColumn[] = [
  { name: 'flag', type: 'BOOLEAN', values: ['true', 'false', N, 'true', 'false'] },
  { name: 'tiny', type: 'TINYINT', values: ['-128', '127', N, '0', '-1'] },
  { name: 'small', type: 'SMALLINT', values: ['-32768', '32767', N, '7', '-300'] },
  { name: 'int', type: 'INTEGER', values: ['-2147483648', '2147483647', N, '42', '0'] },
  {
    name: 'big',
    type: 'BIGINT',
    values: ["'-9223372036854775808'", '9223372036854775807', N, '9007199254740993', '-1'],
  },
  { name: 'utiny', type: 'UTINYINT', values: ['0', '255', N, '1', '128'] },
  { name: 'usmall', type: 'USMALLINT', values: ['0', '65535', N, '2', '32768'] },
  { name: 'uint', type: 'UINTEGER', values: ['0', '4294967295', N, '2147483648', '3'] },
  {
    name: 'ubig',
    type: 'UBIGINT',
    values: ['0', "'18446744073709551615'", N, "'9223372036854775808'", '9007199254740993'],
  },
  { name: 'real', type: 'FLOAT', values: ['0.1', "'-0.0'", N, "'NaN'", '3.4028235e38'] },
  { name: 'dbl', type: 'DOUBLE', values: ['0.1', "'-0.0'", N, "'-Infinity'", '1e-300'] },
  {
    name: 'txt',
    type: 'VARCHAR',
    values: [
      "'Atlantis'",
      "''",
      N,
      "'Čeština — 日本 ' || chr(31) || chr(57344) || ' end'",
      '\'=starts with equals, "quoted"\'',
    ],
  },
  {
    name: 'day',
    type: 'DATE',
    values: ["'1970-01-01'", "'-0043-03-15'", N, "'9999-12-31'", "'1900-02-28'"],
  },
  {
    name: 'ts',
    type: 'TIMESTAMP',
    values: [
      "'1969-12-31 23:59:59.999999'",
      "'2020-02-29 12:34:56.123456'",
      N,
      "'0001-01-01 00:00:00'",
      "'-0100-06-01 06:00:00.000001'",
    ],
  },
  {
    name: 'ts_ms',
    type: 'TIMESTAMP_MS',
    values: [
      "'2001-09-09 01:46:40.123'",
      "'1960-01-01 00:00:00.001'",
      N,
      "'1970-01-01'",
      "'2100-12-31 23:59:59.999'",
    ],
  },
  {
    name: 'ts_s',
    type: 'TIMESTAMP_S',
    values: ["'1999-12-31 23:59:59'", "'1900-01-01'", N, "'2038-01-19 03:14:08'", "'1970-01-01'"],
  },
  {
    name: 'ts_ns',
    type: 'TIMESTAMP_NS',
    values: [
      "'2020-01-01 00:00:00.123456789'",
      "'1969-12-31 23:59:59.999999999'",
      N,
      "'1677-09-22 00:00:00.000000001'",
      "'2262-04-11 23:47:16.854775806'",
    ],
  },
  {
    name: 'tstz',
    type: 'TIMESTAMPTZ',
    values: [
      "'2020-01-01 12:00:00.5+00'",
      "'1950-06-30 23:00:00.000001+02'",
      N,
      "'1970-01-01 00:00:00+00'",
      "'2024-03-31 01:30:00-05'",
    ],
  },
  { name: 'dec1', type: 'DECIMAL(4,1)', values: ['-999.9', '0.5', N, '0.0', '12.3'] },
  { name: 'dec2', type: 'DECIMAL(9,4)', values: ['-99999.9999', '0.0001', N, '1', '-0.5'] },
  {
    name: 'dec3',
    type: 'DECIMAL(18,2)',
    values: ['-9999999999999999.99', '0.01', N, '1234567890123456.78', '-0.01'],
  },
  {
    name: 'dec4',
    type: 'DECIMAL(38,10)',
    values: [
      '-1234567890123456789012345678.0123456789',
      '0.0000000001',
      N,
      '9999999999999999999999999999.9999999999',
      '-0.5',
    ],
  },
  {
    name: 'tm',
    type: 'TIME',
    values: ["'00:00:00'", "'23:59:59.999999'", N, "'12:34:56.5'", "'00:00:00.000001'"],
  },
  {
    name: 'tmtz',
    type: 'TIMETZ',
    values: ["'12:00:00+02'", "'23:59:59.999999+00'", N, "'00:30:00-01'", "'06:00:00+00'"],
  },
  {
    name: 'bin',
    type: 'BLOB',
    values: ["'\\x00\\xFF'", "'abc'", N, "''", "'\\x5C\\x27'"],
  },
  {
    name: 'id',
    type: 'UUID',
    values: [
      "'00000000-0000-0000-0000-000000000000'",
      "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
      N,
      "'0e1f7c2a-1a2b-4c3d-8e9f-0123456789ab'",
      "'80000000-0000-0000-0000-000000000001'",
    ],
  },
  {
    name: 'span',
    type: 'INTERVAL',
    values: [
      "'1 month 2 days 00:00:00.003'",
      "'1 year 3 days'",
      N,
      "'00:00:00'",
      "'25 hours 1 second'",
    ],
  },
  {
    name: 'mood',
    type: "ENUM('calm', 'tense')",
    values: ["'calm'", "'tense'", N, "'calm'", "'calm'"],
  },
];

/** What native read_parquet gives each column (DuckDB normalises some types on the way). */
export const EXPECTED_TYPES = [
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'FLOAT',
  'DOUBLE',
  'VARCHAR',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMP',
  'TIMESTAMP',
  'TIMESTAMP_NS',
  'TIMESTAMP WITH TIME ZONE',
  'DECIMAL(4,1)',
  'DECIMAL(9,4)',
  'DECIMAL(18,2)',
  'DECIMAL(38,10)',
  'TIME',
  'TIME WITH TIME ZONE',
  'BLOB',
  'UUID',
  'INTERVAL',
  'VARCHAR',
];

export function fixtureSelect(columns: FixtureColumn[]): string {
  const rowCount = columns[0].values.length;
  const tuples = Array.from(
    { length: rowCount },
    (_, r) => `(${columns.map((c) => `CAST(${c.values[r]} AS VARCHAR)`).join(', ')})`,
  );
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const casts = columns.map((c, i) => `CAST(c${i} AS ${c.type}) AS ${ident(c.name)}`).join(', ');
  return `SELECT ${casts} FROM (VALUES ${tuples.join(', ')}) t(${aliases})`;
}
