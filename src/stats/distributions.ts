/**
 * The few distribution functions the statistics cells need, from @stdlib (pure JavaScript, so
 * the browser and the command line compute the same bits).
 */
import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Standard normal quantile: R's qnorm(p). */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Two-sided p-value of a z statistic: R's 2 * pnorm(-abs(z)). */
export function twoSidedNormalP(z: number): number {
  return 2 * normalCdf(-Math.abs(z), 0, 1);
}

/** Upper tail of the chi-square distribution: R's pchisq(x, df, lower.tail = FALSE). */
export function chiSquareUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** z for a two-sided interval at confidence `level`: R's qnorm((1 + level) / 2). */
export function zForLevel(level: number): number {
  return qnorm((1 + level) / 2);
}
