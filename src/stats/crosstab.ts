import type { ColumnInfo, Engine, Row, Value } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { CellError } from '../shared/errors.ts';
import type { CellTables, TableData } from '../shared/table-data.ts';
import { pearsonChiSquare } from './chisq.ts';
import { plural, requireColumn, showValue, tableColumns } from './columns.ts';
import { fisherExact2x2 } from './fisher.ts';
import { countMissing, missingTable } from './missing.ts';

export interface CrosstabSpec {
  from: string;
  rows: string;
  cols: string;
}

/**
 * Counts of every combination of two columns (long format, empty combinations included as 0),
 * each row's share, and tests of independence. Counting happens in DuckDB.
 */
export async function runCrosstab(engine: Engine, spec: CrosstabSpec): Promise<CellTables> {
  const columns = await tableColumns(engine, spec.from);
  const rowCol = requireColumn(columns, spec.rows, 'rows');
  const colCol = requireColumn(columns, spec.cols, 'cols');
  if (rowCol.name === colCol.name) {
    throw new CellError(
      `rows and cols must be different columns (both are ${JSON.stringify(rowCol.name)})`,
    );
  }
  for (const c of [rowCol, colCol]) {
    if (['n', 'row_share'].includes(c.name)) {
      throw new CellError(
        `column ${JSON.stringify(c.name)} clashes with a result column; rename it in a sql cell first`,
      );
    }
  }
  const r = ident(rowCol.name);
  const c = ident(colCol.name);
  const from = ident(spec.from);
  const complete = `${r} IS NOT NULL AND ${c} IS NOT NULL`;
  const { rows: grid } = await engine.query(
    `WITH counts AS (SELECT ${r} AS r, ${c} AS c, count(*) AS n FROM ${from} WHERE ${complete} GROUP BY ALL),
     rl AS (SELECT DISTINCT r FROM counts), cl AS (SELECT DISTINCT c FROM counts)
     SELECT rl.r AS r, cl.c AS c, coalesce(counts.n, 0) AS n
     FROM rl CROSS JOIN cl LEFT JOIN counts ON counts.r = rl.r AND counts.c = cl.c
     ORDER BY rl.r, cl.c`,
  );
  const missing = await countMissing(engine, spec.from, [rowCol, colCol], false);

  const rowLevels = distinctInOrder(grid.map((g) => g.r));
  const colLevels = distinctInOrder(grid.map((g) => g.c));
  if (grid.length === 0) {
    throw new CellError(
      `no rows where both ${JSON.stringify(rowCol.name)} and ${JSON.stringify(colCol.name)} have a value`,
    );
  }
  for (const [col, levels] of [
    [rowCol, rowLevels],
    [colCol, colLevels],
  ] as const) {
    if (levels.length < 2) {
      throw new CellError(
        `crosstab needs at least two values in ${JSON.stringify(col.name)}; ` +
          `it only has ${showValue(levels[0])}`,
      );
    }
  }
  // The grid is complete and ordered by row then column level, so it reshapes directly.
  const counts = rowLevels.map((_, i) =>
    colLevels.map((_, j) => Number(grid[i * colLevels.length + j].n)),
  );
  const rows: Row[] = grid.map((g, index) => {
    const i = Math.floor(index / colLevels.length);
    const rowTotal = counts[i].reduce((a, b) => a + b, 0);
    const n = Number(g.n);
    return { [rowCol.name]: g.r, [colCol.name]: g.c, n, row_share: n / rowTotal };
  });
  const outputColumns: ColumnInfo[] = [
    { name: rowCol.name, type: rowCol.type },
    { name: colCol.name, type: colCol.type },
    { name: 'n', type: 'BIGINT' },
    { name: 'row_share', type: 'DOUBLE' },
  ];

  const warnings: string[] = [];
  const left = missing[missing.length - 1].missing;
  if (left > 0) {
    warnings.push(
      `${plural(left, 'row')} with a missing ${JSON.stringify(rowCol.name)} or ` +
        `${JSON.stringify(colCol.name)} ${left === 1 ? 'was' : 'were'} left out`,
    );
  }
  const chi = pearsonChiSquare(counts);
  const tests: Row[] = [
    { method: 'Pearson chi-square', statistic: chi.statistic, df: chi.df, p_value: chi.pValue },
  ];
  const is2x2 = rowLevels.length === 2 && colLevels.length === 2;
  if (is2x2) {
    tests.push({
      method: 'Fisher exact',
      statistic: null,
      df: null,
      p_value: fisherExact2x2(counts),
    });
  }
  if (chi.minExpected < 5) {
    warnings.push(
      `smallest expected count is ${chi.minExpected.toPrecision(3)} (below 5): ` +
        `the chi-square approximation may be incorrect${is2x2 ? '; prefer the Fisher exact test' : ''}`,
    );
  }
  const testTable: TableData = {
    columns: [
      { name: 'method', type: 'VARCHAR' },
      { name: 'statistic', type: 'DOUBLE' },
      { name: 'df', type: 'DOUBLE' },
      { name: 'p_value', type: 'DOUBLE' },
    ],
    rows: tests,
  };
  return {
    tables: {
      '': { columns: outputColumns, rows },
      _test: testTable,
      _missing: missingTable(missing),
    },
    warnings,
  };
}

function distinctInOrder(values: Value[]): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of values) {
    const key = JSON.stringify(v);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}
