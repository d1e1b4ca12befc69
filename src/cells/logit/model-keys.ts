/**
 * The keys the binomial model cells (logit, probit) share: the formula, the interval level,
 * predictions, standard errors, weights and reference levels. The logit adds `method`.
 */
import { checkModelOptions, type LogitSpec } from '../../stats/logit/model-spec.ts';
import type { KeyType } from '../spec-keys.ts';

export const MODEL_KEYS: Record<string, KeyType> = {
  from: 'string',
  formula: 'string',
  level: 'level',
  predict: 'string',
  se: 'string',
  cluster: 'string',
  weights: 'string',
  reference: 'levels',
};

/** The whole spec's check: a formula with ~, and the options' consistency (se with cluster…). */
export function checkModelSpec(spec: Record<string, unknown>): string | undefined {
  if (!String(spec.formula).includes('~')) return 'formula must look like "y ~ x1 + x2"';
  return checkModelOptions(spec as unknown as LogitSpec);
}

/** `<name>`, `<name>_fit`, `<name>_predicted` with predict:, then `<name>_missing`. */
export function modelTables(name: string, spec: { predict?: string }): string[] {
  return [
    name,
    `${name}_fit`,
    ...(spec.predict ? [`${name}_predicted`] : []),
    // Last, so the tables a notebook already had keep their places.
    `${name}_missing`,
  ];
}

/** Intervals and odds ratios follow from the estimate and its standard error. */
export function modelPins(name: string, spec: { predict?: string }) {
  return [
    { table: name, keys: ['term'], values: ['estimate', 'std_error', 'statistic', 'p_value'] },
    { table: `${name}_fit`, keys: [] },
    ...(spec.predict ? [{ table: `${name}_predicted`, keys: [spec.predict] }] : []),
  ];
}

/** The body of a new model cell. */
export const MODEL_TEMPLATE = (table: string | undefined) =>
  `from: ${table ?? 'my_table'}\nformula: y ~ x`;
