import type { Engine } from '../engine/Engine.ts';
import { EngineError } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
import { describeCounts, type MissingCounts } from './missing.ts';
import { cleanColumnNames } from './names.ts';

/** The dialect DuckDB's sniffer found, passed back explicitly so every scan agrees on it. */
interface Dialect {
  delim: string;
  quote: string;
  escape: string;
  comment: string;
  skip: number;
  header: boolean;
}

interface Ragged {
  /** Rows with fewer fields than the header: padded with NULL. */
  tooFew: { count: number; lines: number[] };
  /** Rows with more fields than the header: extra fields kept in extra `column<N>` columns. */
  tooMany: { count: number; lines: number[] };
  /** Field count of well-formed rows (what DuckDB expected). */
  expected?: number;
}

let rejectsCounter = 0;

/**
 * Loads delimited text (already UTF-8) with DuckDB's own CSV reader: the sniffer finds the
 * delimiter, quoting, header and column types; this adds the project's column naming and makes
 * ragged rows visible instead of dropping them.
 */
export async function loadDelimited(
  engine: Engine,
  path: string,
  table: string,
  sample: string,
  tokens: string[] = [],
): Promise<DelimitedLoad> {
  const warnings: string[] = [];
  const dialect = await sniff(engine, path);
  const nulls = nullOptions(tokens);
  // Most files are clean: one scan builds the table and records any row it could not read.
  // Only when it recorded one does the file get the slower scans that say what was wrong.
  if (await createIfClean(engine, path, table, dialect, nulls)) {
    const missing = await readTokens(engine, path, table, dialect, tokens, '');
    return {
      warnings: [...missing.warnings, ...(await emptyWarning(engine, table, dialect))],
      counts: missing.counts,
    };
  }
  const ragged = await findRaggedRows(engine, path, dialect);
  const padded = ragged.tooFew.count > 0 || ragged.tooMany.count > 0;
  const names = await columnNames(engine, path, dialect, padded);
  const padding = padded ? ', null_padding = true, parallel = false' : '';
  const base = `${namesOption(names)}${padding}${nulls}`;
  const create = (extra: string): Promise<void> =>
    createTable(engine, table, path, dialect, `${base}${extra}`);
  try {
    await create('');
  } catch (error) {
    if (!isConversionError(error)) throw error;
    // The sniffer guesses types from a sample; a value further down did not fit. Sniffing the
    // whole file costs a second pass but gives types every row satisfies.
    try {
      await create(', sample_size = -1');
    } catch (second) {
      if (!isConversionError(second)) throw second;
      await create(', all_varchar = true');
      warnings.push(
        `Column types could not be detected consistently; every column was read as text.`,
      );
    }
  }
  if (padded) {
    const mixed = mixedDelimiters(sample, dialect.delim);
    if (mixed) warnings.push(mixed);
  }
  if (ragged.tooFew.count > 0) {
    warnings.push(
      `${ragged.tooFew.count} row(s) had fewer fields than the header and were padded with NULL (${describeLines(ragged.tooFew.lines)}).`,
    );
  }
  if (ragged.tooMany.count > 0) {
    const extra = listNames(names.slice(ragged.expected ?? names.length));
    warnings.push(
      `${ragged.tooMany.count} row(s) had more fields than the header; the extra fields are kept in ${extra || 'extra columns'} (${describeLines(ragged.tooMany.lines)}).`,
    );
  }
  if (dialect.quote === '' && sample.includes('"')) {
    warnings.push(...(await unbalancedQuotes(engine, path, dialect)));
  }
  const missing = await readTokens(engine, path, table, dialect, tokens, padding);
  return {
    warnings: [...warnings, ...missing.warnings, ...(await emptyWarning(engine, table, dialect))],
    counts: missing.counts,
  };
}

export interface DelimitedLoad {
  warnings: string[];
  /** Per column, how many values each non-empty missing-value token made missing. */
  counts: MissingCounts;
}

/**
 * read_csv options that make the unquoted tokens (and the unquoted empty field) missing while
 * a quoted field stays text: R's write.csv quotes strings and writes NA bare, so `"NA"` is
 * Namibia and `NA` is missing. No tokens: DuckDB's own default (only the empty field).
 */
function nullOptions(tokens: string[]): string {
  if (tokens.length === 0) return '';
  return `, nullstr = [${[...tokens, ''].map(literal).join(', ')}], allow_quoted_nulls = false`;
}

/**
 * After the table is built with the tokens as missing: counts, per column, which tokens were
 * read as missing, and undoes the one side effect of `allow_quoted_nulls = false` on files
 * without tokens: a quoted empty field (`""`) was missing before and is again.
 */
async function readTokens(
  engine: Engine,
  path: string,
  table: string,
  dialect: Dialect,
  tokens: string[],
  padding: string,
): Promise<DelimitedLoad> {
  if (tokens.length === 0) return { warnings: [], counts: {} };
  await restoreQuotedEmpty(engine, path, table, dialect, tokens, padding);
  const columns = await describeColumns(engine, table);
  // Only columns holding a NULL can have read a token; most columns of most files have none.
  const { rows } = await engine.query(
    `SELECT ${columns.map((c, i) => `count(*) - count(${ident(c.name)}) AS n${i}`).join(', ')} FROM ${ident(table)}`,
  );
  const withNulls = columns.filter((_, i) => Number(rows[0]?.[`n${i}`] ?? 0) > 0);
  if (withNulls.length === 0) return { warnings: [], counts: {} };
  const names = columns.map((c) => c.name);
  const list = withNulls.map((c) => ident(c.name)).join(', ');
  const tokenList = tokens.map(literal).join(', ');
  // The file as text with only the empty field missing: a token there was quoted or not.
  const raw = `read_csv(${literal(path)}${dialectOptions(dialect)}${namesOption(names)}${padding}, all_varchar = true, allow_quoted_nulls = false)`;
  const inFile = await tokenCounts(engine, `SELECT ${list} FROM ${raw}`, list, tokenList);
  // …and the tokens the table kept as text were the quoted ones.
  const text = withNulls.filter((c) => c.type === 'VARCHAR');
  const kept =
    text.length === 0
      ? new Map<string, number>()
      : await tokenCounts(
          engine,
          `SELECT ${text.map((c) => ident(c.name)).join(', ')} FROM ${ident(table)}`,
          text.map((c) => ident(c.name)).join(', '),
          tokenList,
        );
  const counts: MissingCounts = {};
  const warnings: string[] = [];
  for (const column of withNulls) {
    for (const token of tokens) {
      const key = JSON.stringify([column.name, token]);
      const n = (inFile.get(key) ?? 0) - (kept.get(key) ?? 0);
      if (n > 0) (counts[column.name] ??= {})[token] = n;
    }
    const read = counts[column.name];
    if (read && column.type === 'VARCHAR') {
      const parts = Object.entries(read).map(
        ([token, n]) => `${n.toLocaleString('en-US')} unquoted ${token}`,
      );
      warnings.push(
        `Column ${column.name}: ${parts.join(', ')} read as missing; keep them as text with \`missing: []\`.`,
      );
    }
  }
  const summary = describeCounts(counts, 'Missing-value tokens');
  return { warnings: summary ? [summary, ...warnings] : warnings, counts };
}

/** `[column, token]` as JSON → how often the token is a whole value of that column. */
async function tokenCounts(
  engine: Engine,
  select: string,
  columns: string,
  tokens: string,
): Promise<Map<string, number>> {
  const { rows } = await engine.query(
    `SELECT name, value, count(*) AS n FROM (UNPIVOT (${select}) ON ${columns} INTO NAME name VALUE value) WHERE value IN (${tokens}) GROUP BY ALL`,
  );
  return new Map(rows.map((r) => [JSON.stringify([String(r.name), String(r.value)]), Number(r.n)]));
}

async function describeColumns(
  engine: Engine,
  table: string,
): Promise<{ name: string; type: string }[]> {
  const { rows } = await engine.query(`DESCRIBE ${ident(table)}`);
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

/**
 * With `allow_quoted_nulls = false` a quoted empty field is the empty text, where DuckDB's
 * default read it as missing; a file that quotes every field (`"1","",""`) then had its
 * numbers read as text. Such text columns get the type the default read gives them (when
 * every value converts), and the empty text becomes missing again in any text column.
 */
async function restoreQuotedEmpty(
  engine: Engine,
  path: string,
  table: string,
  dialect: Dialect,
  tokens: string[],
  padding: string,
): Promise<void> {
  if (dialect.quote === '') return;
  const columns = await describeColumns(engine, table);
  const text = columns.filter((c) => c.type === 'VARCHAR');
  if (text.length === 0) return;
  const { rows } = await engine.query(
    `SELECT ${text.map((c, i) => `count(*) FILTER (WHERE ${ident(c.name)} = '') AS e${i}`).join(', ')} FROM ${ident(table)}`,
  );
  const empty = text.filter((_, i) => Number(rows[0]?.[`e${i}`] ?? 0) > 0);
  if (empty.length === 0) return;
  const names = columns.map((c) => c.name);
  // The types the sniffer gives when quoted tokens count as missing too.
  const sniffed = await engine.query(
    `DESCRIBE SELECT * FROM read_csv(${literal(path)}${dialectOptions(dialect)}${namesOption(names)}${padding}, nullstr = [${[...tokens, ''].map(literal).join(', ')}])`,
  );
  const typeOf = new Map(sniffed.rows.map((r) => [String(r.column_name), String(r.column_type)]));
  const nullif = (c: { name: string }): string => `NULLIF(${ident(c.name)}, '')`;
  const rewrite = (typed: boolean): string =>
    empty
      .map((c) => {
        const type = typeOf.get(c.name) ?? 'VARCHAR';
        const value = typed && type !== 'VARCHAR' ? `CAST(${nullif(c)} AS ${type})` : nullif(c);
        return `${value} AS ${ident(c.name)}`;
      })
      .join(', ');
  const create = (typed: boolean): Promise<void> =>
    engine.exec(
      `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * REPLACE (${rewrite(typed)}) FROM ${ident(table)}`,
    );
  try {
    await create(true);
  } catch (error) {
    // A quoted token ("NA") among the numbers: the column stays text, as the quotes say.
    if (!isConversionError(error)) throw error;
    await create(false);
  }
}

async function emptyWarning(engine: Engine, table: string, dialect: Dialect): Promise<string[]> {
  if (!dialect.header) return [];
  const { rows } = await engine.query(`SELECT count(*) AS n FROM ${ident(table)}`);
  return Number(rows[0].n) === 0
    ? ['The file has a header row but no data rows; the table is empty.']
    : [];
}

/**
 * Creates the table in one scan that records rejected rows instead of failing on them. True
 * when nothing was rejected: the table is then exactly what a plain read gives. Otherwise the
 * table is dropped and the caller takes the careful path.
 */
async function createIfClean(
  engine: Engine,
  path: string,
  table: string,
  dialect: Dialect,
  nulls: string,
): Promise<boolean> {
  return withRejects(engine, async (rejects, errorsTable) => {
    try {
      const names = await columnNames(engine, path, dialect, false);
      await createTable(engine, table, path, dialect, `${namesOption(names)}${nulls}${rejects}`);
    } catch (error) {
      // Without null padding some ragged files do not even sniff; the careful path reads them.
      if (error instanceof EngineError && !/interrupt/i.test(error.message)) return false;
      throw error;
    }
    const { rows } = await engine.query(`SELECT count(*) AS n FROM ${ident(errorsTable)}`);
    if (Number(rows[0].n) === 0) return true;
    await engine.exec(`DROP TABLE IF EXISTS ${ident(table)}`);
    return false;
  });
}

/**
 * Runs `use` with read_csv options that record rejected rows in two fresh tables, dropped
 * afterwards, and the name of the one that lists the rows.
 */
async function withRejects<T>(
  engine: Engine,
  use: (rejects: string, errorsTable: string) => Promise<T>,
): Promise<T> {
  const id = `${Date.now().toString(36)}_${++rejectsCounter}`;
  const errorsTable = `ingest_rejects_${id}`;
  const scansTable = `ingest_reject_scans_${id}`;
  try {
    return await use(
      `, store_rejects = true, rejects_table = ${literal(errorsTable)}, rejects_scan = ${literal(scansTable)}`,
      errorsTable,
    );
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${ident(errorsTable)}`);
    await engine.exec(`DROP TABLE IF EXISTS ${ident(scansTable)}`);
  }
}

/** `a, b, c` — or the first few and a count when a ragged row added thousands of columns. */
function listNames(names: string[]): string {
  if (names.length <= 8) return names.join(', ');
  return `${names.slice(0, 3).join(', ')}, … ${names[names.length - 1]} (${names.length.toLocaleString('en-US')} columns)`;
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * Lines split by another delimiter than the one DuckDB chose (two exports from different
 * locales pasted together, say): those lines come out as one or two fields, which is what
 * made them ragged. Named in the warning, since "fewer fields" alone does not say why.
 */
function mixedDelimiters(sample: string, chosen: string): string | undefined {
  const lines = sample
    .split(/\r\n|\n|\r/)
    .slice(0, 200)
    .map((l) => l.replace(/"[^"]*"/g, ''))
    .filter((l) => l.trim() !== '');
  const withChosen = lines.filter((l) => l.includes(chosen)).length;
  for (const other of DELIMITERS) {
    if (other === chosen) continue;
    const onlyOther = lines.filter((l) => l.includes(other) && !l.includes(chosen)).length;
    if (onlyOther === 0 || withChosen === 0) continue;
    const show = (d: string): string => (d === '\t' ? 'tab' : `"${d}"`);
    return `The file mixes delimiters: of its first ${lines.length} lines, ${withChosen} use ${show(chosen)} and ${onlyOther} use only ${show(other)}. It was read with ${show(chosen)}, so the other lines were not split into columns. Save the file with one delimiter (or split it in two) and load it again.`;
  }
  return undefined;
}

/**
 * The sniffer reads a file whose double quotes do not pair up as if quotes were ordinary
 * characters. That keeps every row, but a quoted field holding the delimiter is then split:
 * say which records have an odd number of quotes so the user can look at them.
 */
async function unbalancedQuotes(engine: Engine, path: string, d: Dialect): Promise<string[]> {
  const offset = d.skip + (d.header ? 1 : 0);
  const { rows } = await engine.query(
    `SELECT count(*) AS n, list(r ORDER BY r)[1:5] AS lines FROM (SELECT row_number() OVER () + ${offset} AS r, array_to_string(list_value(*COLUMNS(*)), '') AS line FROM ${readCsv(path, d, ', all_varchar = true, null_padding = true, parallel = false')}) WHERE (length(line) - length(replace(line, '"', ''))) % 2 = 1`,
  );
  const count = Number(rows[0]?.n ?? 0);
  if (count === 0) {
    return [
      'Double quotes in the file do not enclose whole fields, so they were read as ordinary characters; a field whose text contains the delimiter is split in two.',
    ];
  }
  const lines = (rows[0].lines as number[]).map(Number);
  return [
    `${count} row(s) have an unmatched double quote (${describeLines(lines)}), so quotes were read as ordinary characters: a quoted field containing the delimiter is split in two. Fix the quote in those rows, or save the file again from a spreadsheet program, if values look wrong.`,
  ];
}

async function sniff(engine: Engine, path: string): Promise<Dialect> {
  // null_padding lets the sniffer keep the right delimiter when some rows are ragged; without
  // it a file with one short row can be sniffed as a single column.
  const { rows } = await engine.query(
    `SELECT Delimiter, Quote, Escape, Comment, SkipRows, HasHeader FROM sniff_csv(${literal(path)}, null_padding = true)`,
  );
  const r = rows[0];
  const text = (v: unknown): string => (v === '(empty)' || v === null ? '' : String(v));
  return {
    delim: text(r.Delimiter),
    quote: text(r.Quote),
    escape: text(r.Escape),
    comment: text(r.Comment),
    skip: Number(r.SkipRows ?? 0),
    header: r.HasHeader === true,
  };
}

/** `read_csv` of the file with the sniffed dialect and further `options` (`, name = value…`). */
function readCsv(path: string, d: Dialect, options: string): string {
  return `read_csv(${literal(path)}${dialectOptions(d)}${options})`;
}

function createTable(
  engine: Engine,
  table: string,
  path: string,
  d: Dialect,
  options: string,
): Promise<void> {
  return engine.exec(
    `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM ${readCsv(path, d, options)}`,
  );
}

function namesOption(names: string[]): string {
  return `, names = [${names.map(literal).join(', ')}]`;
}

function dialectOptions(d: Dialect): string {
  // An explicit empty comment, or skip = 0 together with null_padding, makes DuckDB 1.4's
  // sniffer give up on files with quoted line breaks: pass them only when they say something.
  const comment = d.comment === '' ? '' : `, comment = ${literal(d.comment)}`;
  const skip = d.skip === 0 ? '' : `, skip = ${d.skip}`;
  return (
    `, delim = ${literal(d.delim)}, quote = ${literal(d.quote)}, escape = ${literal(d.escape)}` +
    `${comment}${skip}, header = ${d.header}`
  );
}

/**
 * A scan with every column as text and rejected rows recorded: the only reliable way to
 * count rows whose field count differs from the header's (after NULL padding a short row
 * looks like a row with empty trailing fields).
 */
async function findRaggedRows(engine: Engine, path: string, d: Dialect): Promise<Ragged> {
  const empty = { count: 0, lines: [] };
  return withRejects(engine, async (rejects, errorsTable) => {
    await engine.query(
      `SELECT count(*) AS n FROM ${readCsv(path, d, `, all_varchar = true${rejects}`)}`,
    );
    const { rows } = await engine.query(
      `SELECT CAST(error_type AS VARCHAR) AS kind, count(DISTINCT line) AS n, list(DISTINCT line ORDER BY line)[1:5] AS lines, min(TRY_CAST(regexp_extract(error_message, 'Expected Number of Columns: (\\d+)', 1) AS INTEGER)) AS expected FROM ${ident(errorsTable)} GROUP BY ALL`,
    );
    const byKind = (kind: string): Ragged['tooFew'] => {
      const row = rows.find((r) => r.kind === kind);
      return row ? { count: Number(row.n), lines: (row.lines as number[]).map(Number) } : empty;
    };
    const expected = rows.map((r) => r.expected).find((v) => typeof v === 'number');
    return { tooFew: byKind('MISSING COLUMNS'), tooMany: byKind('TOO MANY COLUMNS'), expected };
  });
}

/** Header cells as written (read as one text row), cleaned by the project's naming rules. */
async function columnNames(
  engine: Engine,
  path: string,
  d: Dialect,
  padded: boolean,
): Promise<string[]> {
  // One list column rather than one column per field: a 10,000-field header stays one value.
  const { rows } = await engine.query(
    `SELECT list_value(*COLUMNS(*)) AS cells FROM ${readCsv(path, { ...d, header: false }, `, all_varchar = true, null_padding = ${padded}, parallel = false`)} LIMIT 1`,
  );
  const cells = (rows[0]?.cells ?? []) as (string | null)[];
  if (!d.header) return cells.map((_, i) => `column${i + 1}`);
  return cleanColumnNames(cells);
}

function isConversionError(error: unknown): boolean {
  return error instanceof EngineError && /Conversion Error|Could not convert/i.test(error.message);
}

/**
 * DuckDB numbers CSV records, not physical lines: a quoted line break does not count. For the
 * usual file without them the two agree.
 */
function describeLines(lines: number[]): string {
  const more = lines.length >= 5 ? ', …' : '';
  const which = lines.length === 1 ? `record ${lines[0]}` : `records ${lines.join(', ')}${more}`;
  return `${which}; the header is record 1`;
}
