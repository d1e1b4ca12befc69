/**
 * The margins cell's predictors as the estimation sample holds them (design.raw): which one a
 * name is, whether it gets a slope or contrasts per level, and the sample's value of a level
 * or of an `at:` value. Shared by the binomial and the ordered models' margins.
 */
import { CellError } from '../../shared/errors.ts';
import type { Design } from '../logit/design.ts';
import { columnsOf } from '../logit/expression.ts';
import type { LevelValue, ModelVariable } from '../logit/model-frame.ts';

export type FactorVariable = Extract<ModelVariable, { kind: 'factor' }>;

/** Where a predictor sits among the sample's columns, or a message naming the model's. */
export function rawIndex(design: Design, name: string, model: string): number {
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
export function factorOnly(design: Design, k: number): FactorVariable | null {
  const name = design.raw[k].column.name;
  const numeric = design.variables.some(
    (v) => v.kind === 'numeric' && columnsOf(v.expr).includes(name),
  );
  if (numeric && design.raw[k].kind === 'number') return null;
  const factor = design.variables.find(
    (v): v is FactorVariable => v.kind === 'factor' && v.raw === k,
  );
  return factor ?? null;
}

/** The sample's value for a level: the number, 0/1 for a boolean, a text level's index. */
export function rawValue(design: Design, k: number, value: LevelValue): number {
  const source = design.raw[k];
  if (source.kind === 'text') return source.levels.indexOf(String(value));
  if (source.kind === 'boolean') return value === true ? 1 : 0;
  return Number(value);
}

/** A value of `at:` as the sample holds it, or a message saying what the column takes. */
export function checkedValue(design: Design, k: number, value: LevelValue): number {
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

/** The SQL type of a curve's value column. */
export function rawType(design: Design, k: number): string {
  const { kind } = design.raw[k];
  return kind === 'text' ? 'VARCHAR' : kind === 'boolean' ? 'BOOLEAN' : 'DOUBLE';
}
