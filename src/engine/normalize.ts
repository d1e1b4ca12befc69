import type { Row, Value } from './Engine.ts';

/**
 * Turns whatever an engine hands back (BigInt, Date, Arrow vectors and struct rows, typed
 * arrays) into plain JSON values, using the DuckDB type name of the column. Both engines
 * call this, which is what makes their results identical.
 */
export function normalizeValue(value: unknown, type: string): Value {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
    case 'string':
      return value;
    case 'bigint':
      return Number(value);
    case 'number':
      if (!Number.isFinite(value)) return null;
      if (type === 'DATE') return isoDate(value);
      if (type.startsWith('TIMESTAMP')) return new Date(value).toISOString();
      return value;
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return type === 'DATE' ? value.toISOString().slice(0, 10) : value.toISOString();
  }
  const element = elementType(type);
  if (Array.isArray(value)) return value.map((v) => normalizeValue(v, element));
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (v) =>
      normalizeValue(v, element),
    );
  }
  const candidate = value as { toArray?: () => unknown; toJSON?: () => unknown };
  if (typeof candidate.toArray === 'function' && type.endsWith(']')) {
    return normalizeValue(Array.from(candidate.toArray() as ArrayLike<unknown>), type);
  }
  if (typeof candidate.toJSON === 'function') return normalizeObject(candidate.toJSON(), type);
  return normalizeObject(value, type);
}

function normalizeObject(value: unknown, type: string): Value {
  if (value === null || typeof value !== 'object') return normalizeValue(value, type);
  const fields = structFieldTypes(type);
  const out: { [key: string]: Value } = {};
  for (const [key, v] of Object.entries(value)) out[key] = normalizeValue(v, fields.get(key) ?? '');
  return out;
}

export function normalizeRows(columns: { name: string; type: string }[], rows: unknown[][]): Row[] {
  return rows.map((raw) => {
    const row: Row = {};
    columns.forEach((col, i) => {
      row[col.name] = normalizeValue(raw[i], col.type);
    });
    return row;
  });
}

/** Days (or ms) since the epoch → `YYYY-MM-DD`. Arrow hands DATE columns over as ms. */
function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `INTEGER[]` → `INTEGER`; `VARCHAR[3]` → `VARCHAR`. */
function elementType(type: string): string {
  const m = /^(.*)\[\d*\]$/.exec(type);
  return m ? m[1] : '';
}

function structFieldTypes(type: string): Map<string, string> {
  const fields = new Map<string, string>();
  const m = /^STRUCT\((.*)\)$/.exec(type);
  if (!m) return fields;
  for (const part of splitTopLevel(m[1])) {
    const fm = /^\s*("(?:[^"]|"")*"|\S+)\s+(.*)$/.exec(part);
    if (fm) fields.set(fm[1].replace(/^"|"$/g, '').replaceAll('""', '"'), fm[2].trim());
  }
  return fields;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
