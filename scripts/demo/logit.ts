/**
 * A minimal logistic regression (Newton–Raphson) for the generator's self-check: does the
 * embassy effect survive the welcome notebook's controls? The app's own logit lives in src/;
 * this copy keeps the generator free of runtime code it is meant to exercise.
 */
export interface LogitFit {
  coefficients: number[];
  standardErrors: number[];
  converged: boolean;
}

export function fitLogit(x: readonly (readonly number[])[], y: readonly boolean[]): LogitFit {
  const k = x[0].length;
  let beta = new Array<number>(k).fill(0);
  let information: number[][] = [];
  for (let iteration = 0; iteration < 50; iteration++) {
    information = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    const score = new Array<number>(k).fill(0);
    x.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-row.reduce((s, v, j) => s + v * beta[j], 0)));
      const w = p * (1 - p);
      for (let a = 0; a < k; a++) {
        score[a] += row[a] * ((y[i] ? 1 : 0) - p);
        for (let b = 0; b < k; b++) information[a][b] += w * row[a] * row[b];
      }
    });
    const step = solve(information, score);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) {
      const inverse = invert(information);
      return {
        coefficients: beta,
        standardErrors: inverse.map((r, j) => Math.sqrt(r[j])),
        converged: true,
      };
    }
  }
  const inverse = invert(information);
  return {
    coefficients: beta,
    standardErrors: inverse.map((r, j) => Math.sqrt(r[j])),
    converged: false,
  };
}

function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const inverse = invert(a);
  return inverse.map((row) => row.reduce((s, v, j) => s + v * b[j], 0));
}

/** Gauss–Jordan with partial pivoting. */
function invert(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) throw new Error('Singular information matrix');
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    for (let j = 0; j < 2 * n; j++) m[col][j] /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) m[r][j] -= f * m[col][j];
    }
  }
  return m.map((row) => row.slice(n));
}
