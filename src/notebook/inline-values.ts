/**
 * Inline values in prose (docs/notebook-format.md, "Inline values in prose"): prose states a
 * number as `{{ failure_rates.rate where no_embassy = true | .0% }}`, and the page, the report,
 * the slides and the command line's prose.md show the value the run produced instead, so no
 * number in the text can go stale when the data or an input changes.
 *
 * This file finds references in a prose block and parses them; inline-fill.ts resolves them
 * against result tables. Headless: the page and the command line share both.
 */
import type { InputValue } from '../cells/input/spec.ts';
import { formatProblem } from '../charts/number-format.ts';

/** The form a reference takes, quoted in every message about a malformed one. */
export const INLINE_FORM = '{{ table.column }} or {{ table.column where key = value | .1% }}';

/** What a well-formed reference reads: one value of one result table. */
export interface InlineSpec {
  table: string;
  column: string;
  /** Columns that pick the row, as an expect cell's `where:`; empty: the table has one row. */
  where: Record<string, InputValue>;
  /** A d3-format specifier (`.0%`, `,d`, `.3~g`); absent: as the page's tables show values. */
  format?: string;
}

export interface InlineRef {
  /** Offset of `{{` in the text, and just past `}}` (the end of the line if never closed). */
  start: number;
  end: number;
  /** 1-based line of the reference in the text scanned. */
  line: number;
  /** As written, braces included: the title the page gives the value. */
  source: string;
  parsed: InlineSpec | { error: string };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

/**
 * The references in a prose block, in order. Code is left alone, as Markdown shows it
 * verbatim: fenced blocks inside the prose and `code spans` (so a notebook can show the
 * syntax itself). `\{{` is a literal `{{`; Markdown drops the backslash when it renders.
 */
export function findInlineRefs(text: string): InlineRef[] {
  const refs: InlineRef[] = [];
  let offset = 0;
  let fence: string | undefined;
  for (const [i, line] of text.split('\n').entries()) {
    const open = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (open && open[0] === fence[0] && open.length >= fence.length && isBareFence(line)) {
        fence = undefined;
      }
    } else if (open) {
      fence = open;
    } else {
      scanLine(line, offset, i + 1, refs);
    }
    offset += line.length + 1;
  }
  return refs;
}

function isBareFence(line: string): boolean {
  return /^ {0,3}(`{3,}|~{3,})\s*$/.test(line);
}

function scanLine(line: string, offset: number, lineNo: number, refs: InlineRef[]): void {
  let j = 0;
  while (j < line.length) {
    const c = line[j];
    if (c === '\\') {
      j += 2;
    } else if (c === '`') {
      j = afterCodeSpan(line, j);
    } else if (c === '{' && line[j + 1] === '{') {
      const close = closingBraces(line, j + 2);
      const end = close < 0 ? line.length : close + 2;
      const source = line.slice(j, end);
      const parsed =
        close < 0
          ? problem('"{{" is never closed with "}}" on its line (write \\{{ for literal braces)')
          : parseInlineRef(line.slice(j + 2, close));
      refs.push({ start: offset + j, end: offset + end, line: lineNo, source, parsed });
      j = end;
    } else {
      j++;
    }
  }
}

/** Past a code span opened by the backticks at `j`, or past the backticks if none closes. */
function afterCodeSpan(line: string, j: number): number {
  let n = 0;
  while (line[j + n] === '`') n++;
  for (let k = j + n; k < line.length;) {
    if (line[k] !== '`') {
      k++;
      continue;
    }
    let m = 0;
    while (line[k + m] === '`') m++;
    if (m === n) return k + m;
    k += m;
  }
  return j + n;
}

/** Index of the `}}` that ends a reference (outside quoted values), or -1. */
function closingBraces(line: string, from: number): number {
  let quote: string | undefined;
  for (let k = from; k < line.length; k++) {
    const c = line[k];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '}' && line[k + 1] === '}') {
      return k;
    }
  }
  return -1;
}

function problem(what: string): { error: string } {
  return { error: `${what}; the form is ${INLINE_FORM}` };
}

/** Parses what stands between `{{` and `}}`. */
export function parseInlineRef(inner: string): InlineSpec | { error: string } {
  const pipe = pipeIndex(inner);
  const body = (pipe < 0 ? inner : inner.slice(0, pipe)).trim();
  const format = pipe < 0 ? undefined : inner.slice(pipe + 1).trim();
  if (body === '') return problem('an empty reference');
  const read = new Reader(body);
  const table = read.ident();
  if (!table) return problem(`"${body}" does not start with a table name`);
  if (!read.take('.')) {
    return problem(`"${table}" needs a column after a dot, as in ${table}.column`);
  }
  const column = read.ident();
  if (!column) return problem(`"${table}." needs a column name after the dot`);
  const where: Record<string, InputValue> = {};
  if (!read.done()) {
    const after = read.rest();
    if (!read.keyword('where')) {
      return problem(`unexpected "${after}" after ${table}.${column} (expected where)`);
    }
    do {
      const key = read.ident();
      if (!key) return problem(`"where" needs a column name, found "${read.rest()}"`);
      if (!read.take('=')) return problem(`"${key}" in "where" needs = and a value`);
      const value = read.value();
      if (value === undefined) {
        return problem(
          `the value of ${key} must be a number, true, false or a quoted text, found "${read.rest()}"`,
        );
      }
      if (Object.hasOwn(where, key)) return problem(`"where" names ${key} twice`);
      where[key] = value;
    } while (read.keyword('and'));
    if (!read.done()) return problem(`unexpected "${read.rest()}" (join conditions with and)`);
  }
  if (format !== undefined) {
    if (format === '') return problem('nothing after "|" (give a format such as .1% or ,d)');
    if (formatProblem(format) !== undefined) {
      return problem(
        `"${format}" after "|" is not a number format (d3-format: .0%, .1%, .2f, ,d, .3~g)`,
      );
    }
  }
  return { table, column, where, ...(format === undefined ? {} : { format }) };
}

/** The `|` that starts the format: the first one outside quoted values. */
function pipeIndex(inner: string): number {
  let quote: string | undefined;
  for (let k = 0; k < inner.length; k++) {
    const c = inner[k];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '|') return k;
  }
  return -1;
}

/** Reads the tokens of a reference's body left to right, skipping spaces. */
class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  private skip(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  done(): boolean {
    this.skip();
    return this.at >= this.text.length;
  }

  rest(): string {
    this.skip();
    return this.text.slice(this.at);
  }

  ident(): string | undefined {
    this.skip();
    const m = IDENT.exec(this.text.slice(this.at));
    if (!m) return undefined;
    this.at += m[0].length;
    return m[0];
  }

  take(symbol: string): boolean {
    this.skip();
    if (!this.text.startsWith(symbol, this.at)) return false;
    this.at += symbol.length;
    return true;
  }

  /** A keyword (any case) as a whole word; the position stays when it is not there. */
  keyword(word: string): boolean {
    const before = this.at;
    if (this.ident()?.toLowerCase() === word) return true;
    this.at = before;
    return false;
  }

  value(): InputValue | undefined {
    this.skip();
    const rest = this.text.slice(this.at);
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      const close = rest.indexOf(quote, 1);
      if (close < 0) return undefined;
      this.at += close + 1;
      return rest.slice(1, close);
    }
    const number = NUMBER.exec(rest);
    if (number && !IDENT.test(rest.slice(number[0].length))) {
      this.at += number[0].length;
      return Number(number[0]);
    }
    const word = IDENT.exec(rest)?.[0];
    if (word?.toLowerCase() === 'true' || word?.toLowerCase() === 'false') {
      this.at += word.length;
      return word.toLowerCase() === 'true';
    }
    return undefined;
  }
}
