/** The columns of a binomial model's `<name>_fit` table, in their published order. */
export const FIT_COLUMNS = [
  { name: 'n', type: 'BIGINT' },
  // Rows left out for a missing value in a model column; <name>_missing says which.
  { name: 'n_dropped', type: 'BIGINT' },
  { name: 'log_likelihood', type: 'DOUBLE' },
  { name: 'aic', type: 'DOUBLE' },
  { name: 'deviance', type: 'DOUBLE' },
  { name: 'null_deviance', type: 'DOUBLE' },
  { name: 'iterations', type: 'INTEGER' },
  { name: 'converged', type: 'BOOLEAN' },
  { name: 'warning', type: 'VARCHAR' },
  // Added after the first release, so earlier notebooks keep their columns' places.
  { name: 'bic', type: 'DOUBLE' },
  { name: 'df_residual', type: 'BIGINT' },
  // How the standard errors were computed (`model`, `HC0`…`HC3`, `stata`, `cluster`).
  { name: 'se_type', type: 'VARCHAR' },
  // Number of clusters G when se_type is `cluster`.
  { name: 'clusters', type: 'BIGINT' },
  // `ml` (glm's maximum likelihood) or `firth` (penalised, brglm2's AS_mean).
  { name: 'method', type: 'VARCHAR' },
];
