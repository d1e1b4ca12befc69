/**
 * SQL text construction helpers. Every identifier and string the runtime puts into SQL goes
 * through these, so a column called `x"; DROP TABLE t; --` stays a column name.
 */

/** Quotes an identifier for DuckDB: wraps in double quotes and doubles embedded quotes. */
export function ident(name: string): string {
  if (name.includes('\0'))
    throw new Error(`Identifier contains a NUL character: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal: wraps in single quotes and doubles embedded quotes. */
export function literal(value: string): string {
  if (value.includes('\0')) throw new Error('String literal contains a NUL character');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A SQL literal for any scalar JS value. Numbers become DOUBLE literals that round-trip
 * exactly (JS prints the shortest representation that parses back to the same double).
 */
export function valueLiteral(value: number | string | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return "'NaN'::DOUBLE";
    if (value === Infinity) return "'Infinity'::DOUBLE";
    if (value === -Infinity) return "'-Infinity'::DOUBLE";
    return `CAST(${literal(String(value))} AS DOUBLE)`;
  }
  return literal(value);
}
