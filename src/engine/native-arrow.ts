import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimeValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { DataType, TimeUnit, tableFromIPC, type Field, type Vector } from 'apache-arrow';
import { ident } from './sql.ts';

/** Writes one value of a column (row `row` of one batch) to the appender. */
type Append = (appender: DuckDBAppender, vector: Vector, row: number) => void;

interface ColumnWriter {
  /** The DuckDB type DuckDB's own Arrow scan gives this Arrow type (as DuckDB-WASM's insert). */
  type: string;
  append: Append;
}

/**
 * The native engine's Engine.insertArrowIPC. Native DuckDB has no Arrow IPC reader without an
 * extension, so apache-arrow decodes the stream and each value goes through DuckDB's appender,
 * typed as DuckDB's Arrow scan types it (TIMESTAMP_MS for Timestamp(ms), …), and cast by the
 * appender when the table's column has another type, as an INSERT would. Only the flat types
 * the browser's Parquet path hands over are handled; any other is refused, never approximated.
 * (The command line reads Parquet with read_parquet and never calls this: it exists so that
 * both engines keep one interface, and so Node tests can check what the browser relies on.)
 */
export async function insertArrowStream(
  connection: DuckDBConnection,
  table: string,
  ipc: Uint8Array,
  create: boolean,
): Promise<void> {
  const arrow = tableFromIPC(ipc);
  const writers = arrow.schema.fields.map(writerFor);
  if (create) {
    const columns = arrow.schema.fields.map((f, i) => `${ident(f.name)} ${writers[i].type}`);
    await connection.run(`CREATE TABLE ${ident(table)} (${columns.join(', ')})`);
  }
  const appender = await connection.createAppender(table);
  try {
    for (const batch of arrow.batches) {
      const vectors = writers.map((_, i) => batch.getChildAt(i) as Vector);
      for (let row = 0; row < batch.numRows; row++) {
        for (let c = 0; c < writers.length; c++) {
          if (vectors[c].isValid(row)) writers[c].append(appender, vectors[c], row);
          else appender.appendNull();
        }
        appender.endRow();
      }
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function writerFor(field: Field): ColumnWriter {
  const type = field.type as DataType;
  if (DataType.isBool(type))
    return { type: 'BOOLEAN', append: (a, v, r) => a.appendBoolean(v.get(r)) };
  if (DataType.isInt(type)) return integerWriter(type.bitWidth, type.isSigned);
  if (DataType.isFloat(type) && type.precision !== 0) {
    const single = type.precision === 1;
    return {
      type: single ? 'FLOAT' : 'DOUBLE',
      append: (a, v, r) => (single ? a.appendFloat(v.get(r)) : a.appendDouble(v.get(r))),
    };
  }
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    return { type: 'VARCHAR', append: (a, v, r) => a.appendVarchar(v.get(r)) };
  }
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) {
    return { type: 'BLOB', append: (a, v, r) => a.appendBlob(v.get(r)) };
  }
  if (DataType.isDate(type) && type.unit === 0) {
    // Raw day counts: get() gives milliseconds as a double, inexact far from 1970.
    return { type: 'DATE', append: (a, v, r) => a.appendDate(new DuckDBDateValue(raw32(v, r))) };
  }
  if (DataType.isTimestamp(type)) return timestampWriter(type.unit, type.timezone);
  if (DataType.isTime(type) && type.unit !== TimeUnit.NANOSECOND) {
    // DuckDB's TIME is µs since midnight; Arrow's 32-bit times are seconds or milliseconds.
    const unit = type.unit;
    const micros = (v: Vector, r: number): bigint =>
      unit === TimeUnit.MICROSECOND
        ? raw64(v, r)
        : BigInt(raw32(v, r)) * (unit === TimeUnit.MILLISECOND ? 1000n : 1_000_000n);
    return { type: 'TIME', append: (a, v, r) => a.appendTime(new DuckDBTimeValue(micros(v, r))) };
  }
  if (DataType.isDecimal(type) && type.bitWidth === 128) {
    const { precision, scale } = type;
    return {
      type: `DECIMAL(${precision},${scale})`,
      append: (a, v, r) => a.appendDecimal(new DuckDBDecimalValue(raw128(v, r), precision, scale)),
    };
  }
  throw new Error(
    `Arrow column ${field.name} has the type ${String(type)}, which is not supported here`,
  );
}

function integerWriter(bits: number, signed: boolean): ColumnWriter {
  const name = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[bits];
  if (!name) throw new Error(`Arrow integers of ${bits} bits are not supported here`);
  const type = signed ? name : `U${name}`;
  const append: Record<string, Append> = {
    TINYINT: (a, v, r) => a.appendTinyInt(v.get(r)),
    SMALLINT: (a, v, r) => a.appendSmallInt(v.get(r)),
    INTEGER: (a, v, r) => a.appendInteger(v.get(r)),
    BIGINT: (a, v, r) => a.appendBigInt(v.get(r)),
    UTINYINT: (a, v, r) => a.appendUTinyInt(v.get(r)),
    USMALLINT: (a, v, r) => a.appendUSmallInt(v.get(r)),
    UINTEGER: (a, v, r) => a.appendUInteger(v.get(r)),
    UBIGINT: (a, v, r) => a.appendUBigInt(v.get(r)),
  };
  return { type, append: append[type] };
}

/** As DuckDB's Arrow scan: a zone makes TIMESTAMPTZ (µs, nanoseconds truncated), else the unit's type. */
function timestampWriter(unit: TimeUnit, zone: string | null | undefined): ColumnWriter {
  if (zone) {
    const micros = (t: bigint): bigint =>
      unit === TimeUnit.SECOND
        ? t * 1_000_000n
        : unit === TimeUnit.MILLISECOND
          ? t * 1000n
          : unit === TimeUnit.NANOSECOND
            ? t / 1000n
            : t;
    return {
      type: 'TIMESTAMP WITH TIME ZONE',
      append: (a, v, r) => a.appendTimestampTZ(new DuckDBTimestampTZValue(micros(raw64(v, r)))),
    };
  }
  switch (unit) {
    case TimeUnit.SECOND:
      return {
        type: 'TIMESTAMP_S',
        append: (a, v, r) => a.appendTimestampSeconds(new DuckDBTimestampSecondsValue(raw64(v, r))),
      };
    case TimeUnit.MILLISECOND:
      return {
        type: 'TIMESTAMP_MS',
        append: (a, v, r) =>
          a.appendTimestampMilliseconds(new DuckDBTimestampMillisecondsValue(raw64(v, r))),
      };
    case TimeUnit.NANOSECOND:
      return {
        type: 'TIMESTAMP_NS',
        append: (a, v, r) =>
          a.appendTimestampNanoseconds(new DuckDBTimestampNanosecondsValue(raw64(v, r))),
      };
    default:
      return {
        type: 'TIMESTAMP',
        append: (a, v, r) => a.appendTimestamp(new DuckDBTimestampValue(raw64(v, r))),
      };
  }
}

/** A batch's column holds one Data; its values start at `offset`. */
function raw32(vector: Vector, row: number): number {
  const data = vector.data[0];
  return (data.values as Int32Array)[data.offset + row];
}

function raw64(vector: Vector, row: number): bigint {
  const data = vector.data[0];
  const values = data.values as unknown;
  if (values instanceof BigInt64Array) return values[data.offset + row];
  const words = values as Int32Array;
  const at = 2 * (data.offset + row);
  return (BigInt(words[at + 1]) << 32n) | BigInt(words[at] >>> 0);
}

/** Arrow's 128-bit decimal: four little-endian 32-bit words, two's complement. */
function raw128(vector: Vector, row: number): bigint {
  const data = vector.data[0];
  const words = data.values as Uint32Array;
  const at = 4 * (data.offset + row);
  let value = 0n;
  for (let k = 3; k >= 0; k--) value = (value << 32n) | BigInt(words[at + k]);
  return BigInt.asIntN(128, value);
}
