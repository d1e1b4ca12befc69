/**
 * Filters of the engagement explorer: what a reader types (a column, an operator, a value as
 * text) read as the column's type, and the SQL condition it becomes — the column through
 * ident(), every value through literal() or as a plain finite number, never spliced raw.
 */
import type { ColumnInfo } from '../engine/Engine.ts';
import { ident, valueLiteral } from '../engine/sql.ts';
import { isBooleanType, isNumericType } from '../shared/column-types.ts';
import { requireColumn } from '../stats/columns.ts';
import { CellError } from '../shared/errors.ts';

export type ExplorerValue = string | number | boolean;

export const FILTER_OPS = [
  '=',
  '<>',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  'not in',
  'is null',
  'is not null',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface ExplorerFilter {
  column: string;
  op: FilterOp;
  /** A value, or a list of values for `in` / `not in`; none for the null tests. */
  value?: ExplorerValue | ExplorerValue[];
}

/** A filter as typed in a form; `in` lists are comma-separated. */
export interface FilterDraft {
  column: string;
  op: FilterOp;
  text: string;
}

/** A value as SQL text: finite numbers as written (digits, sign, point, exponent), the rest quoted. */
export function sqlValue(value: ExplorerValue): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return valueLiteral(value);
}

export function filterCondition(filter: ExplorerFilter): string {
  const col = ident(filter.column);
  const { op, value } = filter;
  if (!(FILTER_OPS as readonly string[]).includes(op)) {
    throw new CellError(`unknown filter operator ${JSON.stringify(op)}`);
  }
  if (op === 'is null' || op === 'is not null') return `${col} ${op.toUpperCase()}`;
  if (op === 'in' || op === 'not in') {
    const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (values.length === 0) {
      throw new CellError(
        `the filter on ${JSON.stringify(filter.column)} needs at least one value`,
      );
    }
    return `${col} ${op.toUpperCase()} (${values.map(sqlValue).join(', ')})`;
  }
  if (value === undefined || Array.isArray(value)) {
    throw new CellError(`the filter on ${JSON.stringify(filter.column)} needs one value`);
  }
  return `${col} ${op} ${sqlValue(value)}`;
}

/**
 * A value typed into a filter, read as the column's type: numbers for numeric columns,
 * true/false for booleans, text otherwise (DuckDB casts text to dates and times itself).
 */
export function readFilterValue(column: ColumnInfo, text: string): ExplorerValue {
  const trimmed = text.trim();
  if (isBooleanType(column.type)) {
    if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
    throw new CellError(
      `${JSON.stringify(column.name)} is true or false; got ${JSON.stringify(text)}`,
    );
  }
  if (isNumericType(column.type)) {
    const number = trimmed === '' ? NaN : Number(trimmed);
    if (!Number.isFinite(number)) {
      throw new CellError(`${JSON.stringify(column.name)} is numeric; got ${JSON.stringify(text)}`);
    }
    return number;
  }
  return text;
}

/** The filters of a form, read against the table's columns; rows without a column are skipped. */
export function readFilters(columns: ColumnInfo[], drafts: FilterDraft[]): ExplorerFilter[] {
  return drafts
    .filter((d) => d.column !== '')
    .map((d) => {
      const info = requireColumn(columns, d.column, 'filter');
      if (d.op === 'is null' || d.op === 'is not null') return { column: d.column, op: d.op };
      if (d.op === 'in' || d.op === 'not in') {
        const parts = d.text.split(',').map((t) => t.trim());
        return { column: d.column, op: d.op, value: parts.map((t) => readFilterValue(info, t)) };
      }
      return { column: d.column, op: d.op, value: readFilterValue(info, d.text) };
    });
}
