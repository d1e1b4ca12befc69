/**
 * A quick look at one column, computed in DuckDB so that it costs the same on a million rows
 * as on a hundred: how many values are missing and distinct, then either the most frequent
 * values (text, booleans, anything else) or the range and a small histogram (numbers, dates).
 * Plain TypeScript over the Engine interface: the data panel runs it on DuckDB-WASM, the tests
 * on native DuckDB, with the same SQL.
 */
import type { Engine, Value } from '../engine/Engine.ts';
import { ident, valueLiteral } from '../engine/sql.ts';
import { describeTable, hasTable } from '../engine/tables.ts';
import { missingCodesTable } from '../ingest/stata/missing-codes.ts';
import { isIntegerType, isNumericType } from '../shared/column-types.ts';

export type ProfileKind = 'number' | 'date' | 'text' | 'boolean' | 'other';

export interface ValueCount {
  value: Value;
  count: number;
}

/**
 * One histogram bar: values from `low` up to `high` (the last bar includes `high`). Integer
 * and date columns spanning no more values than there are bars get one bar per value, with
 * `low` equal to `high`.
 */
export interface HistogramBin {
  low: number | string;
  high: number | string;
  count: number;
}

export interface ColumnProfile {
  table: string;
  column: string;
  /** DuckDB type as DuckDB prints it. */
  type: string;
  kind: ProfileKind;
  rows: number;
  nulls: number;
  /** Distinct non-NULL values. */
  distinct: number;
  /**
   * Most frequent non-NULL values, most frequent first (text, boolean, other); for a
   * `categorical` number column, every value in ascending order.
   */
  top?: ValueCount[];
  /**
   * A non-integer number column with at most CATEGORY_MAX distinct values (a 0/1 flag stored
   * as a double, a 1–5 scale): its values are codes, counted per value rather than binned.
   */
  categorical?: boolean;
  /** Smallest and largest finite value (numbers, dates); undefined when there is none. */
  min?: Value;
  max?: Value;
  /** Mean of the finite values (numbers only). */
  mean?: number;
  histogram?: HistogramBin[];
  /** Values left out of min, max, mean and histogram: NaN and ±infinity. */
  nonFinite?: number;
}

export interface ProfileOptions {
  /** How many of the most frequent values to list; default 8. */
  top?: number;
  /** About how many histogram bars (round bar widths may add one); default 12. */
  bins?: number;
}

/**
 * Most distinct values a number column may have to be counted per value. Ten covers flags,
 * Likert scales and most codebook codes, while a histogram of ten values has no empty bars
 * to fill (a 0/1 double binned in ten has eight).
 */
export const CATEGORY_MAX = 10;

const DATE = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;

/** How a DuckDB type is profiled. */
export function profileKind(type: string): ProfileKind {
  const t = type.trim().toUpperCase();
  if (isNumericType(t)) return 'number';
  if (DATE.test(t)) return 'date';
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR') || t.startsWith('ENUM(')) return 'text';
  return 'other';
}

export async function profileColumn(
  engine: Engine,
  table: string,
  column: string,
  options: ProfileOptions = {},
): Promise<ColumnProfile> {
  const info = (await describeTable(engine, table)).find((c) => c.name === column);
  if (!info) throw new Error(`Table ${table} has no column ${column}`);
  const kind = profileKind(info.type);
  const c = ident(column);
  const from = ident(table);
  const ranged = kind === 'number' || kind === 'date';
  // isfinite() keeps NaN and ±infinity out of the range: one stray infinity would make every
  // histogram bar but the last empty.
  const finite = ranged ? `isfinite(${c})` : 'TRUE';
  const { rows } = await engine.query(
    `SELECT count(*) AS n, count(${c}) AS present, count(DISTINCT ${c}) AS distinct_values,
       count(${c}) FILTER (WHERE NOT ${finite}) AS non_finite,
       ${ranged ? `min(${c}) FILTER (WHERE ${finite})` : 'NULL'} AS min_value,
       ${ranged ? `max(${c}) FILTER (WHERE ${finite})` : 'NULL'} AS max_value,
       ${kind === 'number' ? `avg(${c}) FILTER (WHERE ${finite})` : 'NULL'} AS mean_value,
       ${ranged ? `min(${asDouble(c, kind)}) FILTER (WHERE ${finite})` : 'NULL'} AS lo,
       ${ranged ? `max(${asDouble(c, kind)}) FILTER (WHERE ${finite})` : 'NULL'} AS hi
     FROM ${from}`,
  );
  const stats = rows[0];
  const total = Number(stats.n);
  const profile: ColumnProfile = {
    table,
    column,
    type: info.type,
    kind,
    rows: total,
    nulls: total - Number(stats.present),
    distinct: Number(stats.distinct_values),
  };
  if (!ranged) {
    profile.top = await topValues(engine, from, c, options.top ?? 8);
    return profile;
  }
  const nonFinite = Number(stats.non_finite);
  if (nonFinite > 0) profile.nonFinite = nonFinite;
  if (stats.min_value === null) return profile;
  profile.min = stats.min_value;
  profile.max = stats.max_value;
  if (typeof stats.mean_value === 'number') profile.mean = stats.mean_value;
  // Integer columns already get one bar per code when they span no more values than there
  // are bars (and years spread over decades stay binned); a few-valued DOUBLE — a 0/1 flag
  // stored as a Stata double — would get bins, mostly empty, so its values are counted.
  if (
    kind === 'number' &&
    !isIntegerType(info.type) &&
    nonFinite === 0 &&
    profile.distinct <= CATEGORY_MAX
  ) {
    profile.categorical = true;
    profile.top = await valueCounts(engine, from, c);
    return profile;
  }
  // The bars' range comes from the same scan, as the DOUBLEs the bars are counted in.
  const range = { lo: Number(stats.lo), hi: Number(stats.hi) };
  profile.histogram = await histogram(engine, from, c, info.type, kind, range, options.bins ?? 12);
  return profile;
}

async function topValues(
  engine: Engine,
  from: string,
  c: string,
  limit: number,
): Promise<ValueCount[]> {
  // Ties are broken by the value's text so that the list is the same on every run.
  const { rows } = await engine.query(
    `SELECT value, n FROM (
       SELECT ${c} AS value, count(*) AS n FROM ${from} WHERE ${c} IS NOT NULL GROUP BY ${c}
     ) ORDER BY n DESC, CAST(value AS VARCHAR) LIMIT ${Math.max(1, Math.floor(limit))}`,
  );
  return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
}

/** Every value of a few-valued column with its count, in the values' order. */
async function valueCounts(engine: Engine, from: string, c: string): Promise<ValueCount[]> {
  const { rows } = await engine.query(
    `SELECT ${c} AS value, count(*) AS n FROM ${from} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY ${c}`,
  );
  return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
}

const DAY_US = 86_400_000_000;

async function histogram(
  engine: Engine,
  from: string,
  c: string,
  type: string,
  kind: 'number' | 'date',
  { lo, hi }: { lo: number; hi: number },
  maxBins: number,
): Promise<HistogramBin[]> {
  const bins = Math.max(1, Math.floor(maxBins));
  const isDate = type.toUpperCase() === 'DATE';
  const x = asDouble(c, kind);
  // Dates and timestamps spanning more than a day a bar are binned in whole days.
  const days = kind === 'date' && (isDate || hi - lo >= bins * DAY_US);
  const grid = binGrid(lo, hi, bins, days ? DAY_US : isIntegerType(type) ? 1 : 0);
  const index =
    grid.count === 1
      ? '0'
      : `least(CAST(floor((${x} - ${valueLiteral(grid.start)}) / ${valueLiteral(grid.step)}) AS INTEGER), ${grid.count - 1})`;
  const { rows } = await engine.query(
    `SELECT ${index} AS bin, count(*) AS n FROM ${from} WHERE isfinite(${c}) GROUP BY bin ORDER BY bin`,
  );
  const counts = new Map(rows.map((r) => [Number(r.bin), Number(r.n)]));
  const show = (v: number): number | string => (kind === 'date' ? dateText(v, type) : v);
  return Array.from({ length: grid.count }, (_, i) => {
    const low = grid.start + i * grid.step;
    const high = grid.perValue ? low : i === grid.count - 1 ? hi : low + grid.step;
    return { low: show(low), high: show(high), count: counts.get(i) ?? 0 };
  });
}

/**
 * The column as the bars count it: dates as microseconds since 1970, exact in a DOUBLE for
 * any year people study.
 */
function asDouble(c: string, kind: ProfileKind): string {
  return kind === 'date' ? `CAST(epoch_us(${c}) AS DOUBLE)` : `CAST(${c} AS DOUBLE)`;
}

interface BinGrid {
  start: number;
  step: number;
  count: number;
  /** One bar per value: the column is discrete and spans few values. */
  perValue: boolean;
}

/**
 * Where the bars go. A discrete column (integers, or dates in days: `unit` > 0) spanning no
 * more values than there are bars gets a bar per value, so that a coded variable's histogram
 * reads as its frequency table. Otherwise bars are of a round width (1, 2, 2.5 or 5 × 10ⁿ)
 * from a multiple of it, and the last bar also holds the maximum.
 */
/**
 * How many of each Stata extended missing value (`.a` → 3) a column had, for a table loaded
 * from a .dta file (or its labelled view); empty for any other table.
 */
export async function extendedMissing(
  engine: Engine,
  table: string,
  column: string,
): Promise<ValueCount[]> {
  const counts = missingCodesTable(table.replace(/_labelled$/, ''));
  if (!(await hasTable(engine, counts))) return [];
  const { rows } = await engine.query(
    `SELECT code AS value, n AS count FROM ${ident(counts)} WHERE column_name = ${valueLiteral(column)} ORDER BY code`,
  );
  return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
}

export function binGrid(lo: number, hi: number, bins: number, unit: number): BinGrid {
  if (unit > 0 && (hi - lo) / unit + 1 <= bins) {
    return { start: lo, step: unit, count: Math.round((hi - lo) / unit) + 1, perValue: true };
  }
  if (hi === lo) return { start: lo, step: 1, count: 1, perValue: false };
  const step =
    unit > 0
      ? Math.max(1, Math.ceil(roundStep((hi - lo) / bins / unit))) * unit
      : roundStep((hi - lo) / bins);
  const start = Math.floor(lo / step) * step;
  const count = Math.max(1, Math.ceil((hi - start) / step));
  return { start, step, count, perValue: false };
}

function roundStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10;
  return nice * magnitude;
}

/** Microseconds since 1970 as the column shows them: a date, or an ISO timestamp. */
function dateText(us: number, type: string): string {
  const iso = new Date(Math.round(us / 1000)).toISOString();
  return type.toUpperCase() === 'DATE' ? iso.slice(0, 10) : iso;
}
