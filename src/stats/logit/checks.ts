import type { Design, DesignColumn } from './design.ts';
import type { IrlsFit } from './irls.ts';
import { DBL_EPSILON, type LinkName } from './link.ts';

/** R's threshold for "fitted probabilities numerically 0 or 1 occurred". */
const FITTED_EPS = 10 * DBL_EPSILON;

/** Names the aliased terms the way a user can act on: constant, or collinear with others. */
export function rankMessage(columns: DesignColumn[], aliased: number[]): string | null {
  if (aliased.length === 0) return null;
  const constant = aliased.filter((j) => columns[j].constant).map((j) => columns[j].term);
  const collinear = aliased.filter((j) => !columns[j].constant).map((j) => columns[j].term);
  const parts: string[] = [];
  if (constant.length)
    parts.push(`${list(constant)} ${constant.length === 1 ? 'is' : 'are'} constant`);
  if (collinear.length) {
    parts.push(
      `${list(collinear)} ${collinear.length === 1 ? 'is a linear combination' : 'are linear combinations'} of other predictors`,
    );
  }
  return (
    `rank deficient: ${parts.join(' and ')} in the estimation sample, so ` +
    `${aliased.length === 1 ? 'its estimate is' : 'their estimates are'} NULL (R reports NA)`
  );
}

/**
 * Separation: some combination of predictors predicts the outcome perfectly, the likelihood
 * has no maximum and the estimates run off towards infinity. R notices it only through
 * fitted probabilities of 0 or 1 (or non-convergence), and says nothing when the iterations
 * stop early in the quasi-complete case. So this also checks, one predictor at a time, whether
 * a term alone separates the outcome (a level where every row has the same outcome, or a
 * threshold no row crosses), which is sufficient for separation and names the term.
 */
export function separationMessage(
  design: Design,
  aliased: number[],
  fit: IrlsFit,
  model: { link: LinkName; intercept: boolean } = { link: 'logit', intercept: true },
): string | null {
  const extreme = fit.maxMu > 1 - FITTED_EPS || fit.minMu < FITTED_EPS;
  if (design.ones === 0 || design.ones === design.n) {
    return (
      `separation: the outcome is ${design.ones === 0 ? 0 : 1} in every row, so there is ` +
      'nothing to explain and the estimates are not meaningful'
    );
  }
  const separating: { term: string; complete: boolean }[] = [];
  design.columns.forEach((column, j) => {
    const r = column.range;
    if (column.constant || aliased.includes(j)) return;
    if (r.max0 <= r.min1 || r.max1 <= r.min0) {
      separating.push({ term: column.term, complete: r.max0 < r.min1 || r.max1 < r.min0 });
    }
  });
  if (!extreme && separating.length === 0) {
    return fit.converged
      ? null
      : 'the algorithm did not converge in 25 iterations (R: "glm.fit: algorithm did not converge"); the estimates are not reliable';
  }
  const symptoms = [
    extreme ? 'fitted probabilities numerically 0 or 1 occurred (R warns the same)' : null,
    fit.converged ? null : 'the algorithm did not converge',
  ].filter((s): s is string => s !== null);
  const complete = separating.some((s) => s.complete) || fit.deviance < 1e-6;
  const kind = complete ? 'complete separation' : 'quasi-complete separation';
  const likely = separating.length
    ? `${list(separating.map((s) => s.term))} ${separating.length === 1 ? 'predicts' : 'each predict'} the outcome perfectly for some rows`
    : `likely involving ${largestEffect(design.columns, fit, model.intercept ? 1 : 0)}`;
  const firth =
    model.link === 'logit'
      ? "or fit Firth's penalised logit by adding the line `method: firth` to this cell"
      : "or fit Firth's penalised logit: a logit cell with the line `method: firth`";
  return (
    `${kind}: ${likely}${symptoms.length ? ` (${symptoms.join('; ')})` : ''}; ` +
    'estimates and standard errors involving it are not meaningful — drop the term, merge ' +
    `sparse levels, ${firth}`
  );
}

/** When no single predictor separates, the term whose effect over its range has run off furthest. */
function largestEffect(columns: DesignColumn[], fit: IrlsFit, offset: number): string {
  let best = offset === 1 ? '(Intercept)' : (columns[0]?.term ?? '');
  let size = -1;
  columns.forEach((column, j) => {
    const r = column.range;
    const spread = Math.max(r.max0, r.max1) - Math.min(r.min0, r.min1);
    const effect = Math.abs(fit.coefficients[j + offset]) * spread;
    if (effect > size) {
      size = effect;
      best = column.term;
    }
  });
  return best;
}

function list(terms: string[]): string {
  return terms.join(', ');
}

/**
 * Firth's fit has finite estimates under separation, so the separation advice does not apply;
 * what remains to say is an outcome with one value or brglmFit's own non-convergence.
 */
export function firthMessage(design: Design, fit: IrlsFit): string | null {
  if (design.ones === 0 || design.ones === design.n) {
    return `the outcome is ${design.ones === 0 ? 0 : 1} in every row, so there is nothing to explain`;
  }
  if (fit.failure) return `the fit stopped early: ${fit.failure}`;
  return fit.converged
    ? null
    : 'the algorithm did not converge in 100 iterations (R: "brglmFit: algorithm did not converge"); the estimates are not reliable';
}
