/**
 * Notebook format v1 (docs/notebook-format.md): Markdown with optional YAML front matter;
 * fenced blocks whose info string is `<kind> <name>` are cells, every other block is prose.
 */
import { isCellKind, kindOf } from '../cells/registry.ts';
import { checkSpec } from '../cells/spec-keys.ts';
import type { MissingCode, MissingSpec } from '../ingest/index.ts';
import { NotebookError } from '../shared/errors.ts';
import { frontMatterHide, sqlOptions, takeYamlOptions, type CellOptions } from './hide.ts';
import type { Block, Cell, CellKind, DatasetRef, Notebook } from './types.ts';
import { parseYamlAt } from './yaml-body.ts';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;

export interface ParseResult {
  notebook: Notebook;
  /** Problems found; a cell with a problem also carries it in `cellErrors`. */
  errors: NotebookError[];
  /** Errors that belong to one cell, keyed by the cell's index; the rest of the notebook can run. */
  cellErrors: Map<number, NotebookError>;
}

/**
 * The front matter alone (title and datasets), read by the same rules as parseNotebook but
 * without the cells: for readers that need nothing else (the library's index, the files a
 * notebook names), since parsing every cell's YAML is most of a notebook's parse.
 */
export function parseFrontMatter(text: string): Pick<Notebook, 'title' | 'datasets'> {
  const { frontMatter, datasets } = readFrontMatter(splitLines(text), []);
  return { title: titleOf(frontMatter), datasets };
}

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

function titleOf(frontMatter: Record<string, unknown>): string | undefined {
  return typeof frontMatter.title === 'string' ? frontMatter.title : undefined;
}

export function parseNotebook(text: string): ParseResult {
  const lines = splitLines(text);
  const errors: NotebookError[] = [];
  const cellErrors = new Map<number, NotebookError>();
  const { frontMatter, datasets, bodyStart } = readFrontMatter(lines, errors);
  const blocks: Block[] = [];
  let prose: string[] = [];
  let proseLine = bodyStart + 1;
  const flushProse = () => {
    if (prose.some((l) => l.trim() !== '')) {
      blocks.push({ kind: 'markdown', line: proseLine, text: prose.join('\n') });
    }
    prose = [];
  };
  let cellIndex = 0;
  for (let i = bodyStart; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) {
      if (prose.length === 0) proseLine = i + 1;
      prose.push(lines[i]);
      continue;
    }
    const close = findClosingFence(lines, i, open[2]);
    const info = open[3].trim().split(/\s+/);
    const kind = info[0];
    if (!isCellKind(kind)) {
      if (prose.length === 0) proseLine = i + 1;
      prose.push(...lines.slice(i, close + 1));
      i = close;
      continue;
    }
    flushProse();
    const source = lines.slice(i + 1, close).join('\n');
    const cell = buildCell(kind, info, source, i + 1, cellIndex, cellErrors);
    blocks.push(cell);
    cellIndex++;
    if (close >= lines.length) {
      recordError(
        cellErrors,
        cell.index,
        new NotebookError(`The ${kind} cell is never closed with a fence`, i + 1, cell.name),
      );
    }
    i = close;
    proseLine = i + 2;
  }
  flushProse();
  checkNames(blocks, datasets, cellErrors);
  // The front matter's `hide:` is the default of each cell without one of its own.
  const { hide, problem } = frontMatterHide(frontMatter.hide);
  if (problem) errors.push(new NotebookError(problem, 2));
  for (const block of blocks) {
    if (block.kind !== 'markdown' && hide && block.hide === undefined) block.hide = hide;
  }
  errors.push(...cellErrors.values());
  return {
    notebook: { title: titleOf(frontMatter), datasets, blocks, frontMatter },
    errors,
    cellErrors,
  };
}

function findClosingFence(lines: string[], open: number, fence: string): number {
  for (let j = open + 1; j < lines.length; j++) {
    const m = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j]);
    if (m && m[1][0] === fence[0] && m[1].length >= fence.length) return j;
  }
  return lines.length;
}

function readFrontMatter(lines: string[], errors: NotebookError[]) {
  const none = {
    frontMatter: {} as Record<string, unknown>,
    datasets: [] as DatasetRef[],
    bodyStart: 0,
  };
  if (lines[0]?.trim() !== '---') return none;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) {
    errors.push(
      new NotebookError('Front matter starts with --- on line 1 but is never closed with ---', 1),
    );
    return none;
  }
  try {
    const { value, keyLines } = parseYamlAt(lines.slice(1, end).join('\n'), 2, 'the front matter');
    const frontMatter = (value ?? {}) as Record<string, unknown>;
    if (typeof frontMatter !== 'object' || Array.isArray(frontMatter)) {
      throw new NotebookError('Front matter must be a YAML mapping (title:, datasets:)', 2);
    }
    const datasets = readDatasets(frontMatter.datasets, keyLines.get('datasets') ?? 2, lines);
    return { frontMatter, datasets, bodyStart: end + 1 };
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    errors.push(error);
    return { ...none, bodyStart: end + 1 };
  }
}

function readDatasets(raw: unknown, line: number, lines: string[]): DatasetRef[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new NotebookError(
      'datasets must map table names to files (ties: {file: TIESv4-1.xls})',
      line,
    );
  }
  return Object.entries(raw as Record<string, unknown>).map(([name, entry]) => {
    const entryLine = lineOfKey(lines, name, line);
    if (!IDENTIFIER.test(name)) {
      throw new NotebookError(
        `Dataset name "${name}" is not an SQL identifier (letters, digits, _)`,
        entryLine,
      );
    }
    const spec = (typeof entry === 'string' ? { file: entry } : entry) as Record<string, unknown>;
    if (!spec || typeof spec !== 'object' || typeof spec.file !== 'string') {
      throw new NotebookError(`Dataset "${name}" needs a file: entry`, entryLine);
    }
    // `adapter:` records which known-dataset adapter applied when the browser listed the
    // file; adapters apply by detection, so it is read as a note, never an instruction.
    const unknown = Object.keys(spec).filter(
      (k) => !['file', 'sheet', 'sha256', 'encoding', 'missing', 'adapter'].includes(k),
    );
    if (unknown.length > 0) {
      throw new NotebookError(
        `Dataset "${name}" has unknown key "${unknown[0]}" (allowed: file, sheet, sha256, encoding, missing, adapter)`,
        entryLine,
      );
    }
    const sheet = spec.sheet;
    if (sheet !== undefined && typeof sheet !== 'string' && typeof sheet !== 'number') {
      throw new NotebookError(
        `Dataset "${name}": sheet must be a name or a 1-based number`,
        entryLine,
      );
    }
    return {
      name,
      file: spec.file,
      sheet: sheet as string | number | undefined,
      sha256: typeof spec.sha256 === 'string' ? spec.sha256.toLowerCase() : undefined,
      encoding: typeof spec.encoding === 'string' ? spec.encoding : undefined,
      ...(spec.missing === undefined
        ? {}
        : { missing: parseMissing(name, spec.missing, entryLine) }),
      line: entryLine,
    };
  });
}

/**
 * A dataset's `missing:`: a list of codes for every column (`[-9, -99]`; `[]` turns the text
 * tokens off) or a mapping from column to its codes (`{intensity: [-9]}`; one code may be
 * written without brackets).
 */
function parseMissing(name: string, raw: unknown, line: number): MissingSpec {
  const codes = (value: unknown, where: string): MissingCode[] => {
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const code of list) {
      if (typeof code === 'string') continue;
      if (typeof code === 'number' && Number.isFinite(code)) continue;
      throw new NotebookError(
        `Dataset "${name}": missing${where} must list numbers or texts (such as -9 or 'n/a'), not ${JSON.stringify(code) ?? String(code)}`,
        line,
      );
    }
    return list as MissingCode[];
  };
  if (Array.isArray(raw)) return codes(raw, '');
  if (raw && typeof raw === 'object') {
    return Object.fromEntries(
      Object.entries(raw as Record<string, unknown>).map(([column, value]) => [
        column,
        codes(value, `.${column}`),
      ]),
    );
  }
  throw new NotebookError(
    `Dataset "${name}": missing must be a list of codes ([-9, -99]) or codes per column ({intensity: [-9]})`,
    line,
  );
}

/** Line of `  name:` inside the front matter, for messages about one dataset entry. */
function lineOfKey(lines: string[], key: string, fallback: number): number {
  const index = lines.findIndex(
    (l, i) => i >= fallback - 1 && new RegExp(`^\\s+${escapeRe(key)}\\s*:`).test(l),
  );
  return index < 0 ? fallback : index + 1;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function buildCell(
  kind: CellKind,
  info: string[],
  source: string,
  line: number,
  index: number,
  cellErrors: Map<number, NotebookError>,
): Cell {
  const name = info[1];
  const def = kindOf(kind);
  const base: CellOptions & Pick<Cell, 'index' | 'name' | 'line' | 'source'> = {
    index,
    name,
    line,
    source,
  };
  const fail = (message: string, at = line) => {
    recordError(cellErrors, index, new NotebookError(message, at, name));
  };
  if (info.length > 2)
    fail(`Cell header "${info.join(' ')}" has extra words; write \`${kind} <name>\``);
  if (name === undefined && !def.nameOptional) {
    fail(`A ${kind} cell needs a name: \`${kind} my_result\``);
  } else if (name !== undefined && !IDENTIFIER.test(name)) {
    fail(
      `Cell name "${name}" is not an SQL identifier (letters, digits and _, not starting with a digit)`,
    );
  }
  if (def.body === 'sql') return { ...base, ...sqlOptions(source, line, fail), kind } as Cell;
  let spec: Record<string, unknown> = {};
  try {
    const parsed = parseYamlAt(source, line + 1, `the ${kind} cell${name ? ` ${name}` : ''}`);
    if (!parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
      throw new NotebookError(
        `The body of a ${kind} cell must be a YAML mapping of keys`,
        line + 1,
        name,
      );
    }
    spec = parsed.value as Record<string, unknown>;
    Object.assign(base, takeYamlOptions(spec, parsed.keyLines, line, fail, def.spec?.keys));
    if (def.spec) checkSpec(kind, def.spec, spec, parsed.keyLines, line, fail);
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    fail(error.message, error.line);
  }
  return { ...base, kind, spec } as Cell;
}

function checkNames(
  blocks: Block[],
  datasets: DatasetRef[],
  cellErrors: Map<number, NotebookError>,
) {
  const seen = new Map<string, number>(datasets.map((d) => [d.name.toLowerCase(), d.line]));
  for (const block of blocks) {
    if (block.kind === 'markdown' || !block.name) continue;
    const key = block.name.toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      block.duplicate = true;
      recordError(
        cellErrors,
        block.index,
        new NotebookError(
          `The name "${block.name}" is already used on line ${earlier}; names must be unique`,
          block.line,
          block.name,
        ),
      );
    } else {
      seen.set(key, block.line);
    }
  }
}

function recordError(cellErrors: Map<number, NotebookError>, index: number, error: NotebookError) {
  if (!cellErrors.has(index)) cellErrors.set(index, error);
}

/** The cells of a notebook, in document order. */
export function cellsOf(notebook: Notebook): Cell[] {
  return notebook.blocks.filter((b): b is Cell => b.kind !== 'markdown');
}
