import { describe, expect, it } from 'vitest';
import {
  checkSingleQuery,
  inlineInputs,
  parameterNames,
  referencedNames,
  tokenize,
} from '../../src/notebook/sql-tokens.ts';

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
