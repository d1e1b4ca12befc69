/**
 * Whether a SQL cell is exactly one query, decided by DuckDB's own parser. A hand-written
 * tokenizer cannot be the guard: one disagreement about where a string ends (`E'\''`, a
 * comment ended by a bare CR) and a second statement slips through. So the text the engine
 * will run is prepared — parsed and bound, never run — as `SELECT * FROM (\n … \n)`: DuckDB
 * prepares only one statement at a time, and only a query fits inside those brackets, so
 * COPY, UPDATE, SET, ATTACH, INSTALL, PRAGMA or a second statement can never get through.
 * (DuckDB-WASM has no JSON extension without a download, so json_serialize_sql is not an
 * option; preparing works the same in both engines.)
 */
import { EngineError, type Engine } from '../../engine/Engine.ts';
import { SqlSyntaxError } from './sql-tokens.ts';

/**
 * The same brackets the runner wraps the query in (`CREATE OR REPLACE TABLE x AS (\n … \n)`):
 * DuckDB's lexer is in the same state where the user's text starts, so it splits both texts
 * into the same statements, and LINE numbers in DuckDB's messages agree.
 */
const CHECK_PREFIX = 'SELECT * FROM (\n';
const CHECK_SUFFIX = '\n)';

/** Texts DuckDB already accepted as one query: that depends on nothing but the text. */
const accepted = new Set<string>();
const ACCEPTED_LIMIT = 10_000;

/**
 * Throws unless DuckDB reads `query` as exactly one query. A smuggled statement is a
 * SqlSyntaxError (offset into `query`); any other problem is DuckDB's own error, worded as
 * running the query would word it (a missing table, a bad column). `firstWord` words hints.
 */
export async function requireOneQuery(
  engine: Engine,
  query: string,
  firstWord: string,
): Promise<void> {
  if (accepted.has(query)) return;
  try {
    await engine.prepare(`${CHECK_PREFIX}${query}${CHECK_SUFFIX}`);
  } catch (error) {
    throw refusal(error, firstWord);
  }
  if (accepted.size >= ACCEPTED_LIMIT) accepted.clear();
  accepted.add(query);
}

function refusal(error: unknown, firstWord: string): unknown {
  if (!(error instanceof EngineError) || !/multiple statements/i.test(error.message)) return error;
  if (firstWord.toUpperCase() === 'PIVOT') {
    return new SqlSyntaxError(
      'PIVOT without an IN list is two statements in DuckDB; list the values instead: PIVOT t ON c IN (1, 2) USING …',
      0,
    );
  }
  return new SqlSyntaxError(
    'A SQL cell holds one query: DuckDB reads more than one statement here. Split them into separate cells; a notebook never runs COPY, UPDATE, SET, INSTALL or ATTACH',
    0,
  );
}
