/** The `crosstab` cell: counts of `rows` by `cols`, with chi-square (or Fisher) tests. */
import type { CrosstabSpec } from '../../stats/crosstab.ts';
import { fromTable, ownTables, requireTable, storeTables } from '../tables.ts';
import type { CellKindDef } from '../types.ts';

export const crosstabCell: CellKindDef<'crosstab', CrosstabSpec> = {
  kind: 'crosstab',
  body: 'yaml',
  spec: {
    required: ['from', 'rows', 'cols'],
    keys: { from: 'string', rows: 'string', cols: 'string' },
  },
  newName: 'table',
  template: (table) => `from: ${table ?? 'my_table'}\nrows: \ncols: `,
  outputTables: (name) => [name, `${name}_test`, `${name}_missing`],
  tablesRead: (cell) => fromTable(cell.spec),
  pins: (name, cell) => [
    { table: name, keys: [cell.spec.rows, cell.spec.cols] },
    { table: `${name}_test`, keys: ['method'] },
  ],
  async run(cell, ctx) {
    await requireTable(cell.spec.from, ctx);
    // Crosstab and logit (tests, IRLS, distributions) are chunks of their own in the app,
    // fetched when the first such cell runs.
    const { runCrosstab } = await import('../../stats/crosstab.ts');
    const tables = ownTables(cell, crosstabCell.outputTables);
    return storeTables(ctx.engine, cell.name!, await runCrosstab(ctx.engine, cell.spec), tables);
  },
};
