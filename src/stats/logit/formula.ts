import { CellError } from '../../shared/errors.ts';

export interface Formula {
  outcome: string;
  /** Predictor column names in the order written, duplicates removed (as R does). */
  predictors: string[];
}

const NAME_START = /[\p{L}.]/u;
const NAME_PART = /[\p{L}\p{Nd}._]/u;

/**
 * Parses the subset of R's formula language a logit cell supports: `y ~ a + b + c`, names
 * either syntactic or backtick-quoted (`` `Crit Inf` ``, with R's `\`` and `\\` escapes), and
 * `y ~ 1` for an intercept-only model. Anything else (interactions, transforms, removing the
 * intercept) is rejected rather than half-understood.
 */
export function parseFormula(text: string): Formula {
  const tokens = tokenize(text);
  const tilde = tokens.findIndex((t) => t.kind === '~');
  if (tilde !== 1 || tokens[0].kind !== 'name') {
    throw formulaError(text, 'it must start with the outcome column, then ~');
  }
  const outcome = tokens[0].value;
  const predictors: string[] = [];
  let expectTerm = true;
  for (const token of tokens.slice(2)) {
    if (expectTerm) {
      if (token.kind === 'name') {
        if (!predictors.includes(token.value)) predictors.push(token.value);
      } else if (token.kind !== 'one') {
        throw formulaError(text, 'expected a column name after ~ or +');
      }
      expectTerm = false;
    } else {
      if (token.kind !== '+') throw formulaError(text, 'terms must be joined with +');
      expectTerm = true;
    }
  }
  if (expectTerm)
    throw formulaError(text, 'it ends without a term (write `y ~ 1` for no predictors)');
  if (predictors.includes(outcome)) {
    throw formulaError(text, `the outcome ${JSON.stringify(outcome)} also appears as a predictor`);
  }
  return { outcome, predictors };
}

type Token = { kind: 'name'; value: string } | { kind: '~' | '+' | 'one'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const chars = [...text];
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i];
    if (/\s/u.test(ch)) {
      i++;
    } else if (ch === '~' || ch === '+') {
      tokens.push({ kind: ch, value: ch });
      i++;
    } else if (ch === '`') {
      let value = '';
      i++;
      while (i < chars.length && chars[i] !== '`') {
        if (chars[i] === '\\' && i + 1 < chars.length) i++;
        value += chars[i];
        i++;
      }
      if (i >= chars.length) throw formulaError(text, 'a backtick-quoted name is not closed');
      if (value === '') throw formulaError(text, 'an empty `` name');
      tokens.push({ kind: 'name', value });
      i++;
    } else if (NAME_START.test(ch) || /\d/u.test(ch)) {
      let value = '';
      while (i < chars.length && NAME_PART.test(chars[i])) value += chars[i++];
      if (value === '1') tokens.push({ kind: 'one', value });
      else if (value === '0')
        throw formulaError(text, 'models without an intercept are not supported');
      else if (isSyntacticName(value)) tokens.push({ kind: 'name', value });
      else
        throw formulaError(
          text,
          `${JSON.stringify(value)} is not a column name (quote it with backticks)`,
        );
    } else {
      const why = '*:-()^|/'.includes(ch)
        ? `${JSON.stringify(ch)} is not supported: only + between columns; ` +
          'derive interactions or transformed columns in a sql cell first'
        : `unexpected ${JSON.stringify(ch)}; quote unusual column names with backticks`;
      throw formulaError(text, why);
    }
  }
  return tokens;
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

function formulaError(text: string, why: string): CellError {
  return new CellError(`cannot read formula ${JSON.stringify(text)}: ${why}`);
}
