import { DataType, tableFromIPC, type Field, type Vector } from 'apache-arrow';
import { IngestError } from './errors.ts';
import { inferColumn, isoText, type Cell } from './infer.ts';
import type { ColumnType, TextColumn } from './insert.ts';
import { cleanColumnNames } from './names.ts';

const MS_PER_DAY = 86_400_000;

/**
 * Arrow IPC (file or stream format). DuckDB v1.4 has no Arrow file reader without a
 * community extension, so apache-arrow decodes it here; the schema's types are kept where
 * they map one-to-one, the rest goes through the same inference as spreadsheets.
 */
export function readArrow(bytes: Uint8Array): { columns: TextColumn[]; rows: number } {
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new IngestError(`Not a readable Arrow IPC file: ${(error as Error).message}`);
  }
  const fields = table.schema.fields;
  const names = cleanColumnNames(fields.map((f) => f.name));
  const columns = fields.map((field, i) => {
    const vector = table.getChildAt(i);
    return convert(names[i], field, vector, table.numRows);
  });
  return { columns, rows: table.numRows };
}

function convert(name: string, field: Field, vector: Vector | null, rows: number): TextColumn {
  const values: unknown[] = Array.from({ length: rows }, (_, r) => vector?.get(r) ?? null);
  const type = field.type;
  const direct = (columnType: ColumnType, text: (v: unknown) => string): TextColumn => ({
    name,
    type: columnType,
    values: values.map((v) => (v === null || v === undefined ? null : text(v))),
  });
  if (DataType.isInt(type) && !(type.bitWidth === 64 && !type.isSigned)) {
    return direct('BIGINT', (v) => String(v));
  }
  if (DataType.isFloat(type)) return direct('DOUBLE', (v) => String(v));
  if (DataType.isBool(type)) return direct('BOOLEAN', (v) => String(v === true));
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return direct('VARCHAR', String);
  if (DataType.isDate(type))
    return direct('DATE', (v) => isoText({ kind: 'date', days: days(v) }, false));
  if (DataType.isTimestamp(type)) {
    return direct('TIMESTAMP', (v) => isoText({ kind: 'date', days: days(v) }, true));
  }
  return inferColumn(name, values.map(toCell));
}

function days(value: unknown): number {
  if (value instanceof Date) return value.getTime() / MS_PER_DAY;
  return Number(value) / MS_PER_DAY;
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  if (value instanceof Date) return { kind: 'date', days: value.getTime() / MS_PER_DAY };
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}
