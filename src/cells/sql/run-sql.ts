/**
 * Runs a SQL cell: each `$input` goes in as a typed, escaped literal (so the query stays
 * interruptible in DuckDB-WASM), DuckDB's own parser confirms it is one query, and the result
 * becomes a table named after the cell.
 */
import { EngineError } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { missingTableName } from '../../engine/tables.ts';
import { CellError } from '../../shared/errors.ts';
import { previewOutputs } from '../tables.ts';
import type { CellBase, CellContext, CellOutcome } from '../types.ts';
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

export async function runSql(
  cell: CellBase,
  ctx: CellContext,
  tables: string[],
): Promise<CellOutcome> {
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
  return previewOutputs(ctx.engine, tables, []);
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
