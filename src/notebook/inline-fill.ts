/**
 * Resolving inline values (inline-values.ts) against the run's results: which cell makes the
 * table a reference reads, the row its `where` picks (as an expect cell picks one), and the
 * value as text. The page calls `fillRef` with a cell's preview rows as it renders prose; the
 * command line and the HTML report call `fillProse`, which reads whole tables.
 */
import { format } from 'd3-format';
import { pickRow } from '../cells/expect/evaluate.ts';
import type { Engine } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import type { Row, Value } from '../shared/table-data.ts';
import { countText, valueText } from '../shared/value-text.ts';
import { cellKey, outputTables } from './graph.ts';
import { findInlineRefs, type InlineRef, type InlineSpec } from './inline-values.ts';
import type { CellState } from './state.ts';
import type { Block, Cell } from './types.ts';

/** What prose shows for a reference: its value, a wait for the cell, or why it cannot. */
export type InlineFill =
  | { state: 'value'; text: string }
  | { state: 'pending'; message: string }
  | { state: 'error'; message: string };

/** A table a reference reads, as far as the run has got. */
export type TableRows =
  | { state: 'rows'; rows: readonly Row[]; columns: readonly string[] }
  | { state: 'pending'; message: string }
  | { state: 'error'; message: string };

/** The cell that makes each result table, by lower-cased table name. */
export function tableProducers(blocks: readonly Block[]): Map<string, Cell> {
  const producers = new Map<string, Cell>();
  for (const block of blocks) {
    if (block.kind === 'markdown') continue;
    for (const table of outputTables(block)) {
      if (!producers.has(table.toLowerCase())) producers.set(table.toLowerCase(), block);
    }
  }
  return producers;
}

/**
 * The tables a prose text reads: what the page registers, so that a prose block is filled
 * again when (and only when) one of the cells making them changes.
 */
export function tablesReadBy(refs: readonly InlineRef[]): string[] {
  const tables = refs.flatMap((r) => ('error' in r.parsed ? [] : [r.parsed.table.toLowerCase()]));
  return [...new Set(tables)];
}

/**
 * A table from the state of the cell that makes it. 'partial' when the state holds only the
 * table's first rows (a preview): the caller reads the rest from the engine.
 */
export function tableFromState(
  table: string,
  producer: Cell | undefined,
  state: CellState | undefined,
): TableRows | { state: 'partial' } {
  if (!producer) {
    return {
      state: 'error',
      message: `no cell of this notebook makes a table "${table}" (inline values read result tables)`,
    };
  }
  const label = state?.label ?? cellKey(producer);
  if (!state) return { state: 'pending', message: `cell ${label} has not run yet` };
  if (state.blockedBy) {
    return { state: 'error', message: `cell ${label} did not run: ${state.blockedBy} failed` };
  }
  if (state.status === 'error') {
    return { state: 'error', message: `cell ${label} failed: ${state.error?.message ?? ''}` };
  }
  if (state.status !== 'ok') return { state: 'pending', message: `cell ${label} is running` };
  const output = state.outputs.find((o) => o.table.toLowerCase() === table.toLowerCase());
  if (!output) return { state: 'error', message: `cell ${label} made no table "${table}"` };
  if (output.result.rows.length < output.rowCount) return { state: 'partial' };
  const columns = output.result.columns.map((c) => c.name);
  return { state: 'rows', rows: output.result.rows, columns };
}

/** The value a reference reads from its table, as prose shows it. */
export function fillRef(ref: InlineRef, table: TableRows): InlineFill {
  if ('error' in ref.parsed) return { state: 'error', message: ref.parsed.error };
  if (table.state !== 'rows') return table;
  const spec = ref.parsed;
  const missing = [...Object.keys(spec.where), spec.column].find((c) => !table.columns.includes(c));
  if (missing !== undefined) {
    return {
      state: 'error',
      message: `${spec.table} has no column "${missing}" (its columns: ${table.columns.join(', ')})`,
    };
  }
  const picked = pickOne(spec, table.rows);
  if ('message' in picked) return { state: 'error', message: picked.message };
  return formatInline(picked.row[spec.column], spec);
}

function pickOne(spec: InlineSpec, rows: readonly Row[]): { row: Row } | { message: string } {
  if (Object.keys(spec.where).length > 0) return pickRow(rows, spec.table, spec.where);
  if (rows.length === 1) return { row: rows[0] };
  return {
    message:
      rows.length === 0
        ? `${spec.table} has no rows`
        : `${spec.table} has ${rows.length} rows; add "where column = value" to pick one`,
  };
}

/**
 * A value as text. Without a format, as the page's tables show it, integers with thousands
 * separators (1,240); with one, d3-format's, as the charts' axes use it (U.S. English on
 * every machine). A missing value is an error: prose stating it would state nothing.
 */
export function formatInline(value: Value | undefined, spec: InlineSpec): InlineFill {
  const where = Object.entries(spec.where)
    .map(([k, v]) => ` where ${k} = ${JSON.stringify(v)}`)
    .join('');
  const what = `${spec.table}.${spec.column}${where}`;
  if (value === null || value === undefined) {
    return { state: 'error', message: `${what} is missing (NULL)` };
  }
  if (spec.format !== undefined) {
    if (typeof value !== 'number') {
      return {
        state: 'error',
        message: `the format "${spec.format}" needs a number; ${what} is ${JSON.stringify(value)}`,
      };
    }
    return { state: 'value', text: format(spec.format)(value) };
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return { state: 'value', text: countText(value) };
  }
  return { state: 'value', text: valueText(value) };
}

/** One reference of a notebook's prose, where it stands in the file, and what it shows. */
export interface ProseFill {
  ref: InlineRef;
  /** 1-based line in the notebook file. */
  fileLine: number;
  fill: InlineFill;
}

/**
 * Past this many rows a table is not read for an inline value: prose states a rate or a
 * coefficient, and a million row objects on the page's main thread would freeze it.
 */
export const MAX_INLINE_ROWS = 100_000;

/** A result table whole, for the inline values that read it, unless it is too large. */
export async function readInlineTable(engine: Engine, table: string): Promise<TableRows> {
  const result = await engine.query(`SELECT * FROM ${ident(table)} LIMIT ${MAX_INLINE_ROWS + 1}`);
  if (result.rows.length > MAX_INLINE_ROWS) {
    return {
      state: 'error',
      message: `${table} has more than ${countText(MAX_INLINE_ROWS)} rows; inline values read small result tables (compute the value in a sql cell)`,
    };
  }
  return { state: 'rows', rows: result.rows, columns: result.columns.map((c) => c.name) };
}

/**
 * Every reference in the notebook's prose, filled from the run: rows from the cells' states,
 * or from `readTable` (readInlineTable, in the engine's line) where a state holds a preview.
 */
export async function fillProse(
  blocks: readonly Block[],
  cells: ReadonlyMap<string, CellState>,
  readTable: (table: string) => Promise<TableRows>,
): Promise<ProseFill[]> {
  const producers = tableProducers(blocks);
  const tables = new Map<string, Promise<TableRows>>();
  const rowsOf = (table: string): Promise<TableRows> => {
    const key = table.toLowerCase();
    let found = tables.get(key);
    if (!found) {
      const producer = producers.get(key);
      const known = tableFromState(table, producer, producer && cells.get(cellKey(producer)));
      found = known.state === 'partial' ? readTable(table) : Promise.resolve(known);
      tables.set(key, found);
    }
    return found;
  };
  const fills: ProseFill[] = [];
  for (const block of blocks) {
    if (block.kind !== 'markdown') continue;
    for (const ref of findInlineRefs(block.text)) {
      const table: TableRows =
        'error' in ref.parsed
          ? { state: 'rows', rows: [], columns: [] }
          : await rowsOf(ref.parsed.table);
      fills.push({ ref, fileLine: block.line + ref.line - 1, fill: fillRef(ref, table) });
    }
  }
  return fills;
}

/**
 * What prose.md writes for a reference: its value, or a note saying why there is none; on
 * one line whatever the value or message holds, so the file keeps the notebook's lines.
 */
export function fillText(fill: InlineFill): string {
  const text =
    fill.state === 'value'
      ? fill.text
      : fill.state === 'pending'
        ? `[not run: ${fill.message}]`
        : `[no value: ${fill.message}]`;
  return text.replace(/\s*\n\s*/g, ' ');
}

/** A prose text with each of its references (findInlineRefs, in order) replaced. */
export function replaceRefs(
  text: string,
  refs: readonly InlineRef[],
  replace: (ref: InlineRef, i: number) => string,
): string {
  let out = '';
  let at = 0;
  refs.forEach((ref, i) => {
    out += text.slice(at, ref.start) + replace(ref, i);
    at = ref.end;
  });
  return out + text.slice(at);
}

/**
 * The notebook's text with every reference in its prose replaced by its value (the command
 * line's prose.md): cells and front matter as written, line for line.
 */
export function filledNotebookText(
  text: string,
  blocks: readonly Block[],
  fills: readonly ProseFill[],
): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let next = 0;
  // Blocks in reverse, so replacing one block's lines leaves the earlier blocks' lines in place.
  const prose = blocks.filter((b) => b.kind === 'markdown');
  const byBlock = prose.map((block) => {
    const refs = findInlineRefs(block.text);
    const own = fills.slice(next, next + refs.length);
    next += refs.length;
    return { block, refs, own };
  });
  for (const { block, refs, own } of byBlock.reverse()) {
    if (refs.length === 0) continue;
    const filled = replaceRefs(block.text, refs, (_, i) => fillText(own[i].fill));
    const count = block.text.split('\n').length;
    lines.splice(block.line - 1, count, ...filled.split('\n'));
  }
  return lines.join('\n');
}
