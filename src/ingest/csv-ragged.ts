import type { Engine } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { readCsv, type Dialect } from './csv-dialect.ts';
import { withRejects } from './csv-rejects.ts';

export interface Ragged {
  /** Rows with fewer fields than the header: padded with NULL. */
  tooFew: { count: number; lines: number[] };
  /** Rows with more fields than the header: extra fields kept in extra `column<N>` columns. */
  tooMany: { count: number; lines: number[] };
  /** Field count of well-formed rows (what DuckDB expected). */
  expected?: number;
}

/**
 * A scan with every column as text and rejected rows recorded: the only reliable way to
 * count rows whose field count differs from the header's (after NULL padding a short row
 * looks like a row with empty trailing fields).
 */
export async function findRaggedRows(engine: Engine, path: string, d: Dialect): Promise<Ragged> {
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

/** `a, b, c` — or the first few and a count when a ragged row added thousands of columns. */
export function listNames(names: string[]): string {
  if (names.length <= 8) return names.join(', ');
  return `${names.slice(0, 3).join(', ')}, … ${names[names.length - 1]} (${names.length.toLocaleString('en-US')} columns)`;
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * Lines split by another delimiter than the one DuckDB chose (two exports from different
 * locales pasted together, say): those lines come out as one or two fields, which is what
 * made them ragged. Named in the warning, since "fewer fields" alone does not say why.
 */
export function mixedDelimiters(sample: string, chosen: string): string | undefined {
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
 * DuckDB numbers CSV records, not physical lines: a quoted line break does not count. For the
 * usual file without them the two agree.
 */
export function describeLines(lines: number[]): string {
  const more = lines.length >= 5 ? ', …' : '';
  const which = lines.length === 1 ? `record ${lines[0]}` : `records ${lines.join(', ')}${more}`;
  return `${which}; the header is record 1`;
}
