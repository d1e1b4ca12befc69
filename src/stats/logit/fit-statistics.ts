/**
 * The likelihood-based fit statistics of a binomial glm as R reports them: null deviance
 * (glm.fit), AIC (binomial()$aic + 2 rank), logLik (rank - AIC / 2) and BIC (-2 logLik +
 * log(nobs) rank), with prior weights. logLik.glm's nobs counts rows of weight 0 (their
 * working residuals are not NA), so BIC does too, unlike nobs() and n. For 0/1 outcomes with whole-number weights
 * binomial()$aic equals the deviance; with fractional weights R rounds them
 * (dbinom(round(w y), round(w), mu)), and so does this.
 */
import ln from '@stdlib/math-base-special-ln';
import { nextTask } from '../../shared/next-task.ts';
import { linkOf, roundHalfEven } from './link.ts';
import { SLICE, type DesignMatrix } from './matrix.ts';

export interface FitStatistics {
  logLikelihood: number;
  aic: number;
  bic: number;
  nullDeviance: number;
}

export async function fitStatistics(
  matrix: DesignMatrix,
  fit: { coefficients: number[]; deviance: number },
  rank: number,
  counts: { n: number; ones: number; zeroWeights: number },
  firth = false,
): Promise<FitStatistics> {
  const weights = matrix.weights ?? null;
  const whole = weights === null || weights.every((w) => Number.isInteger(w));
  // -2 log-likelihood: the deviance when every weight is whole, else R's rounded one.
  const minus2LogLik = whole ? fit.deviance : await roundedDeviance(matrix, fit.coefficients);
  return {
    logLikelihood: -minus2LogLik / 2,
    aic: minus2LogLik + 2 * rank,
    // R's BIC takes log(nobs) from logLik.glm, which counts rows with weight 0 too.
    bic: minus2LogLik + ln(counts.n + counts.zeroWeights) * rank,
    nullDeviance: nullDeviance(matrix, counts, firth),
  };
}

/**
 * glm.fit's null deviance: the deviance at the weighted mean outcome with an intercept, at
 * linkinv(0) = 1/2 without one. brglmFit's is at the Firth fit of the intercept alone, whose
 * adjusted score Σ w (y - μ) + (1/2 - μ) = 0 (the hat values sum to 1) gives
 * μ = (Σ w y + 1/2) / (Σ w + 1).
 */
function nullDeviance(
  matrix: DesignMatrix,
  counts: { n: number; ones: number },
  firth: boolean,
): number {
  const weights = matrix.weights ?? null;
  let total1 = counts.ones;
  let total0 = counts.n - counts.ones;
  if (weights !== null) {
    total1 = 0;
    total0 = 0;
    for (let r = 0; r < matrix.n; r++) {
      if (matrix.y[r] === 1) total1 += weights[r];
      else total0 += weights[r];
    }
  }
  const p = !matrix.intercept
    ? 0.5
    : firth
      ? (total1 + 0.5) / (total1 + total0 + 1)
      : total1 / (total1 + total0);
  const part = (total: number, prob: number) => (total === 0 ? 0 : total * ln(1 / prob));
  return 2 * (part(total1, p) + part(total0, 1 - p));
}

/** -2 Σ log dbinom(round(w y), round(w), mu) for 0/1 outcomes: Σ 2 round(w) log(1 / mu). */
async function roundedDeviance(matrix: DesignMatrix, coefficients: number[]): Promise<number> {
  const { n, width: p, x, y } = matrix;
  const weights = matrix.weights!;
  const link = linkOf(matrix.link);
  let total = 0;
  for (let from = 0; from < n; from += SLICE) {
    if (from > 0) await nextTask();
    const to = Math.min(n, from + SLICE);
    for (let r = from, base = from * p; r < to; r++, base += p) {
      const size = roundHalfEven(weights[r]);
      if (size === 0) continue;
      let eta = 0;
      for (let j = 0; j < p; j++) eta += coefficients[j] * x[base + j];
      const { mu } = link(eta);
      total += 2 * size * ln(1 / (y[r] === 1 ? mu : 1 - mu));
    }
  }
  return total;
}
