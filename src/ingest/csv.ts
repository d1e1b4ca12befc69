import type { Engine } from '../engine/Engine.ts';
import { EngineError } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
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
): Promise<string[]> {
  const warnings: string[] = [];
  const dialect = await sniff(engine, path);
  const ragged = await findRaggedRows(engine, path, dialect);
  const padded = ragged.tooFew.count > 0 || ragged.tooMany.count > 0;
  const names = await columnNames(engine, path, dialect, padded);
  const base = `${literal(path)}${dialectOptions(dialect)}, names = [${names.map(literal).join(', ')}]${
    padded ? ', null_padding = true, parallel = false' : ''
  }`;
  const create = (extra: string): Promise<void> =>
    engine.exec(
      `CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM read_csv(${base}${extra})`,
    );
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
  if (ragged.tooFew.count > 0) {
    warnings.push(
      `${ragged.tooFew.count} row(s) had fewer fields than the header and were padded with NULL (${describeLines(ragged.tooFew.lines)}).`,
    );
  }
  if (ragged.tooMany.count > 0) {
    const extra = names.slice(ragged.expected ?? names.length).join(', ');
    warnings.push(
      `${ragged.tooMany.count} row(s) had more fields than the header; the extra fields are kept in ${extra || 'extra columns'} (${describeLines(ragged.tooMany.lines)}).`,
    );
  }
  return warnings;
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
  const id = `${Date.now().toString(36)}_${++rejectsCounter}`;
  const errorsTable = `ingest_rejects_${id}`;
  const scansTable = `ingest_reject_scans_${id}`;
  const empty = { count: 0, lines: [] };
  try {
    await engine.query(
      `SELECT count(*) AS n FROM read_csv(${literal(path)}${dialectOptions(d)}, all_varchar = true, store_rejects = true, rejects_table = ${literal(errorsTable)}, rejects_scan = ${literal(scansTable)})`,
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
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${ident(errorsTable)}`);
    await engine.exec(`DROP TABLE IF EXISTS ${ident(scansTable)}`);
  }
}

/** Header cells as written (read as one text row), cleaned by the project's naming rules. */
async function columnNames(
  engine: Engine,
  path: string,
  d: Dialect,
  padded: boolean,
): Promise<string[]> {
  const { columns, rows } = await engine.query(
    `SELECT * FROM read_csv(${literal(path)}${dialectOptions({ ...d, header: false })}, all_varchar = true, null_padding = ${padded}, parallel = false) LIMIT 1`,
  );
  if (!d.header || rows.length === 0) return columns.map((_, i) => `column${i + 1}`);
  return cleanColumnNames(columns.map((c) => rows[0][c.name] as string | null));
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
