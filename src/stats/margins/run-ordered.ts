/**
 * The margins cell on an ordered logit cell: the model is fitted again through
 * ologit/fit-ologit.ts (the cell's own code path, the same bits) and each predictor's average
 * effect on the probability of every outcome category is reported, with a `category` column:
 * dY/dX for numbers, the change from the reference level for booleans and factors, and with
 * `at:` a curve of average predicted probabilities per category. Delta-method standard errors
 * from the model's covariance (the ordered logit has no se: option). Checked against R in
 * test/fixtures/stats/margins-ologit.R.
 */
import type { ColumnInfo, Engine, Row } from '../../engine/Engine.ts';
import { CellError } from '../../shared/errors.ts';
import type { CellTables, TableData } from '../../shared/table-data.ts';
import type { LevelValue } from '../logit/model-frame.ts';
import { zForLevel } from '../normal-quantile.ts';
import { fitOlogit } from '../ologit/fit-ologit.ts';
import type { OlogitSpec } from '../ologit/fit-ologit.ts';
import { confidenceLevel } from '../rate.ts';
import { twoSidedNormalP } from '../tail-probabilities.ts';
import { deltaStandardError, difference, type Averaged } from './average-effects.ts';
import {
  averageCategoryPredictionsAt,
  averageCategorySlopes,
  type OrderedModel,
} from './ordered.ts';
import { curveOf, type MarginsSpec } from './spec.ts';
import { checkedValue, factorOnly, rawIndex, rawType, rawValue } from './variables.ts';

const VALUE_COLUMNS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'];

interface Fitted {
  model: OrderedModel;
  covariance: number[][];
  /** Every parameter: the gradients are already in the parameters' order. */
  all: number[];
  z: number;
}

export async function runOrderedMargins(
  engine: Engine,
  named: { name: string; spec: object },
  spec: MarginsSpec,
): Promise<CellTables> {
  const curve = curveOf(spec);
  if (typeof curve === 'string') throw new CellError(curve);
  const z = zForLevel(confidenceLevel(spec.level));
  const fitted = await fitOlogit(engine, named.spec as OlogitSpec);
  const { design, kept, fit, categories } = fitted;
  if (!fit.covariance) {
    throw new CellError(
      `margins: ${named.name} has no covariance (its fit did not converge), so its effects ` +
        'have no standard errors; fix the model first (see its warning)',
    );
  }
  const K = categories.values.length;
  const model: OrderedModel = { design, kept, theta: fit.theta, categories: K };
  const all = fit.theta.map((_, i) => i);
  const state: Fitted = { model, covariance: fit.covariance, all, z };
  const categoryType: ColumnInfo = { name: 'category', type: categories.type };

  const names = spec.variables ?? design.raw.map((r) => r.column.name);
  const rows: Row[] = [];
  for (const name of names) {
    const k = rawIndex(design, name, named.name);
    const term = design.raw[k].column.name;
    for (const { contrast, averaged } of await effectsOf(model, k)) {
      averaged.forEach((a, c) => {
        rows.push({ term, category: categories.values[c], contrast, ...values(a, state) });
      });
    }
  }
  const tables: Record<string, TableData> = {
    '': {
      columns: [
        { name: 'term', type: 'VARCHAR' },
        categoryType,
        { name: 'contrast', type: 'VARCHAR' },
        ...VALUE_COLUMNS.map((name) => ({ name, type: 'DOUBLE' })),
      ],
      rows,
    },
  };
  if (curve) {
    const k = rawIndex(design, curve.variable, named.name);
    tables._curve = await curveTable(state, k, curve.values, categories.values, categoryType);
  }
  return { tables, warnings: [] };
}

/** Per contrast, one average per category. */
async function effectsOf(
  model: OrderedModel,
  k: number,
): Promise<{ contrast: string; averaged: Averaged[] }[]> {
  const { design } = model;
  const factor = factorOnly(design, k);
  if (!factor) return [{ contrast: 'dY/dX', averaged: await averageCategorySlopes(model, k) }];
  const at = (level: LevelValue) =>
    averageCategoryPredictionsAt(model, k, rawValue(design, k, level));
  const [reference, ...others] = factor.values;
  const base = await at(reference!);
  const effects = [];
  for (const [i, level] of others.entries()) {
    const moved = await at(level);
    effects.push({
      contrast: `${factor.levels[i + 1]} - ${factor.levels[0]}`,
      averaged: moved.map((m, c) => difference(m, base[c])),
    });
  }
  return effects;
}

function values(averaged: Averaged, fitted: Fitted): Row {
  const se = deltaStandardError(averaged, fitted.all, fitted.covariance);
  const statistic = averaged.estimate / se;
  return {
    estimate: averaged.estimate,
    std_error: se,
    statistic,
    p_value: twoSidedNormalP(statistic),
    conf_low: averaged.estimate - fitted.z * se,
    conf_high: averaged.estimate + fitted.z * se,
  };
}

/** Average probability of each category with the variable at each value; unclamped, as R's. */
async function curveTable(
  fitted: Fitted,
  k: number,
  at: LevelValue[],
  categories: LevelValue[],
  categoryType: ColumnInfo,
): Promise<TableData> {
  const { design } = fitted.model;
  const column = design.raw[k].column.name;
  const rows: Row[] = [];
  for (const value of at) {
    const raw = checkedValue(design, k, value);
    const averaged = await averageCategoryPredictionsAt(fitted.model, k, raw);
    averaged.forEach((a, c) => {
      const se = deltaStandardError(a, fitted.all, fitted.covariance);
      rows.push({
        [column]: value,
        category: categories[c],
        predicted: a.estimate,
        std_error: se,
        lower: a.estimate - fitted.z * se,
        upper: a.estimate + fitted.z * se,
      });
    });
  }
  return {
    columns: [
      { name: column, type: rawType(design, k) },
      categoryType,
      ...['predicted', 'std_error', 'lower', 'upper'].map((n) => ({ name: n, type: 'DOUBLE' })),
    ],
    rows,
  };
}
