/**
 * R's expression syntax, as much of it as a model formula uses: names (syntactic or in
 * backticks), numbers, calls, parentheses and the operators `~ + - * / ^ :` with R's
 * precedence (?Syntax: `^` binds tightest, then unary minus and plus, then `:`, then `* /`,
 * then binary `+ -`, then `~`). The tree is read twice: as a formula (formula-terms.ts, where
 * `*` means crossing) and, inside a function's parentheses, as arithmetic (expression.ts).
 * Every node keeps where it starts, so an error can point at the token that caused it.
 */
import { CellError } from '../../shared/errors.ts';

export type BinaryOp = '~' | '+' | '-' | '*' | '/' | '^' | ':';

export type SyntaxNode =
  | { kind: 'name'; name: string; at: number }
  | { kind: 'number'; value: number; text: string; at: number }
  | { kind: 'call'; fn: string; args: SyntaxNode[]; at: number }
  | { kind: 'paren'; inner: SyntaxNode; at: number }
  | { kind: 'unary'; op: '+' | '-'; arg: SyntaxNode; at: number }
  | { kind: 'binary'; op: BinaryOp; left: SyntaxNode; right: SyntaxNode; at: number };

type Token =
  | { kind: 'name'; value: string; at: number; end: number }
  | { kind: 'number'; value: string; at: number; end: number }
  | { kind: 'op'; value: string; at: number; end: number }
  | { kind: 'end'; value: ''; at: number; end: number };

const OPERATORS = new Set(['~', '+', '-', '*', '/', '^', ':', '(', ')', ',']);
const NAME_START = /[\p{L}.]/u;
const NAME_PART = /[\p{L}\p{Nd}._]/u;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/u;

/**
 * A formula error, pointing at a token by its 1-based character position and its text (or
 * "the end"), so the author finds it in a long formula without counting.
 */
export function formulaError(text: string, why: string, at?: number, token?: string): CellError {
  let where = '';
  if (at !== undefined) {
    const column = [...text.slice(0, at)].length + 1;
    where =
      at >= text.length
        ? ' (at the end)'
        : ` (at character ${column}: ${JSON.stringify(token ?? tokenAt(text, at))})`;
  }
  return new CellError(`cannot read formula ${JSON.stringify(text)}: ${why}${where}`);
}

/** The name, number or single character starting at `at`, for a message. */
function tokenAt(text: string, at: number): string {
  return /^(?:`(?:[^`\\]|\\.)*`?|[\p{L}\p{Nd}._]+|.)/su.exec(text.slice(at))?.[0] ?? '';
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/u.test(ch)) {
      i++;
    } else if (OPERATORS.has(ch)) {
      tokens.push({ kind: 'op', value: ch, at: i, end: i + 1 });
      i++;
    } else if (ch === '`') {
      const start = i;
      let value = '';
      i++;
      while (i < text.length && text[i] !== '`') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) {
        throw formulaError(text, 'a backtick-quoted name is not closed', start, '`');
      }
      if (value === '') throw formulaError(text, 'an empty `` name', start, '``');
      i++;
      tokens.push({ kind: 'name', value, at: start, end: i });
    } else if (NAME_START.test(ch) || /\d/u.test(ch)) {
      const start = i;
      const number = NUMBER.exec(text.slice(i));
      let value = '';
      while (i < text.length && NAME_PART.test(text[i])) value += text[i++];
      if (number && number[0].length >= value.length && /[\d.]/u.test(ch)) {
        // A number, possibly with an exponent whose sign NAME_PART stopped at.
        i = start + number[0].length;
        if (i < text.length && NAME_PART.test(text[i])) {
          throw notName(text, start, text.slice(start, i) + readWord(text, i));
        }
        tokens.push({ kind: 'number', value: number[0], at: start, end: i });
      } else if (isSyntacticName(value)) {
        tokens.push({ kind: 'name', value, at: start, end: i });
      } else {
        throw notName(text, start, value);
      }
    } else {
      throw formulaError(
        text,
        `unexpected ${JSON.stringify(ch)}; quote unusual column names with backticks`,
        i,
      );
    }
  }
  tokens.push({ kind: 'end', value: '', at: text.length, end: text.length });
  return tokens;
}

function readWord(text: string, from: number): string {
  let word = '';
  for (let i = from; i < text.length && NAME_PART.test(text[i]); i++) word += text[i];
  return word;
}

function notName(text: string, at: number, value: string): CellError {
  return formulaError(
    text,
    `${JSON.stringify(value)} is not a column name (quote it with backticks)`,
    at,
    value,
  );
}

/** Parses `text` as one R expression (a formula is `lhs ~ rhs`). */
export function parseSyntax(text: string): SyntaxNode {
  const tokens = tokenize(text);
  let k = 0;
  const peek = () => tokens[k];
  const isOp = (value: string) => peek().kind === 'op' && peek().value === value;
  const fail = (why: string, token = peek()): never => {
    throw formulaError(text, why, token.at, token.kind === 'end' ? undefined : token.value);
  };

  // Lowest to highest precedence, as R's grammar has them.
  const tilde = (): SyntaxNode => {
    if (isOp('~')) fail('it must start with the outcome column, then ~');
    const left = sum();
    if (isOp('~')) {
      const at = peek().at;
      k++;
      return { kind: 'binary', op: '~', left, right: sum(), at };
    }
    return left;
  };
  const binaryLevel = (ops: string[], next: () => SyntaxNode) => (): SyntaxNode => {
    let left = next();
    while (peek().kind === 'op' && ops.includes(peek().value)) {
      const token = tokens[k++];
      left = { kind: 'binary', op: token.value as BinaryOp, left, right: next(), at: token.at };
    }
    return left;
  };
  const unary = (): SyntaxNode => {
    if (isOp('-') || isOp('+')) {
      const token = tokens[k++];
      return { kind: 'unary', op: token.value as '+' | '-', arg: unary(), at: token.at };
    }
    return power();
  };
  const colon = binaryLevel([':'], unary);
  const product = binaryLevel(['*', '/'], colon);
  const sum = binaryLevel(['+', '-'], product);
  function power(): SyntaxNode {
    const base = primary();
    if (isOp('^')) {
      const at = tokens[k++].at;
      // Right-associative, and the exponent may carry a sign: x^-1, x^2^3 = x^(2^3).
      return { kind: 'binary', op: '^', left: base, right: unary(), at };
    }
    return base;
  }
  function primary(): SyntaxNode {
    const token = peek();
    if (token.kind === 'number') {
      k++;
      return { kind: 'number', value: Number(token.value), text: token.value, at: token.at };
    }
    if (token.kind === 'name') {
      k++;
      if (!isOp('(')) return { kind: 'name', name: token.value, at: token.at };
      k++;
      const args: SyntaxNode[] = [];
      if (!isOp(')')) {
        args.push(sum());
        while (isOp(',')) {
          k++;
          args.push(sum());
        }
      }
      if (!isOp(')')) fail(`expected ) to close ${token.value}(`);
      k++;
      return { kind: 'call', fn: token.value, args, at: token.at };
    }
    if (isOp('(')) {
      k++;
      const inner = sum();
      if (!isOp(')')) fail('expected ) to close (');
      k++;
      return { kind: 'paren', inner, at: token.at };
    }
    if (token.kind === 'end') return fail('it ends where a term should be');
    return fail(`expected a column name, a number or ( but found ${JSON.stringify(token.value)}`);
  }

  const tree = tilde();
  if (peek().kind !== 'end') {
    const token = peek();
    if (token.kind === 'op' && token.value === '~') fail('a formula has one ~');
    fail(
      token.kind === 'op' && (token.value === ')' || token.value === ',')
        ? `unexpected ${JSON.stringify(token.value)}`
        : 'terms must be joined by an operator (+, *, :, -)',
    );
  }
  return tree;
}

const RESERVED = new Set([
  'if',
  'else',
  'repeat',
  'while',
  'function',
  'for',
  'next',
  'break',
  'in',
  'TRUE',
  'FALSE',
  'NULL',
  'Inf',
  'NaN',
  'NA',
  'NA_integer_',
  'NA_real_',
  'NA_character_',
  'NA_complex_',
]);

/** R's notion of a name that needs no backticks (make.names would leave it unchanged). */
export function isSyntacticName(name: string): boolean {
  if (RESERVED.has(name) || name === '...' || /^\.\.\d+$/u.test(name)) return false;
  return /^(?:(?:\p{L}|\.[._\p{L}])[._\p{L}\p{Nd}]*|\.)$/u.test(name);
}

/** How R prints a variable inside a coefficient name: backticked unless syntactic. */
export function rVariableName(name: string): string {
  return isSyntacticName(name)
    ? name
    : `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
}
