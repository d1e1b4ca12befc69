/**
 * Names for what the engagement explorer writes: column aliases that every cell kind can use
 * without quoting, and cell names that clash with nothing in the notebook or the session.
 */
import { uniqueName } from '../shared/unique-name.ts';
import { isSyntacticName } from '../stats/logit/formula.ts';
import { outputTables, tablesRead } from '../cells/registry.ts';
import { cellsOf } from '../notebook/parse.ts';
import type { Notebook } from '../notebook/types.ts';

/** Columns the rate, crosstab and prediction tables add; a group column may not be called so. */
const RESULT_COLUMNS = ['n', 'successes', 'rate', 'lower', 'upper', 'row_share', 'predicted'];
const PLAIN = /^[A-Za-z][A-Za-z0-9_]*$/;
const MAX_STEM = 40;
/** Suffixes the explorer's cells and their output tables add to the stem. */
const SUFFIXES = [
  '_data',
  '_rates',
  '_crosstab',
  '_crosstab_test',
  '_crosstab_missing',
  '_rates_missing',
  '_model',
  '_model_fit',
  '_model_predicted',
  '_model_missing',
  '_effects',
];

/**
 * An alias for each column, and one for the outcome: the column's own name when it is a plain
 * identifier (needs no quoting in YAML, SQL or an R formula), else a cleaned-up version; never
 * a result column's name, never two alike (DuckDB compares column names without case).
 */
export function allocateAliases(
  columns: string[],
  outcome: string,
): { columns: Map<string, string>; outcome: string } {
  const used = new Set(RESULT_COLUMNS);
  const take = (name: string): string => {
    const base = cleanName(name);
    // An R reserved word (`if`, `TRUE`) cannot be a formula term: start at `if_2`.
    if (!isSyntacticName(base)) used.add(base.toLowerCase());
    return uniqueName(base, used);
  };
  const aliases = new Map(columns.map((c) => [c, take(c)]));
  return { columns: aliases, outcome: take(outcome) };
}

function cleanName(name: string): string {
  if (PLAIN.test(name)) return name;
  const cleaned = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (cleaned === '') return 'column';
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `v_${cleaned}`;
}

/**
 * Every name a new cell must avoid (lower-cased): datasets, cells and the tables they make,
 * what the cells read, every word of their SQL included (a cell named after one would become
 * its dependency), and `extra` (the session's tables, the chosen table's columns).
 */
export function takenNames(notebook: Notebook, extra: Iterable<string>): Set<string> {
  const taken = new Set<string>();
  const add = (name: string | undefined) => name && taken.add(name.toLowerCase());
  for (const d of notebook.datasets) add(d.name);
  for (const cell of cellsOf(notebook)) {
    add(cell.name);
    outputTables(cell).forEach(add);
    tablesRead(cell).forEach(add);
  }
  for (const name of extra) add(name);
  return taken;
}

/** A stem such that none of the explorer's cell and table names built on it is taken. */
export function uniqueStem(preferred: string, taken: ReadonlySet<string>): string {
  const base = cleanName(preferred).slice(0, MAX_STEM);
  for (let n = 1; ; n++) {
    const stem = n === 1 ? base : `${base}_${n}`;
    if (SUFFIXES.every((s) => !taken.has(`${stem}${s}`.toLowerCase()))) return stem;
  }
}

/** Length of the longest run of backticks in `text` (a fence must be longer). */
export function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** A fenced cell, with a fence longer than any run of backticks inside it. */
export function fenced(kind: string, name: string | undefined, body: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return [`${fence}${kind}${name ? ` ${name}` : ''}`, body, fence].join('\n');
}
