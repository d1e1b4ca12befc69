import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { DataType, Table, type Field } from 'apache-arrow';
import type { Params } from '../Engine.ts';

/**
 * Runs one SQL string on a DuckDB-WASM connection and returns its Arrow result.
 *
 * Without parameters the statement runs as a pending query: the worker executes it in slices
 * and answers polls in between, so a cancel (connection.cancelSent()) gets through. With
 * parameters it runs as a prepared statement, in one go in the worker.
 *
 * DuckDB-WASM's pending-query stream leaves out Arrow dictionaries, the form DuckDB gives ENUM
 * columns, so those values would come back empty. A result with dictionary columns is therefore
 * fetched again in one go, when running the statement a second time is harmless.
 */
export async function runSql(
  connection: AsyncDuckDBConnection,
  sql: string,
  params: Params,
): Promise<Table> {
  if (params.length > 0) return runPrepared(connection, sql, params);
  const reader = await connection.send(sql);
  // send() resolves to nothing only when the worker has gone.
  if (!reader) throw new Error('The DuckDB worker has stopped');
  await reader.open();
  if (!reader.schema.fields.some(hasDictionary)) {
    return new Table(reader.schema, await reader.readAll());
  }
  if (!isReadOnlyQuery(sql)) {
    throw new Error(
      'This statement returns ENUM values, which the browser engine can only read from a ' +
        'plain query; cast them to VARCHAR (col::VARCHAR).',
    );
  }
  return connection.query(sql);
}

/**
 * DuckDB-WASM 1.32 passes bound parameters to its worker as one JSON string; past about 1 MB
 * it fails with "memory access out of bounds" and every later query fails too. Refuse well
 * before that, so a caller's mistake costs one statement and not the session.
 */
const MAX_PARAMETER_BYTES = 512 * 1024;

async function runPrepared(
  connection: AsyncDuckDBConnection,
  sql: string,
  params: Params,
): Promise<Table> {
  const bytes = JSON.stringify(params).length;
  if (bytes > MAX_PARAMETER_BYTES) {
    throw new Error(
      `This statement binds ${Math.round(bytes / 1024)} KB of parameters; the browser engine ` +
        `takes at most ${MAX_PARAMETER_BYTES / 1024} KB per statement. Split it into smaller ones.`,
    );
  }
  const statement = await connection.prepare(sql);
  try {
    return await statement.query(...params);
  } finally {
    await statement.close();
  }
}

function hasDictionary(field: Field): boolean {
  const type = field.type as DataType;
  return DataType.isDictionary(type) || (type.children ?? []).some(hasDictionary);
}

const QUERY_KEYWORDS = new Set([
  'select',
  'with',
  'from',
  'values',
  'table',
  'pivot',
  'unpivot',
  'summarize',
  'describe',
  'show',
]);

/** True for one statement that only reads (SELECT, FROM-first, VALUES, …), so rerunning it is safe. */
export function isReadOnlyQuery(sql: string): boolean {
  const text = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .trim()
    .replace(/;\s*$/, '');
  if (text.includes(';')) return false;
  const first = /^[\s(]*([a-z]+)/i.exec(text)?.[1]?.toLowerCase();
  return first !== undefined && QUERY_KEYWORDS.has(first) && !/\breturning\b/i.test(text);
}
