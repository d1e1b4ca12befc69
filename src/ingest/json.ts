import { IngestError } from './errors.ts';
import { inferColumn, type Cell } from './infer.ts';
import type { TextColumn } from './insert.ts';
import { cleanColumnNames } from './names.ts';

/**
 * JSON records parsed in JavaScript: used only when the engine has no json extension
 * (DuckDB-WASM without extensions). Top level: an array of objects, an object holding one such
 * array, or one object per line (NDJSON). Nested values are kept as JSON text.
 */
export function readJsonRecords(
  text: string,
  lines: boolean,
): { columns: TextColumn[]; rows: number } {
  const records = lines ? parseLines(text) : parseDocument(text);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  if (keys.length === 0) throw new IngestError('The JSON file holds no records with fields');
  const names = cleanColumnNames(keys);
  const columns = keys.map((key, i) =>
    inferColumn(
      names[i],
      records.map((r) => toCell(r[key])),
    ),
  );
  return { columns, rows: records.length };
}

type JsonRecord = Record<string, unknown>;

function parseDocument(text: string): JsonRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (error) {
    // A .json file is often NDJSON in disguise.
    try {
      return parseLines(text);
    } catch {
      throw new IngestError(`Not valid JSON: ${(error as Error).message}`);
    }
  }
  if (Array.isArray(value)) return value.map(asRecord);
  if (isRecord(value)) {
    const arrays = Object.values(value).filter(Array.isArray);
    if (arrays.length === 1) return arrays[0].map(asRecord);
    return [value];
  }
  throw new IngestError('The JSON file is neither an array of records nor a record');
}

function parseLines(text: string): JsonRecord[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\n|\r/)
    .flatMap((line, i) => {
      if (line.trim() === '') return [];
      try {
        return [asRecord(JSON.parse(line))];
      } catch (error) {
        throw new IngestError(`Line ${i + 1} is not valid JSON: ${(error as Error).message}`);
      }
    });
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): JsonRecord {
  return isRecord(value) ? value : { value };
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return value;
  return JSON.stringify(value);
}
