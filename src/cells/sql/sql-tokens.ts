/**
 * A small DuckDB SQL tokenizer: enough to find which tables a cell reads, put `$name`
 * inputs into the query as literals, and refuse anything that is not one read-only
 * query — without ever mistaking text inside strings or comments for code.
 */
import { valueLiteral } from '../../engine/sql.ts';
import type { InputValue } from '../input/spec.ts';

export type TokenKind = 'word' | 'quoted' | 'string' | 'param' | 'punct' | 'number';

export interface Token {
  kind: TokenKind;
  /** For `word`: as written; for `quoted`: the unquoted identifier; for `param`: the name. */
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const PARAM = /\$([A-Za-z_][A-Za-z0-9_]*|\d+)/y;
const DOLLAR_QUOTE = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      // DuckDB's lexer ends a line comment at a bare CR too: `-- x\rDROP …` is code after CR.
      const eol = LINE_END.exec(sql.slice(i));
      i = eol ? i + eol.index + 1 : sql.length;
    } else if (c === '/' && sql[i + 1] === '*') {
      i = closeComment(sql, i);
    } else if (c === "'" && isEscapePrefix(tokens, i)) {
      // E'…': backslash escapes a quote (E'\''), so the string ends where DuckDB says.
      const prefix = tokens.pop()!;
      const end = closeEscapeString(sql, i);
      tokens.push({
        kind: 'string',
        text: unescape(sql.slice(i + 1, end - 1)),
        start: prefix.start,
        end,
      });
      i = end;
    } else if (c === "'") {
      const end = closeQuote(sql, i, "'");
      tokens.push({
        kind: 'string',
        text: sql.slice(i + 1, end - 1).replaceAll("''", "'"),
        start: i,
        end,
      });
      i = end;
    } else if (c === '"') {
      const end = closeQuote(sql, i, '"');
      tokens.push({
        kind: 'quoted',
        text: sql.slice(i + 1, end - 1).replaceAll('""', '"'),
        start: i,
        end,
      });
      i = end;
    } else if (c === '$') {
      i = dollar(sql, i, tokens);
    } else if (/[0-9.]/.test(c) && match(NUMBER, sql, i)) {
      const end = i + match(NUMBER, sql, i)!.length;
      tokens.push({ kind: 'number', text: sql.slice(i, end), start: i, end });
      i = end;
    } else if (match(WORD, sql, i)) {
      const text = match(WORD, sql, i)!;
      tokens.push({ kind: 'word', text, start: i, end: i + text.length });
      i += text.length;
    } else {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

function dollar(sql: string, i: number, tokens: Token[]): number {
  const quote = match(DOLLAR_QUOTE, sql, i);
  if (quote) {
    const close = sql.indexOf(quote, i + quote.length);
    if (close < 0) throw new SqlSyntaxError(`Unclosed ${quote} string`, i);
    const end = close + quote.length;
    tokens.push({ kind: 'string', text: sql.slice(i + quote.length, close), start: i, end });
    return end;
  }
  const param = match(PARAM, sql, i);
  if (!param) {
    tokens.push({ kind: 'punct', text: '$', start: i, end: i + 1 });
    return i + 1;
  }
  tokens.push({ kind: 'param', text: param.slice(1), start: i, end: i + param.length });
  return i + param.length;
}

const LINE_END = /[\n\r]/;

/** DuckDB's block comments nest: `/* a /* b *\/ c *\/` is one comment. */
function closeComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  throw new SqlSyntaxError('Unclosed /* comment', start);
}

/** `E'…'` / `e'…'`: the letter is a whole word right before the quote. */
function isEscapePrefix(tokens: Token[], quoteAt: number): boolean {
  const last = tokens[tokens.length - 1];
  return last?.kind === 'word' && last.end === quoteAt && (last.text === 'E' || last.text === 'e');
}

function closeEscapeString(sql: string, start: number): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === '\\') i += 2;
    else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
    else if (sql[i] === "'") return i + 1;
    else i++;
  }
  throw new SqlSyntaxError("Unclosed E' string", start);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** The text of an E'…' string as DuckDB reads it (`\n`, `\'`, `\\`, `''`). */
function unescape(body: string): string {
  return body.replace(/\\(.)|''/gs, (_, c: string | undefined) =>
    c === undefined ? "'" : (ESCAPES[c] ?? c),
  );
}

function closeQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const next = sql.indexOf(quote, i);
    if (next < 0) throw new SqlSyntaxError(`Unclosed ${quote} quote`, start);
    if (sql[next + 1] === quote) i = next + 2;
    else return next + 1;
  }
}

function match(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** Words (case-folded) and quoted identifiers (exact) a query mentions: candidate table names. */
export function referencedNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  for (const t of tokens) {
    if (t.kind === 'word') names.add(t.text.toLowerCase());
    else if (t.kind === 'quoted') names.add(t.text.toLowerCase());
  }
  return names;
}

/** Named parameters (`$year`) in order of first use. Positional ones (`$1`) are refused. */
export function parameterNames(tokens: Token[]): string[] {
  const names: string[] = [];
  for (const t of tokens) {
    if (t.kind !== 'param') continue;
    if (/^\d/.test(t.text)) {
      throw new SqlSyntaxError(
        `Positional parameter $${t.text} is not supported: name an input cell instead ($year)`,
        t.start,
      );
    }
    if (!names.includes(t.text)) names.push(t.text);
  }
  return names;
}

/**
 * Puts each `$input` into the query as a typed literal rather than a bound parameter.
 * DuckDB-WASM runs a statement with parameters as a prepared statement in one go, which no
 * cancel interrupts; without parameters it runs as a pending query that the time limit and
 * the Cancel button can stop. Each value gets the type a bound parameter had: a number a
 * DOUBLE that round-trips exactly, text a string literal (DuckDB binds a text parameter as
 * one), a checkbox a BOOLEAN; test/notebook/inputs.test.ts compares them with bound values.
 */
export function inlineInputs(
  sql: string,
  tokens: Token[],
  inputs: Map<string, InputValue>,
): string {
  let out = '';
  let last = 0;
  for (const t of tokens) {
    if (t.kind !== 'param') continue;
    out += `${sql.slice(last, t.start)}(${valueLiteral(inputs.get(t.text)!)})`;
    last = t.end;
  }
  return out + sql.slice(last);
}

/**
 * Where an offset into inlineInputs' output lies in the text it was made from: inside an
 * inlined value it is that input's `$name`.
 */
export function sourceOffset(
  offset: number,
  tokens: Token[],
  inputs: Map<string, InputValue>,
): number {
  let shift = 0;
  for (const t of tokens) {
    if (t.kind !== 'param') continue;
    const start = t.start + shift;
    if (offset < start) break;
    const length = valueLiteral(inputs.get(t.text)!).length + 2;
    if (offset < start + length) return t.start;
    shift += length - (t.end - t.start);
  }
  return offset - shift;
}

const QUERY_STARTS = new Set(['select', 'with', 'from', 'values', 'pivot', 'unpivot', 'table']);

/**
 * Checks a cell body is exactly one read-only query. Returns the query without a trailing
 * semicolon. DDL, DML and engine commands (DROP, ATTACH, COPY, INSTALL, LOAD, SET, PRAGMA …)
 * are refused: a notebook is a description of an analysis, not a script with side effects.
 */
export function checkSingleQuery(sql: string, tokens: Token[]): string {
  const first = tokens.find((t) => t.kind !== 'punct' || t.text !== '(');
  if (!first) throw new SqlSyntaxError('The SQL cell is empty: write one SELECT query', 0);
  const semicolons = tokens.filter((t) => t.kind === 'punct' && t.text === ';');
  const trailing = semicolons.length === 1 && semicolons[0] === tokens[tokens.length - 1];
  if (semicolons.length > 0 && !trailing) {
    throw new SqlSyntaxError(
      'A SQL cell holds one query; split the statements into separate cells',
      semicolons[0].start,
    );
  }
  if (first.kind !== 'word' || !QUERY_STARTS.has(first.text.toLowerCase())) {
    throw new SqlSyntaxError(
      `Only queries (SELECT or WITH) are allowed in notebook cells; "${first.text.toUpperCase()}" statements are refused`,
      first.start,
    );
  }
  const hidden = first.text.toLowerCase() === 'with' ? modificationAfterWith(tokens) : undefined;
  if (hidden) {
    throw new SqlSyntaxError(
      `Only queries (SELECT or WITH … SELECT) are allowed in notebook cells; "${hidden.text.toUpperCase()}" statements are refused, even after WITH`,
      hidden.start,
    );
  }
  return trailing ? sql.slice(0, semicolons[0].start).trimEnd() : sql.trimEnd();
}

const MODIFICATIONS = new Set(['insert', 'update', 'delete', 'merge']);

/** `WITH x AS (…) DELETE …`: a data-changing statement at the top level of a WITH. */
function modificationAfterWith(tokens: Token[]): Token | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === '(') depth++;
    else if (t.kind === 'punct' && t.text === ')') depth--;
    else if (depth === 0 && t.kind === 'word' && MODIFICATIONS.has(t.text.toLowerCase())) return t;
  }
  return undefined;
}
