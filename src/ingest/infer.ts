import type { ColumnType, TextColumn } from './insert.ts';

/** A point in time as days since 1970-01-01 (fractional for a time of day). */
export interface DateCell {
  kind: 'date';
  days: number;
}

/** A cell as the JS-side readers see it before its column has a type. */
export type Cell = null | boolean | number | string | DateCell;

const MS_PER_DAY = 86_400_000;
/** 0001-01-01 and 9999-12-31 in days since the epoch: what DuckDB's DATE text accepts. */
const MIN_DAYS = -719_162;
const MAX_DAYS = 2_932_896;

/**
 * Gives a column the narrowest type all its values fit, the same way for every JS-side
 * reader: booleans → BOOLEAN; whole numbers → BIGINT; other numbers → DOUBLE; dates → DATE
 * (TIMESTAMP when a value has a time of day); anything mixed → VARCHAR, with numbers written
 * as their shortest exact text and dates as ISO text. Empty cells are NULL.
 */
export function inferColumn(name: string, cells: Cell[]): TextColumn {
  let booleans = 0;
  let numbers = 0;
  let integers = 0;
  let dates = 0;
  let dateTimes = 0;
  let present = 0;
  for (const cell of cells) {
    if (cell === null) continue;
    present++;
    if (typeof cell === 'boolean') booleans++;
    else if (typeof cell === 'number') {
      numbers++;
      if (Number.isSafeInteger(cell)) integers++;
    } else if (typeof cell === 'object') {
      if (cell.days < MIN_DAYS || cell.days > MAX_DAYS + 1) return asText(name, cells);
      dates++;
      if (!Number.isInteger(cell.days)) dateTimes++;
    }
  }
  if (present === 0) return { name, type: 'VARCHAR', values: cells.map(() => null) };
  if (booleans === present) return typed(name, 'BOOLEAN', cells, (c) => String(c));
  if (numbers === present) {
    return typed(name, integers === present ? 'BIGINT' : 'DOUBLE', cells, (c) => String(c));
  }
  if (dates === present) {
    const type: ColumnType = dateTimes > 0 ? 'TIMESTAMP' : 'DATE';
    return typed(name, type, cells, (c) => isoText(c as DateCell, type === 'TIMESTAMP'));
  }
  return asText(name, cells);
}

function typed(
  name: string,
  type: ColumnType,
  cells: Cell[],
  text: (cell: Exclude<Cell, null>) => string,
): TextColumn {
  return { name, type, values: cells.map((c) => (c === null ? null : text(c))) };
}

function asText(name: string, cells: Cell[]): TextColumn {
  return typed(name, 'VARCHAR', cells, (c) => {
    if (typeof c === 'boolean') return c ? 'TRUE' : 'FALSE';
    if (typeof c === 'object') return isoText(c, !Number.isInteger(c.days));
    return String(c);
  });
}

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS.mmm` (UTC: spreadsheet dates have no time zone). */
export function isoText(cell: DateCell, withTime: boolean): string {
  const iso = new Date(Math.round(cell.days * MS_PER_DAY)).toISOString();
  return withTime ? iso.slice(0, 23).replace('T', ' ') : iso.slice(0, 10);
}
