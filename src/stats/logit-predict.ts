import type { ColumnInfo, Engine, Row, Value } from '../engine/Engine.ts';
import { ident, valueLiteral } from '../engine/sql.ts';
import type { TableData } from '../notebook/types.ts';
import { isBooleanType, isNumericType } from './columns.ts';
import { designColumnName, type Design } from './logit-design.ts';
import { linearPredictor, linkSql } from './logit-irls.ts';

/** Numeric predictors with more distinct values than this are shown at quantiles instead. */
const MAX_DISTINCT = 20;
/** R's quantile(type = 7) probabilities used then: extremes, deciles 1 and 9, quartiles. */
const QUANTILES = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];

/**
 * Average predicted probability at each level of one predictor: every row of the estimation
 * sample keeps its other values, the predictor is set to the level, and the predictions are
 * averaged. Delta-method interval: the gradient of that average with respect to the
 * coefficients is the average of mu'(eta) times the row's (modified) design vector; both
 * averages come from one SQL aggregate over the design table crossed with the levels.
 * Intervals are on the probability scale, unclamped (as Stata's margins and R's
 * marginaleffects report them).
 */
export async function predictByLevel(
  engine: Engine,
  design: Design,
  variable: ColumnInfo,
  coefficients: number[],
  kept: number[],
  covariance: number[][],
  z: number,
): Promise<TableData> {
  const { levels, type } = await levelsOf(engine, design, variable);
  const own = design.columns
    .map((c, j) => (c.variable.name === variable.name ? j : -1))
    .filter((j) => j >= 0);
  // Row k of the VALUES list: the level, then the centred value of each of the predictor's columns.
  const values = levels.map((level, k) => {
    const cells = own.map((j) => {
      const column = design.columns[j];
      const raw = column.level === undefined ? Number(level) : level === column.level ? 1 : 0;
      return valueLiteral(raw - column.shift);
    });
    return `(${[String(k), literalFor(level), ...cells].join(', ')})`;
  });
  const lvColumns = ['k', 'level', ...own.map((_, i) => `d${i}`)];
  const columnSql = (j: number) => {
    const at = own.indexOf(j);
    return at >= 0 ? `lv.${ident(`d${at}`)}` : `d.${ident(designColumnName(j))}`;
  };
  const inner = [
    'lv.k AS k',
    'lv.level AS level',
    'd.v AS v',
    `${linearPredictor(coefficients, columnSql)} AS eta`,
    ...kept.filter((j) => j > 0).map((j) => `${columnSql(j - 1)} AS ${ident(`x${j}`)}`),
  ];
  const gradient = kept.map((j) =>
    j === 0 ? 'avg(me) AS g0' : `avg(me * ${ident(`x${j}`)}) AS g${j}`,
  );
  const relation = `SELECT ${inner.join(', ')} FROM ${ident(design.table)} AS d
    CROSS JOIN (VALUES ${values.join(', ')}) AS lv(${lvColumns.map(ident).join(', ')})`;
  const { rows } = await engine.query(
    `SELECT k, avg(mu) AS predicted, count_if(v = level) AS n, ${gradient.join(', ')}
     FROM (${linkSql(relation)}) GROUP BY k ORDER BY k`,
  );
  const out: Row[] = rows.map((r) => {
    const g = kept.map((index) => Number(r[`g${index}`]));
    let variance = 0;
    for (let a = 0; a < g.length; a++) {
      for (let b = 0; b < g.length; b++) variance += g[a] * covariance[a][b] * g[b];
    }
    const predicted = Number(r.predicted);
    const se = Math.sqrt(Math.max(variance, 0));
    return {
      [variable.name]: levels[Number(r.k)],
      predicted,
      lower: predicted - z * se,
      upper: predicted + z * se,
      n: Number(r.n),
    };
  });
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

function literalFor(level: Value): string {
  if (typeof level === 'number' || typeof level === 'string' || typeof level === 'boolean') {
    return valueLiteral(level);
  }
  return 'NULL';
}

async function levelsOf(
  engine: Engine,
  design: Design,
  variable: ColumnInfo,
): Promise<{ levels: Value[]; type: string }> {
  if (isBooleanType(variable.type)) return { levels: [false, true], type: 'BOOLEAN' };
  if (!isNumericType(variable.type)) {
    return { levels: design.levels.get(variable.name) ?? [], type: variable.type };
  }
  const table = ident(design.table);
  const distinct = await engine.query(
    `SELECT DISTINCT CAST(v AS DOUBLE) AS level FROM ${table} ORDER BY level LIMIT ${MAX_DISTINCT + 1}`,
  );
  if (distinct.rows.length <= MAX_DISTINCT) {
    return { levels: distinct.rows.map((r) => r.level), type: variable.type };
  }
  const { rows } = await engine.query(
    `SELECT quantile_cont(CAST(v AS DOUBLE), [${QUANTILES.join(', ')}]) AS q FROM ${table}`,
  );
  const q = rows[0].q as number[];
  return { levels: [...new Set(q)], type: 'DOUBLE' };
}
