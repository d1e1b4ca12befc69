/** The columns of an ordered logit's `<name>` and `<name>_fit` tables. */
import type { ColumnInfo } from '../../shared/table-data.ts';

/** Coefficients first, then the cut-points (`type` says which); odds ratios only for coefficients. */
export const COEFFICIENT_COLUMNS: ColumnInfo[] = [
  { name: 'term', type: 'VARCHAR' },
  { name: 'type', type: 'VARCHAR' },
  ...[
    'estimate',
    'std_error',
    'statistic',
    'p_value',
    'conf_low',
    'conf_high',
    'odds_ratio',
    'or_low',
    'or_high',
  ].map((name) => ({ name, type: 'DOUBLE' })),
];

/** The logit's `_fit` columns in the logit's order, so a table of both models lines them up. */
export const FIT_COLUMNS: ColumnInfo[] = [
  { name: 'n', type: 'BIGINT' },
  { name: 'n_dropped', type: 'BIGINT' },
  { name: 'log_likelihood', type: 'DOUBLE' },
  { name: 'aic', type: 'DOUBLE' },
  // -2 log-likelihood (polr's deviance; ordinal models have no saturated model to compare to).
  { name: 'deviance', type: 'DOUBLE' },
  // The same for the model with cut-points only.
  { name: 'null_deviance', type: 'DOUBLE' },
  { name: 'iterations', type: 'INTEGER' },
  { name: 'converged', type: 'BOOLEAN' },
  { name: 'warning', type: 'VARCHAR' },
  { name: 'bic', type: 'DOUBLE' },
  // clm's: the sum of the weights minus the parameters, so not a whole number when weighted.
  { name: 'df_residual', type: 'DOUBLE' },
  { name: 'se_type', type: 'VARCHAR' },
  { name: 'clusters', type: 'BIGINT' },
];
