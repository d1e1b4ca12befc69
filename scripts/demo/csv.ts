/**
 * A deliberately plain CSV writer: header line, LF endings, booleans as `true`/`false`,
 * integers only, and no field that would need quoting. DuckDB's sniffer then types every
 * column the same way on every machine.
 */
export type CsvValue = string | number | boolean;

export function toCsv<R extends object>(
  columns: ReadonlyArray<keyof R & string>,
  rows: readonly R[],
): string {
  const lines = [columns.join(',')];
  for (const row of rows) {
    lines.push(columns.map((c) => field(row[c] as CsvValue, c)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function field(value: CsvValue, column: string): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new Error(`Column ${column}: only integers are written (${value})`);
    return String(value);
  }
  if (/[",\r\n]/.test(value) || value !== value.trim() || value === '') {
    throw new Error(
      `Column ${column}: value would need quoting or is empty: ${JSON.stringify(value)}`,
    );
  }
  return value;
}
