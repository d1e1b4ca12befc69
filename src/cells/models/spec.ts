/**
 * The `models` cell's keys (docs/notebook-format.md, "`models`"): which model cells make the
 * columns of a regression table, what each term shows, the stars and an optional
 * likelihood-ratio test of each model against the one before it.
 */

/** What a term's block shows, line by line in this order. */
export const SHOW_ITEMS = [
  'estimate',
  'odds_ratio',
  'std_error',
  'conf_int',
  'p_value',
  'z',
] as const;
export type ShowItem = (typeof SHOW_ITEMS)[number];

export const DEFAULT_SHOW: readonly ShowItem[] = ['estimate', 'std_error'];
export const DEFAULT_STARS: readonly number[] = [0.05, 0.01, 0.001];

export interface ModelsSpec {
  /** Model cells (logit, probit, ologit), in column order; one name is a list of one. */
  models: string | string[];
  /** Column headings by model cell name; a model without one is headed by its name. */
  labels?: Record<string, string>;
  show?: string | string[];
  /** p-value thresholds of one, two, three … stars; [] for none. */
  stars?: (string | number | boolean)[];
  compare?: string;
}

export function modelNames(spec: Pick<ModelsSpec, 'models'>): string[] {
  return [spec.models].flat();
}

export function showItems(spec: Pick<ModelsSpec, 'show'>): ShowItem[] {
  return spec.show === undefined ? [...DEFAULT_SHOW] : ([spec.show].flat() as ShowItem[]);
}

/** Thresholds from the loosest to the strictest: a p below the k-th earns k stars. */
export function starThresholds(spec: Pick<ModelsSpec, 'stars'>): number[] {
  const list = spec.stars === undefined ? DEFAULT_STARS : (spec.stars as number[]);
  return [...list].sort((a, b) => b - a);
}

/** The whole spec's check, after each key's type: the parser reports it at the fence. */
export function checkModelsSpec(spec: Record<string, unknown>): string | undefined {
  const typed = spec as unknown as ModelsSpec;
  const names = modelNames(typed);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) return `models lists "${repeated}" twice`;
  const unknownLabel = Object.keys(typed.labels ?? {}).find((k) => !names.includes(k));
  if (unknownLabel) return `labels names "${unknownLabel}", which is not in models`;
  const show = showItems(typed);
  const badShow = show.find((s) => !(SHOW_ITEMS as readonly string[]).includes(s));
  if (badShow !== undefined) {
    return `show: "${badShow}" is not one of ${SHOW_ITEMS.join(', ')}`;
  }
  if (!show.includes('estimate') && !show.includes('odds_ratio')) {
    return 'show must include estimate or odds_ratio (such as show: [estimate, std_error])';
  }
  const stars = typed.stars ?? [];
  if (!stars.every((s) => typeof s === 'number' && s > 0 && s < 1)) {
    return 'stars must list p-value thresholds between 0 and 1, like [0.05, 0.01, 0.001], or [] for none';
  }
  if (typed.compare !== undefined && typed.compare !== 'lr') {
    return `compare must be lr (a likelihood-ratio test of each model against the previous one), not "${typed.compare}"`;
  }
  if (typed.compare === 'lr' && names.length < 2) return 'compare: lr needs at least two models';
  return undefined;
}
