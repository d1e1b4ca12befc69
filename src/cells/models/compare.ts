/**
 * The likelihood-ratio test of one model against the one before it, as R's
 * anova(m0, m1, test = "Chisq") reports it, and the checks that make it meaningful: both
 * models of one family, read from one table, with one outcome and one weighting, fitted on the
 * same rows, one nested in the other.
 *
 * "Same rows" is decided from the specs and the tables together: same `from`, same weights,
 * nested terms and equal n. Nested terms mean the larger model uses every column the smaller
 * one does, so its rows (listwise deletion) are a subset of the smaller model's; equal n then
 * makes them the same rows. (R's anova checks only n.)
 */
import type { Row } from '../../engine/Engine.ts';
import { chiSquareUpper } from '../../stats/tail-probabilities.ts';
import { CellError } from '../../shared/errors.ts';

export interface FittedModel {
  name: string;
  kind: string;
  spec: Readonly<Record<string, unknown>>;
  coefficients: Row[];
  fit: Row;
}

export interface LrTest {
  lr_statistic: number;
  lr_df: number;
  lr_p_value: number | null;
}

/** Terms with an estimate (aliased ones have none and cost no degree of freedom). */
function estimated(model: FittedModel): string[] {
  return model.coefficients
    .filter((r) => typeof r.estimate === 'number')
    .map((r) => String(r.term));
}

/** -2 log-likelihood up to a constant shared by nested models: glm's deviance when there is one. */
function deviance(model: FittedModel): number {
  const { deviance, log_likelihood } = model.fit;
  if (typeof deviance === 'number') return deviance;
  if (typeof log_likelihood === 'number') return -2 * log_likelihood;
  throw new CellError(
    `${model.name}_fit has no log_likelihood, so ${model.name} cannot be compared`,
  );
}

const outcomeOf = (spec: Readonly<Record<string, unknown>>) =>
  String(spec.formula ?? '')
    .split('~')[0]
    .trim();
const text = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
const quoted = (v: unknown) => JSON.stringify(v ?? null);

/** Throws a CellError naming the first difference that makes the test meaningless. */
export function checkComparable(a: FittedModel, b: FittedModel): void {
  const fail = (why: string): never => {
    throw new CellError(`compare: lr cannot test ${b.name} against ${a.name}: ${why}`);
  };
  if (a.kind !== b.kind) fail(`${a.name} is a ${a.kind} model, ${b.name} a ${b.kind} one`);
  if (text(a.spec.from) !== text(b.spec.from)) {
    fail(`${a.name} reads ${quoted(a.spec.from)}, ${b.name} reads ${quoted(b.spec.from)}`);
  }
  if (outcomeOf(a.spec) !== outcomeOf(b.spec)) {
    fail(
      `${a.name} models ${quoted(outcomeOf(a.spec))}, ${b.name} models ${quoted(outcomeOf(b.spec))}`,
    );
  }
  if (text(a.spec.weights) !== text(b.spec.weights)) {
    const weights = (v: unknown) => (v === undefined ? 'no weights' : `weights ${quoted(v)}`);
    fail(`${a.name} has ${weights(a.spec.weights)}, ${b.name} has ${weights(b.spec.weights)}`);
  }
  const [small, large] = estimated(a).length <= estimated(b).length ? [a, b] : [b, a];
  const largeTerms = new Set(estimated(large));
  const missing = estimated(small).find((t) => !largeTerms.has(t));
  if (missing !== undefined) {
    fail(
      `the models are not nested: ${small.name}'s term ${JSON.stringify(missing)} is not in ` +
        `${large.name}`,
    );
  }
  if (a.fit.n !== b.fit.n) {
    fail(
      `they were fitted on different rows: ${a.name} on ${String(a.fit.n)}, ${b.name} on ` +
        `${String(b.fit.n)} (rows with a missing value in a model column are left out; ` +
        `${a.name}_missing and ${b.name}_missing say which). Fit both on one complete table, ` +
        'filtered in a sql cell',
    );
  }
}

/** anova(a, b, test = "Chisq")'s second row: the change in deviance and in parameters. */
export function lrTest(a: FittedModel, b: FittedModel): LrTest {
  checkComparable(a, b);
  const statistic = deviance(a) - deviance(b);
  const df = estimated(b).length - estimated(a).length;
  // As R's stat.anova: a smaller model after a larger one tests the other way round.
  const p = df === 0 ? null : chiSquareUpper(statistic * Math.sign(df), Math.abs(df));
  return { lr_statistic: statistic, lr_df: df, lr_p_value: p };
}
