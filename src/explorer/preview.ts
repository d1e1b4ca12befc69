/**
 * The engagement explorer's live preview: the plan's own SQL and cell specs, run through the
 * same statistics functions the rate, crosstab, logit and margins cells use, on a scratch table that
 * is dropped afterwards. Same code, same data, so the numbers are the ones the notebook gets.
 */
import { messageOf } from '../shared/errors.ts';
import type { ColumnInfo, Engine, Row, Value } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { tiesSuccessAmong } from '../ingest/adapters/ties.ts';
import { isBooleanType, isNumericType } from '../shared/column-types.ts';
import { runCrosstab, runLogit, runRate } from '../stats/index.ts';
import { runMargins } from '../stats/margins/run-margins.ts';
import { LISTWISE } from '../stats/missing.ts';
import type { ExplorerPlan, ExplorerValue, OutcomeCoding } from './plan.ts';
import type { CellTables, TableData } from '../shared/table-data.ts';

/** Scratch tables start with this; panels listing the session's tables leave them out. */
export const SCRATCH_PREFIX = '__explorer_preview_';

export type PreviewPart = ({ ok: true } & CellTables) | { ok: false; error: string };

export interface ExplorerPreview {
  /** Rows in the sample (after the filters). */
  rows: number;
  rates: PreviewPart;
  crosstab: PreviewPart;
  model: PreviewPart;
  /** The engagement variable's average marginal effect (the margins cell on the logit). */
  effects: PreviewPart;
  /** Text controls with so many levels that some of them alone predict the outcome. */
  sparse: SparseControl[];
}

/**
 * A text control with more than MANY_LEVELS levels, some of which hold only successes or only
 * failures: the logit's separation comes from it, and grouping its rare levels or dropping it
 * is the remedy the reader needs, in one sentence rather than a list of hundreds of terms.
 */
export interface SparseControl {
  /** The column's name in the chosen table. */
  column: string;
  levels: number;
  /** Levels in which every row has the same outcome. */
  pure: number;
}

/** Levels beyond which a text control is checked for levels that separate the outcome. */
const MANY_LEVELS = 10;
/** Rows a level needs to keep its own name when the reader groups rare levels. */
export const RARE_LEVEL_ROWS = 10;

/** Rows each result used; a part that failed has none. */
export interface SampleSizes {
  rates?: number;
  crosstab?: number;
  model?: number;
}

/**
 * How many rows the rates, the crosstab and the logit each used: the sample less the rows
 * their `_missing` tables count as left out (the logit's `_fit.n`). They differ when a
 * control (or a NaN) is missing where the outcome and the engagement variable are not.
 */
export function sampleSizes(preview: ExplorerPreview): SampleSizes {
  const used = (part: PreviewPart): number | undefined => {
    if (!part.ok) return undefined;
    const listwise = part.tables._missing?.rows.find((r) => r.column === LISTWISE);
    return listwise ? preview.rows - Number(listwise.missing) : undefined;
  };
  const fit = preview.model.ok ? preview.model.tables._fit?.rows[0] : undefined;
  return {
    rates: used(preview.rates),
    crosstab: used(preview.crosstab),
    model: fit ? Number(fit.n) : undefined,
  };
}

/** True when the logit's sample is not the one the rates or the crosstab used. */
export function samplesDiffer(sizes: SampleSizes): boolean {
  if (sizes.model === undefined) return false;
  return [sizes.rates, sizes.crosstab].some((n) => n !== undefined && n !== sizes.model);
}

let scratchCount = 0;

/** Runs the plan's cells on a scratch copy of its sample; each part fails on its own. */
export async function previewExplorer(
  engine: Engine,
  plan: ExplorerPlan,
): Promise<ExplorerPreview> {
  scratchCount += 1;
  const scratch = `${SCRATCH_PREFIX}${scratchCount}_${Math.random().toString(36).slice(2, 10)}`;
  const table = ident(scratch);
  try {
    await engine.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS (\n${plan.sql}\n)`);
  } catch (error) {
    const failed: PreviewPart = { ok: false, error: messageOf(error) };
    return { rows: 0, rates: failed, crosstab: failed, model: failed, effects: failed, sparse: [] };
  }
  try {
    const count = await engine.query(`SELECT count(*) AS n FROM ${table}`);
    const rates = await part(() => runRate(engine, { ...plan.rate, from: scratch }));
    const crosstab = await part(() => runCrosstab(engine, { ...plan.crosstab, from: scratch }));
    const logit = { ...plan.logit, from: scratch };
    const model = await part(() => runLogit(engine, logit));
    const named = { name: plan.names.model, spec: logit };
    return {
      rows: Number(count.rows[0].n),
      rates,
      crosstab,
      model,
      // A model that failed says why once; its effects are not computed.
      effects: model.ok
        ? await part(() => runMargins(engine, named, 'logit', plan.margins))
        : { ok: false, error: `the logit did not fit: ${model.error}` },
      sparse: await sparseControls(engine, scratch, plan).catch(() => []),
    };
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}

async function sparseControls(
  engine: Engine,
  scratch: string,
  plan: ExplorerPlan,
): Promise<SparseControl[]> {
  const table = ident(scratch);
  const { rows: types } = await engine.query(`DESCRIBE ${table}`);
  const text = new Set(
    types.filter((r) => r.column_type === 'VARCHAR').map((r) => String(r.column_name)),
  );
  const outcome = ident(plan.columns.outcome);
  const found: SparseControl[] = [];
  for (const [i, alias] of plan.columns.controls.entries()) {
    if (!text.has(alias)) continue;
    const c = ident(alias);
    const { rows } = await engine.query(
      `SELECT count(*) AS levels, count_if(lo = hi) AS pure FROM (
         SELECT min(CAST(${outcome} AS INTEGER)) AS lo, max(CAST(${outcome} AS INTEGER)) AS hi
         FROM ${table} WHERE ${c} IS NOT NULL AND ${outcome} IS NOT NULL GROUP BY ${c})`,
    );
    const levels = Number(rows[0].levels);
    const pure = Number(rows[0].pure);
    const column = plan.choices.controls?.[i] ?? alias;
    if (levels > MANY_LEVELS && pure > 0) found.push({ column, levels, pure });
  }
  return found;
}

async function part(run: () => Promise<CellTables>): Promise<PreviewPart> {
  try {
    return { ok: true, ...(await run()) };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

export interface ValueCount {
  value: ExplorerValue | null;
  n: number;
}

/**
 * The distinct values of a column with their counts, smallest first (at most `limit`), for
 * the outcome coding helper and filter pickers. `more` is true when there are others.
 */
export async function columnValues(
  engine: Engine,
  table: string,
  column: string,
  limit = 40,
): Promise<{ values: ValueCount[]; more: boolean }> {
  const { rows } = await engine.query(
    `SELECT ${ident(column)} AS value, count(*) AS n FROM ${ident(table)}
     GROUP BY ALL ORDER BY value NULLS LAST LIMIT ${limit + 1}`,
  );
  const values = rows
    .slice(0, limit)
    .filter((r) => isScalar(r.value))
    .map((r) => ({ value: r.value as ExplorerValue | null, n: Number(r.n) }));
  return { values, more: rows.length > limit };
}

function isScalar(value: Value): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** True when the column can be the outcome as it is: BOOLEAN, or numeric holding only 0 and 1. */
export function isBinaryOutcome(column: ColumnInfo, values: ValueCount[]): boolean {
  if (isBooleanType(column.type)) return true;
  return (
    isNumericType(column.type) &&
    values.every((v) => v.value === null || v.value === 0 || v.value === 1)
  );
}

/**
 * A first guess at the coding: as it is when binary; the TIES success codes (1, 2, 5, 6, 7,
 * 10: the target complied, fully or in part, or settled) for a TIES-style final outcome;
 * otherwise nothing ticked yet.
 */
export function suggestCoding(column: ColumnInfo, values: ValueCount[]): OutcomeCoding {
  if (isBinaryOutcome(column, values)) return { kind: 'binary' };
  const codes = values.map((v) => v.value).filter((v): v is number => typeof v === 'number');
  const ties = tiesSuccessAmong(column.name, codes);
  if (ties) return { kind: 'values', success: ties };
  return { kind: 'values', success: [] };
}

export interface RateDifference {
  level: Value;
  reference: Value;
  /** Difference in rates, level minus reference (a proportion, not percentage points). */
  difference: number;
}

/** Each level's rate minus the first level's, from a rate table (first level = reference). */
export function rateDifferences(rates: TableData, by: string): RateDifference[] {
  const [first, ...rest] = rates.rows;
  if (!first) return [];
  return rest.map((row: Row) => ({
    level: row[by],
    reference: first[by],
    difference: Number(row.rate) - Number(first.rate),
  }));
}

const OUTCOME_NAMES = [
  /^success$/i,
  /^(failed|failure)$/i,
  /^final_?outcome$/i,
  /outcome|success/i,
];

/** A column to start the outcome picker on (success, failed, final outcome), if any. */
export function likelyOutcome(columns: ColumnInfo[]): string | undefined {
  for (const pattern of OUTCOME_NAMES) {
    const found = columns.find((c) => pattern.test(c.name));
    if (found) return found.name;
  }
  return undefined;
}
