/**
 * A cell's display options (docs/notebook-format.md, "Hiding parts of a cell"): `hide:` names
 * the parts the page, the HTML report and the slides leave out, `show: [rows]` puts a sql
 * cell's first rows into the report, where they are left out by default (a data dump is rarely
 * what a reader of a report wants). They change what is shown, never what runs.
 *
 * A YAML cell writes them as keys of its body; a sql cell, whose body is a query, as comment
 * lines at its top (`-- hide: [code]`), so DuckDB reads the same query either way. The front
 * matter's `hide:` is the default of every cell that has no `hide:` of its own.
 */
import type { CellBase } from '../cells/types.ts';

export type HidePart = NonNullable<CellBase['hide']>[number];
export type ShowPart = NonNullable<CellBase['show']>[number];

export const HIDE_PARTS: readonly HidePart[] = ['code', 'output', 'report', 'slides'];
export const SHOW_PARTS: readonly ShowPart[] = ['rows'];

export interface CellOptions {
  hide?: HidePart[];
  show?: ShowPart[];
}

type Fail = (message: string, at?: number) => void;

/** `hide: [code, report]`, `hide: code` or `hide: []`, checked against `allowed`. */
function readList<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fail: () => void,
): T[] | undefined {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (
    list.every((v): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v))
  )
    return [...new Set(list)];
  fail();
  return undefined;
}

function problem(key: string, allowed: readonly string[]): string {
  return `"${key}" must list some of ${allowed.join(', ')} (such as ${key}: [${allowed[0]}])`;
}

/**
 * Takes `hide:` and `show:` out of a YAML cell's body, so the kind's own keys are checked
 * without them and its run never sees them.
 */
export function takeYamlOptions(
  spec: Record<string, unknown>,
  keyLines: ReadonlyMap<string, number>,
  line: number,
  fail: Fail,
  /** The kind's own keys: a kind that has a `show:` of its own (`models`) keeps it. */
  kindKeys: Readonly<Record<string, unknown>> = {},
): CellOptions {
  const options: CellOptions = {};
  if ('hide' in spec) {
    const at = keyLines.get('hide') ?? line;
    options.hide = readList(spec.hide, HIDE_PARTS, () => fail(problem('hide', HIDE_PARTS), at));
    delete spec.hide;
  }
  if ('show' in spec && !('show' in kindKeys)) {
    const at = keyLines.get('show') ?? line;
    options.show = readList(spec.show, SHOW_PARTS, () => fail(problem('show', SHOW_PARTS), at));
    delete spec.show;
  }
  return options;
}

const SQL_OPTION = /^\s*--\s*(hide|show)\s*:\s*(.*?)\s*$/;

/**
 * `-- hide: [code]` and `-- show: [rows]` among the comment lines that open a sql cell's body
 * (`line` is the fence's line). A comment further down is part of the query, not an option.
 */
export function sqlOptions(source: string, line: number, fail: Fail): CellOptions {
  const options: CellOptions = {};
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '') continue;
    if (!/^\s*--/.test(text)) break;
    const match = SQL_OPTION.exec(text);
    if (!match) continue;
    const [, key, raw] = match;
    const value = raw
      .replace(/^\[(.*)\]$/, '$1')
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
    const at = line + 1 + i;
    if (key === 'hide') {
      options.hide = readList(value, HIDE_PARTS, () => fail(problem(key, HIDE_PARTS), at));
    } else {
      options.show = readList(value, SHOW_PARTS, () => fail(problem(key, SHOW_PARTS), at));
    }
  }
  return options;
}

/** The front matter's `hide:`, every cell's default, or the problem with it. */
export function frontMatterHide(value: unknown): { hide?: HidePart[]; problem?: string } {
  if (value === undefined || value === null) return {};
  let bad = false;
  const hide = readList(value, HIDE_PARTS, () => (bad = true));
  return bad ? { problem: `Front matter: ${problem('hide', HIDE_PARTS)}` } : { hide };
}

/** Whether `part` of the cell is left out. */
export function hides(cell: Pick<CellBase, 'hide'>, part: HidePart): boolean {
  return cell.hide?.includes(part) ?? false;
}
