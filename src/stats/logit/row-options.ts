/**
 * The two per-row columns a model can take besides its formula: prior weights (`weights:`, as
 * glm's `weights =`) and the cluster of a clustered covariance (`cluster:`). Both are chosen
 * and checked here and read by the design into the estimation sample as `w` and `g`.
 */
import type { ColumnInfo, Engine } from '../../engine/Engine.ts';
import { ident, valueLiteral } from '../../engine/sql.ts';
import { CellError } from '../../shared/errors.ts';
import { isBooleanType, isNumericType, isTextType } from '../../shared/column-types.ts';
import { plural, requireColumn } from '../columns.ts';
import { missingSql } from '../missing.ts';

/** More clusters than this would put an unreasonably long list into the sample's SQL. */
const MAX_CLUSTERS = 100_000;

export interface RowOptions {
  weights?: string;
  cluster?: string;
}

export interface RowColumns {
  weights?: ColumnInfo;
  cluster?: ColumnInfo;
}

export function rowColumns(columns: ColumnInfo[], options: RowOptions): RowColumns {
  const weights =
    options.weights === undefined ? undefined : requireColumn(columns, options.weights, 'weights');
  if (weights && !isNumericType(weights.type)) {
    throw new CellError(
      `weights column ${JSON.stringify(weights.name)} is ${weights.type}; weights must be numbers`,
    );
  }
  const cluster =
    options.cluster === undefined ? undefined : requireColumn(columns, options.cluster, 'cluster');
  if (
    cluster &&
    !isNumericType(cluster.type) &&
    !isTextType(cluster.type) &&
    !isBooleanType(cluster.type)
  ) {
    throw new CellError(
      `cluster column ${JSON.stringify(cluster.name)} is ${cluster.type}; use a numeric, text or ` +
        'boolean column (derive one in a sql cell)',
    );
  }
  return { weights, cluster };
}

/**
 * Missing or negative weights are an error (glm stops on negative ones; a missing weight is a
 * data problem, not a row to drop quietly); zero weights drop the row, as glm gives it no say
 * and does not count it in the sample size. Returns the SQL condition that keeps rows.
 */
export async function checkWeights(
  engine: Engine,
  source: string,
  weights: ColumnInfo,
  complete: string,
): Promise<{ keep: string; zero: number }> {
  const w = ident(weights.name);
  const { rows } = await engine.query(
    `SELECT count_if(${missingSql(weights, true)}) AS missing, count_if(${w} < 0) AS negative,
       count_if(${w} = 0) AS zero, count_if(isinf(CAST(${w} AS DOUBLE))) AS infinite
     FROM ${source} WHERE ${complete}`,
  );
  const count = (key: string) => Number(rows[0][key]);
  const name = JSON.stringify(weights.name);
  if (count('missing') > 0) {
    throw new CellError(
      `weights column ${name} is missing in ${plural(count('missing'), 'row')} of the sample; ` +
        'give every row a weight (or filter those rows out in a sql cell)',
    );
  }
  if (count('negative') > 0 || count('infinite') > 0) {
    throw new CellError(
      `weights column ${name} has ${plural(count('negative') + count('infinite'), 'row')} ` +
        'with a negative or infinite weight; weights must be zero or positive',
    );
  }
  return { keep: `${w} > 0`, zero: count('zero') };
}

/**
 * SQL giving each row's cluster a dense code 1…G in sorted order of the cluster values. The
 * sample must keep its row order, which a window function (dense_rank) would not promise, so
 * the code is the value's position in the sorted list of distinct values.
 */
export async function clusterCodeSql(
  engine: Engine,
  source: string,
  cluster: ColumnInfo,
  where: string,
): Promise<{ sql: string; count: number }> {
  const c = ident(cluster.name);
  const { rows } = await engine.query(
    `SELECT DISTINCT ${c} AS v FROM ${source}${where} ORDER BY v LIMIT ${MAX_CLUSTERS + 1}`,
  );
  if (rows.length > MAX_CLUSTERS) {
    throw new CellError(
      `cluster column ${JSON.stringify(cluster.name)} has more than ${MAX_CLUSTERS} distinct values`,
    );
  }
  const list = rows.map((r) => valueLiteral(r.v as string | number | boolean)).join(', ');
  return { sql: `CAST(list_position([${list}], ${c}) AS INTEGER)`, count: rows.length };
}
