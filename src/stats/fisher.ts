/**
 * Two-sided Fisher exact test for a 2×2 table, as R's fisher.test computes its p-value: the
 * sum of the conditional (hypergeometric) probabilities of all tables with the same margins
 * that are no more likely than the observed one, with R's relative tolerance of 1e-7 so
 * tables that tie in exact arithmetic count despite rounding.
 *
 * Table layout: [[a, b], [c, d]] with a = cell (1,1).
 */
export function fisherExact2x2(table: number[][]): number {
  const [[a, b], [c, d]] = table;
  const m = a + c; // first column total
  const n = b + d; // second column total
  const k = a + b; // first row total
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const density = relativeDensities(m, n, k, lo, hi);
  const observed = density[a - lo] * (1 + 1e-7);
  let total = 0;
  let tail = 0;
  for (const value of density) {
    total += value;
    if (value <= observed) tail += value;
  }
  return Math.min(1, tail / total);
}

/**
 * Hypergeometric probabilities of x = lo..hi, scaled so the largest is 1. Built outward from
 * the mode with the ratio P(x+1)/P(x) = (m-x)(k-x) / ((x+1)(n-k+x+1)), which stays accurate
 * and never overflows; far tails underflow harmlessly to 0.
 */
function relativeDensities(m: number, n: number, k: number, lo: number, hi: number): number[] {
  const size = hi - lo + 1;
  const density = new Array<number>(size).fill(0);
  const mode = Math.min(hi, Math.max(lo, Math.floor(((k + 1) * (m + 1)) / (m + n + 2))));
  density[mode - lo] = 1;
  for (let x = mode; x < hi; x++) {
    density[x + 1 - lo] = (density[x - lo] * ((m - x) * (k - x))) / ((x + 1) * (n - k + x + 1));
  }
  for (let x = mode; x > lo; x--) {
    density[x - 1 - lo] = (density[x - lo] * (x * (n - k + x))) / ((m - x + 1) * (k - x + 1));
  }
  return density;
}
