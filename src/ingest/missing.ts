import type { Engine } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
import { describeTable } from '../engine/tables.ts';
import { isNumericType } from '../shared/column-types.ts';

/** A declared missing code: a number (`-9`) or a text (`''`, `'unknown'`). */
export type MissingCode = string | number;

/**
 * What a dataset entry's `missing:` declares: codes missing in every column (`[-9, -99]`; `[]`
 * turns the text tokens off) or codes per column (`{intensity: [-9]}`).
 */
export type MissingSpec = MissingCode[] | Record<string, MissingCode[]>;

/** Per column, how many values became missing and from which token or code. */
export type MissingCounts = Record<string, Record<string, number>>;

/**
 * Unquoted fields that text files write for "missing", as R's `read.csv` and pandas read them
 * (plus the empty field, which DuckDB's reader always read as missing).
 */
export const MISSING_TOKENS: readonly string[] = ['NA', 'N/A', '#N/A', 'NaN', '.', 'null', 'NULL'];

/** The tokens a text file is read with: none when the notebook says `missing: []`. */
export function textTokens(spec: MissingSpec | undefined): string[] {
  return Array.isArray(spec) && spec.length === 0 ? [] : [...MISSING_TOKENS];
}

/** Adds `more` into `into` (column → token → count). */
export function mergeCounts(into: MissingCounts, more: MissingCounts): void {
  for (const [column, byToken] of Object.entries(more)) {
    const target = (into[column] ??= {});
    for (const [token, n] of Object.entries(byToken)) target[token] = (target[token] ?? 0) + n;
  }
}

/** One line for the load report: `x1 (50 NA), grp (30 NA, 2 .)`; undefined when nothing. */
export function describeCounts(counts: MissingCounts, what: string): string | undefined {
  const columns = Object.entries(counts).filter(([, t]) => Object.keys(t).length > 0);
  if (columns.length === 0) return undefined;
  const shown = columns.slice(0, 8).map(([column, byToken]) => {
    const parts = Object.entries(byToken).map(([token, n]) => `${count(n)} ${show(token)}`);
    return `${column} (${parts.join(', ')})`;
  });
  const more = columns.length > 8 ? `, and ${columns.length - 8} more column(s)` : '';
  return `${what} read as missing: ${shown.join(', ')}${more}.`;
}

function show(token: string): string {
  return token === '' ? 'empty' : token;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Sets the declared codes to NULL in `table`, after whichever reader built it, so that every
 * format and both engines apply them the same way (one `CASE WHEN … IN (…)` per column).
 * Numeric columns compare numerically (`-9` matches `-9.0`), text columns compare the code's
 * text, other columns (dates, booleans) compare their text form. Returns what became missing.
 */
export async function applyDeclaredMissing(
  engine: Engine,
  table: string,
  spec: MissingSpec,
): Promise<{ counts: MissingCounts; unknownColumns: string[] }> {
  const columns = await describeTable(engine, table);
  const perColumn = new Map<string, MissingCode[]>();
  let unknownColumns: string[] = [];
  if (Array.isArray(spec)) {
    if (spec.length > 0) for (const c of columns) perColumn.set(c.name, spec);
  } else {
    const byLower = new Map(columns.map((c) => [c.name.toLowerCase(), c.name]));
    unknownColumns = Object.keys(spec).filter((k) => !byLower.has(k.toLowerCase()));
    for (const [key, codes] of Object.entries(spec)) {
      const name = byLower.get(key.toLowerCase());
      if (name !== undefined && codes.length > 0) perColumn.set(name, codes);
    }
  }
  const conditions = new Map<string, string>();
  for (const column of columns) {
    const codes = perColumn.get(column.name);
    const condition = codes && conditionFor(ident(column.name), column.type, codes);
    if (condition) conditions.set(column.name, condition);
  }
  if (conditions.size === 0) return { counts: {}, unknownColumns };
  const counts = await countMatches(engine, table, conditions);
  const affected = [...conditions].filter(([name]) => counts[name] !== undefined);
  if (affected.length > 0) {
    const replace = affected
      .map(
        ([name, condition]) =>
          `CASE WHEN ${condition} THEN NULL ELSE ${ident(name)} END AS ${ident(name)}`,
      )
      .join(', ');
    await engine.exec(
      `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * REPLACE (${replace}) FROM ${ident(table)}`,
    );
  }
  return { counts, unknownColumns };
}

/** The SQL condition "this value is one of the codes", or undefined if no code can match. */
function conditionFor(column: string, type: string, codes: MissingCode[]): string | undefined {
  if (isNumericType(type)) {
    const numbers = codes
      .map((c) => (typeof c === 'number' ? c : c.trim() === '' ? NaN : Number(c)))
      .filter((n) => Number.isFinite(n));
    if (numbers.length === 0) return undefined;
    // DOUBLE literals, so that a code such as 0.5 compares exactly with any numeric type.
    return `CAST(${column} AS DOUBLE) IN (${numbers.map((n) => `CAST(${literal(String(n))} AS DOUBLE)`).join(', ')})`;
  }
  const texts = codes.map((c) => literal(String(c)));
  const value = type.toUpperCase() === 'VARCHAR' ? column : `CAST(${column} AS VARCHAR)`;
  return `${value} IN (${texts.join(', ')})`;
}

/** How many values of each column match its condition, by the value's text. */
async function countMatches(
  engine: Engine,
  table: string,
  conditions: Map<string, string>,
): Promise<MissingCounts> {
  const parts = [...conditions].map(
    ([name, condition]) =>
      `SELECT ${literal(name)} AS name, CAST(${ident(name)} AS VARCHAR) AS code, count(*) AS n FROM ${ident(table)} WHERE ${condition} GROUP BY ALL`,
  );
  const counts: MissingCounts = {};
  // In slices: a union of thousands of selects is slow to plan.
  for (let i = 0; i < parts.length; i += 200) {
    const { rows } = await engine.query(
      `SELECT * FROM (${parts.slice(i, i + 200).join(' UNION ALL ')}) ORDER BY name, code`,
    );
    for (const r of rows) {
      const byCode = (counts[String(r.name)] ??= {});
      byCode[String(r.code)] = Number(r.n);
    }
  }
  return counts;
}
