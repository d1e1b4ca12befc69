import type { ColumnInfo, Engine, Row, Value } from '../../engine/Engine.ts';
import { valueLiteral } from '../../engine/sql.ts';
import type { TableData } from '../../shared/table-data.ts';
import { isBooleanType, isNumericType } from '../../shared/column-types.ts';
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
 * sample keeps its other values, the predictor is set to the level, and the predictions are
 * averaged. Delta-method interval: the gradient of that average with respect to the
 * coefficients is the average of mu'(eta) times the row's (modified) design vector. Both are
 * sums over the design matrix in logit-kernel.ts, so they are the same bits in every engine;
 * only the level counts come from DuckDB (integers, exact). Intervals are clamped to [0, 1]:
 * a probability outside it means nothing to a reader (Stata's margins and R's
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
  const own = design.columns
    .map((c, j) => (c.variable.name === variable.name ? j : -1))
    .filter((j) => j >= 0);
  const out: Row[] = [];
  for (const [k, level] of levels.entries()) {
    // The predictor's columns at this level, centred as the matrix is (column j is j + 1 there).
    const at = new Map(
      own.map((j) => {
        const column = design.columns[j];
        const raw = column.level === undefined ? Number(level) : level === column.level ? 1 : 0;
        return [j + 1, raw - matrix.shift[j + 1]] as [number, number];
      }),
    );
    const { mean, gradient } = await averagePrediction(matrix, model.coefficients, at);
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
      n: counts[k],
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

/** Rows of the estimation sample at each level (0 for a quantile no row sits on exactly). */
async function levelCounts(engine: Engine, design: Design, levels: Value[]): Promise<number[]> {
  if (levels.length === 0) return [];
  const values = levels.map((level, k) => `(${k}, ${literalFor(level)})`).join(', ');
  const { rows } = await engine.query(
    `SELECT lv.k AS k, count(d.v) AS n
     FROM (VALUES ${values}) AS lv(k, level) LEFT JOIN (${design.sample}) AS d ON d.v = lv.level
     GROUP BY lv.k ORDER BY lv.k`,
  );
  return rows.map((r) => Number(r.n));
}

function literalFor(level: Value): string {
  if (typeof level === 'number' || typeof level === 'string' || typeof level === 'boolean') {
    return valueLiteral(level);
  }
  return 'NULL';
}

/**
 * The levels shown, each with its rows in the estimation sample, and the column's type (the
 * ordered logit's predictions use the same levels).
 */
export async function levelsOf(
  engine: Engine,
  design: Design,
  variable: ColumnInfo,
): Promise<{ levels: Value[]; counts: number[]; type: string }> {
  const counted = async (levels: Value[], type: string) => ({
    levels,
    counts: await levelCounts(engine, design, levels),
    type,
  });
  if (isBooleanType(variable.type)) return counted([false, true], 'BOOLEAN');
  if (!isNumericType(variable.type)) {
    return counted(design.levels.get(variable.name) ?? [], variable.type);
  }
  const table = `(${design.sample})`;
  // A few distinct values: they are the levels, and the same scan counts them.
  const distinct = await engine.query(
    `SELECT CAST(v AS DOUBLE) AS level, count(*) AS n FROM ${table}
     GROUP BY level ORDER BY level LIMIT ${MAX_DISTINCT + 1}`,
  );
  if (distinct.rows.length <= MAX_DISTINCT) {
    return {
      levels: distinct.rows.map((r) => r.level),
      counts: distinct.rows.map((r) => Number(r.n)),
      type: variable.type,
    };
  }
  const { rows } = await engine.query(
    `SELECT quantile_cont(CAST(v AS DOUBLE), [${QUANTILES.join(', ')}]) AS q FROM ${table}`,
  );
  const q = rows[0].q as number[];
  return counted([...new Set(q)], 'DOUBLE');
}
