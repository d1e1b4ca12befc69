/**
 * R's model frame, from the columns the estimation sample holds: each variable of the formula
 * becomes a number per row (`x`, `log(x)`, `I(x^2)`, computed in expression.ts) or a factor
 * (text, boolean, `factor(code)`) with its levels in R's order. Rows where a computed number
 * is undefined (log of a negative number, 0/0: NaN) leave the sample, as R's na.omit drops
 * them; an infinite one is an error, as glm.fit stops on it. Levels are those present in the
 * final sample (glm's drop.unused.levels), with `reference` moved first (R's relevel).
 */
import type { ColumnInfo } from '../../engine/Engine.ts';
import { CellError } from '../../shared/errors.ts';
import { isIntegerType } from '../../shared/column-types.ts';
import { plural, showValue } from '../columns.ts';
import { compile, type Expr } from './expression.ts';
import type { Formula, FormulaVariable } from './formula.ts';
import { levelLabel } from './r-format.ts';

/** Most levels a factor may have (country fixed effects need about 200). */
export const MAX_LEVELS = 1000;

/** A column of the source table as the estimation sample holds it. */
export interface RawVariable {
  column: ColumnInfo;
  kind: 'number' | 'boolean' | 'text';
  /** One per sample row: the number; 0 or 1 for a boolean; for text the index into `levels`. */
  values: Float64Array;
  /** Text only: the values present in the sample, in code point order. */
  levels: string[];
}

export type LevelValue = string | number | boolean;

export type ModelVariable =
  | {
      kind: 'numeric';
      label: string;
      expr: Expr;
      /** The value at one row's raw values (indexed as the raw variables are). */
      value: (raw: ArrayLike<number>) => number;
    }
  | {
      kind: 'factor';
      label: string;
      /** The raw variable it codes. */
      raw: number;
      /** Level names as R prints them after the variable (`TRUE`, `10`, `Europe`), reference first. */
      levels: string[];
      /** The raw value each level stands for (text, number, or boolean). */
      values: LevelValue[];
      /** The level index of a raw value, or -1 when it is none of them. */
      code: (rawValue: number) => number;
    };

export type Reference = Record<string, LevelValue>;

/** Evaluates every computed variable; returns the rows to keep (null: all) and why others go. */
export function undefinedRows(
  formula: Formula,
  raw: RawVariable[],
  n: number,
): { keep: Uint8Array | null; dropped: { column: string; missing: number }[] } {
  const slot = slotOf(raw);
  const computed = formula.variables.filter((v) => v.kind === 'expression');
  if (computed.length === 0) return { keep: null, dropped: [] };
  const keep = new Uint8Array(n).fill(1);
  const row = new Float64Array(raw.length);
  const dropped: { column: string; missing: number }[] = [];
  for (const variable of computed) {
    const value = compile(variable.expr, slot);
    let missing = 0;
    let infinite = 0;
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < raw.length; k++) row[k] = raw[k].values[r];
      const v = value(row);
      if (Number.isNaN(v)) {
        missing++;
        keep[r] = 0;
      } else if (!Number.isFinite(v)) infinite++;
    }
    if (infinite > 0) {
      throw new CellError(
        `${variable.label} is infinite in ${plural(infinite, 'row')} of the estimation sample; ` +
          "a model cannot use infinite values (R's glm stops with \"NA/NaN/Inf in 'x'\")",
      );
    }
    if (missing > 0) dropped.push({ column: variable.label, missing });
  }
  return { keep: dropped.length ? keep : null, dropped };
}

export function slotOf(raw: RawVariable[]): (name: string) => number {
  return (name) => raw.findIndex((r) => r.column.name === name);
}

/** Text levels no kept row uses are dropped and the codes renumbered (drop.unused.levels). */
export function dropUnusedLevels(raw: RawVariable): void {
  if (raw.kind !== 'text') return;
  const used = new Uint8Array(raw.levels.length);
  for (const v of raw.values) used[v] = 1;
  if (used.every((u) => u === 1)) return;
  const renumber = new Int32Array(raw.levels.length).fill(-1);
  const kept: string[] = [];
  raw.levels.forEach((level, i) => {
    if (used[i]) {
      renumber[i] = kept.length;
      kept.push(level);
    }
  });
  for (let r = 0; r < raw.values.length; r++) raw.values[r] = renumber[raw.values[r]];
  raw.levels = kept;
}

/** The model's variables, in the formula's order, over the final sample. */
export function modelVariables(
  formula: Formula,
  raw: RawVariable[],
  reference: Reference,
): ModelVariable[] {
  const slot = slotOf(raw);
  const variables = formula.variables.map((v): ModelVariable => {
    if (v.kind === 'expression') return numeric(v.label, v.expr, slot);
    const source = raw[slot(v.column)];
    if (v.kind === 'column' && source.kind === 'number') {
      return numeric(v.label, { op: 'column', name: v.column }, slot);
    }
    return factor(v, source, slot(v.column), reference[v.column]);
  });
  for (const column of Object.keys(reference)) {
    const factors = formula.variables.filter(
      (v, i) => v.kind !== 'expression' && v.column === column && variables[i].kind === 'factor',
    );
    if (factors.length === 0) {
      throw new CellError(
        `reference names ${JSON.stringify(column)}, which is not a factor in the formula ` +
          `(text, boolean or factor(${column}))`,
      );
    }
  }
  return variables;
}

function numeric(label: string, expr: Expr, slot: (name: string) => number): ModelVariable {
  return { kind: 'numeric', label, expr, value: compile(expr, slot) };
}

function factor(
  variable: FormulaVariable & { kind: 'column' | 'factor' },
  source: RawVariable,
  rawIndex: number,
  reference: LevelValue | undefined,
): ModelVariable {
  let levels: string[];
  let values: LevelValue[];
  let code: (rawValue: number) => number;
  if (source.kind === 'text') {
    levels = [...source.levels];
    values = [...source.levels];
    code = (v) => v;
  } else if (source.kind === 'boolean') {
    // A logical column keeps both levels, present or not (model.matrix's factor(x, levels =
    // c(FALSE, TRUE))); factor() of one keeps only those present, as factor() does.
    const present = [false, true].filter(
      (b) => variable.kind === 'column' || source.values.includes(b ? 1 : 0),
    );
    levels = present.map((b) => (b ? 'TRUE' : 'FALSE'));
    values = present;
    code = (v) => present.indexOf(v === 1);
  } else {
    ({ levels, values, code } = numericLevels(source));
  }
  if (levels.length > MAX_LEVELS) {
    throw new CellError(
      `${variable.label} has ${levels.length} levels, more than the ${MAX_LEVELS} a model takes; ` +
        'group them into fewer categories in a sql cell first',
    );
  }
  if (reference !== undefined) {
    const at = values.findIndex((value, i) => matches(value, levels[i], reference));
    if (at < 0) {
      const shown = levels.slice(0, 10).map((l) => JSON.stringify(l));
      throw new CellError(
        `reference level ${showValue(reference)} of ${JSON.stringify(source.column.name)} is not ` +
          `in the estimation sample (levels: ${shown.join(', ')}${levels.length > 10 ? ', …' : ''})`,
      );
    }
    const order = [at, ...levels.map((_, i) => i).filter((i) => i !== at)];
    const position = new Int32Array(levels.length);
    order.forEach((i, k) => (position[i] = k));
    const inner = code;
    code = (v) => {
      const c = inner(v);
      return c < 0 ? c : position[c];
    };
    levels = order.map((i) => levels[i]);
    values = order.map((i) => values[i]);
  }
  return { kind: 'factor', label: variable.label, raw: rawIndex, levels, values, code };
}

function matches(value: LevelValue, label: string, wanted: LevelValue): boolean {
  if (typeof value === 'number' && typeof wanted === 'number') return value === wanted;
  if (typeof value === 'boolean' && typeof wanted === 'boolean') return value === wanted;
  return label === String(wanted);
}

/**
 * `factor(code)` of a number: the distinct values in numeric order (so 2 before 10), named as
 * R's as.character names them; values with the same name are one level, as in R.
 */
function numericLevels(source: RawVariable): {
  levels: string[];
  values: number[];
  code: (rawValue: number) => number;
} {
  const distinct = [...new Set(source.values)].sort((a, b) => a - b);
  const integer =
    isIntegerType(source.column.type) && distinct.every((v) => Math.abs(v) <= 2147483647);
  const levels: string[] = [];
  const values: number[] = [];
  const index = new Map<number, number>();
  for (const value of distinct) {
    const label = levelLabel(value, integer);
    if (levels.at(-1) !== label) {
      levels.push(label);
      values.push(value);
    }
    index.set(value, levels.length - 1);
  }
  return { levels, values, code: (v) => index.get(v) ?? -1 };
}
