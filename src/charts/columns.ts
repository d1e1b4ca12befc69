/**
 * What the chart builder needs to know about a column's values: whether it is numeric,
 * a proportion in [0, 1], a date, and the order its categories should be drawn in.
 */
import type { Row, Value } from '../engine/Engine.ts';
import { MISSING_LABEL } from './theme.ts';

/** A category value as Plot sees it: always a primitive, never NULL. */
export type Category = string | number | boolean;

export interface ColumnProfile {
  /** Every non-null value is a finite number (and there is at least one). */
  numeric: boolean;
  /** Numeric and every value lies in [0, 1]. */
  unit: boolean;
  /** Every non-null value is an ISO date or timestamp string, as the engines emit them. */
  temporal: boolean;
}

const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Column names in the order they first appear; rows from one query share their keys. */
export function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

export function profileColumn(rows: readonly Row[], name: string): ColumnProfile {
  let count = 0;
  let numeric = true;
  let unit = true;
  let temporal = true;
  for (const row of rows) {
    const v = row[name];
    if (v === null || v === undefined) continue;
    count++;
    if (typeof v === 'number') {
      temporal = false;
      if (v < 0 || v > 1) unit = false;
    } else {
      numeric = false;
      unit = false;
      if (typeof v !== 'string' || !ISO_DATE.test(v)) temporal = false;
    }
    if (!numeric && !temporal) break;
  }
  return {
    numeric: count > 0 && numeric,
    unit: count > 0 && unit,
    temporal: count > 0 && temporal,
  };
}

/** Turns a cell value into something an ordinal scale can key on. */
export function toCategory(v: Value | undefined): Category {
  if (v === null || v === undefined) return MISSING_LABEL;
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

/**
 * Category order: numbers ascending; anything else in the order rows give it, so users
 * control the order with ORDER BY (alphabetical order would scramble `low, medium, high`).
 * The missing label goes last.
 */
export function categoriesOf(rows: readonly Row[], name: string): Category[] {
  const seen = new Set<Category>();
  let missing = false;
  for (const row of rows) {
    const v = row[name];
    if (v === null || v === undefined) missing = true;
    else seen.add(toCategory(v));
  }
  const values = [...seen];
  if (values.every((v) => typeof v === 'number')) values.sort((a, b) => a - b);
  if (missing) values.push(MISSING_LABEL);
  return values;
}
