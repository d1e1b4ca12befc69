/**
 * Executes one cell against the engine. Every kind ends the same way: its outputs are
 * DuckDB tables named after the cell, so later cells (and the user's SQL) build on them.
 */
import { EngineError, type Engine, type QueryResult, type Row } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { createTableFromRows, missingTableName } from '../engine/tables.ts';
import { MAX_ROWS, validateChart } from '../charts/index.ts';
import { runRate } from '../stats/rate.ts';
import { CellError } from '../shared/errors.ts';
import { evaluateExpectations } from './expect.ts';
import { outputTables } from './graph.ts';
import { requireOneQuery } from './query-check.ts';
import {
  checkSingleQuery,
  inlineInputs,
  parameterNames,
  sourceOffset,
  SqlSyntaxError,
  tokenize,
  type Token,
} from './sql-tokens.ts';
import type { CellState } from './state.ts';
import type { Cell, InputValue } from './types.ts';
import type { CellTables } from '../shared/table-data.ts';

/** Rows of a result shown in the notebook; the full table stays in DuckDB. */
export const PREVIEW_ROWS = 200;

export interface CellContext {
  engine: Engine;
  /** Current value of each input cell, by name. */
  inputs: Map<string, InputValue>;
  /** Tables that exist now (lower-cased), for clear "no such table" messages. */
  tableExists: (name: string) => Promise<boolean>;
}

type Outcome = Pick<
  CellState,
  'warnings' | 'outputs' | 'rows' | 'chart' | 'input' | 'expectations'
>;

export async function runCell(cell: Cell, ctx: CellContext): Promise<Outcome> {
  switch (cell.kind) {
    case 'sql':
      return runSql(cell, ctx);
    case 'rate':
      await requireTable(cell.spec.from, ctx);
      return storeTables(cell, await runRate(ctx.engine, cell.spec), ctx.engine);
    case 'crosstab': {
      await requireTable(cell.spec.from, ctx);
      // Crosstab and logit (tests, IRLS, distributions) are chunks of their own in the app,
      // fetched when the first such cell runs.
      const { runCrosstab } = await import('../stats/crosstab.ts');
      return storeTables(cell, await runCrosstab(ctx.engine, cell.spec), ctx.engine);
    }
    case 'logit': {
      await requireTable(cell.spec.from, ctx);
      const { runLogit } = await import('../stats/logit/run-logit.ts');
      return storeTables(cell, await runLogit(ctx.engine, cell.spec), ctx.engine);
    }
    case 'chart': {
      await requireTable(cell.spec.from, ctx);
      // One query gives both the column names (even for an empty table) and the rows.
      const { columns, rows } = await ctx.engine.query(
        `SELECT * FROM ${ident(cell.spec.from)} LIMIT ${MAX_ROWS + 1}`,
      );
      validateChart(
        cell.spec,
        columns.map((c) => c.name),
      );
      if (rows.length > MAX_ROWS) {
        throw new CellError(
          `Table "${cell.spec.from}" has more than ${MAX_ROWS} rows; aggregate it in a sql cell before charting`,
        );
      }
      return { warnings: [], outputs: [], rows: rows.length, chart: { spec: cell.spec, rows } };
    }
    case 'input': {
      const value = ctx.inputs.get(cell.name!) ?? cell.spec.value;
      return { warnings: [], outputs: [], input: { spec: cell.spec, value } };
    }
    case 'expect': {
      for (const table of Object.keys(cell.spec)) await requireTable(table, ctx);
      const expectations = await evaluateExpectations(ctx.engine, cell.spec);
      return { warnings: [], outputs: [], expectations };
    }
  }
}

async function runSql(cell: Cell, ctx: CellContext): Promise<Outcome> {
  const tokens = tokenize(cell.source);
  // Friendly early refusals with a position; DuckDB's parser below is what decides.
  const query = checkSingleQuery(cell.source, tokens);
  for (const name of parameterNames(tokens)) {
    if (!ctx.inputs.has(name)) {
      throw new CellError(`$${name} is not an input cell; add \`input ${name}\` or fix the name`);
    }
  }
  const bound = inlineInputs(query, tokens, ctx.inputs);
  // The text checked is the text run: an input's value can never add a statement.
  try {
    await requireOneQuery(ctx.engine, bound, firstWord(tokens));
  } catch (error) {
    if (error instanceof SqlSyntaxError) {
      throw new SqlSyntaxError(error.message, sourceOffset(error.offset, tokens, ctx.inputs));
    }
    throw explainMissingTable(error);
  }
  // The parentheses make DuckDB's own parser insist on a query here, whatever the text says.
  try {
    await ctx.engine.exec(`CREATE OR REPLACE TABLE ${ident(cell.name!)} AS (\n${bound}\n)`);
  } catch (error) {
    throw explainMissingTable(error);
  }
  return previewOutputs(cell, ctx.engine, []);
}

function firstWord(tokens: Token[]): string {
  return tokens.find((t) => t.kind === 'word')?.text ?? '';
}

/**
 * DuckDB suggests its own catalog tables for a misspelt name (`Did you mean "pg_indexes"?`);
 * say instead what a notebook cell can read. The engine's message and its LINE stay intact.
 */
function explainMissingTable(error: unknown): unknown {
  if (!(error instanceof EngineError) || missingTableName(error) === undefined) return error;
  const message = error.message
    .replace(/\nDid you mean "(pg_|duckdb_|information_schema)[^"]*"\?/, '')
    .replace(
      /does not exist!/,
      'does not exist: use a dataset from the front matter or the name of another cell',
    );
  return new EngineError(message, error.sql);
}

async function storeTables(cell: Cell, computed: CellTables, engine: Engine): Promise<Outcome> {
  for (const [suffix, data] of Object.entries(computed.tables)) {
    await createTableFromRows(engine, `${cell.name}${suffix}`, data.columns, data.rows);
  }
  return previewOutputs(cell, engine, computed.warnings);
}

async function previewOutputs(cell: Cell, engine: Engine, warnings: string[]): Promise<Outcome> {
  const outputs: Outcome['outputs'] = [];
  for (const table of outputTables(cell)) {
    const count = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
    const rowCount = Number(count.rows[0].n);
    const result: QueryResult = await engine.query(
      `SELECT * FROM ${ident(table)} LIMIT ${PREVIEW_ROWS}`,
    );
    outputs.push({ table, rowCount, result });
  }
  return { warnings, outputs, rows: outputs[0]?.rowCount };
}

async function requireTable(name: string, ctx: CellContext): Promise<void> {
  if (!(await ctx.tableExists(name))) {
    throw new CellError(
      `"${name}" names no table: use a dataset from the front matter or the name of another cell`,
    );
  }
}

/** All rows of a table as JSON values (results.json, expectations). */
export async function tableRows(engine: Engine, table: string): Promise<Row[]> {
  return (await engine.query(`SELECT * FROM ${ident(table)}`)).rows;
}
