import type { Engine } from '../engine/Engine.ts';
import { EngineError } from '../engine/Engine.ts';
import { ident, literal } from '../engine/sql.ts';
import {
  columnNames,
  createTable,
  isConversionError,
  namesOption,
  sniff,
  type Dialect,
} from './csv-dialect.ts';
import { nullOptions, readTokens, type DelimitedLoad } from './csv-missing.ts';
import { unbalancedQuotes } from './csv-quotes.ts';
import { describeLines, findRaggedRows, listNames, mixedDelimiters } from './csv-ragged.ts';
import { withRejects } from './csv-rejects.ts';
import type { KnownCsv } from './known-files.ts';

export type { DelimitedLoad } from './csv-missing.ts';

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
  known?: KnownCsv,
): Promise<DelimitedLoad> {
  const warnings: string[] = [];
  const nulls = nullOptions(tokens);
  if (known) return loadKnown(engine, path, table, known, nulls);
  const dialect = await sniff(engine, path);
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

/**
 * A file known byte for byte (see known-files.ts): one scan with the dialect, names and types
 * a full load found, and no sniffing. Such a file has no rejected or ragged rows, and rows.
 */
async function loadKnown(
  engine: Engine,
  path: string,
  table: string,
  known: KnownCsv,
  nulls: string,
): Promise<DelimitedLoad> {
  const columns = known.columns.map((c) => `${literal(c.name)}: ${literal(c.type)}`).join(', ');
  await createTable(
    engine,
    table,
    path,
    known.dialect,
    `, columns = {${columns}}, auto_detect = false${nulls}`,
  );
  // A known file is unquoted (scripts/known-files.ts checks): the same bytes read with the
  // same tokens give the same counts, and readTokens would change nothing in the table (it only
  // restores quoted empty fields), so what the full load found stands.
  return known.missing;
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
