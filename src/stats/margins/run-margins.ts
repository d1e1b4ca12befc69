/**
 * The margins cell's computation: the model cell it names is fitted again (the same spec,
 * the same bits: logit/fit-binomial.ts) and each predictor's average effect on the
 * probability is reported with a delta-method standard error from the model's own covariance
 * (robust or clustered when the model asked for it). Numeric predictors get the average
 * derivative (dY/dX), booleans and factors the average change from the reference level to
 * each other level; `at:` adds a curve of average predictions. As marginaleffects' avg_slopes,
 * avg_comparisons and avg_predictions, checked against R in test/fixtures/stats/margins.R.
 */
import type { ColumnInfo, Engine, Row } from '../../engine/Engine.ts';
import { CellError } from '../../shared/errors.ts';
import type { CellTables, TableData } from '../../shared/table-data.ts';
import { zForLevel } from '../normal-quantile.ts';
import { confidenceLevel } from '../rate.ts';
import { twoSidedNormalP } from '../tail-probabilities.ts';
import type { Design } from '../logit/design.ts';
import { columnsOf } from '../logit/expression.ts';
import { fitBinomial, type BinomialFit } from '../logit/fit-binomial.ts';
import type { LinkName } from '../logit/link.ts';
import type { LevelValue, ModelVariable } from '../logit/model-frame.ts';
import { checkModelOptions, type LogitSpec } from '../logit/model-spec.ts';
import {
  averagePredictionAt,
  averageSlope,
  deltaStandardError,
  difference,
  type Averaged,
} from './average-effects.ts';
import { curveOf, type MarginsSpec } from './spec.ts';

/** The model cell a margins cell names: its kind and its checked spec. */
export interface NamedModel {
  name: string;
  kind: string;
  /** Its spec as written: a LogitSpec for the kinds margins works on. */
  spec: object;
}

const LINKS: Record<string, LinkName> = { logit: 'logit', probit: 'probit' };

export const EFFECT_COLUMNS: ColumnInfo[] = [
  { name: 'term', type: 'VARCHAR' },
  { name: 'contrast', type: 'VARCHAR' },
  ...['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'].map((name) => ({
    name,
    type: 'DOUBLE',
  })),
];

export async function runMargins(
  engine: Engine,
  model: NamedModel,
  spec: MarginsSpec,
): Promise<CellTables> {
  const link = LINKS[model.kind];
  if (!link) {
    const ordered =
      model.kind === 'ologit' ? ' (an ordered logit’s margins per category are not built yet)' : '';
    throw new CellError(
      `margins: "${model.name}" is a ${model.kind} cell; margins works on logit and probit cells${ordered}`,
    );
  }
  const curve = curveOf(spec);
  if (typeof curve === 'string') throw new CellError(curve);
  const z = zForLevel(confidenceLevel(spec.level));
  const fitted = await fitBinomial(engine, model.spec as LogitSpec, link, checkModelOptions);
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

/** Where a predictor sits among the sample's columns, or a message naming the model's. */
function rawIndex(design: Design, name: string, model: string): number {
  const k = design.raw.findIndex((r) => r.column.name.toLowerCase() === name.toLowerCase());
  if (k < 0) {
    const known = design.raw.map((r) => JSON.stringify(r.column.name)).join(', ');
    throw new CellError(
      `margins: ${JSON.stringify(name)} is not a predictor of ${model} (its predictors: ${known || 'none'})`,
    );
  }
  return k;
}

/** The factor a raw column is coded by, when no numeric term reads it (then it has no slope). */
function factorOnly(design: Design, k: number): Extract<ModelVariable, { kind: 'factor' }> | null {
  const name = design.raw[k].column.name;
  const numeric = design.variables.some(
    (v) => v.kind === 'numeric' && columnsOf(v.expr).includes(name),
  );
  if (numeric && design.raw[k].kind === 'number') return null;
  const factor = design.variables.find(
    (v): v is Extract<ModelVariable, { kind: 'factor' }> => v.kind === 'factor' && v.raw === k,
  );
  return factor ?? null;
}

/** The sample's value for a level: the number, 0/1 for a boolean, a text level's index. */
function rawValue(design: Design, k: number, value: LevelValue): number {
  const source = design.raw[k];
  if (source.kind === 'text') return source.levels.indexOf(String(value));
  if (source.kind === 'boolean') return value === true ? 1 : 0;
  return Number(value);
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
  const source = design.raw[k];
  const column = source.column.name;
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
  const type =
    source.kind === 'text' ? 'VARCHAR' : source.kind === 'boolean' ? 'BOOLEAN' : 'DOUBLE';
  return {
    columns: [
      { name: column, type },
      ...['predicted', 'std_error', 'lower', 'upper'].map((n) => ({ name: n, type: 'DOUBLE' })),
    ],
    rows,
  };
}

/** A value of `at:` as the sample holds it, or a message saying what the column takes. */
function checkedValue(design: Design, k: number, value: LevelValue): number {
  const source = design.raw[k];
  const name = JSON.stringify(source.column.name);
  if (source.kind === 'number') {
    if (typeof value !== 'number') {
      throw new CellError(`at: ${name} is numeric; give numbers (got ${JSON.stringify(value)})`);
    }
    return value;
  }
  if (source.kind === 'boolean') {
    if (typeof value !== 'boolean') {
      throw new CellError(
        `at: ${name} is true/false; give [false, true] (got ${JSON.stringify(value)})`,
      );
    }
    return value ? 1 : 0;
  }
  const index = source.levels.indexOf(String(value));
  if (index < 0) {
    const shown = source.levels
      .slice(0, 10)
      .map((l) => JSON.stringify(l))
      .join(', ');
    throw new CellError(
      `at: ${JSON.stringify(value)} is not a level of ${name} in the model's sample (levels: ${shown}${source.levels.length > 10 ? ', …' : ''})`,
    );
  }
  return index;
}
