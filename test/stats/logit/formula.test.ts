import { describe, expect, it } from 'vitest';
import { CellError } from '../../../src/shared/errors.ts';
import { parseFormula, rVariableName } from '../../../src/stats/logit/formula.ts';

describe('parseFormula', () => {
  it('reads outcome and predictors, dropping repeats as R does', () => {
    expect(parseFormula('y ~ x1 + x2 + region + x1')).toEqual({
      outcome: 'y',
      predictors: ['x1', 'x2', 'region'],
    });
  });

  it('reads backtick-quoted names with spaces, trailing spaces and escapes', () => {
    expect(parseFormula('`Concession ` ~ `Crit Inf` + `a\\`b` + .hidden + x.y_z')).toEqual({
      outcome: 'Concession ',
      predictors: ['Crit Inf', 'a`b', '.hidden', 'x.y_z'],
    });
  });

  it('reads an intercept-only model and an explicit intercept', () => {
    expect(parseFormula('y ~ 1')).toEqual({ outcome: 'y', predictors: [] });
    expect(parseFormula('y ~ 1 + x')).toEqual({ outcome: 'y', predictors: ['x'] });
  });

  it.each([
    ['y ~ a * b', '"*" is not supported: only + between columns'],
    ['y ~ a - 1', '"-" is not supported'],
    ['y ~ 0 + a', 'models without an intercept are not supported'],
    ['y ~ log(a)', '"(" is not supported'],
    ['y ~ a +', 'it ends without a term'],
    ['y ~ a b', 'terms must be joined with +'],
    ['~ a', 'it must start with the outcome column, then ~'],
    ['y ~ `a', 'a backtick-quoted name is not closed'],
    ['y ~ 2x', '"2x" is not a column name (quote it with backticks)'],
    ['y ~ y + a', 'the outcome "y" also appears as a predictor'],
  ])('rejects %s', (formula, message) => {
    expect(() => parseFormula(formula)).toThrow(CellError);
    expect(() => parseFormula(formula)).toThrow(message);
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
