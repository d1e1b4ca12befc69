import { chiSquareUpper } from './tail-probabilities.ts';

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
  /** Smallest expected count: below 5 the chi-square approximation may be poor. */
  minExpected: number;
}

/** Pearson's chi-square test of independence, no continuity correction (chisq.test(correct = FALSE)). */
export function pearsonChiSquare(counts: number[][]): ChiSquareResult {
  const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = counts[0].map((_, j) => counts.reduce((a, r) => a + r[j], 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  let statistic = 0;
  let minExpected = Infinity;
  // Column by column, the order R's sum() walks its column-major matrix.
  for (let j = 0; j < colTotals.length; j++) {
    for (let i = 0; i < rowTotals.length; i++) {
      const expected = (rowTotals[i] * colTotals[j]) / total;
      const diff = counts[i][j] - expected;
      statistic += (diff * diff) / expected;
      minExpected = Math.min(minExpected, expected);
    }
  }
  const df = (rowTotals.length - 1) * (colTotals.length - 1);
  return { statistic, df, pValue: chiSquareUpper(statistic, df), minExpected };
}
