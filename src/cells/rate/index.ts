/** The `rate` cell: the share of `outcome` true by group, with Wilson intervals. */
import { runRate, type RateSpec } from '../../stats/rate.ts';
import { fromTable, ownTables, requireTable, storeTables } from '../tables.ts';
import type { CellKindDef } from '../types.ts';

export const rateCell: CellKindDef<'rate', RateSpec> = {
  kind: 'rate',
  body: 'yaml',
  spec: {
    required: ['from', 'outcome', 'by'],
    keys: { from: 'string', outcome: 'string', by: 'columns', level: 'level' },
  },
  newName: 'rates',
  feedsNewCells: true,
  template: (table) => `from: ${table ?? 'my_table'}\noutcome: \nby: `,
  outputTables: (name) => [name, `${name}_missing`],
  tablesRead: (cell) => fromTable(cell.spec),
  // The `by` columns pick a row; n, successes, rate and its interval are the values.
  pins: (name, cell) => [{ table: name, keys: [cell.spec.by].flat() }],
  async run(cell, ctx) {
    await requireTable(cell.spec.from, ctx);
    const tables = ownTables(cell, rateCell.outputTables);
    return storeTables(ctx.engine, cell.name!, await runRate(ctx.engine, cell.spec), tables);
  },
};
