import {
  DataType,
  DateUnit,
  TimeUnit,
  type Data,
  type Field,
  type Table,
  type Vector,
} from 'apache-arrow';
import type { ColumnInfo, QueryResult } from '../Engine.ts';
import { dateBeyondYears, normalizeRows, timestampBeyondYears } from '../normalize.ts';
import { bigintFromBytes, decimalToDouble } from './decimal.ts';
import { duckdbExtension, duckdbTypeName, mapEntryFields } from './types.ts';

/**
 * Turns DuckDB-WASM's Arrow results into the QueryResult the native engine produces for the
 * same SQL: DuckDB's type names, and the raw values the native engine's JS conversion yields
 * (BigInt, Date, arrays, plain objects), which normalizeRows then turns into JSON values.
 *
 * DuckDB exports HUGEINT as DECIMAL(38,0); `hugeintColumns` names the top-level columns known
 * (from DESCRIBE) to be HUGEINT, which the native engine converts as integers, not decimals.
 */
export function tableToResult(
  table: Table,
  hugeintColumns: ReadonlySet<number> = new Set(),
): QueryResult {
  const fields = table.schema.fields;
  const columns: ColumnInfo[] = fields.map((field, i) => ({
    name: field.name,
    type: hugeintColumns.has(i)
      ? 'HUGEINT'
      : duckdbTypeName(field, table.batches[0]?.getChildAt(i)?.data[0]?.dictionary),
  }));
  const rows: unknown[][] = [];
  for (const batch of table.batches) {
    const vectors = fields.map((_, i) => batch.getChildAt(i) as Vector);
    for (let r = 0; r < batch.numRows; r++) {
      rows.push(
        vectors.map((vector, i) =>
          hugeintColumns.has(i) && vector.isValid(r)
            ? decimalUnscaled(vector, r)
            : readValue(vector, r, fields[i]),
        ),
      );
    }
  }
  return { columns, rows: normalizeRows(columns, rows) };
}

/** Top-level columns that may be HUGEINT: DuckDB exports those as DECIMAL(38,0). */
export function hugeintCandidates(table: Table): number[] {
  return table.schema.fields.flatMap((field, i) => {
    const type = field.type as DataType;
    return DataType.isDecimal(type) && type.precision === 38 && type.scale === 0 ? [i] : [];
  });
}

function readValue(vector: Vector, index: number, field: Field): unknown {
  if (!vector.isValid(index)) return null;
  const extension = duckdbExtension(field);
  if (extension) return readExtension(vector.get(index), extension);
  const type = field.type as DataType;
  if (DataType.isDecimal(type)) {
    return decimalToDouble(decimalUnscaled(vector, index), type.precision, type.scale);
  }
  if (DataType.isDate(type) && type.unit === DateUnit.DAY) {
    // Arrow would hand over milliseconds, which no Date can hold for DATE 'infinity'.
    const [data, i] = locate(vector, index);
    const beyond = dateBeyondYears((data.values as Int32Array)[i]);
    if (beyond !== undefined) return beyond;
  }
  if (DataType.isTimestamp(type)) {
    const [data, i] = locate(vector, index);
    const raw = (data.values as BigInt64Array)[i];
    return (
      timestampBeyondYears(raw, UNIT_NAMES[type.unit]) ??
      new Date(Number(timestampMillis(raw, type.unit)))
    );
  }
  if (DataType.isInterval(type)) return readInterval(...locate(vector, index));
  if (DataType.isList(type) || DataType.isFixedSizeList(type)) {
    const items = vector.get(index) as Vector;
    const element = type.children[0];
    return Array.from({ length: items.length }, (_, k) => readValue(items, k, element));
  }
  if (DataType.isStruct(type)) {
    const out: Record<string, unknown> = {};
    type.children.forEach((child, k) => {
      out[child.name] = readValue(vector.getChildAt(k) as Vector, index, child);
    });
    return out;
  }
  if (DataType.isMap(type)) return readMap(vector, index, field);
  return vector.get(index);
}

/** The unscaled integer of a DECIMAL value (Arrow stores it as little-endian 32-bit words). */
function decimalUnscaled(vector: Vector, index: number): bigint {
  const [data, i] = locate(vector, index);
  const stride = data.stride;
  const words = (data.values as Uint32Array).subarray(i * stride, (i + 1) * stride);
  return bigintFromBytes(new Uint8Array(words.buffer, words.byteOffset, words.byteLength), true);
}

/** DuckDB's opaque extension types; UHUGEINT is the one that reaches a result without lossless export. */
function readExtension(value: unknown, extension: string): unknown {
  return extension === 'uhugeint' ? bigintFromBytes(value as Uint8Array, false) : value;
}

/**
 * Arrow's month-day-nano interval (int32 months, int32 days, int64 nanoseconds, 16 bytes a
 * value), read from the buffer directly: this Arrow version strides it as 12 bytes.
 */
function readInterval(data: Data, index: number): unknown {
  const values = data.values as Int32Array;
  const start = values.byteOffset - data.offset * data.stride * values.BYTES_PER_ELEMENT;
  const view = new DataView(values.buffer, start + (data.offset + index) * 16, 16);
  return {
    months: view.getInt32(0, true),
    days: view.getInt32(4, true),
    micros: view.getBigInt64(8, true) / 1000n,
  };
}

/** MAP comes back as the native engine gives it: a list of `{ key, value }` entries. */
function readMap(vector: Vector, index: number, field: Field): unknown {
  const [data, i] = locate(vector, index);
  const [keyField, valueField] = mapEntryFields(field);
  const entries = data.children[0];
  // A one-chunk Vector over the entries' keys or values; any Vector's constructor makes one.
  const VectorOf = vector.constructor as new (data: Data[]) => Vector;
  const keys = new VectorOf([entries.children[0]]);
  const values = new VectorOf([entries.children[1]]);
  const offsets = data.valueOffsets as Int32Array;
  const out: unknown[] = [];
  for (let k = offsets[i]; k < offsets[i + 1]; k++) {
    out.push({ key: readValue(keys, k, keyField), value: readValue(values, k, valueField) });
  }
  return out;
}

const UNIT_NAMES = {
  [TimeUnit.SECOND]: 's',
  [TimeUnit.MILLISECOND]: 'ms',
  [TimeUnit.MICROSECOND]: 'us',
  [TimeUnit.NANOSECOND]: 'ns',
} as const;

/** Native DuckDB truncates sub-millisecond parts toward zero when it makes a JS Date. */
function timestampMillis(raw: bigint, unit: TimeUnit): bigint {
  switch (unit) {
    case TimeUnit.SECOND:
      return raw * 1000n;
    case TimeUnit.MILLISECOND:
      return raw;
    case TimeUnit.MICROSECOND:
      return raw / 1000n;
    default:
      return raw / 1_000_000n;
  }
}

/** The chunk holding row `index` of a (possibly chunked) vector, and the row within it. */
function locate(vector: Vector, index: number): [Data, number] {
  let i = index;
  for (const data of vector.data) {
    if (i < data.length) return [data, i];
    i -= data.length;
  }
  throw new RangeError(`Row ${index} is outside a column of ${vector.length} rows`);
}
