/**
 * Expands a formula's right-hand side into terms the way R's terms.formula does (its C code,
 * EncodeVars and friends, in R 4.2): `a + b` joins, `a:b` interacts, `a * b` = a + b + a:b,
 * `a / b` = a + a:b, `(a + b)^2` = a + b + a:b, `a - b` removes b, and 0 / 1 / -1 switch
 * the intercept (inside a removal, -1 switches it on again: R's "parity"). Each term is the
 * set of variables in it; a variable is anything that is not a formula operator (`x`,
 * `log(x)`, `factor(code)`), numbered in the order it first appears. Terms come out sorted by
 * how many variables they have, keeping the written order otherwise, as R sorts them.
 */
import { formulaError, type SyntaxNode } from './formula-syntax.ts';

/** A term: the indices of its variables, ascending (the order R prints them in `a:b`). */
export type Term = number[];

export interface ExpandedTerms {
  terms: Term[];
  intercept: boolean;
}

/**
 * `variableOf` numbers a variable node (the same number for the same variable, in order of
 * first appearance); numbers and operators are handled here.
 */
export function expandTerms(
  text: string,
  rhs: SyntaxNode,
  variableOf: (node: SyntaxNode) => number,
): ExpandedTerms {
  let intercept = true;
  let parity = true;

  const encode = (node: SyntaxNode): Term[] => {
    switch (node.kind) {
      case 'name':
      case 'call':
        return [[variableOf(node)]];
      case 'number':
        if (node.value === 1) intercept = parity;
        else if (node.value === 0) intercept = !parity;
        else {
          throw formulaError(
            text,
            'a number in a formula can only be 1 or 0 (the intercept); write I(...) for arithmetic',
            node.at,
            node.text,
          );
        }
        return [];
      case 'paren':
        return encode(node.inner);
      case 'unary':
        if (node.op === '+') return encode(node.arg);
        parity = !parity;
        encode(node.arg);
        parity = !parity;
        return [];
      case 'binary': {
        if (node.op === '~') throw formulaError(text, 'a formula has one ~', node.at, '~');
        if (node.op === '^') return powerTerms(encode(node.left), exponent(text, node));
        const left = encode(node.left);
        if (node.op === '-') {
          parity = !parity;
          const right = encode(node.right);
          parity = !parity;
          const removed = new Set(right.map(key));
          return left.filter((t) => !removed.has(key(t)));
        }
        const right = encode(node.right);
        if (node.op === '+') return unique([...left, ...right]);
        if (node.op === ':') return unique(interact(left, right));
        if (node.op === '*') return unique([...left, ...right, ...interact(left, right)]);
        // a / b: a, then every variable of a with each term of b (R's NestTerms).
        const all = union(left);
        return unique([...left, ...right.map((t) => merge(all, t))]);
      }
    }
  };

  const terms = encode(rhs);
  const sorted = terms
    .map((term, index) => ({ term, index }))
    .sort((a, b) => a.term.length - b.term.length || a.index - b.index)
    .map((t) => t.term);
  return { terms: sorted, intercept };
}

function exponent(text: string, node: SyntaxNode & { kind: 'binary' }): number {
  const e = node.right.kind === 'paren' ? node.right.inner : node.right;
  if (e.kind !== 'number' || !Number.isInteger(e.value) || e.value < 1) {
    throw formulaError(
      text,
      'the power of terms must be a whole number such as (a + b)^2; write I(x^2) to square a number',
      node.right.at,
    );
  }
  return e.value;
}

/** R's PowerTerms: each term of the base with each term so far, base terms outermost. */
function powerTerms(base: Term[], n: number): Term[] {
  let result = base;
  for (let i = 1; i < n; i++) result = unique(interact(base, result));
  return result;
}

function interact(left: Term[], right: Term[]): Term[] {
  return left.flatMap((l) => right.map((r) => merge(l, r)));
}

function merge(a: Term, b: Term): Term {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

function union(terms: Term[]): Term {
  return terms.reduce<Term>((all, t) => merge(all, t), []);
}

function key(term: Term): string {
  return term.join(',');
}

function unique(terms: Term[]): Term[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
