import type { ColumnInfo, Engine, Row, Value } from '../../engine/Engine.ts';
import type { TableData } from '../../shared/table-data.ts';
import type { Design } from './design.ts';
import { averagePrediction } from './average-prediction.ts';
import { type DesignMatrix } from './matrix.ts';

/** Numeric predictors with more distinct values than this are shown at quantiles instead. */
const MAX_DISTINCT = 20;
/** R's quantile(type = 7) probabilities used then: extremes, deciles 1 and 9, quartiles. */
const QUANTILES = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

export interface FittedModel {
  /** Coefficients of the centred design, intercept first (aliased ones are 0). */
  coefficients: number[];
  /** Indices of the coefficients that were estimated. */
  kept: number[];
  /** Their covariance (centred design, kept order). */
  covariance: number[][];
  /** Normal quantile for the interval. */
  z: number;
}

/**
 * Average predicted probability at each level of one predictor: every row of the estimation
 * sample keeps its other values, the predictor is set to the level, every design column it
 * enters is recomputed (`x`, `I(x^2)`, `x:z`: design.rows.fill), and the predictions are
 * averaged. Delta-method interval: the gradient of that average with respect to the
 * coefficients is the average of mu'(eta) times the row's design vector. Both are sums in
 * JavaScript in row order, so they are the same bits in every engine. Intervals are clamped
 * to [0, 1]: a probability outside it means nothing to a reader (Stata's margins and R's
 * marginaleffects leave them unclamped; the clamping is documented).
 */
export async function predictByLevel(
  engine: Engine,
  design: Design,
  matrix: DesignMatrix,
  variable: ColumnInfo,
  model: FittedModel,
): Promise<TableData> {
  const { levels, counts, type } = await levelsOf(engine, design, variable);
  const k = design.raw.findIndex((r) => r.column.name === variable.name);
  const source = design.raw[k];
  const raw = new Float64Array(design.raw.length);
  const out: Row[] = [];
  for (const [i, level] of levels.entries()) {
    const value =
      source.kind === 'text'
        ? source.levels.indexOf(String(level))
        : source.kind === 'boolean'
          ? Number(level === true)
          : Number(level);
    const fillRow = (r: number, row: Float64Array) => {
      design.rawRow(r, raw);
      raw[k] = value;
      design.rows.fill(raw, row);
    };
    const { mean, gradient } = await averagePrediction(matrix, model.coefficients, fillRow);
    const g = model.kept.map((index) => gradient[index]);
    let variance = 0;
    for (let a = 0; a < g.length; a++) {
      for (let b = 0; b < g.length; b++) variance += g[a] * model.covariance[a][b] * g[b];
    }
    const se = Math.sqrt(Math.max(variance, 0));
    out.push({
      [variable.name]: level,
      predicted: mean,
      lower: Math.max(0, mean - model.z * se),
      upper: Math.min(1, mean + model.z * se),
      n: counts[i],
    });
  }
  return {
    columns: [
      { name: variable.name, type },
      { name: 'predicted', type: 'DOUBLE' },
      { name: 'lower', type: 'DOUBLE' },
      { name: 'upper', type: 'DOUBLE' },
      { name: 'n', type: 'BIGINT' },
    ],
    rows: out,
  };
}

/**
 * The levels shown, each with its rows in the estimation sample, and the column's type (the
 * ordered logit's predictions use the same levels): every text level; FALSE and TRUE; a
 * number's distinct values when there are at most 20 or it enters the model as factor(x),
 * otherwise its quantiles (`n` counts rows exactly at the level). All counted from the
 * sample's columns in JavaScript: exact.
 */
export async function levelsOf(
  _engine: Engine,
  design: Design,
  variable: ColumnInfo,
): Promise<{ levels: Value[]; counts: number[]; type: string }> {
  const source = design.raw.find((r) => r.column.name === variable.name);
  if (!source) return { levels: [], counts: [], type: variable.type };
  const { values } = source;
  if (source.kind !== 'number') {
    const size = source.kind === 'boolean' ? 2 : source.levels.length;
    const counts = new Array<number>(size).fill(0);
    for (const v of values) counts[v]++;
    const levels = source.kind === 'boolean' ? [false, true] : source.levels;
    return { levels, counts, type: source.kind === 'boolean' ? 'BOOLEAN' : variable.type };
  }
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  const distinct = [...tally.keys()].sort((a, b) => a - b);
  const factor = design.variables.some((v) => v.kind === 'factor' && design.raw[v.raw] === source);
  if (distinct.length <= MAX_DISTINCT || factor) {
    return {
      levels: distinct,
      counts: distinct.map((d) => tally.get(d) ?? 0),
      type: variable.type,
    };
  }
  const sorted = Float64Array.from(values).sort();
  const levels = [...new Set(QUANTILES.map((q) => quantileCont(sorted, q)))];
  return { levels, counts: levels.map((l) => tally.get(l) ?? 0), type: 'DOUBLE' };
}

/**
 * DuckDB's quantile_cont (= R's quantile type 7), with DuckDB's own arithmetic so the levels
 * are the bits it would give: lo + (hi - lo) * (RN - floor(RN)), RN = (n - 1) q.
 */
export function quantileCont(sorted: Float64Array, q: number): number {
  const rn = (sorted.length - 1) * q;
  const lo = Math.floor(rn);
  const hi = Math.ceil(rn);
  if (lo === hi) return sorted[lo];
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rn - lo);
}
