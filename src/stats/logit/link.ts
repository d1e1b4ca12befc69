import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { qnorm } from '../normal-quantile.ts';

/** R's .Machine$double.eps. */
export const DBL_EPSILON = 2.220446049250313e-16;
/** Beyond ±30 R's logit link clamps mu (THRESH and MTHRESH in R's family.c). */
export const THRESH = 30;
/** make.link("probit")'s thresh: -qnorm(.Machine$double.eps) = 8.125890664701906. */
export const PROBIT_THRESH = -qnorm(DBL_EPSILON);

/** The binomial links a model cell fits. */
export type LinkName = 'logit' | 'probit';

/** The mean and its derivative d mu / d eta at one linear predictor. */
export interface LinkValue {
  mu: number;
  me: number;
}

/** R's logit_linkinv and logit_mu_eta (family.c), thresholds included. */
export function logitLink(eta: number): LinkValue {
  const e = eta < -THRESH ? DBL_EPSILON : eta > THRESH ? 1 / DBL_EPSILON : exp(eta);
  const outside = eta < -THRESH || eta > THRESH;
  return { mu: e / (1 + e), me: outside ? DBL_EPSILON : e / ((1 + e) * (1 + e)) };
}

/**
 * make.link("probit"): linkinv = pnorm(eta clamped to ±thresh), mu.eta = max(dnorm(eta), eps).
 * pnorm is @stdlib's (erfc-based, pure JavaScript); dnorm is written out as R's dnorm.c computes
 * it, with @stdlib's exp, so both are the same bits in Node and the browser.
 */
export function probitLink(eta: number): LinkValue {
  const clamped = Math.min(Math.max(eta, -PROBIT_THRESH), PROBIT_THRESH);
  return { mu: normalCdf(clamped, 0, 1), me: Math.max(dnorm(eta), DBL_EPSILON) };
}

const M_1_SQRT_2PI = 0.3989422804014327; // R's M_1_SQRT_2PI, 1 / sqrt(2 pi)
/** sqrt(-2 * M_LN2 * (DBL_MIN_EXP + 1 - DBL_MANT_DIG)): beyond it dnorm underflows to 0. */
const DNORM_UNDERFLOW = Math.sqrt(-2 * Math.LN2 * (-1021 + 1 - 53));

/** R's dnorm(x) (nmath/dnorm.c): for |x| ≥ 5 it splits x so exp(-x²/2) keeps its digits. */
export function dnorm(x: number): number {
  const a = Math.abs(x);
  if (a < 5) return M_1_SQRT_2PI * exp(-0.5 * a * a);
  if (a > DNORM_UNDERFLOW) return 0;
  const x1 = roundHalfEven(a * 65536) / 65536;
  const x2 = a - x1;
  return M_1_SQRT_2PI * (exp(-0.5 * x1 * x1) * exp((-0.5 * x2 - x1) * x2));
}

export function linkOf(name: LinkName | undefined): (eta: number) => LinkValue {
  return name === 'probit' ? probitLink : logitLink;
}

/** The link function itself (linkfun), for glm.fit's starting eta from mustart. */
export function linkFunction(name: LinkName | undefined, mu: number): number {
  return name === 'probit' ? qnorm(mu) : ln(mu / (1 - mu));
}

/** C's nearbyint in the default rounding mode (R_forceint, and R's round(x) with no digits). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
