/**
 * An ordered logit fitted and ready to report or to differentiate: the design (whose
 * `rows.fill` gives a centred row), the categories, the estimated matrix columns, and the fit
 * (centred parameters: kept coefficients, then cut-points, with their covariance). The ologit
 * cell makes its tables from it (run-ologit.ts); the margins cell fits the model it names
 * again through it and gets the same bits.
 */
import type { Engine } from '../../engine/Engine.ts';
import { CellError } from '../../shared/errors.ts';
import { requireColumn, showValue, tableColumns } from '../columns.ts';
import { buildDesign, type Design } from '../logit/design.ts';
import { loadDesignMatrix } from '../logit/design-matrix.ts';
import { parseFormula } from '../logit/formula.ts';
import { releaseDesignMatrix, type DesignMatrix } from '../logit/matrix.ts';
import { categoriesOf, outcomeCategories, type Categories } from './categories.ts';
import type { OrderedProblem } from './likelihood.ts';
import { fitOrdered, type OrderedFit } from './newton.ts';
import { estimableColumns } from './parameters.ts';
import type { Level } from './categories.ts';

export interface OlogitSpec {
  from: string;
  formula: string;
  level?: number;
  /** The outcome's categories from lowest to highest, when not numeric or code point order. */
  levels?: Level[];
  /** Adds `<name>_predicted`: average probability of every category at each level of this predictor. */
  predict?: string;
  /** Prior weights, as clm(weights =). */
  weights?: string;
}

export interface OlogitFit {
  design: Design;
  /** The fitted matrix's shape and shift; its rows are released. */
  matrix: DesignMatrix;
  categories: Categories;
  /** Matrix columns estimated (kept.length coefficients, then K - 1 cut-points). */
  kept: number[];
  problem: OrderedProblem;
  fit: OrderedFit;
  /** Notes about categories left out. */
  notes: string[];
}

export async function fitOlogit(engine: Engine, spec: OlogitSpec): Promise<OlogitFit> {
  const formula = parseFormula(spec.formula);
  const columns = await tableColumns(engine, spec.from);
  const outcome = requireColumn(columns, formula.outcome, 'outcome');
  let categories = await outcomeCategories(engine, spec.from, outcome, spec.levels);
  const options = { predict: spec.predict, weights: spec.weights };
  let design = await buildDesign(engine, spec.from, columns, formula, {
    ...options,
    outcomeSql: categories.sql,
  });
  const notes: string[] = [];
  // A category no row of the estimation sample is in has no cut-point to estimate: clm drops it.
  const present = await presentCategories(engine, design, categories);
  if (present.length < categories.values.length) {
    const empty = categories.values.filter((_, k) => !present.includes(k));
    notes.push(
      `outcome ${empty.length === 1 ? 'category' : 'categories'} ${empty.map(showValue).join(', ')} ` +
        `had no rows in the estimation sample and ${empty.length === 1 ? 'was' : 'were'} left ` +
        `out (clm drops ${empty.length === 1 ? 'it' : 'them'} too)`,
    );
    categories = categoriesOf(
      outcome,
      present.map((k) => categories.values[k]),
    );
    design = await buildDesign(engine, spec.from, columns, formula, {
      ...options,
      outcomeSql: categories.sql,
    });
  }
  if (categories.values.length < 2) {
    throw new CellError(
      `outcome ${JSON.stringify(outcome.name)} takes a single value in the estimation sample; ` +
        'an ordered logit needs at least two categories',
    );
  }
  const matrix = await loadDesignMatrix(engine, design);
  // The fit reads the matrix on this thread alone; a helper thread would only hold a copy.
  releaseDesignMatrix(matrix);
  if (!matrix.intercept) {
    throw new CellError(
      'an ordered logit has no intercept to remove (its cut-points take its place); ' +
        'drop "- 1" or "+ 0" from the formula',
    );
  }
  const kept = await estimableColumns(matrix);
  const problem: OrderedProblem = { matrix, columns: kept, categories: categories.values.length };
  const fit = await fitOrdered(problem);
  return { design, matrix, categories, kept, problem, fit, notes };
}

async function presentCategories(
  engine: Engine,
  design: Design,
  categories: Categories,
): Promise<number[]> {
  const { rows } = await engine.query(
    `SELECT DISTINCT CAST(y AS INTEGER) AS k FROM (${design.sample}) ORDER BY k`,
  );
  return rows.map((r) => Number(r.k)).filter((k) => k < categories.values.length);
}
