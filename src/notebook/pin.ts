/**
 * Pinning results: a cell's current result tables written into an `expect` cell, so the
 * notebook carries its own receipt and `statecraft check` says whether the numbers still hold.
 * Headless (text in, text out) like cell-edits.ts, so the page's "Pin results" and the tests
 * make the same edit.
 *
 * Each kind says which of its tables are pinned and which columns pick a row (`pins` in
 * src/cells/<kind>/); sql, chart, input and expect cells have nothing to pin: a query's rows
 * have no key and can be large, and the statistics built on them are what a reader checks.
 */
import type { Row, Value } from '../shared/table-data.ts';
import { uniqueName } from '../shared/unique-name.ts';
import { replaceCellSource } from './edit.ts';
import { cellsOf, parseNotebook } from './parse.ts';
import { mergePins, PIN_CELL, PIN_KIND, pinCellOf } from '../cells/expect/pinned.ts';
import { tablesToPin } from '../cells/registry.ts';
import type { TablePin } from '../cells/types.ts';
import type { Cell, CellKind, ExpectSpec, ExpectTable } from './types.ts';

/**
 * Absolute tolerance of a new pin: far above the last-bit differences between two machines'
 * floating point, far below any digit a paper reports. An edited `tolerance:` is kept on re-pin.
 */
export const DEFAULT_PIN_TOLERANCE = 1e-6;

export { PIN_CELL };

export function canPin(cell: Cell): boolean {
  return tablesToPin(cell).length > 0;
}

/** A table's rows as expect rows: keys into `where`, values beside them. */
export function pinRows(pin: TablePin, rows: readonly Row[]): ExpectTable['rows'] {
  return rows.map((row) => {
    const columns = Object.keys(row);
    // Result columns carry the spec's spelling, but SQL names are case-insensitive.
    const column = (name: string) =>
      columns.find((c) => c === name) ??
      columns.find((c) => c.toLowerCase() === name.toLowerCase());
    const keys = pin.keys.map(column).filter((c): c is string => c !== undefined);
    const values = pin.values
      ? pin.values.map(column).filter((c): c is string => c !== undefined)
      : columns.filter((c) => !keys.includes(c));
    const where: Record<string, string | number | boolean | null> = {};
    for (const k of keys) where[k] = scalar(row[k]);
    const out: ExpectTable['rows'][number] = keys.length > 0 ? { where } : {};
    for (const v of values) out[v] = row[v];
    return out;
  });
}

function scalar(value: Value | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/**
 * Pins `cells` into the notebook `text`: reads each cell's tables with `read` and writes them
 * into the pin cell (created at the end when absent), replacing those tables' earlier pins and
 * keeping every other table's pins and an edited tolerance. Returns the new text.
 */
export async function pinResults(
  text: string,
  cells: readonly Cell[],
  read: (table: string) => Promise<readonly Row[]>,
  tolerance: number = DEFAULT_PIN_TOLERANCE,
): Promise<string> {
  const pinned: Record<string, ExpectTable['rows']> = {};
  for (const cell of cells) {
    for (const pin of tablesToPin(cell)) pinned[pin.table] = pinRows(pin, await read(pin.table));
  }
  return writePins(text, pinned, tolerance);
}

/** Writes already-read pins (table → expect rows) into the pin cell. */
export function writePins(
  text: string,
  pinned: Record<string, ExpectTable['rows']>,
  tolerance: number = DEFAULT_PIN_TOLERANCE,
): string {
  const notebook = parseNotebook(text).notebook;
  const cells = cellsOf(notebook);
  const existing = pinCellOf(cells);
  const body = expectYaml(mergePins(existing?.spec ?? {}, pinned, tolerance));
  if (existing) return replaceCellSource(text, existing, body);
  const taken = new Set(
    [...notebook.datasets.map((d) => d.name), ...cells.map((c) => c.name ?? '')].map((n) =>
      n.toLowerCase(),
    ),
  );
  return appendCellText(text, PIN_KIND, body, uniqueName(PIN_CELL, taken));
}

/**
 * Appends a cell with its own body and name at the end of the notebook (the pin cell; the
 * `addCell` test hook). The fence is longer than any backtick run in the body, so the body
 * cannot close it.
 */
export function appendCellText(text: string, kind: CellKind, body: string, name?: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  const head = text.replace(/\s+$/, '');
  const info = name ? `${kind} ${name}` : kind;
  return `${head}${head ? '\n\n' : ''}${fence}${info}\n${body.replace(/\n+$/, '')}\n${fence}\n`;
}

/** The expect body as YAML: one block per table, `where` as a flow map, one value per line. */
export function expectYaml(spec: ExpectSpec): string {
  const lines: string[] = [];
  for (const [table, expectation] of Object.entries(spec)) {
    lines.push(`${key(table)}:`);
    if (expectation?.tolerance !== undefined)
      lines.push(`  tolerance: ${yamlValue(expectation.tolerance)}`);
    const rows = expectation?.rows ?? [];
    if (rows.length === 0) {
      lines.push('  rows: []');
      continue;
    }
    lines.push('  rows:');
    for (const { where, ...values } of rows) {
      const fields = Object.entries(values).map(([k, v]) => `${key(k)}: ${yamlValue(v)}`);
      if (where) {
        const pairs = Object.entries(where).map(([k, v]) => `${key(k)}: ${yamlValue(v)}`);
        fields.unshift(`where: {${pairs.join(', ')}}`);
      }
      // A row with no value columns still states that its row exists.
      if (fields.length === 0) fields.push('where: {}');
      lines.push(`    - ${fields[0]}`, ...fields.slice(1).map((f) => `      ${f}`));
    }
  }
  return lines.join('\n');
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const YAML_WORDS = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function key(name: string): string {
  return PLAIN_KEY.test(name) && !YAML_WORDS.test(name) ? name : JSON.stringify(name);
}

/**
 * A value in YAML that parses back to the same JSON value: numbers in JavaScript's shortest
 * round-trip form, strings double-quoted (JSON's escapes are YAML's), lists and maps as flow.
 */
function yamlValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function longestBacktickRun(body: string): number {
  return Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
}
