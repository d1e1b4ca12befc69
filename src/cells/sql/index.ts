/** The `sql` cell: one DuckDB query whose result becomes a table named after the cell. */
import { ownTables } from '../tables.ts';
import type { CellKindDef } from '../types.ts';
import { runSql } from './run-sql.ts';
import { parameterNames, referencedNames, tokenize } from './sql-tokens.ts';

export const sqlCell: CellKindDef<'sql'> = {
  kind: 'sql',
  body: 'sql',
  newName: 'query',
  feedsNewCells: true,
  template: (table) => (table ? `SELECT *\nFROM ${table}\nLIMIT 100` : 'SELECT 42 AS answer'),
  outputTables: (name) => [name],
  tablesRead(cell) {
    try {
      return [...referencedNames(tokenize(cell.source))];
    } catch {
      return [];
    }
  },
  parametersUsed(cell) {
    try {
      return parameterNames(tokenize(cell.source));
    } catch {
      return [];
    }
  },
  run: (cell, ctx) => runSql(cell, ctx, ownTables(cell, sqlCell.outputTables)),
};
