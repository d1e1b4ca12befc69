/**
 * The model matrix of a formula over a table, as R's glm builds it (model.frame, then
 * model.matrix; R 4.2): DuckDB selects the estimation sample and reads each column once
 * (sample.ts); the variables, factor levels and columns are made here in JavaScript
 * (model-frame.ts, coding.ts), and design-matrix.ts fills the centred row-major matrix.
 *
 * What `margins` and `predict:` use, from a Design:
 * - `raw[k].values`: the sample's columns the formula reads, one Float64Array each (numbers;
 *   0/1 for booleans; text as the index into `raw[k].levels`), with `rawRow(r, out)` giving
 *   row r's values in that order;
 * - `rows.fill(values, out, offset)`: one matrix row (intercept 1 first when there is one,
 *   centred as the fitted matrix is) from raw values, every column recomputed — set `x` in
 *   `values` and `x`, `I(x^2)`, `log(x)` and `x:z` all follow;
 * - `rows.derivative(values, k, out, offset)`: d(each matrix column) / d(raw value k) at those
 *   values, analytic (chain and product rules through transforms and interactions).
 * The effect of a numeric column on the linear predictor of a row is then
 * Σ_j coefficient_j · derivative_j, one number per row.
 */
import type { ColumnInfo, Engine } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { CellError } from '../../shared/errors.ts';
import { isBooleanType, isNumericType, isTextType } from '../../shared/column-types.ts';
import { plural, requireColumn } from '../columns.ts';
import { LISTWISE, type MissingCount } from '../missing.ts';
import { checkOutcome } from '../outcome.ts';
import { codeTerms, type Part } from './coding.ts';
import { DesignRows, summarise } from './design-rows.ts';
import { columnsOf } from './expression.ts';
import type { Formula } from './formula.ts';
import {
  dropUnusedLevels,
  modelVariables,
  slotOf,
  undefinedRows,
  type LevelValue,
  type ModelVariable,
  type RawVariable,
} from './model-frame.ts';
import { rowColumns, type RowOptions } from './row-options.ts';
import { keepRows, readSample } from './sample.ts';

export { compareCodePoints } from './levels.ts';

/** One column of the model matrix besides the intercept. */
export interface DesignColumn {
  /** Coefficient name as R's glm prints it: `x`, `regionEurope`, `flagTRUE`, `x:regionEurope`. */
  term: string;
  /** The column its first variable reads. */
  variable: ColumnInfo;
  /** For a one-factor column: the level it marks (TRUE / FALSE for a boolean). */
  level?: string | boolean;
  /** Its term as R labels it (`x:region`) and what it is the product of. */
  termLabel: string;
  parts: Part[];
  /** Same value in every row of the estimation sample. */
  constant: boolean;
  /** Smallest and largest value among rows with outcome 0 and with outcome 1 (NaN if none). */
  range: { min0: number; max0: number; min1: number; max1: number };
}

export interface Design {
  /** The query the sample's columns were read with: `y`, `r1`…`rK` (the raw columns), `w`, `g`. */
  sample: string;
  columns: DesignColumn[];
  /** Levels of each text predictor present in the sample, in code point order. */
  levels: Map<string, string[]>;
  /** The columns the formula reads, in order of first appearance. */
  predictors: ColumnInfo[];
  n: number;
  /** Rows of the estimation sample with outcome 1. */
  ones: number;
  /** Rows left out because a model column was missing (or a computed variable undefined). */
  dropped: number;
  /** Missing values per model column (outcome first, then predictors), then the listwise total. */
  missing: MissingCount[];
  /** Notes about terms left out of the model. */
  notes: string[];
  /** The model has prior weights (rows with weight 0 are left out of it). */
  weighted: boolean;
  /** Rows left out because their weight is 0. */
  zeroWeights: number;
  /** Number of clusters when the sample has a cluster code 1…G. */
  clusters: number | null;
  /** Whether the matrix has an intercept column (formula without `- 1` / `+ 0`). */
  intercept: boolean;
  /** The sample, one entry per row: outcome, prior weights, cluster codes 1…G. */
  y: Float64Array;
  weights: Float64Array | null;
  cluster: Float64Array | null;
  /** The columns the formula reads, as the sample holds them (see the header). */
  raw: RawVariable[];
  /** R's variables (`x`, `log(x)`, `factor(code)`) and the terms' labels, in R's order. */
  variables: ModelVariable[];
  terms: string[];
  rows: DesignRows;
  rawRow(r: number, out: Float64Array): void;
  /**
   * The matrix before centring, filled while the columns were summarised; loadDesignMatrix
   * centres it in place and takes it (null afterwards: a second load fills a new one).
   */
  uncentred: Float64Array | null;
}

export interface DesignOptions extends RowOptions {
  /** A predictor `predict:` will set (checked to be one here). */
  predict?: string;
  /**
   * An outcome coded by the caller (an ordered model's category 0…K-1) instead of the 0/1
   * check and cast: SQL over the source table giving a small integer for every complete row.
   */
  outcomeSql?: string;
  /** Reference level per factor column, as R's relevel: `{ region: 'Europe', code: 10 }`. */
  reference?: Record<string, LevelValue>;
}

export async function buildDesign(
  engine: Engine,
  from: string,
  columns: ColumnInfo[],
  formula: Formula,
  options: DesignOptions = {},
): Promise<Design> {
  const { predict } = options;
  const extra = rowColumns(columns, options);
  const outcome = requireColumn(columns, formula.outcome, 'outcome');
  const predictors = formula.predictors.map((name) => requireColumn(columns, name, 'predictor'));
  checkTypes(formula, predictors);
  if (predict !== undefined && !predictors.some((p) => p.name === predict)) {
    throw new CellError(
      `predict names ${JSON.stringify(predict)}, which is not a predictor in the formula ` +
        `(predictors: ${predictors.map((p) => JSON.stringify(p.name)).join(', ') || 'none'})`,
    );
  }
  const reference = options.reference ?? {};
  for (const column of Object.keys(reference)) requireColumn(columns, column, 'reference');
  if (options.outcomeSql === undefined) await checkOutcome(engine, from, outcome);
  const ySql = options.outcomeSql ?? `CAST(${ident(outcome.name)} AS UTINYINT)`;

  const sample = await readSample(engine, from, outcome, ySql, predictors, extra);
  const read = sample.y.length;
  const undefinedValues = undefinedRows(formula, sample.raw, read);
  if (undefinedValues.keep) keepRows(sample, undefinedValues.keep);
  const n = sample.y.length;
  // Rows where any computed variable is undefined (a row can be so in several of them).
  const lost = read - n;
  if (n === 0) {
    throw new CellError(
      `no row has a defined value of ${undefinedValues.dropped.map((d) => d.column).join(', ')}`,
    );
  }
  for (const raw of sample.raw) dropUnusedLevels(raw);
  const variables = modelVariables(formula, sample.raw, reference);
  const coded = codeTerms(formula, variables);
  const rows = new DesignRows(variables, coded.columns, formula.intercept, slotOf(sample.raw));
  const rawRow = (r: number, out: Float64Array) => {
    for (let k = 0; k < sample.raw.length; k++) out[k] = sample.raw[k].values[r];
  };
  const summary = await summarise(rows, rawRow, sample.y, sample.raw.length);
  const designColumns = coded.columns.map((c, j): DesignColumn => {
    const first = variables[c.parts[0].variable];
    const name =
      first.kind === 'factor' ? sample.raw[first.raw].column.name : columnsOf(first.expr)[0];
    return {
      term: c.term,
      // A term of no column (`I(2)`) is named by itself.
      variable: predictors.find((p) => p.name === name) ?? { name: first.label, type: 'DOUBLE' },
      ...(c.level === undefined ? {} : { level: c.level as string | boolean }),
      termLabel: c.termLabel,
      parts: c.parts,
      constant: summary.constant[j],
      range: summary.range[j],
    };
  });
  const missing =
    lost > 0 ? withUndefined(sample.missing, undefinedValues.dropped, lost) : sample.missing;
  let ones = 0;
  for (let r = 0; r < n; r++) if (sample.y[r] === 1) ones++;
  return {
    sample: sample.sql,
    columns: designColumns,
    levels: new Map(
      sample.raw.filter((r) => r.kind === 'text').map((r) => [r.column.name, r.levels]),
    ),
    predictors,
    n,
    ones,
    dropped: sample.dropped + lost,
    missing,
    notes: coded.notes,
    weighted: extra.weights !== undefined,
    zeroWeights: sample.zeroWeights,
    clusters: sample.clusters,
    intercept: formula.intercept,
    y: sample.y,
    weights: sample.weights,
    cluster: sample.cluster,
    raw: sample.raw,
    variables,
    terms: coded.terms.map((t) => t.map((v) => variables[v].label).join(':')),
    rows,
    rawRow,
    uncentred: summary.x,
  };
}

/**
 * Every column the formula reads must be a number, a boolean or text, and arithmetic
 * (`log(x)`, `I(x^2)`) needs numbers (a boolean counts as 0/1, as in R).
 */
function checkTypes(formula: Formula, predictors: ColumnInfo[]): void {
  const typeOf = (name: string) => predictors.find((p) => p.name === name)?.type ?? '';
  for (const p of predictors) {
    if (!isNumericType(p.type) && !isBooleanType(p.type) && !isTextType(p.type)) {
      throw new CellError(
        `predictor ${JSON.stringify(p.name)} is ${p.type}; a logit takes numeric, boolean or ` +
          'text columns — derive one in a sql cell first',
      );
    }
  }
  for (const v of formula.variables) {
    if (v.kind !== 'expression') continue;
    const text = v.columns.find((c) => isTextType(typeOf(c)));
    if (text !== undefined) {
      throw new CellError(
        `${v.label} computes with ${JSON.stringify(text)}, which is text; arithmetic needs ` +
          'numbers (a text column enters a formula as a factor on its own)',
      );
    }
  }
}

/** The missing counts with a row per computed variable undefined in some rows, in the total. */
function withUndefined(
  missing: MissingCount[],
  undefinedValues: { column: string; missing: number }[],
  lost: number,
): MissingCount[] {
  const total = missing.find((m) => m.column === LISTWISE)?.missing ?? 0;
  return [
    ...missing.filter((m) => m.column !== LISTWISE),
    ...undefinedValues,
    { column: LISTWISE, missing: total + lost },
  ];
}

export function describeDropped(dropped: number): string {
  return `${plural(dropped, 'row')} with a missing value in a model column ${dropped === 1 ? 'was' : 'were'} left out`;
}
