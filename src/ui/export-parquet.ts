/**
 * A result table as a Parquet file, written in JavaScript: DuckDB-WASM ships without its
 * parquet extension (loading it would fetch from another origin), so hyparquet-writer does
 * the writing. The app imports this module dynamically; the writer stays out of the first
 * download.
 *
 * The table is read through the engine one column at a time, each in a form that converts
 * exactly (BIGINT and DECIMAL as text into BigInt, dates and timestamps as integers since the
 * epoch, NaN and infinities spelled out), so native DuckDB's read_parquet gives back the same
 * values with the same types for the common types. Types Parquet has no counterpart for here
 * (LIST, STRUCT, MAP, INTERVAL, BLOB, ENUM, …) are written as their DuckDB text.
 */
import { parquetWriteBuffer, type ColumnSource, type SchemaElement } from 'hyparquet-writer';
import type { Engine, Row, Value } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { describeTable } from '../engine/tables.ts';

type Element = Omit<SchemaElement, 'name'>;

interface ColumnPlan {
  /** The SELECT list reading column `c` (already quoted): `v`, and optionally `s`. */
  select: (c: string) => string;
  element: Element;
  /** One row of that SELECT to the value the writer takes; null stays null. */
  convert: (row: Row) => unknown;
}

const value = (row: Row): Value => row.v;

/** Integers that JavaScript numbers hold exactly, with the width DuckDB reads back. */
const SMALL_INTEGERS: Record<string, Element> = {
  TINYINT: { type: 'INT32', converted_type: 'INT_8' },
  SMALLINT: { type: 'INT32', converted_type: 'INT_16' },
  INTEGER: { type: 'INT32' },
  UTINYINT: { type: 'INT32', converted_type: 'UINT_8' },
  USMALLINT: { type: 'INT32', converted_type: 'UINT_16' },
  UINTEGER: { type: 'INT32', converted_type: 'UINT_32' },
};

const TIMESTAMPS: Record<string, { epoch: string; unit: 'MILLIS' | 'MICROS' | 'NANOS' }> = {
  TIMESTAMP: { epoch: 'epoch_us', unit: 'MICROS' },
  'TIMESTAMP WITH TIME ZONE': { epoch: 'epoch_us', unit: 'MICROS' },
  TIMESTAMP_S: { epoch: 'epoch_ms', unit: 'MILLIS' },
  TIMESTAMP_MS: { epoch: 'epoch_ms', unit: 'MILLIS' },
  TIMESTAMP_NS: { epoch: 'epoch_ns', unit: 'NANOS' },
};

const STRING: Element = {
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  logical_type: { type: 'STRING' },
};

/** Reads text and turns it into a BigInt (exact where a double would round). */
function bigintPlan(element: Element, cast: (text: string) => bigint = BigInt): ColumnPlan {
  return {
    select: (c) => `CAST(${c} AS VARCHAR) AS v`,
    element,
    convert: (row) => (row.v === null ? null : cast(String(row.v))),
  };
}

/** DuckDB hands NaN and ±Infinity over as null; a second column says which they were. */
function floatPlan(type: 'FLOAT' | 'DOUBLE'): ColumnPlan {
  return {
    select: (c) =>
      `${c} AS v, CASE WHEN isnan(${c}) THEN 'NaN' WHEN isinf(${c}) THEN ` +
      `CASE WHEN ${c} > 0 THEN 'Infinity' ELSE '-Infinity' END END AS s`,
    element: { type },
    convert: (row) => (row.s !== null ? Number(row.s) : row.v),
  };
}

function planFor(duckdbType: string): ColumnPlan {
  const type = duckdbType.toUpperCase();
  if (type === 'BOOLEAN') return { select: (c) => `${c} AS v`, element: { type }, convert: value };
  if (type === 'FLOAT' || type === 'DOUBLE') return floatPlan(type);
  const small = SMALL_INTEGERS[type];
  if (small) return { select: (c) => `${c} AS v`, element: small, convert: value };
  if (type === 'BIGINT') return bigintPlan({ type: 'INT64' });
  if (type === 'UBIGINT') return bigintPlan({ type: 'INT64', converted_type: 'UINT_64' });
  // DuckDB's own writer turns HUGEINT into DOUBLE; DECIMAL(38,0) keeps every digit.
  if (type === 'HUGEINT') return decimalPlan(38, 0);
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(type);
  if (decimal) return decimalPlan(Number(decimal[1]), Number(decimal[2]));
  if (type === 'VARCHAR') return { select: (c) => `${c} AS v`, element: STRING, convert: value };
  if (type === 'DATE') {
    return {
      select: (c) => `CAST(${c} - DATE '1970-01-01' AS INTEGER) AS v`,
      element: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
      convert: value,
    };
  }
  const timestamp = TIMESTAMPS[type];
  if (timestamp) {
    const utc = type === 'TIMESTAMP WITH TIME ZONE';
    return {
      ...bigintPlan({
        type: 'INT64',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: utc, unit: timestamp.unit },
      }),
      select: (c) => `CAST(${timestamp.epoch}(${c}) AS VARCHAR) AS v`,
    };
  }
  if (type === 'TIME') {
    return {
      ...bigintPlan({
        type: 'INT64',
        logical_type: { type: 'TIME', isAdjustedToUTC: false, unit: 'MICROS' },
      }),
      select: (c) => `CAST(date_diff('microsecond', TIME '00:00:00', ${c}) AS VARCHAR) AS v`,
    };
  }
  if (type === 'UUID') {
    return {
      select: (c) => `CAST(${c} AS VARCHAR) AS v`,
      element: { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'UUID' } },
      convert: value,
    };
  }
  return { select: (c) => `CAST(${c} AS VARCHAR) AS v`, element: STRING, convert: value };
}

function decimalPlan(precision: number, scale: number): ColumnPlan {
  const physical: Element =
    precision <= 9
      ? { type: 'INT32' }
      : precision <= 18
        ? { type: 'INT64' }
        : { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16 };
  return bigintPlan(
    {
      ...physical,
      converted_type: 'DECIMAL',
      precision,
      scale,
      logical_type: { type: 'DECIMAL', precision, scale },
    },
    (text) => {
      const unscaled = scaledInteger(text, scale);
      if (unscaled >= 10n ** BigInt(precision) || unscaled <= -(10n ** BigInt(precision))) {
        throw new Error(`${text} has more than ${precision} digits, the most Parquet holds`);
      }
      return unscaled;
    },
  );
}

/** `-12.30` at scale 3 → -12300n: the decimal's unscaled integer, without a double between. */
export function scaledInteger(text: string, scale: number): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new Error(`Not a decimal number: ${text}`);
  const fraction = (m[3] ?? '').padEnd(scale, '0');
  if (fraction.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  const digits = BigInt(`${m[2] || '0'}${fraction}` || '0');
  return m[1] === '-' ? -digits : digits;
}

/** The whole table `table` as the bytes of a .parquet file. */
export async function tableToParquet(engine: Engine, table: string): Promise<Uint8Array> {
  const columns = await describeTable(engine, table);
  const columnData: ColumnSource[] = [];
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  let rowCount: number | undefined;
  for (const column of columns) {
    const plan = planFor(column.type);
    // One column at a time: the table is never held as row objects of every column at once.
    const { rows } = await engine.query(
      `SELECT ${plan.select(ident(column.name))} FROM ${ident(table)}`,
    );
    if (rowCount !== undefined && rows.length !== rowCount) {
      throw new Error(`Table ${table} changed while it was being exported; try again`);
    }
    rowCount = rows.length;
    columnData.push({ name: column.name, data: rows.map(plan.convert) });
    schema.push({ name: column.name, repetition_type: 'OPTIONAL', ...plan.element });
  }
  const buffer = parquetWriteBuffer({
    columnData,
    schema,
    createdBy: 'Statecraft Notebook (hyparquet-writer)',
  });
  return new Uint8Array(buffer);
}
