/**
 * Where a Stata table's extended missing values (`.a`–`.z`) are counted, per column and code
 * (columns `column_name`, `code`, `n`): in the table they are NULL like `.`, so the column
 * profile reads the counts from here. Its own module, so the profile does not pull the parser.
 */
export function missingCodesTable(table: string): string {
  return `${table}_missing_codes`;
}
