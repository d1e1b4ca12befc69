import { DataType, tableFromIPC, type Field, type Vector } from 'apache-arrow';
import { arrowLengthProblem } from './arrow-check.ts';
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
export function readArrow(
  bytes: Uint8Array,
  fileName = 'The file',
): { columns: TextColumn[]; rows: number } {
  const damaged = (why: string): IngestError =>
    new IngestError(
      `${fileName} is damaged or not an Arrow IPC file: ${why}. Download or copy it again, or write it again from the program that made it (or save the data as Parquet or CSV).`,
    );
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    // apache-arrow sizes some arrays from the declared lengths while decoding.
    if (error instanceof RangeError) {
      throw damaged(
        `it claims more values than its ${bytes.length.toLocaleString('en-US')} bytes can hold`,
      );
    }
    throw damaged(`it could not be decoded (${detail(error)})`);
  }
  const problem = arrowLengthProblem(table, bytes.length);
  if (problem) throw damaged(problem);
  const fields = table.schema.fields;
  const names = cleanColumnNames(fields.map((f) => f.name));
  try {
    const columns = fields.map((field, i) => {
      const vector = table.getChildAt(i);
      return convert(names[i], field, vector, table.numRows);
    });
    return { columns, rows: table.numRows };
  } catch (error) {
    throw damaged(`its values could not be read (${detail(error)})`);
  }
}

function detail(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
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
