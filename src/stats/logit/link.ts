import exp from '@stdlib/math-base-special-exp';

/** R's .Machine$double.eps. */
export const DBL_EPSILON = 2.220446049250313e-16;
/** Beyond ±30 R's logit link clamps mu (THRESH and MTHRESH in R's family.c). */
export const THRESH = 30;

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
