import type { ColumnInfo, Engine, Row } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { uniqueName } from '../shared/unique-name.ts';
import { CellError } from '../shared/errors.ts';
import type { CellTables } from '../shared/table-data.ts';
import { plural, requireColumn, tableColumns } from './columns.ts';
import { zForLevel } from './normal-quantile.ts';
import { checkOutcome, successCondition } from './outcome.ts';
import { countMissing, missingTable } from './missing.ts';
import { wilsonInterval } from './wilson.ts';

export interface RateSpec {
  from: string;
  outcome: string;
  by: string | string[];
  level?: number;
}

const RESULT_COLUMNS = ['n', 'successes', 'rate', 'lower', 'upper'];

export function confidenceLevel(level: number | undefined): number {
  const value = level ?? 0.95;
  if (!(value > 0 && value < 1)) {
    throw new CellError(`level must be a number between 0 and 1 (exclusive); got ${String(level)}`);
  }
  return value;
}

/**
 * Success rate with a Wilson interval per group. Counting happens in DuckDB (one GROUP BY);
 * only one row per group comes back to compute the interval.
 */
export async function runRate(engine: Engine, spec: RateSpec): Promise<CellTables> {
  const level = confidenceLevel(spec.level);
  const columns = await tableColumns(engine, spec.from);
  const outcome = requireColumn(columns, spec.outcome, 'outcome');
  const byNames = typeof spec.by === 'string' ? [spec.by] : spec.by;
  const by = byNames.map((name) => requireColumn(columns, name, 'by'));
  if (by.some((c) => c.name === outcome.name)) {
    throw new CellError(
      `outcome column ${JSON.stringify(outcome.name)} cannot also be a by column`,
    );
  }
  for (const c of by) {
    if (RESULT_COLUMNS.includes(c.name.toLowerCase())) {
      throw new CellError(
        `by column ${JSON.stringify(c.name)} clashes with a result column; rename it in a sql cell first`,
      );
    }
  }
  await checkOutcome(engine, spec.from, outcome);

  // One scan: groups with a missing by value, and rows with a missing outcome, are counted
  // (to say how many were left out) rather than filtered out by a second query.
  const byList = by.map((c) => ident(c.name));
  const total = uniqueName('total', new Set(by.map((c) => c.name.toLowerCase())));
  const select = [
    ...byList,
    `count(${ident(outcome.name)}) AS n`,
    `count_if(${successCondition(outcome)}) AS successes`,
    `count(*) AS ${ident(total)}`,
  ].join(', ');
  const groupBy = byList.length ? `GROUP BY ${byList.join(', ')}` : '';
  const orderBy = byList.length
    ? `ORDER BY ${byList.map((b) => `${b} NULLS LAST`).join(', ')}`
    : '';
  const { rows: groups } = await engine.query(
    `SELECT ${select} FROM ${ident(spec.from)} ${groupBy} ${orderBy}`,
  );

  const z = zForLevel(level);
  let left = 0;
  const rows: Row[] = [];
  for (const g of groups) {
    const n = Number(g.n);
    const all = Number(g[total]);
    if (by.some((c) => g[c.name] === null)) {
      left += all;
      continue;
    }
    left += all - n;
    if (n === 0) continue;
    const successes = Number(g.successes);
    const { lower, upper } = wilsonInterval(successes, n, z);
    const row: Row = {};
    for (const c of by) row[c.name] = g[c.name];
    rows.push(Object.assign(row, { n, successes, rate: successes / n, lower, upper }));
  }
  const outputColumns: ColumnInfo[] = [
    ...by.map((c) => ({ name: c.name, type: c.type })),
    { name: 'n', type: 'BIGINT' },
    { name: 'successes', type: 'BIGINT' },
    { name: 'rate', type: 'DOUBLE' },
    { name: 'lower', type: 'DOUBLE' },
    { name: 'upper', type: 'DOUBLE' },
  ];
  const warnings: string[] = [];
  if (left > 0) {
    const what = by.length ? 'a missing outcome or group' : 'a missing outcome';
    warnings.push(`${plural(left, 'row')} with ${what} ${left === 1 ? 'was' : 'were'} left out`);
  }
  if (rows.length === 0) warnings.push('no rows with an outcome and a group: the table is empty');
  // Outcome first, then the groups: the order of the model's columns, as for the logit.
  const missing = await countMissing(engine, spec.from, [outcome, ...by], false);
  return {
    tables: { '': { columns: outputColumns, rows }, _missing: missingTable(missing) },
    warnings,
  };
}
