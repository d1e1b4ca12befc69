/** The `logit` cell: a logistic regression, with predicted rates by one predictor if asked. */
import type { LogitSpec } from '../../stats/logit/run-logit.ts';
import { fromTable, ownTables, requireTable, storeTables } from '../tables.ts';
import type { CellKindDef } from '../types.ts';

export const logitCell: CellKindDef<'logit', LogitSpec> = {
  kind: 'logit',
  body: 'yaml',
  spec: {
    required: ['from', 'formula'],
    keys: { from: 'string', formula: 'string', level: 'level', predict: 'string' },
    check: (spec) =>
      String(spec.formula).includes('~') ? undefined : 'formula must look like "y ~ x1 + x2"',
  },
  newName: 'model',
  feedsNewCells: true,
  template: (table) => `from: ${table ?? 'my_table'}\nformula: y ~ x`,
  outputTables: (name, cell) => [
    name,
    `${name}_fit`,
    ...(cell.spec.predict ? [`${name}_predicted`] : []),
    // Last, so the tables a notebook already had keep their places.
    `${name}_missing`,
  ],
  tablesRead: (cell) => fromTable(cell.spec),
  // Intervals and odds ratios follow from the estimate and its standard error.
  pins: (name, cell) => [
    { table: name, keys: ['term'], values: ['estimate', 'std_error', 'statistic', 'p_value'] },
    { table: `${name}_fit`, keys: [] },
    ...(cell.spec.predict ? [{ table: `${name}_predicted`, keys: [cell.spec.predict] }] : []),
  ],
  async run(cell, ctx) {
    await requireTable(cell.spec.from, ctx);
    // A chunk of its own in the app (IRLS, distributions), fetched when the first logit runs.
    const { runLogit } = await import('../../stats/logit/run-logit.ts');
    const tables = ownTables(cell, logitCell.outputTables);
    return storeTables(ctx.engine, cell.name!, await runLogit(ctx.engine, cell.spec), tables);
  },
};
