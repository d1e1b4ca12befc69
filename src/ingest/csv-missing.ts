import type { Engine } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
import { dialectOptions, isConversionError, namesOption, type Dialect } from './csv-dialect.ts';
import { describeCounts, type MissingCounts } from './missing.ts';

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
export function nullOptions(tokens: string[]): string {
  if (tokens.length === 0) return '';
  return `, nullstr = [${[...tokens, ''].map(literal).join(', ')}], allow_quoted_nulls = false`;
}

/**
 * After the table is built with the tokens as missing: counts, per column, which tokens were
 * read as missing, and undoes the one side effect of `allow_quoted_nulls = false` on files
 * without tokens: a quoted empty field (`""`) was missing before and is again.
 */
export async function readTokens(
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
