import {
  EXACT_IN_DOUBLE_TYPES,
  type ColumnInfo,
  type Engine,
  type Row,
} from '../../engine/Engine.ts';
import { ident, valueLiteral } from '../../engine/sql.ts';
import { CellError } from '../../shared/errors.ts';
import {
  isBooleanType,
  isFloatType,
  isNumericType,
  isTextType,
} from '../../shared/column-types.ts';
import { plural, requireColumn, showValue } from '../columns.ts';
import { rVariableName, type Formula } from './formula.ts';
import { checkOutcome } from '../outcome.ts';
import { checkWeights, clusterCodeSql, rowColumns, type RowOptions } from './row-options.ts';
import {
  distinctColumns,
  missingCountsOf,
  missingCountsSql,
  missingSql,
  type MissingCount,
} from '../missing.ts';

const MAX_LEVELS = 50;

/** One column of the model matrix besides the intercept. */
export interface DesignColumn {
  /** Coefficient name as R's glm prints it: `x`, `regionEurope`, `flagTRUE`, `` `Crit Inf` ``. */
  term: string;
  variable: ColumnInfo;
  /** For a dummy: the level it marks (TRUE for a boolean). */
  level?: string | boolean;
  /** Same value in every row of the estimation sample. */
  constant: boolean;
  /** Smallest and largest value among rows with outcome 0 and with outcome 1 (NaN if none). */
  range: { min0: number; max0: number; min1: number; max1: number };
}

export interface Design {
  /**
   * The estimation sample as a query (no temp table: it is read once, in order): `y` (0/1),
   * `c1`…`cK` (design columns), `v` (the predict variable).
   */
  sample: string;
  columns: DesignColumn[];
  /** Sorted levels of each text predictor (all of them, the reference level first). */
  levels: Map<string, string[]>;
  predictors: ColumnInfo[];
  n: number;
  /** Rows of the estimation sample with outcome 1. */
  ones: number;
  /** Rows left out because a model column was missing. */
  dropped: number;
  /** Missing values per model column (outcome first, then predictors), then the listwise total. */
  missing: MissingCount[];
  /** Notes about terms left out of the model. */
  notes: string[];
  /** The sample has prior weights in `w` (rows with weight 0 are left out of it). */
  weighted: boolean;
  /** Rows left out because their weight is 0. */
  zeroWeights: number;
  /** Number of clusters when the sample has a cluster code 1…G in `g`. */
  clusters: number | null;
}

export interface DesignOptions extends RowOptions {
  /** A predictor whose raw value the sample also carries, as `v`. */
  predict?: string;
  /**
   * An outcome coded by the caller (an ordered model's category 0…K-1) instead of the 0/1
   * check and cast: SQL over the source table giving a small integer for every complete row.
   */
  outcomeSql?: string;
}

export function designColumnName(index: number): string {
  return `c${index + 1}`;
}

/**
 * Describes the model matrix and the SQL that yields it, read once by logit-kernel.ts. Text
 * predictors are dummy-coded against their first level in code point order (R's sort order in
 * the C locale), booleans become `<name>TRUE`, numbers stay as they are.
 */
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
  for (const p of predictors) {
    if (!isNumericType(p.type) && !isBooleanType(p.type) && !isTextType(p.type)) {
      throw new CellError(
        `predictor ${JSON.stringify(p.name)} is ${p.type}; a logit takes numeric, boolean or ` +
          'text columns — derive one in a sql cell first',
      );
    }
  }
  const predictVariable =
    predict === undefined ? undefined : predictors.find((p) => p.name === predict);
  if (predict !== undefined && !predictVariable) {
    throw new CellError(
      `predict names ${JSON.stringify(predict)}, which is not a predictor in the formula ` +
        `(predictors: ${predictors.map((p) => JSON.stringify(p.name)).join(', ') || 'none'})`,
    );
  }
  if (options.outcomeSql === undefined) await checkOutcome(engine, from, outcome);
  const ySql = options.outcomeSql ?? `CAST(${ident(outcome.name)} AS UTINYINT)`;

  const source = ident(from);
  // A row without a cluster cannot be placed in one: it is left out like any missing value.
  const modelColumns = distinctColumns([
    outcome,
    ...predictors,
    ...(extra.cluster ? [extra.cluster] : []),
  ]);
  const complete = modelColumns.map((c) => `NOT ${missingSql(c, true)}`).join(' AND ');
  const infinite = modelColumns.filter((c) => isFloatType(c.type));
  // The same scan counts each column's missing values, as R's colSums(is.na(...)) would.
  const counts = await engine.query(
    `SELECT count(*) AS total, count_if(${complete}) AS complete,
     ${missingCountsSql(modelColumns, true)}
     ${infinite.map((c, i) => `, count_if(isinf(${ident(c.name)})) AS inf${i}`).join('')}
     FROM ${source}`,
  );
  const countRow = counts.rows[0];
  infinite.forEach((c, i) => {
    if (Number(countRow[`inf${i}`]) > 0) {
      throw new CellError(
        `column ${JSON.stringify(c.name)} holds infinite values; a logit cannot use them`,
      );
    }
  });
  const weighting = extra.weights
    ? await checkWeights(engine, source, extra.weights, complete)
    : undefined;
  const zeroWeights = weighting?.zero ?? 0;
  const n = Number(countRow.complete) - zeroWeights;
  const dropped = Number(countRow.total) - Number(countRow.complete);
  const conditions = [
    ...(dropped > 0 ? [complete] : []),
    ...(zeroWeights > 0 && weighting ? [weighting.keep] : []),
  ];
  // Every row complete (the usual case): no filter to evaluate on each later pass.
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  if (n === 0) {
    throw new CellError(
      `no row has values in all model columns (${modelColumns.map((c) => JSON.stringify(c.name)).join(', ')})`,
    );
  }

  const notes: string[] = [];
  const levels = new Map<string, string[]>();
  const draft: { term: string; variable: ColumnInfo; level?: string | boolean; sql: string }[] = [];
  for (const p of predictors) {
    const name = rVariableName(p.name);
    if (isNumericType(p.type)) {
      draft.push({ term: name, variable: p, sql: numberSql(p) });
    } else if (isBooleanType(p.type)) {
      draft.push({
        term: `${name}TRUE`,
        variable: p,
        level: true,
        sql: `CAST(${ident(p.name)} AS UTINYINT)`,
      });
    } else {
      const found = await textLevels(engine, source, p, where);
      levels.set(p.name, found);
      if (found.length < 2) {
        notes.push(
          `${JSON.stringify(p.name)} has a single value (${showValue(found[0])}) in the ` +
            'estimation sample and was left out (R stops with "contrasts can be applied only ' +
            'to factors with 2 or more levels")',
        );
        continue;
      }
      for (const level of found.slice(1)) {
        draft.push({
          term: `${name}${level}`,
          variable: p,
          level,
          sql: `CAST(${ident(p.name)} = ${valueLiteral(level)} AS UTINYINT)`,
        });
      }
    }
  }

  // One pass, split by outcome: constant columns and the per-outcome ranges the separation
  // check needs (min and max are exact, whatever DuckDB's threads do; sums would not be).
  const { rows: byOutcome } = await engine.query(
    `SELECT CAST(${ySql} AS DOUBLE) AS y, count(*) AS n
     ${draft.map((d, i) => `, min(${d.sql}) AS lo${i}, max(${d.sql}) AS hi${i}`).join('')}
     FROM ${source}${where} GROUP BY ALL`,
  );
  const group = (y: number) => byOutcome.find((r) => r.y === y);
  const [zeros, ones] = [group(0), group(1)];
  const at = (row: Row | undefined, key: string) => (row ? Number(row[key]) : NaN);
  const designColumns: DesignColumn[] = draft.map((d, i) => {
    const range = {
      min0: at(zeros, `lo${i}`),
      max0: at(zeros, `hi${i}`),
      min1: at(ones, `lo${i}`),
      max1: at(ones, `hi${i}`),
    };
    const lo = Math.min(...[range.min0, range.min1].filter((v) => !Number.isNaN(v)));
    const hi = Math.max(...[range.max0, range.max1].filter((v) => !Number.isNaN(v)));
    return { term: d.term, variable: d.variable, level: d.level, constant: lo === hi, range };
  });

  const cluster = extra.cluster
    ? await clusterCodeSql(engine, source, extra.cluster, where)
    : undefined;
  const select = [
    `${ySql} AS y`,
    ...draft.map((d, i) => `${d.sql} AS ${ident(designColumnName(i))}`),
    ...(predictVariable ? [`${ident(predictVariable.name)} AS v`] : []),
    ...(extra.weights ? [`CAST(${ident(extra.weights.name)} AS DOUBLE) AS w`] : []),
    ...(cluster ? [`${cluster.sql} AS g`] : []),
  ];
  return {
    sample: `SELECT ${select.join(', ')} FROM ${source}${where}`,
    columns: designColumns,
    levels,
    predictors,
    n,
    ones: ones ? Number(ones.n) : 0,
    dropped,
    missing: missingCountsOf(modelColumns, countRow),
    notes,
    weighted: extra.weights !== undefined,
    zeroWeights,
    clusters: cluster?.count ?? null,
  };
}

async function textLevels(
  engine: Engine,
  source: string,
  column: ColumnInfo,
  where: string,
): Promise<string[]> {
  const { rows } = await engine.query(
    `SELECT DISTINCT ${ident(column.name)} AS level FROM ${source}${where} LIMIT ${MAX_LEVELS + 1}`,
  );
  if (rows.length > MAX_LEVELS) {
    throw new CellError(
      `text predictor ${JSON.stringify(column.name)} has more than ${MAX_LEVELS} distinct values; ` +
        'group them into fewer categories in a sql cell first',
    );
  }
  return rows.map((r) => String(r.level)).sort(compareCodePoints);
}

/** Code point order, which is UTF-8 byte order: how R's sort() orders strings in the C locale. */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export function describeDropped(dropped: number): string {
  return `${plural(dropped, 'row')} with a missing value in a model column ${dropped === 1 ? 'was' : 'were'} left out`;
}

/**
 * A numeric predictor as the design reads it. Dummies and the outcome are UTINYINT and narrow
 * integers stay as they are, so less crosses from DuckDB's worker; BIGINT and DECIMAL become
 * DOUBLE, as R's model.matrix makes them.
 */
function numberSql(column: ColumnInfo): string {
  return EXACT_IN_DOUBLE_TYPES.has(column.type)
    ? ident(column.name)
    : `CAST(${ident(column.name)} AS DOUBLE)`;
}
