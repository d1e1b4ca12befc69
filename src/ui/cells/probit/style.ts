/** How a probit's coefficient table reads: the logit's layout without odds ratios. */
import type { BinomialStyle } from '../logit/layout.ts';

export const PROBIT_STYLE: BinomialStyle = {
  caption: 'Probit regression: ',
  oddsRatios: false,
  cls: 'probit',
};
