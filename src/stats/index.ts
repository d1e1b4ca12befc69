/** The statistics cells' entry points: each reads a DuckDB table and returns result tables. */
export { runRate } from './rate.ts';
export { runCrosstab } from './crosstab.ts';
export { runLogit } from './logit/run-logit.ts';
