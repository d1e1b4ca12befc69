import { describe, expect, it } from 'vitest';
import { CellError } from '../../../src/shared/errors.ts';
import {
  isPlainFormula,
  parseFormula,
  rVariableName,
  type Formula,
} from '../../../src/stats/logit/formula.ts';

/** Term labels as R's attr(terms(f), "term.labels") prints them. */
function labels(formula: Formula): string[] {
  return formula.terms.map((t) => t.map((v) => formula.variables[v].label).join(':'));
}

describe('parseFormula', () => {
  it('reads outcome and predictors, dropping repeats as R does', () => {
    const f = parseFormula('y ~ x1 + x2 + region + x1');
    expect(f).toMatchObject({ outcome: 'y', predictors: ['x1', 'x2', 'region'], intercept: true });
    expect(labels(f)).toEqual(['x1', 'x2', 'region']);
    expect(isPlainFormula(f)).toBe(true);
  });

  it('reads backtick-quoted names with spaces, trailing spaces and escapes', () => {
    const f = parseFormula('`Concession ` ~ `Crit Inf` + `a\\`b` + .hidden + x.y_z');
    expect(f).toMatchObject({
      outcome: 'Concession ',
      predictors: ['Crit Inf', 'a`b', '.hidden', 'x.y_z'],
    });
    expect(labels(f)).toEqual(['`Crit Inf`', '`a\\`b`', '.hidden', 'x.y_z']);
  });

  it('reads an intercept-only model and an explicit intercept', () => {
    expect(parseFormula('y ~ 1')).toMatchObject({ predictors: [], terms: [], intercept: true });
    expect(parseFormula('y ~ 1 + x')).toMatchObject({ predictors: ['x'], intercept: true });
  });

  // Each expected list is R 4.2's attr(terms(formula), "term.labels").
  it.each([
    ['y ~ a * b', ['a', 'b', 'a:b']],
    ['y ~ b:a + a', ['a', 'b:a']],
    ['y ~ a + b:a', ['a', 'a:b']],
    ['y ~ b:a + a + c*d - 1', ['a', 'c', 'd', 'b:a', 'c:d']],
    ['y ~ (a + b) * (c + d)', ['a', 'b', 'c', 'd', 'a:c', 'a:d', 'b:c', 'b:d']],
    ['y ~ (a + b + c)^2 + a/d', ['a', 'b', 'c', 'a:b', 'a:c', 'b:c', 'a:d']],
    ['y ~ (f + z)/x', ['f', 'z', 'f:z:x']],
    ['y ~ a*b - a:b', ['a', 'b']],
    ['y ~ a - b + b:c', ['a', 'b:c']],
    ['y ~ x:x + x*x', ['x']],
    ['y ~ log(x):f + f', ['f', 'log(x):f']],
    ['y ~ I(x ^ 2) + log( gdp ) + factor(code)', ['I(x^2)', 'log(gdp)', 'factor(code)']],
    [
      'y ~ I(x ^ 2 + (z*3)/ 100000 - -x + 0.0001 + 1e15 + 2.50)',
      ['I(x^2 + (z * 3)/1e+05 - -x + 1e-04 + 1e+15 + 2.5)'],
    ],
    ['y ~ sqrt(`my x`) + exp(-z) + I(x^-1)', ['sqrt(`my x`)', 'exp(-z)', 'I(x^-1)']],
  ])('expands %s into R terms', (formula, expected) => {
    expect(labels(parseFormula(formula))).toEqual(expected);
  });

  it.each([
    ['y ~ x - 1', false],
    ['y ~ 0 + x', false],
    ['y ~ -1 + x', false],
    ['y ~ x + (z - 1)', false],
    ['y ~ 1 - 1 + x', false],
    ['y ~ x + 0 + 1', true],
    ['y ~ x - 1 + 1', true],
  ])('%s has intercept %s, as R', (formula, intercept) => {
    expect(parseFormula(formula).intercept).toBe(intercept);
  });

  it('lists the columns a formula reads, including those inside functions', () => {
    const f = parseFormula('y ~ I(x * z) + factor(code) + log(`gdp pc`):region');
    expect(f.predictors).toEqual(['x', 'z', 'code', 'gdp pc', 'region']);
    expect(isPlainFormula(f)).toBe(false);
    expect(isPlainFormula(parseFormula('y ~ a - 1'))).toBe(false);
  });

  it.each([
    ['y ~ a +', 'it ends where a term should be (at the end)'],
    ['y ~ a b', 'terms must be joined by an operator (+, *, :, -) (at character 7: "b")'],
    ['y ~ a +* b', 'expected a column name, a number or ( but found "*" (at character 8: "*")'],
    ['~ a', 'it must start with the outcome column, then ~ (at character 1: "~")'],
    ['y', 'it must start with the outcome column, then ~'],
    ['y ~ `a', 'a backtick-quoted name is not closed (at character 5: "`")'],
    ['y ~ 2x', '"2x" is not a column name (quote it with backticks) (at character 5: "2x")'],
    ['y ~ y + a', 'the outcome "y" also appears as a predictor (at character 5: "y")'],
    [
      'y ~ a + foo(x)',
      'unknown function foo() (a formula can use factor, log, exp, sqrt and I) (at character 9: "foo")',
    ],
    [
      'y ~ log(x, 2)',
      'log() takes one argument here (the natural logarithm) (at character 5: "log")',
    ],
    [
      'y ~ I(x^0.5)',
      'only whole-number powers up to 64 are supported, such as x^2 (use sqrt() for a square root) (at character 9: "0.5")',
    ],
    ['y ~ (a + b', 'expected ) to close ( (at the end)'],
    ['y ~ a + b)', 'unexpected ")" (at character 10: ")")'],
    ['y ~ 0', 'the model has neither terms nor an intercept'],
    ['y ~ a ~ b', 'a formula has one ~ (at character 7: "~")'],
    [
      'y ~ a + 3',
      'a number in a formula can only be 1 or 0 (the intercept); write I(...) for arithmetic (at character 9: "3")',
    ],
    [
      'log(y) ~ x',
      'the outcome must be a column name (derive it in a sql cell) (at character 1: "log")',
    ],
    ['y ~ I(a:b)', ': cannot be used inside a function\'s parentheses (at character 8: ":")'],
    ['y ~ factor(x + 1)', 'factor() takes one column name (at character 5: "factor")'],
    [
      'y ~ I(factor(x))',
      'factor() is a term of its own, not part of arithmetic (at character 7: "factor")',
    ],
    ['y ~ (a + b)^z', 'the power of terms must be a whole number such as (a + b)^2'],
    ['y ~ a$b', 'unexpected "$"; quote unusual column names with backticks (at character 6: "$")'],
  ])('rejects %s, pointing at the token', (formula, message) => {
    expect(() => parseFormula(formula)).toThrow(CellError);
    expect(() => parseFormula(formula)).toThrow(
      `cannot read formula ${JSON.stringify(formula)}: ${message}`,
    );
  });
});

describe('rVariableName', () => {
  it('backticks names R would not accept bare, as glm prints coefficient names', () => {
    expect(rVariableName('region')).toBe('region');
    expect(rVariableName('Crit Inf')).toBe('`Crit Inf`');
    expect(rVariableName('2x')).toBe('`2x`');
    expect(rVariableName('if')).toBe('`if`');
    expect(rVariableName('.5a')).toBe('`.5a`');
  });
});
