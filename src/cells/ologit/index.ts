/** The `ologit` cell: an ordered logistic regression, with predicted category shares if asked. */
import type { OlogitSpec } from '../../stats/ologit/run-ologit.ts';
import { fromTable, ownTables, requireTable, storeTables } from '../tables.ts';
import type { CellKindDef } from '../types.ts';

export const ologitCell: CellKindDef<'ologit', OlogitSpec> = {
  kind: 'ologit',
  body: 'yaml',
  spec: {
    required: ['from', 'formula'],
    keys: {
      from: 'string',
      formula: 'string',
      level: 'level',
      levels: 'list',
      predict: 'string',
      weights: 'string',
    },
    check: (spec) => {
      if (!String(spec.formula).includes('~')) return 'formula must look like "y ~ x1 + x2"';
      if (Array.isArray(spec.levels) && spec.levels.length < 2) {
        return 'levels must list at least two categories, lowest first';
      }
      return undefined;
    },
  },
  newName: 'ordered',
  feedsNewCells: true,
  template: (table) => `from: ${table ?? 'my_table'}\nformula: y ~ x`,
  outputTables: (name, cell) => [
    name,
    `${name}_fit`,
    ...(cell.spec.predict ? [`${name}_predicted`] : []),
    `${name}_missing`,
  ],
  tablesRead: (cell) => fromTable(cell.spec),
  pins: (name, cell) => [
    { table: name, keys: ['term'], values: ['estimate', 'std_error', 'statistic', 'p_value'] },
    { table: `${name}_fit`, keys: [] },
    ...(cell.spec.predict
      ? [{ table: `${name}_predicted`, keys: [cell.spec.predict, 'category'] }]
      : []),
  ],
  async run(cell, ctx) {
    await requireTable(cell.spec.from, ctx);
    // Its own chunk in the app, fetched when the first ordered logit runs.
    const { runOlogit } = await import('../../stats/ologit/run-ologit.ts');
    const tables = ownTables(cell, ologitCell.outputTables);
    return storeTables(ctx.engine, cell.name!, await runOlogit(ctx.engine, cell.spec), tables);
  },
  // The effects on each category's probability.
  async margins(engine, model, spec) {
    const { runOrderedMargins } = await import('../../stats/margins/run-ordered.ts');
    return runOrderedMargins(engine, model, spec);
  },
};
