/**
 * Tail probabilities for the tests that report p-values (logit, chi-square), from @stdlib (pure
 * JavaScript, so the browser and the command line compute the same bits). Kept apart from
 * normal-quantile.ts: @stdlib's incomplete gamma and its helpers are ~20 kB gzipped, and the rate
 * cell, which every notebook's first chart may need, uses only the quantile.
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** Two-sided p-value of a z statistic: R's 2 * pnorm(-abs(z)). */
export function twoSidedNormalP(z: number): number {
  return 2 * normalCdf(-Math.abs(z), 0, 1);
}

/** Upper tail of the chi-square distribution: R's pchisq(x, df, lower.tail = FALSE). */
export function chiSquareUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}
