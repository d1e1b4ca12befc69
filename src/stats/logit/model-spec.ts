/**
 * The binomial model cells' specs (logit, probit) and the consistency of their options,
 * checked when the notebook is read and again before a fit.
 */
import { SE_TYPES, type SeType } from './se-types.ts';

export interface ProbitSpec {
  from: string;
  formula: string;
  level?: number;
  /** Adds `<name>_predicted`: average predicted probability at each level of this predictor. */
  predict?: string;
  /** How the standard errors are computed (default `model`). */
  se?: SeType;
  /** The cluster column of `se: cluster`. */
  cluster?: string;
  /** Prior weights, as glm's `weights =`. */
  weights?: string;
  /** Reference level of text predictors, as R's relevel: {column: level}. */
  reference?: Record<string, string | number | boolean>;
}

export interface LogitSpec extends ProbitSpec {
  /** `ml` (glm, the default) or `firth` (brglm2's AS_mean, = logistf). */
  method?: 'ml' | 'firth';
}

export const METHODS = ['ml', 'firth'] as const;

/** The spec's own consistency; the cells check the same before anything runs. */
export function checkModelOptions(spec: LogitSpec): string | undefined {
  if (spec.se !== undefined && !(SE_TYPES as readonly string[]).includes(spec.se)) {
    return `se must be one of ${SE_TYPES.join(', ')} (got ${JSON.stringify(spec.se)})`;
  }
  if (spec.method !== undefined && !(METHODS as readonly string[]).includes(spec.method)) {
    return `method must be ml or firth (got ${JSON.stringify(spec.method)})`;
  }
  const se = seTypeOf(spec);
  if (se === 'cluster' && spec.cluster === undefined) {
    return 'se: cluster needs the cluster column: add `cluster: <column>`';
  }
  if (spec.cluster !== undefined && se !== 'cluster') {
    return `cluster: is used only with se: cluster (se is ${se})`;
  }
  if (spec.method === 'firth' && se !== 'model') {
    return "method: firth reports the penalised model's own standard errors; remove se: or set se: model";
  }
  return undefined;
}

/** `cluster:` alone means clustered standard errors. */
export function seTypeOf(spec: LogitSpec): SeType {
  return spec.se ?? (spec.cluster !== undefined ? 'cluster' : 'model');
}
