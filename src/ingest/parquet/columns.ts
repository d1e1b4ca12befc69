import type { SchemaElement, SchemaTree } from 'hyparquet';
import {
  blobText,
  dateText,
  decimalText,
  intervalText,
  numberText,
  signedBigEndian,
  timeOfDayText,
  timestampText,
  uuidText,
} from './text.ts';

/** A physical Parquet value as hyparquet hands it over when no logical type is applied. */
export type PhysicalValue = boolean | number | bigint | Uint8Array;

/** How one top-level column becomes a DuckDB column: its type and each value's text. */
export interface ColumnPlan {
  name: string;
  /** The type DuckDB's own read_parquet gives the column. */
  type: string;
  text: (value: PhysicalValue) => string;
  /** Set when the browser's type necessarily differs from the command line's. */
  note?: string;
}

/** A column this reader does not decode, with what it holds in words. */
export interface UnsupportedColumn {
  name: string;
  holds: string;
}

const MICROS = 1_000_000n;
const NANOS = 1_000_000_000n;
const utf8 = new TextDecoder('utf-8');

const asString = (v: PhysicalValue): string => utf8.decode(v as Uint8Array);
const asNumber = (v: PhysicalValue): string => numberText(v as number);
const asInteger = (v: PhysicalValue): string => String(v);

/**
 * The plan for each top-level column, mirroring DuckDB 1.4's `ParquetReader::DeriveLogicalType`:
 * the logical type decides for UUID, TIMESTAMP and TIME, then the legacy converted type, then
 * the physical type. Nested columns (lists, structs, maps) are reported, not planned.
 */
export function planColumns(children: SchemaTree[]): {
  plans: ColumnPlan[];
  unsupported: UnsupportedColumn[];
} {
  const plans: ColumnPlan[] = [];
  const unsupported: UnsupportedColumn[] = [];
  for (const child of children) {
    const { element } = child;
    const nested =
      child.children.length > 0 || element.repetition_type === 'REPEATED' || !element.type;
    const plan = nested ? describeNested(element) : planElement(element);
    if (typeof plan === 'string') unsupported.push({ name: element.name, holds: plan });
    else plans.push({ name: element.name, ...plan });
  }
  return { plans, unsupported };
}

type Plan = Omit<ColumnPlan, 'name'> | string;

function describeNested(element: SchemaElement): string {
  const kind = element.converted_type ?? element.logical_type?.type;
  if (kind === 'LIST') return 'lists';
  if (kind === 'MAP' || kind === 'MAP_KEY_VALUE') return 'maps';
  if (kind === 'VARIANT') return 'variants';
  return element.repetition_type === 'REPEATED' ? 'repeated values (lists)' : 'structs';
}

function planElement(element: SchemaElement): Plan {
  return fromLogicalType(element) ?? fromConvertedType(element) ?? fromPhysicalType(element);
}

function fromLogicalType(element: SchemaElement): Plan | undefined {
  const logical = element.logical_type;
  switch (logical?.type) {
    case 'NULL':
      return 'the NULL type (a column with no values)';
    case 'UUID':
      return element.type === 'FIXED_LEN_BYTE_ARRAY'
        ? { type: 'UUID', text: (v) => uuidText(v as Uint8Array) }
        : undefined;
    case 'FLOAT16':
      return element.type === 'FIXED_LEN_BYTE_ARRAY'
        ? 'half-precision floats (FLOAT16)'
        : undefined;
    case 'GEOMETRY':
    case 'GEOGRAPHY':
      return 'geometries';
    case 'TIMESTAMP': {
      if (element.type !== 'INT64') return `timestamps stored as ${element.type}`;
      const zone = logical.isAdjustedToUTC;
      if (logical.unit === 'NANOS') {
        // DuckDB keeps nanoseconds only without a time zone; with one it truncates to µs.
        return zone
          ? timestampPlan(true, (v) => (v as bigint) / 1000n)
          : { type: 'TIMESTAMP_NS', text: (v) => timestampText(v as bigint, NANOS) };
      }
      return timestampPlan(zone, logical.unit === 'MILLIS' ? millisToMicros : asBigInt);
    }
    case 'TIME': {
      if (logical.unit === 'NANOS') return 'times in nanoseconds';
      const micros = logical.unit === 'MILLIS' ? millisToMicros : asBigInt;
      return timePlan(logical.isAdjustedToUTC, micros);
    }
    default:
      return undefined;
  }
}

function fromConvertedType(element: SchemaElement): Plan | undefined {
  const { type: physical, converted_type: converted } = element;
  if (!converted) return undefined;
  const on = (expected: string, plan: Plan): Plan =>
    physical === expected ? plan : `${converted} values stored as ${physical}`;
  const integer = (type: string, text: ColumnPlan['text'] = asInteger): Plan => ({ type, text });
  switch (converted) {
    case 'INT_8':
      return on('INT32', integer('TINYINT'));
    case 'INT_16':
      return on('INT32', integer('SMALLINT'));
    case 'INT_32':
      return on('INT32', integer('INTEGER'));
    case 'INT_64':
      return on('INT64', integer('BIGINT'));
    case 'UINT_8':
      return on('INT32', integer('UTINYINT'));
    case 'UINT_16':
      return on('INT32', integer('USMALLINT'));
    case 'UINT_32':
      return on(
        'INT32',
        integer('UINTEGER', (v) => String((v as number) >>> 0)),
      );
    case 'UINT_64':
      return on(
        'INT64',
        integer('UBIGINT', (v) => String(BigInt.asUintN(64, v as bigint))),
      );
    case 'DATE':
      return on('INT32', { type: 'DATE', text: (v) => dateText(v as number) });
    case 'TIMESTAMP_MICROS':
      return on('INT64', timestampPlan(false, asBigInt));
    case 'TIMESTAMP_MILLIS':
      return on('INT64', timestampPlan(false, millisToMicros));
    case 'TIME_MILLIS':
      return on('INT32', timePlan(false, millisToMicros));
    case 'TIME_MICROS':
      return on('INT64', timePlan(false, asBigInt));
    case 'DECIMAL':
      return decimalPlan(element);
    case 'UTF8':
    case 'ENUM':
      return isByteArray(element)
        ? { type: 'VARCHAR', text: asString }
        : `text stored as ${physical}`;
    case 'JSON':
      return {
        type: 'VARCHAR',
        text: asString,
        note: 'JSON text (DuckDB with its json extension, as on the command line, gives it the JSON type)',
      };
    case 'INTERVAL':
      return physical === 'FIXED_LEN_BYTE_ARRAY' && element.type_length === 12
        ? { type: 'INTERVAL', text: (v) => intervalText(v as Uint8Array) }
        : `intervals stored as ${physical}`;
    case 'BSON':
      return 'BSON documents';
    default:
      return `values of the ${converted} type`;
  }
}

function fromPhysicalType(element: SchemaElement): Plan {
  switch (element.type) {
    case 'BOOLEAN':
      return { type: 'BOOLEAN', text: (v) => (v ? 'true' : 'false') };
    case 'INT32':
      return { type: 'INTEGER', text: asInteger };
    case 'INT64':
      return { type: 'BIGINT', text: asInteger };
    case 'FLOAT':
      return { type: 'FLOAT', text: asNumber };
    case 'DOUBLE':
      return { type: 'DOUBLE', text: asNumber };
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return { type: 'BLOB', text: (v) => blobText(v as Uint8Array) };
    case 'INT96':
      return 'INT96 timestamps (an old Impala/Spark format)';
    default:
      return `values of the physical type ${String(element.type)}`;
  }
}

function decimalPlan(element: SchemaElement): Plan {
  const { precision, scale = 0 } = element;
  if (precision === undefined) return 'decimals without a precision';
  if (precision > 38) return `decimals wider than 38 digits (DECIMAL(${precision},${scale}))`;
  if (!Number.isInteger(precision) || !Number.isInteger(scale) || scale < 0 || scale > precision) {
    return `decimals with an invalid precision or scale (${precision},${scale})`;
  }
  const unscaled = (v: PhysicalValue): bigint =>
    v instanceof Uint8Array ? signedBigEndian(v) : BigInt(v as number | bigint);
  const physical = element.type;
  if (physical !== 'INT32' && physical !== 'INT64' && !isByteArray(element)) {
    return `decimals stored as ${String(physical)}`;
  }
  return { type: `DECIMAL(${precision},${scale})`, text: (v) => decimalText(unscaled(v), scale) };
}

function timestampPlan(zone: boolean, micros: (v: PhysicalValue) => bigint): Plan {
  return {
    type: zone ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP',
    text: (v) => timestampText(micros(v), MICROS, zone),
  };
}

function timePlan(zone: boolean, micros: (v: PhysicalValue) => bigint): Plan {
  return {
    type: zone ? 'TIME WITH TIME ZONE' : 'TIME',
    text: (v) => `${timeOfDayText(micros(v), MICROS)}${zone ? '+00' : ''}`,
  };
}

function asBigInt(v: PhysicalValue): bigint {
  return BigInt(v as number | bigint);
}

function millisToMicros(v: PhysicalValue): bigint {
  return BigInt(v as number | bigint) * 1000n;
}

function isByteArray(element: SchemaElement): boolean {
  return element.type === 'BYTE_ARRAY' || element.type === 'FIXED_LEN_BYTE_ARRAY';
}
