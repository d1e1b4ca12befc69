import { describe, expect, it } from 'vitest';
import { qnorm, zForLevel } from '../../src/stats/normal-quantile.ts';
import { readJson } from './helpers.ts';

/** [p, R's qnorm(p)] pairs written by test/fixtures/stats/qnorm.R. */
const { pairs } = readJson<{ pairs: [number, number][] }>('qnorm.json');

describe('qnorm against R', () => {
  it.each(pairs)('qnorm(%s) = %s', (p, expected) => {
    // Same algorithm and operation order as R's qnorm.c; only the logarithm may differ by an ulp.
    expect(Math.abs(qnorm(p) - expected)).toBeLessThanOrEqual(
      4 * Number.EPSILON * Math.abs(expected),
    );
  });

  it('gives the z of a 95% interval that R gives', () => {
    expect(zForLevel(0.95)).toBeCloseTo(1.959963984540054, 15);
  });

  it('follows R at the edges and outside [0, 1]', () => {
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
    expect(qnorm(0.5)).toBe(0);
    expect(qnorm(-0.1)).toBeNaN();
    expect(qnorm(1.1)).toBeNaN();
    expect(qnorm(NaN)).toBeNaN();
  });
});
