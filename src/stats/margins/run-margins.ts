/**
 * The margins cell's computation: the model cell it names is fitted again (the same spec,
 * the same bits: logit/fit-binomial.ts) and each predictor's average effect on the
 * probability is reported with a delta-method standard error from the model's own covariance
 * (robust or clustered when the model asked for it). Numeric predictors get the average
 * derivative (dY/dX), booleans and factors the average change from the reference level to
 * each other level; `at:` adds a curve of average predictions. As marginaleffects' avg_slopes,
 * avg_comparisons and avg_predictions, checked against R in test/fixtures/stats/margins.R.
 * The model kinds choose it (src/cells/logit, probit: `margins`); an ordered logit's is
 * run-ordered.ts (the same effects per outcome category).
 */
import type { ColumnInfo, Engine, Row } from '../../engine/Engine.ts';
import { CellError } from '../../shared/errors.ts';
import type { CellTables, TableData } from '../../shared/table-data.ts';
import { zForLevel } from '../normal-quantile.ts';
import { confidenceLevel } from '../rate.ts';
import { twoSidedNormalP } from '../tail-probabilities.ts';
import { fitBinomial, type BinomialFit } from '../logit/fit-binomial.ts';
import type { LinkName } from '../logit/link.ts';
import type { LevelValue } from '../logit/model-frame.ts';
import type { LogitSpec } from '../logit/model-spec.ts';
import {
  averagePredictionAt,
  averageSlope,
  deltaStandardError,
  difference,
  type Averaged,
} from './average-effects.ts';
import { curveOf, type MarginsSpec } from './spec.ts';
import { checkedValue, factorOnly, rawIndex, rawType, rawValue } from './variables.ts';

/** The model cell a margins cell names and its checked spec. */
export interface NamedModel {
  name: string;
  /** Its spec as written: a LogitSpec for the binomial models. */
  spec: object;
}

export const EFFECT_COLUMNS: ColumnInfo[] = [
  { name: 'term', type: 'VARCHAR' },
  { name: 'contrast', type: 'VARCHAR' },
  ...['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'].map((name) => ({
    name,
    type: 'DOUBLE',
  })),
];

/** The margins of a logit (`link` logit) or probit model cell. */
export async function runMargins(
  engine: Engine,
  model: NamedModel,
  link: LinkName,
  spec: MarginsSpec,
): Promise<CellTables> {
  const curve = curveOf(spec);
  if (typeof curve === 'string') throw new CellError(curve);
  const z = zForLevel(confidenceLevel(spec.level));
  const fitted = await fitBinomial(engine, model.spec as LogitSpec, link);
  const { design } = fitted;
  const names = spec.variables ?? design.raw.map((r) => r.column.name);
  const rows: Row[] = [];
  for (const name of names) {
    const k = rawIndex(design, name, model.name);
    for (const effect of await effectsOf(fitted, k)) {
      rows.push(effectRow(design.raw[k].column.name, effect.contrast, effect.averaged, fitted, z));
    }
  }
  const tables: Record<string, TableData> = { '': { columns: EFFECT_COLUMNS, rows } };
  if (curve) tables._curve = await curveTable(fitted, curve.variable, curve.values, z, model.name);
  return { tables, warnings: [] };
}

async function effectsOf(
  fitted: BinomialFit,
  k: number,
): Promise<{ contrast: string; averaged: Averaged }[]> {
  const { design, link } = fitted;
  const beta = fitted.fit.coefficients;
  const factor = factorOnly(design, k);
  if (!factor) {
    return [{ contrast: 'dY/dX', averaged: await averageSlope(design, link, beta, k) }];
  }
  const [reference, ...others] = factor.values;
  const base = await averagePredictionAt(
    design,
    fitted.matrix,
    beta,
    k,
    rawValue(design, k, reference!),
  );
  const effects = [];
  for (const [i, level] of others.entries()) {
    const at = await averagePredictionAt(
      design,
      fitted.matrix,
      beta,
      k,
      rawValue(design, k, level),
    );
    effects.push({
      contrast: `${factor.levels[i + 1]} - ${factor.levels[0]}`,
      averaged: difference(at, base),
    });
  }
  return effects;
}

function effectRow(
  term: string,
  contrast: string,
  averaged: Averaged,
  fitted: BinomialFit,
  z: number,
): Row {
  const se = deltaStandardError(averaged, fitted.fit.factor.kept, fitted.centredCovariance);
  const statistic = averaged.estimate / se;
  return {
    term,
    contrast,
    estimate: averaged.estimate,
    std_error: se,
    statistic,
    p_value: twoSidedNormalP(statistic),
    conf_low: averaged.estimate - z * se,
    conf_high: averaged.estimate + z * se,
  };
}

/** Average predictions with the variable set to each value; intervals unclamped, as R's. */
async function curveTable(
  fitted: BinomialFit,
  name: string,
  values: LevelValue[],
  z: number,
  model: string,
): Promise<TableData> {
  const { design } = fitted;
  const k = rawIndex(design, name, model);
  const column = design.raw[k].column.name;
  const rows: Row[] = [];
  for (const value of values) {
    const raw = checkedValue(design, k, value);
    const averaged = await averagePredictionAt(
      design,
      fitted.matrix,
      fitted.fit.coefficients,
      k,
      raw,
    );
    const se = deltaStandardError(averaged, fitted.fit.factor.kept, fitted.centredCovariance);
    rows.push({
      [column]: value,
      predicted: averaged.estimate,
      std_error: se,
      lower: averaged.estimate - z * se,
      upper: averaged.estimate + z * se,
    });
  }
  return {
    columns: [
      { name: column, type: rawType(design, k) },
      ...['predicted', 'std_error', 'lower', 'upper'].map((n) => ({ name: n, type: 'DOUBLE' })),
    ],
    rows,
  };
}
