/**
 * Whether a SQL cell is exactly one read-only query, decided by DuckDB's own parser. A
 * hand-written tokenizer cannot be the guard: one disagreement about where a string ends
 * (`E'\''`, a comment ended by a bare CR) and a second statement slips through. So the text the
 * engine will run is handed to `json_serialize_sql`, which parses it the way execution would
 * and serialises only SELECT-class statements: anything else (COPY, UPDATE, SET, ATTACH,
 * INSTALL, PRAGMA, CALL …) comes back as an error, and more than one statement as a list.
 */
import type { Engine } from '../engine/Engine.ts';
import { literal } from '../engine/sql.ts';
import { SqlSyntaxError } from './sql-tokens.ts';

/**
 * The checked text is the cell's query inside `SELECT * FROM (\n … \n)`, the same brackets
 * the runner wraps it in (`CREATE OR REPLACE TABLE x AS (\n … \n)`): DuckDB's lexer is in the
 * same state when the user's text starts, so it splits both into the same statements.
 */
export const CHECK_PREFIX = 'SELECT * FROM (\n';
const CHECK_SUFFIX = '\n)';

interface Serialized {
  error?: boolean;
  error_message?: string;
  position?: string;
  statements?: unknown[];
}

/** Texts DuckDB already accepted; the parse depends on nothing but the text. */
const accepted = new Set<string>();
const ACCEPTED_LIMIT = 10_000;

/**
 * Throws a SqlSyntaxError (offset into `query`) unless DuckDB parses `query` as exactly one
 * SELECT-class statement. `firstWord` words the refusal ("UPDATE statements are refused").
 */
export async function requireOneQuery(
  engine: Engine,
  query: string,
  firstWord: string,
): Promise<void> {
  if (accepted.has(query)) return;
  const checked = `${CHECK_PREFIX}${query}${CHECK_SUFFIX}`;
  const { rows } = await engine.query(`SELECT json_serialize_sql(${literal(checked)}) AS j`);
  const result = JSON.parse(String(rows[0].j)) as Serialized;
  if (result.error) throw refusal(result, query, firstWord);
  if (result.statements?.length !== 1) {
    throw new SqlSyntaxError(
      'A SQL cell holds one query; split the statements into separate cells',
      0,
    );
  }
  if (accepted.size >= ACCEPTED_LIMIT) accepted.clear();
  accepted.add(query);
}

function refusal(result: Serialized, query: string, firstWord: string): SqlSyntaxError {
  const message = result.error_message ?? 'DuckDB could not read this query';
  const position = Number(result.position ?? 0) - CHECK_PREFIX.length;
  const offset = Math.min(Math.max(0, position), query.length);
  if (/Only SELECT statements/i.test(message)) {
    const word = firstWord.toUpperCase();
    const hint =
      word === 'PIVOT'
        ? 'PIVOT without an IN list is two statements in DuckDB; list the values (PIVOT t ON c IN (1, 2) USING …)'
        : `"${word}" statements are refused: a notebook describes an analysis and never changes data, files or settings`;
    return new SqlSyntaxError(
      `Only queries (SELECT, WITH, FROM, VALUES, UNPIVOT …) are allowed in notebook cells; ${hint}`,
      0,
    );
  }
  if (/^syntax error at or near ";"/.test(message)) {
    return new SqlSyntaxError(
      'A SQL cell holds one query; split the statements into separate cells',
      offset,
    );
  }
  return new SqlSyntaxError(`Parser Error: ${message}`, offset);
}
