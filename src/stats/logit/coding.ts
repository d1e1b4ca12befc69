/**
 * From terms to model-matrix columns, as R's model.matrix builds them (R 4.2, model.c). A
 * numeric variable gives one column; a factor gives one column per level, either by
 * contrasts (treatment coding: the reference level, first, is left out) or by indicators
 * (every level). A factor in a term is coded by contrasts when the term without it is
 * already in the model — the empty term counts as present, and an earlier term that
 * contains it counts (R's TermCode) — otherwise by indicators. Without an intercept the first
 * factor of the first term holding one is coded by indicators, so `y ~ f - 1` estimates every
 * level. A term's columns vary its first variable fastest (`fb:gY, fc:gY, fb:gZ, …`) and are
 * named by joining the variables' parts with `:`.
 */
import { showValue } from '../columns.ts';
import type { Formula, Term } from './formula.ts';
import type { LevelValue, ModelVariable } from './model-frame.ts';

/** One factor of a column's product: a numeric variable (level -1) or a factor's indicator. */
export interface Part {
  variable: number;
  level: number;
}

export interface CodedColumn {
  /** Coefficient name as R prints it: `x`, `fb`, `x:fb`, `factor(code)10`, `I(x^2)`. */
  term: string;
  /** Its term's label (`x:f`) and index among the model's terms. */
  termLabel: string;
  termIndex: number;
  parts: Part[];
  /** The level of a one-factor column (TRUE/FALSE for a boolean). */
  level?: LevelValue;
}

export function codeTerms(
  formula: Formula,
  variables: ModelVariable[],
): { columns: CodedColumn[]; notes: string[]; terms: Term[] } {
  const notes: string[] = [];
  const single = variables.map((v) => v.kind === 'factor' && v.levels.length < 2);
  variables.forEach((v, i) => {
    if (!single[i] || v.kind !== 'factor') return;
    const source = formula.variables[i];
    const name = source.kind === 'column' ? JSON.stringify(source.column) : JSON.stringify(v.label);
    notes.push(
      `${name} has a single value (${showValue(v.values[0])}) in the estimation sample and was ` +
        'left out (R stops with "contrasts can be applied only to factors with 2 or more levels")',
    );
  });
  const terms = formula.terms.filter((t) => !t.some((v) => single[v]));
  const indicators = terms.map((term, t) =>
    term.map((v) => variables[v].kind === 'factor' && !contrasted(terms, t, v)),
  );
  if (!formula.intercept) {
    const t = terms.findIndex((term) => term.some((v) => variables[v].kind === 'factor'));
    if (t >= 0) indicators[t][terms[t].findIndex((v) => variables[v].kind === 'factor')] = true;
  }
  const columns: CodedColumn[] = [];
  terms.forEach((term, t) => {
    const termLabel = term.map((v) => variables[v].label).join(':');
    const options = term.map((v, k) => {
      const variable = variables[v];
      if (variable.kind === 'numeric') return [-1];
      const all = variable.levels.map((_, level) => level);
      return indicators[t][k] ? all : all.slice(1);
    });
    for (const choice of product(options)) {
      const parts = term.map((variable, k) => ({ variable, level: choice[k] }));
      const names = parts.map(({ variable, level }) => {
        const v = variables[variable];
        return v.kind === 'factor' ? v.label + v.levels[level] : v.label;
      });
      const only = parts.length === 1 ? variables[parts[0].variable] : undefined;
      columns.push({
        term: names.join(':'),
        termLabel,
        termIndex: t,
        parts,
        ...(only?.kind === 'factor' ? { level: levelOf(only, parts[0].level) } : {}),
      });
    }
  });
  return { columns, notes, terms };
}

/** R's TermCode: is `v` in term `t` coded by contrasts? */
function contrasted(terms: Term[], t: number, v: number): boolean {
  const rest = terms[t].filter((u) => u !== v);
  if (rest.length === 0) return true;
  return terms.slice(0, t).some((earlier) => rest.every((u) => earlier.includes(u)));
}

/** Every combination of the options, the first position varying fastest. */
function product(options: number[][]): number[][] {
  let combos: number[][] = [[]];
  for (const option of options) {
    combos = option.flatMap((o) => combos.map((c) => [...c, o]));
  }
  return combos;
}

function levelOf(variable: ModelVariable & { kind: 'factor' }, level: number): LevelValue {
  const value = variable.values[level];
  return typeof value === 'boolean' ? value : variable.levels[level];
}
