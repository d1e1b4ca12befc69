/**
 * The small dense linear algebra the logit needs: a Cholesky factorisation of the p×p matrix
 * X'WX (p is the number of model terms, so tens at most), solves and the inverse.
 */

export interface Factor {
  /** Indices of the columns kept, ascending; the others are aliased. */
  kept: number[];
  /** Lower-triangular factor of the kept block, in `kept` order. */
  lower: number[][];
}

/**
 * Cholesky factorisation of a symmetric positive semi-definite matrix that, like R's QR with
 * limited pivoting, takes columns in order and sets aside (aliases) any column whose part not
 * explained by the columns kept before it is negligible: its residual sum of squares below
 * `tolerance` times its own. That leaves constant and collinear predictors out, later columns
 * first, as R's glm does.
 */
export function factorWithAliasing(matrix: number[][], tolerance: number): Factor {
  const kept: number[] = [];
  const lower: number[][] = [];
  for (let j = 0; j < matrix.length; j++) {
    const diagonal = matrix[j][j];
    const row: number[] = [];
    let residual = diagonal;
    for (let k = 0; k < kept.length; k++) {
      let value = matrix[j][kept[k]];
      for (let l = 0; l < k; l++) value -= row[l] * lower[k][l];
      value /= lower[k][k];
      row.push(value);
      residual -= value * value;
    }
    if (!(diagonal > 0) || !(residual > tolerance * diagonal)) continue;
    row.push(Math.sqrt(residual));
    kept.push(j);
    lower.push(row);
  }
  return { kept, lower };
}

/** Plain Cholesky of the kept block of `matrix`; null when it is not numerically positive definite. */
export function factorKept(matrix: number[][], kept: number[]): Factor | null {
  const lower: number[][] = [];
  for (let a = 0; a < kept.length; a++) {
    const row: number[] = [];
    for (let b = 0; b <= a; b++) {
      let value = matrix[kept[a]][kept[b]];
      const other = a === b ? row : lower[b];
      for (let l = 0; l < b; l++) value -= row[l] * other[l];
      if (a === b) {
        if (!(value > 0)) return null;
        row.push(Math.sqrt(value));
      } else {
        row.push(value / lower[b][b]);
      }
    }
    lower.push(row);
  }
  return { kept: [...kept], lower };
}

/** Solves (kept block) x = rhs[kept]; the result is full length with aliased entries 0. */
export function solveFactor(factor: Factor, rhs: number[]): number[] {
  const { kept, lower } = factor;
  const m = kept.length;
  const y = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    let value = rhs[kept[i]];
    for (let k = 0; k < i; k++) value -= lower[i][k] * y[k];
    y[i] = value / lower[i][i];
  }
  const x = new Array<number>(m);
  for (let i = m - 1; i >= 0; i--) {
    let value = y[i];
    for (let k = i + 1; k < m; k++) value -= lower[k][i] * x[k];
    x[i] = value / lower[i][i];
  }
  const full = new Array<number>(rhs.length).fill(0);
  kept.forEach((index, i) => (full[index] = x[i]));
  return full;
}

/** Inverse of the kept block, indexed in `kept` order. */
export function inverseFactor(factor: Factor): number[][] {
  const m = factor.kept.length;
  const columns: number[][] = [];
  for (let j = 0; j < m; j++) {
    const unit = new Array<number>(factor.kept.length).fill(0);
    unit[j] = 1;
    const identityFactor: Factor = { kept: range(m), lower: factor.lower };
    columns.push(solveFactor(identityFactor, unit));
  }
  // Symmetrise: the two triangles agree up to rounding.
  return columns.map((col, i) => col.map((_, j) => (columns[i][j] + columns[j][i]) / 2));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
