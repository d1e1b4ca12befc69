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

/**
 * DuckDB's DATE 'infinity' and '-infinity' (days since the epoch), and TIMESTAMP's in any unit.
 */
const DATE_INFINITY = 2 ** 31 - 1;
const TIMESTAMP_INFINITY = 2n ** 63n - 1n;
/** 0001-01-01 and 9999-12-31 as days since the epoch: the years a JS Date writes as YYYY. */
const FIRST_DAY = -719_162;
const LAST_DAY = 2_932_896;
const DAY_MICROS = 86_400_000_000n;

/**
 * DATE values a JS Date cannot write as DuckDB does, as DuckDB's own text: `infinity`,
 * `-infinity`, `5001-01-01 (BC)` (the year 5001 BC is DuckDB's -5000), `10000-01-01`.
 * Undefined for years 1 to 9999, which both engines write through Date as before. Both engines
 * call this with the raw day count, so the text is the same in both.
 */
export function dateBeyondYears(days: number): string | undefined {
  if (days >= DATE_INFINITY) return 'infinity';
  if (days <= -DATE_INFINITY) return '-infinity';
  if (days >= FIRST_DAY && days <= LAST_DAY) return undefined;
  const [year, month, day] = civilDate(days);
  return `${yearText(year)}-${two(month)}-${two(day)}${year <= 0 ? ' (BC)' : ''}`;
}

/**
 * The same for TIMESTAMP values of any unit (`raw` in that unit): the infinities, and outside
 * years 1 to 9999 the layout of the other timestamps (`…T12:00:00.000Z`, milliseconds) with the
 * year as DuckDB writes it, ` (BC)` at the end.
 */
export function timestampBeyondYears(
  raw: bigint,
  unit: 's' | 'ms' | 'us' | 'ns',
): string | undefined {
  if (raw >= TIMESTAMP_INFINITY) return 'infinity';
  if (raw <= -TIMESTAMP_INFINITY) return '-infinity';
  const micros =
    unit === 's'
      ? raw * 1_000_000n
      : unit === 'ms'
        ? raw * 1000n
        : unit === 'us'
          ? raw
          : raw / 1000n;
  let days = micros / DAY_MICROS;
  let rest = micros % DAY_MICROS;
  if (rest < 0n) {
    days -= 1n;
    rest += DAY_MICROS;
  }
  if (days >= BigInt(FIRST_DAY) && days <= BigInt(LAST_DAY)) return undefined;
  const [year, month, day] = civilDate(Number(days));
  const ms = Number(rest / 1000n);
  const time = `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}.${String(ms % 1000).padStart(3, '0')}`;
  return `${yearText(year)}-${two(month)}-${two(day)}T${time}Z${year <= 0 ? ' (BC)' : ''}`;
}

/** Year (astronomical: 0 is 1 BC), month, day of a day count since 1970-01-01 (H. Hinnant). */
function civilDate(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** DuckDB writes year 0 as 0001 (BC), -5000 as 5001 (BC), and years past 9999 in full. */
function yearText(year: number): string {
  return String(year <= 0 ? 1 - year : year).padStart(4, '0');
}

function two(n: number): string {
  return String(n).padStart(2, '0');
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
