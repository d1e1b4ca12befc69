/** The coefficient table of a binomial model: one row per term, Wald z from the chosen covariance. */
import exp from '@stdlib/math-base-special-exp';
import type { Row } from '../../engine/Engine.ts';
import type { TableData } from '../../shared/table-data.ts';
import { twoSidedNormalP } from '../tail-probabilities.ts';

/**
 * `names` in design order (the intercept first when there is one); `kept` the indices estimated;
 * `covariance` theirs, in kept order. A logit adds odds ratios; a probit has none to give.
 */
export function coefficientTable(
  names: string[],
  coefficients: number[],
  kept: number[],
  covariance: number[][],
  z: number,
  oddsRatios: boolean,
): TableData {
  const rows = names.map((term, j): Row => {
    const at = kept.indexOf(j);
    if (at < 0) return { term, ...nullEstimates(oddsRatios) };
    const estimate = coefficients[j];
    const stdError = Math.sqrt(covariance[at][at]);
    const statistic = estimate / stdError;
    const low = estimate - z * stdError;
    const high = estimate + z * stdError;
    const row: Row = {
      term,
      estimate,
      std_error: stdError,
      statistic,
      p_value: twoSidedNormalP(statistic),
      conf_low: low,
      conf_high: high,
    };
    if (oddsRatios)
      Object.assign(row, { odds_ratio: exp(estimate), or_low: exp(low), or_high: exp(high) });
    return row;
  });
  const names_ = oddsRatios ? [...WALD, ...ODDS] : WALD;
  return {
    columns: [
      { name: 'term', type: 'VARCHAR' },
      ...names_.map((name) => ({ name, type: 'DOUBLE' })),
    ],
    rows,
  };
}

const WALD = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'];
const ODDS = ['odds_ratio', 'or_low', 'or_high'];

function nullEstimates(oddsRatios: boolean): Row {
  return Object.fromEntries((oddsRatios ? [...WALD, ...ODDS] : WALD).map((c) => [c, null]));
}
