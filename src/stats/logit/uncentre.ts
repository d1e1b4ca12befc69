/**
 * Back from the centred design (x - shift) to R's parametrisation: slopes are unchanged, the
 * intercept absorbs -sum(b_j * shift_j), and the covariance transforms with the same matrix.
 * A model without an intercept is not centred (shift all 0): nothing changes.
 */
export function uncentre(
  shifts: number[],
  intercept: boolean,
  kept: number[],
  centredCoefficients: number[],
  centred: number[][],
): { coefficients: number[]; covariance: number[][] } {
  if (!intercept) return { coefficients: [...centredCoefficients], covariance: centred };
  const shift = (j: number) => shifts[j];
  const coefficients = [...centredCoefficients];
  coefficients[0] = centredCoefficients.reduce(
    (acc, b, j) => acc - b * shift(j),
    centredCoefficients[0],
  );
  // T maps centred to uncentred coefficients on the kept set: row of the intercept is (1, -shift).
  const t = (a: number, b: number) => {
    if (kept[a] === 0) return kept[b] === 0 ? 1 : -shift(kept[b]);
    return a === b ? 1 : 0;
  };
  const m = kept.length;
  const tv = Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => {
      let s = 0;
      for (let c = 0; c < m; c++) s += t(a, c) * centred[c][b];
      return s;
    }),
  );
  const covariance = Array.from({ length: m }, (_, a) =>
    Array.from({ length: m }, (_, b) => {
      let s = 0;
      for (let c = 0; c < m; c++) s += tv[a][c] * t(b, c);
      return s;
    }),
  );
  return { coefficients, covariance };
}
