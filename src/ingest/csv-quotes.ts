import type { Engine } from '../engine/Engine.ts';
import { readCsv, type Dialect } from './csv-dialect.ts';
import { describeLines } from './csv-ragged.ts';

/**
 * The sniffer reads a file whose double quotes do not pair up as if quotes were ordinary
 * characters. That keeps every row, but a quoted field holding the delimiter is then split:
 * say which records have an odd number of quotes so the user can look at them.
 */
export async function unbalancedQuotes(
  engine: Engine,
  path: string,
  d: Dialect,
): Promise<string[]> {
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
