/**
 * Arithmetic inside a formula's functions — `log(x)`, `exp(x)`, `sqrt(x)`, `I(x^2 + z/2)` —
 * as a tree that is printed the way R deparses it (the coefficient's name), evaluated row by
 * row in JavaScript and differentiated with respect to one column (for marginal effects).
 * Evaluation is the same arithmetic in the same order everywhere: + - * / and sqrt are
 * correctly rounded by IEEE 754, whole powers are repeated multiplication (R computes x^2 as
 * x * x too), and exp and log are @stdlib's pure-arithmetic implementations (V8's Math.log
 * differs between Node and Chromium in the last bit), so the browser and the command line get
 * the same bits. Nothing here runs in DuckDB.
 */
import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import { formulaError, rVariableName, type SyntaxNode } from './formula-syntax.ts';
import { formatRNumber } from './r-format.ts';

export type Expr =
  | { op: 'column'; name: string }
  | { op: 'number'; value: number }
  | { op: 'neg' | 'plus' | 'paren' | 'I' | 'log' | 'exp' | 'sqrt'; arg: Expr }
  | { op: 'add' | 'sub' | 'mul' | 'div'; left: Expr; right: Expr }
  | { op: 'pow'; base: Expr; power: number };

/** Functions a formula may apply to numbers; `factor` is handled by the formula itself. */
export const FUNCTIONS = ['log', 'exp', 'sqrt', 'I'] as const;
const BINARY = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div' } as const;
/** Whole powers beyond this are almost surely a typo, and a long chain of rounding. */
const MAX_POWER = 64;

/** The arithmetic a syntax tree inside a function call stands for, or an error at the token. */
export function toExpr(text: string, node: SyntaxNode): Expr {
  switch (node.kind) {
    case 'name':
      return { op: 'column', name: node.name };
    case 'number':
      return { op: 'number', value: node.value };
    case 'paren':
      return { op: 'paren', arg: toExpr(text, node.inner) };
    case 'unary':
      return { op: node.op === '-' ? 'neg' : 'plus', arg: toExpr(text, node.arg) };
    case 'call': {
      const fn = node.fn;
      if (fn === 'factor') {
        throw formulaError(
          text,
          'factor() is a term of its own, not part of arithmetic',
          node.at,
          fn,
        );
      }
      if (!(FUNCTIONS as readonly string[]).includes(fn)) throw unknownFunction(text, node);
      if (node.args.length !== 1) {
        throw formulaError(
          text,
          `${fn}() takes one argument here${fn === 'log' ? ' (the natural logarithm)' : ''}`,
          node.at,
          fn,
        );
      }
      return { op: fn as (typeof FUNCTIONS)[number], arg: toExpr(text, node.args[0]) };
    }
    case 'binary': {
      if (node.op === '^')
        return { op: 'pow', base: toExpr(text, node.left), power: power(text, node) };
      if (node.op === ':' || node.op === '~') {
        throw formulaError(
          text,
          `${node.op} cannot be used inside a function's parentheses`,
          node.at,
          node.op,
        );
      }
      return {
        op: BINARY[node.op],
        left: toExpr(text, node.left),
        right: toExpr(text, node.right),
      };
    }
  }
}

export function unknownFunction(text: string, node: { fn: string; at: number }) {
  return formulaError(
    text,
    `unknown function ${node.fn}() (a formula can use factor, log, exp, sqrt and I)`,
    node.at,
    node.fn,
  );
}

/** The exponent of `x^n`: a whole number written as such (`2`, `-1`, `(3)`). */
function power(text: string, node: SyntaxNode & { kind: 'binary' }): number {
  let e = node.right;
  let sign = 1;
  for (;;) {
    if (e.kind === 'paren') e = e.inner;
    else if (e.kind === 'unary') {
      if (e.op === '-') sign = -sign;
      e = e.arg;
    } else break;
  }
  if (e.kind !== 'number' || !Number.isInteger(e.value) || e.value > MAX_POWER) {
    throw formulaError(
      text,
      `only whole-number powers up to ${MAX_POWER} are supported, such as x^2 (use sqrt() for a square root)`,
      node.right.at,
    );
  }
  return sign * e.value;
}

/** R's deparse of the expression: the text a coefficient name carries. */
export function deparse(node: SyntaxNode): string {
  switch (node.kind) {
    case 'name':
      return rVariableName(node.name);
    case 'number':
      return formatRNumber(node.value);
    case 'call':
      return `${node.fn}(${node.args.map(deparse).join(', ')})`;
    case 'paren':
      return `(${deparse(node.inner)})`;
    case 'unary':
      return `${node.op}${deparse(node.arg)}`;
    case 'binary':
      return node.op === '+' || node.op === '-' || node.op === '*' || node.op === '~'
        ? `${deparse(node.left)} ${node.op} ${deparse(node.right)}`
        : `${deparse(node.left)}${node.op}${deparse(node.right)}`;
  }
}

/** Columns the expression reads, once each, in the order they are written. */
export function columnsOf(expr: Expr, into: string[] = []): string[] {
  if (expr.op === 'column') {
    if (!into.includes(expr.name)) into.push(expr.name);
  } else if (expr.op === 'number') {
    // reads nothing
  } else if ('arg' in expr) {
    columnsOf(expr.arg, into);
  } else if (expr.op === 'pow') {
    columnsOf(expr.base, into);
  } else {
    columnsOf(expr.left, into);
    columnsOf(expr.right, into);
  }
  return into;
}

/** `x^n` for a whole n, by multiplication left to right (x * x for n = 2, as R's R_pow). */
function wholePower(x: number, n: number): number {
  if (n === 0) return 1;
  if (n < 0) return 1 / wholePower(x, -n);
  let result = x;
  for (let i = 1; i < n; i++) result *= x;
  return result;
}

/**
 * The expression as a function of one row's raw values; `slot` maps a column name to its
 * index in them.
 */
export function compile(
  expr: Expr,
  slot: (name: string) => number,
): (raw: ArrayLike<number>) => number {
  switch (expr.op) {
    case 'column': {
      const k = slot(expr.name);
      return (raw) => raw[k];
    }
    case 'number': {
      const value = expr.value;
      return () => value;
    }
    case 'pow': {
      const base = compile(expr.base, slot);
      const n = expr.power;
      return (raw) => wholePower(base(raw), n);
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const left = compile(expr.left, slot);
      const right = compile(expr.right, slot);
      if (expr.op === 'add') return (raw) => left(raw) + right(raw);
      if (expr.op === 'sub') return (raw) => left(raw) - right(raw);
      if (expr.op === 'mul') return (raw) => left(raw) * right(raw);
      return (raw) => left(raw) / right(raw);
    }
    default: {
      const arg = compile(expr.arg, slot);
      if (expr.op === 'neg') return (raw) => -arg(raw);
      if (expr.op === 'log') return (raw) => ln(arg(raw));
      if (expr.op === 'exp') return (raw) => exp(arg(raw));
      if (expr.op === 'sqrt') return (raw) => Math.sqrt(arg(raw));
      return arg; // unary plus, parentheses, I()
    }
  }
}

/**
 * Value and derivative with respect to raw value `k` (forward mode: the chain rule applied
 * node by node): d log u = u'/u, d exp u = exp(u) u', d sqrt u = u' / (2 sqrt u),
 * d u^n = n u^(n-1) u', and the product and quotient rules.
 */
export function derivative(
  expr: Expr,
  slot: (name: string) => number,
  raw: ArrayLike<number>,
  k: number,
): [number, number] {
  switch (expr.op) {
    case 'column': {
      const at = slot(expr.name);
      return [raw[at], at === k ? 1 : 0];
    }
    case 'number':
      return [expr.value, 0];
    case 'pow': {
      const [u, du] = derivative(expr.base, slot, raw, k);
      const n = expr.power;
      return [wholePower(u, n), n === 0 ? 0 : n * wholePower(u, n - 1) * du];
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const [u, du] = derivative(expr.left, slot, raw, k);
      const [v, dv] = derivative(expr.right, slot, raw, k);
      if (expr.op === 'add') return [u + v, du + dv];
      if (expr.op === 'sub') return [u - v, du - dv];
      if (expr.op === 'mul') return [u * v, du * v + u * dv];
      return [u / v, (du * v - u * dv) / (v * v)];
    }
    default: {
      const [u, du] = derivative(expr.arg, slot, raw, k);
      if (expr.op === 'neg') return [-u, -du];
      if (expr.op === 'log') return [ln(u), du / u];
      if (expr.op === 'exp') {
        const e = exp(u);
        return [e, e * du];
      }
      if (expr.op === 'sqrt') {
        const s = Math.sqrt(u);
        return [s, du / (2 * s)];
      }
      return [u, du];
    }
  }
}
