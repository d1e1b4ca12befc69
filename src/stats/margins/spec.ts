/** The margins cell's spec and the checks that need no data. */
import type { LevelValue } from '../logit/model-frame.ts';

export interface MarginsSpec {
  /** The model cell (logit or probit) whose effects are reported. */
  model: string;
  /** Predictors to report, as named in the model's formula; default: every predictor. */
  variables?: string[];
  /** One predictor and the values at which to draw the average prediction (a curve). */
  at?: Record<string, LevelValue[]>;
  level?: number;
}

/** The curve's variable and values, or a message saying what `at:` must look like. */
export function curveOf(
  spec: MarginsSpec,
): { variable: string; values: LevelValue[] } | string | null {
  if (spec.at === undefined) return null;
  const entries = Object.entries(spec.at);
  if (entries.length !== 1) {
    return (
      `at: takes one predictor and its values, e.g. at: {start_year: [1960, 1980, 2000]} ` +
      `(got ${entries.length}); make another margins cell for another curve`
    );
  }
  const [variable, values] = entries[0]!;
  if (!Array.isArray(values) || values.length === 0) {
    return `at: ${variable} needs a list of values, e.g. at: {${variable}: [1960, 1980, 2000]}`;
  }
  return { variable, values };
}

export function checkMarginsSpec(spec: MarginsSpec): string | undefined {
  const curve = curveOf(spec);
  return typeof curve === 'string' ? curve : undefined;
}
