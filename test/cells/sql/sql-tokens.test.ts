import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkSingleQuery,
  inlineInputs,
  parameterNames,
  referencedNames,
  tokenize,
} from '../../../src/cells/sql/sql-tokens.ts';

describe('tokenize', () => {
  it('sees table names in code but not inside strings or comments', () => {
    const sql = `SELECT * FROM ties -- from gsdb\n/* cow */ WHERE note = 'dcid' AND "Rates" > 1`;
    const names = referencedNames(tokenize(sql));
    expect(names.has('ties')).toBe(true);
    expect(names.has('rates')).toBe(true);
    expect(names.has('gsdb')).toBe(false);
    expect(names.has('cow')).toBe(false);
    expect(names.has('dcid')).toBe(false);
  });

  it('keeps doubled quotes inside strings and identifiers', () => {
    const tokens = tokenize(`SELECT 'it''s', "a""b"`);
    expect(tokens.filter((t) => t.kind === 'string')[0].text).toBe("it's");
    expect(tokens.filter((t) => t.kind === 'quoted')[0].text).toBe('a"b');
  });

  it('treats dollar-quoted text as a string, not parameters', () => {
    const tokens = tokenize('SELECT $$ $year $$ AS s, $year AS y');
    expect(parameterNames(tokens)).toEqual(['year']);
  });
});

describe('parameters', () => {
  it('puts each named input in as its literal, however often it is used', () => {
    const sql = 'SELECT * FROM t WHERE y >= $from AND y <= $to AND z <> $from';
    const tokens = tokenize(sql);
    const names = parameterNames(tokens);
    expect(names).toEqual(['from', 'to']);
    const inputs = new Map([
      ['from', 1990],
      ['to', 2000],
    ]);
    expect(inlineInputs(sql, tokens, inputs)).toBe(
      "SELECT * FROM t WHERE y >= (CAST('1990' AS DOUBLE)) AND y <= (CAST('2000' AS DOUBLE)) AND z <> (CAST('1990' AS DOUBLE))",
    );
  });

  it('refuses positional parameters with a hint', () => {
    expect(() => parameterNames(tokenize('SELECT $1'))).toThrow(/name an input cell/);
  });
});

describe('checkSingleQuery', () => {
  it.each([
    'DROP TABLE ties',
    'ATTACH ?',
    "COPY t TO 'x.csv'",
    'INSTALL httpfs',
    'LOAD httpfs',
    'SET threads = 1',
    'PRAGMA version',
  ])('refuses %s', (sql) => {
    expect(() => checkSingleQuery(sql, tokenize(sql))).toThrow(/Only queries/);
  });

  it('refuses a second statement smuggled after a query', () => {
    const sql = 'SELECT 1; DROP TABLE ties';
    expect(() => checkSingleQuery(sql, tokenize(sql))).toThrow(/one query/);
  });

  it('accepts WITH and FROM-first queries and drops a trailing semicolon', () => {
    expect(
      checkSingleQuery(
        'WITH a AS (SELECT 1) SELECT * FROM a;',
        tokenize('WITH a AS (SELECT 1) SELECT * FROM a;'),
      ),
    ).toBe('WITH a AS (SELECT 1) SELECT * FROM a');
    expect(checkSingleQuery('FROM ties', tokenize('FROM ties'))).toBe('FROM ties');
  });

  it('reports an unclosed string', () => {
    expect(() => tokenize("SELECT 'oops")).toThrow(/Unclosed/);
  });
});

/**
 * The tokenizer finds `$inputs` and table names; it must see strings and comments exactly
 * where DuckDB's lexer does, or an input is put into the middle of a string. Each text is read
 * by both: how many statements, which parameters, which string values.
 */
describe('the tokenizer agrees with DuckDB', () => {
  const CORPUS = [
    "SELECT E'\\'' AS a",
    "SELECT e'\\'' AS a, $year AS y",
    "SELECT E'it''s' AS a, E'back\\\\' AS b, $x AS x",
    // The runner's brackets around a cell that closes them (issue #14's bypass).
    "SELECT * FROM (\nSELECT E'\\'' AS a); COPY (SELECT 42 AS x) TO 'x.csv' (HEADER false, QUOTE ''); SELECT (E'\\''\n)",
    "SELECT * FROM (\nSELECT e'\\'' AS a); SELECT (e'\\''\n)",
    "SELECT E'line\\nbreak' AS a",
    'SELECT $$ it is $year $$ AS a, $year AS y',
    'SELECT $tag$ a $$ b; $x $tag$ AS a, $x AS x',
    'SELECT $a$ $A$ ; $a$ AS a',
    'SELECT 1 AS a -- comment\r, 2 AS b; SELECT 3',
    'SELECT 1 AS a -- comment\r; SELECT $y AS y',
    'SELECT /* outer /* inner */ still ; comment */ 1 AS a',
    'SELECT /* a */ \'x;y\' AS a, "we;ird" AS b',
    "SELECT 'a\\' AS a, $z AS z",
    "SELECT N'x' AS a; SELECT 'y' AS b",
    'SELECT 1 AS e, $e AS f',
  ];

  let connection: DuckDBConnection;
  beforeAll(async () => {
    connection = await (await DuckDBInstance.create(':memory:')).connect();
  });
  afterAll(() => connection.closeSync());

  /** DuckDB's statements (its own splitter), parameters and string constants. */
  async function duckdbReads(sql: string) {
    const statements = (await connection.extractStatements(sql)).count;
    const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
    const json = JSON.parse(String(reader.getRowsJS()[0][0])) as {
      error?: boolean;
      statements?: { named_param_map: { key: string }[] }[];
    };
    const strings: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        const value = o.value as { type?: { id?: string }; value?: unknown } | undefined;
        if (o.class === 'CONSTANT' && value?.type?.id === 'VARCHAR') {
          strings.push(String(value.value));
        }
        Object.values(o).forEach(walk);
      }
    };
    walk(json.statements);
    const parameters = (json.statements ?? []).flatMap((s) => s.named_param_map.map((p) => p.key));
    return { statements, serialised: json.error !== true, parameters, strings };
  }

  /** The same, read from the tokenizer's tokens. */
  function tokenizerReads(sql: string) {
    const tokens = tokenize(sql);
    let statements = 0;
    let open = false;
    for (const t of tokens) {
      if (t.kind === 'punct' && t.text === ';') {
        if (open) statements++;
        open = false;
      } else open = true;
    }
    if (open) statements++;
    return {
      statements,
      parameters: [...new Set(parameterNames(tokens))],
      strings: tokens.filter((t) => t.kind === 'string').map((t) => t.text),
    };
  }

  it.each(CORPUS)('%j', async (sql) => {
    const duck = await duckdbReads(sql);
    const ours = tokenizerReads(sql);
    expect(ours.statements, 'statements').toBe(duck.statements);
    // COPY cannot be serialised: statements only. (DuckDB refuses every U&'…' string.)
    if (!duck.serialised) return;
    expect(ours.parameters.sort(), 'parameters').toEqual([...new Set(duck.parameters)].sort());
    expect(ours.strings.sort(), 'strings').toEqual(duck.strings.sort());
  });
});
