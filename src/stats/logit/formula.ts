/**
 * A model formula in R's grammar (R 4.2's `terms.formula`), as every model cell reads it:
 * `y ~ a + b`, `a * b`, `a:b`, `a / b`, `(a + b)^2`, `- b`, `- 1` / `+ 0` (no intercept),
 * `factor(x)`, `log(x)`, `exp(x)`, `sqrt(x)`, `I(<arithmetic>)`, backtick-quoted names. The
 * syntax is in formula-syntax.ts, the expansion into terms in formula-terms.ts, the
 * arithmetic in expression.ts; what the variables are (numbers, factors) is only known with
 * the data (design.ts).
 */
import { columnsOf, deparse, FUNCTIONS, toExpr, unknownFunction, type Expr } from './expression.ts';
import { formulaError, parseSyntax, rVariableName, type SyntaxNode } from './formula-syntax.ts';
import { expandTerms, type Term } from './formula-terms.ts';

export { isSyntacticName, rVariableName } from './formula-syntax.ts';
export type { Term } from './formula-terms.ts';

/**
 * One variable in R's sense: what a term is made of. `column`: a column as it is (a number,
 * or a factor if it holds text or booleans); `factor`: `factor(column)`; `expression`: a
 * number computed from columns (`log(gdp)`, `I(x^2)`).
 */
export type FormulaVariable =
  | { kind: 'column' | 'factor'; label: string; column: string }
  | { kind: 'expression'; label: string; expr: Expr; columns: string[] };

export interface Formula {
  outcome: string;
  /** Columns the right-hand side reads, in order of first appearance, once each. */
  predictors: string[];
  /** Variables in order of first appearance; `label` is how R prints it in a coefficient name. */
  variables: FormulaVariable[];
  /** Terms in R's order (by number of variables, then as written); each lists variable indices. */
  terms: Term[];
  intercept: boolean;
}

export function parseFormula(text: string): Formula {
  const tree = parseSyntax(text);
  if (tree.kind !== 'binary' || tree.op !== '~') {
    throw formulaError(text, 'it must start with the outcome column, then ~');
  }
  if (tree.left.kind !== 'name') {
    throw formulaError(
      text,
      'the outcome must be a column name (derive it in a sql cell)',
      tree.left.at,
    );
  }
  const outcome = tree.left.name;
  const found: FormulaVariable[] = [];
  const variableOf = (node: SyntaxNode): number => {
    const variable = describe(text, node, outcome);
    const index = found.findIndex((v) => v.label === variable.label);
    if (index >= 0) return index;
    found.push(variable);
    return found.length - 1;
  };
  const expanded = expandTerms(text, tree.right, variableOf);
  if (expanded.terms.length === 0 && !expanded.intercept) {
    throw formulaError(text, 'the model has neither terms nor an intercept');
  }
  // Variables only a removed term named (`y ~ a - b`) are not part of the model.
  const used = [...new Set(expanded.terms.flat())].sort((a, b) => a - b);
  const variables = used.map((i) => found[i]);
  const terms = expanded.terms.map((t) => t.map((i) => used.indexOf(i)));
  const predictors: string[] = [];
  for (const variable of variables) {
    for (const column of variable.kind === 'expression' ? variable.columns : [variable.column]) {
      if (!predictors.includes(column)) predictors.push(column);
    }
  }
  return { outcome, predictors, variables, terms, intercept: expanded.intercept };
}

function describe(text: string, node: SyntaxNode, outcome: string): FormulaVariable {
  if (node.kind === 'name') {
    if (node.name === outcome) {
      throw formulaError(
        text,
        `the outcome ${JSON.stringify(outcome)} also appears as a predictor`,
        node.at,
        rVariableName(node.name),
      );
    }
    return { kind: 'column', label: rVariableName(node.name), column: node.name };
  }
  if (node.kind !== 'call') throw new Error('only names and calls are variables');
  if (node.fn === 'factor') {
    const [arg] = node.args;
    if (node.args.length !== 1 || arg.kind !== 'name') {
      throw formulaError(text, 'factor() takes one column name', node.at, 'factor');
    }
    return { kind: 'factor', label: deparse(node), column: arg.name };
  }
  if (!(FUNCTIONS as readonly string[]).includes(node.fn)) throw unknownFunction(text, node);
  const expr = toExpr(text, node);
  return { kind: 'expression', label: deparse(node), expr, columns: columnsOf(expr) };
}

/**
 * `y ~ a + b` (or `y ~ 1`): a formula the form's outcome and predictor fields can show and
 * write back without losing anything.
 */
export function isPlainFormula(formula: Formula): boolean {
  return (
    formula.intercept &&
    formula.terms.length === formula.variables.length &&
    formula.terms.every((t) => t.length === 1) &&
    formula.variables.every((v) => v.kind === 'column')
  );
}
