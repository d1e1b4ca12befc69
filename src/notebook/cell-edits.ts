/**
 * Adding, deleting and moving cells, as edits of the notebook's Markdown text: the document
 * stays the single source of truth and the runner simply parses it again. Prose between cells
 * stays where it is; a moved cell trades places with its neighbouring cell.
 */
import { kindOf, outputTables, tablesRead } from '../cells/registry.ts';
import { tokenize } from '../cells/sql/sql-tokens.ts';
import { replaceCellSource } from './edit.ts';
import { cellKey } from './graph.ts';
import { cellsOf, parseNotebook } from './parse.ts';
import type { Cell, CellKind, Notebook } from './types.ts';

/** 0-based indexes of a cell's opening and closing fence lines. */
function cellSpan(cell: Cell, lineCount: number): { start: number; end: number } {
  const body = cell.source === '' ? 0 : cell.source.split('\n').length;
  return { start: cell.line - 1, end: Math.min(cell.line + body, lineCount - 1) };
}

/** Inserts a new cell of `kind` after the cell `afterKey` (or at the end); returns its key. */
export function addCell(
  text: string,
  afterKey: string | undefined,
  kind: CellKind,
): { text: string; key: string } {
  const lines = split(text);
  const notebook = parseNotebook(text).notebook;
  const cells = cellsOf(notebook);
  const after = afterKey === undefined ? undefined : find(cells, afterKey);
  const name = uniqueName(notebook, kind);
  const source = kindOf(kind).template(nearestTable(notebook, after));
  const block = ['```' + kind + (name ? ` ${name}` : ''), ...source.split('\n'), '```'];
  let at = after ? cellSpan(after, lines.length).end + 1 : lines.length;
  if (!after) {
    while (at > 0 && lines[at - 1].trim() === '') at--;
  }
  const insert = ['', ...block];
  if (at < lines.length && lines[at].trim() !== '') insert.push('');
  lines.splice(at, 0, ...insert);
  if (!after) lines.splice(at + insert.length, lines.length, '');
  const index = after ? after.index + 1 : cells.length;
  return { text: lines.join('\n'), key: name ?? `#${index}` };
}

export function deleteCell(text: string, key: string): string {
  const lines = split(text);
  const cell = find(cellsOf(parseNotebook(text).notebook), key);
  const { start, end } = cellSpan(cell, lines.length);
  lines.splice(start, end - start + 1);
  collapseBlank(lines, start);
  return lines.join('\n');
}

/**
 * Puts a copy of a cell right after it. A named cell's copy gets the first free name of
 * `<name>_copy`, `<name>_copy2`, … (names must be unique; the copy makes its own table).
 */
export function duplicateCell(text: string, key: string): { text: string; key: string } {
  const lines = split(text);
  const notebook = parseNotebook(text).notebook;
  const cell = find(cellsOf(notebook), key);
  const { start, end } = cellSpan(cell, lines.length);
  const block = lines.slice(start, end + 1);
  const name = cell.name ? freeName(notebook, `${cell.name}_copy`) : undefined;
  if (name) block[0] = '```' + cell.kind + ` ${name}`;
  lines.splice(end + 1, 0, '', ...block);
  return { text: lines.join('\n'), key: name ?? `#${cell.index + 1}` };
}

/**
 * Replaces the prose block that starts at file line `line` and reads `before` with `after`,
 * keeping the blank lines that separate it from its neighbours. Refuses when the document no
 * longer holds `before` there (it changed meanwhile), so no edit lands in the wrong place.
 */
export function replaceProse(text: string, line: number, before: string, after: string): string {
  const lines = split(text);
  const old = before.split('\n');
  if (lines.slice(line - 1, line - 1 + old.length).join('\n') !== before) {
    throw new Error('The notebook changed while you were editing this text; edit it again.');
  }
  const lead = old.length - trimStartBlank(old).length;
  const trail = old.length - trimStartBlank([...old].reverse()).length;
  const body = trimStartBlank(trimStartBlank(split(after)).reverse()).reverse();
  const replacement = [...old.slice(0, lead), ...body, ...old.slice(old.length - trail)];
  lines.splice(line - 1, old.length, ...replacement);
  return lines.join('\n');
}

function trimStartBlank(lines: string[]): string[] {
  const first = lines.findIndex((l) => l.trim() !== '');
  return first < 0 ? [] : lines.slice(first);
}

/** Swaps a cell with the previous (-1) or next (+1) cell; unchanged at either end. */
export function moveCell(text: string, key: string, direction: -1 | 1): string {
  const cells = cellsOf(parseNotebook(text).notebook);
  const index = cells.findIndex((c) => cellKey(c) === key);
  if (index < 0) throw new Error(`No cell ${key}`);
  const other = index + direction;
  if (other < 0 || other >= cells.length) return text;
  const lines = split(text);
  const [first, second] = [cells[Math.min(index, other)], cells[Math.max(index, other)]];
  const a = cellSpan(first, lines.length);
  const b = cellSpan(second, lines.length);
  const blockA = lines.slice(a.start, a.end + 1);
  const blockB = lines.slice(b.start, b.end + 1);
  // The later one first, so the earlier span's line numbers still hold.
  lines.splice(b.start, b.end - b.start + 1, ...blockA);
  lines.splice(a.start, a.end - a.start + 1, ...blockB);
  return lines.join('\n');
}

function split(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

function find(cells: Cell[], key: string): Cell {
  const cell = cells.find((c) => cellKey(c) === key);
  if (!cell) throw new Error(`No cell ${key}`);
  return cell;
}

/** Removes one of two blank lines meeting at `at` (left behind where a block was cut). */
function collapseBlank(lines: string[], at: number): void {
  if (at > 0 && lines[at - 1]?.trim() === '' && lines[at]?.trim() === '') lines.splice(at, 1);
}

function uniqueName(notebook: Notebook, kind: CellKind): string | undefined {
  const base = kindOf(kind).newName;
  if (!base) return undefined;
  const taken = takenNames(notebook);
  for (let n = 1; ; n++) {
    const name = `${base}_${n}`;
    if (!taken.has(name)) return name;
  }
}

/** `base` itself when free, else `base2`, `base3`, … */
function freeName(notebook: Notebook, base: string): string {
  const taken = takenNames(notebook);
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    if (!taken.has(`${base}${n}`.toLowerCase())) return `${base}${n}`;
  }
}

function takenNames(notebook: Notebook): Set<string> {
  return new Set(
    [...notebook.datasets.map((d) => d.name), ...cellsOf(notebook).map((c) => c.name ?? '')].map(
      (n) => n.toLowerCase(),
    ),
  );
}

/** The table a new cell most likely reads: the last table made above it, or the first dataset. */
function nearestTable(notebook: Notebook, after: Cell | undefined): string | undefined {
  const above = cellsOf(notebook).filter(
    (c) => after && c.index <= after.index && c.name && kindOf(c.kind).feedsNewCells,
  );
  return above.at(-1)?.name ?? notebook.datasets[0]?.name;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Renames tables (and inputs, whose `$name` SQL uses) wherever cells name them: SQL table
 * names (through the tokenizer, so strings and comments are left alone), and in YAML bodies
 * the keys and values the kind reads as tables (`from:`, an `expect` key). `renames` maps old
 * names (any case) to new ones. Each body keeps its line count, so line numbers still hold.
 */
export function renameTables(text: string, renames: ReadonlyMap<string, string>): string {
  const lower = new Map([...renames].map(([from, to]) => [from.toLowerCase(), to]));
  let out = text;
  for (const cell of cellsOf(parseNotebook(text).notebook)) {
    const source =
      kindOf(cell.kind).body === 'sql'
        ? renameInSql(cell.source, lower)
        : renameInYaml(cell.source, lower, new Set(tablesRead(cell)));
    if (source !== cell.source) out = replaceCellSource(out, cell, source);
  }
  return out;
}

function renameInSql(sql: string, renames: ReadonlyMap<string, string>): string {
  let tokens;
  try {
    tokens = tokenize(sql);
  } catch {
    // A query the tokenizer cannot read is left as written; its cell shows the error anyway.
    return sql;
  }
  let out = '';
  let last = 0;
  for (const t of tokens) {
    const to =
      t.kind === 'word' || t.kind === 'quoted' || t.kind === 'param'
        ? renames.get(t.text.toLowerCase())
        : undefined;
    if (to === undefined) continue;
    const written = t.kind === 'param' ? `$${to}` : t.kind === 'quoted' ? `"${to}"` : to;
    out += sql.slice(last, t.start) + written;
    last = t.end;
  }
  return out + sql.slice(last);
}

/** Top-level `key:` lines of a YAML body whose key or plain value is a table the cell reads. */
function renameInYaml(
  source: string,
  renames: ReadonlyMap<string, string>,
  reads: ReadonlySet<string>,
): string {
  const line = /^([A-Za-z_][A-Za-z0-9_]*)(\s*:\s*)(["']?)([A-Za-z_][A-Za-z0-9_]*)?\3(\s*(?:#.*)?)$/;
  return source
    .split('\n')
    .map((l) => {
      const m = line.exec(l);
      if (!m) return l;
      const [, key, colon, quote, value, rest] = m;
      const newKey = reads.has(key.toLowerCase()) ? (renames.get(key.toLowerCase()) ?? key) : key;
      const newValue =
        value !== undefined && reads.has(value.toLowerCase())
          ? (renames.get(value.toLowerCase()) ?? value)
          : value;
      if (newKey === key && newValue === value) return l;
      return `${newKey}${colon}${quote}${newValue ?? ''}${quote}${rest}`;
    })
    .join('\n');
}

/**
 * Renames a cell and every reference to it in one edit: its fence, the tables it makes
 * (`<name>`, `<name>_fit`, …) wherever other cells read them, and `$name` for an input.
 */
export function renameCell(text: string, oldName: string, newName: string): string {
  if (!IDENTIFIER.test(newName)) {
    throw new Error(`"${newName}" is not an SQL identifier (letters, digits, _)`);
  }
  const notebook = parseNotebook(text).notebook;
  const cell = find(cellsOf(notebook), oldName);
  if (newName === oldName) return text;
  const taken = takenNames(notebook);
  taken.delete(oldName.toLowerCase());
  if (taken.has(newName.toLowerCase())) throw new Error(`The name ${newName} is already taken`);
  const renames = new Map<string, string>([[oldName, newName]]);
  for (const table of outputTables(cell)) {
    renames.set(table, newName + table.slice(oldName.length));
  }
  const lines = split(text);
  const fence = cell.line - 1;
  lines[fence] = lines[fence].replace(
    new RegExp(`^(\\s*(?:\`{3,}|~{3,})\\s*${cell.kind}\\s+)${oldName}\\b`),
    `$1${newName}`,
  );
  return renameTables(lines.join('\n'), renames);
}
