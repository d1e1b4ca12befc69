/** The `logit` cell: a logistic regression, with predicted rates by one predictor if asked. */
import type { LogitSpec } from '../../stats/logit/run-logit.ts';
import { fromTable, ownTables, requireTable, storeTables } from '../tables.ts';
import type { CellKindDef } from '../types.ts';
import {
  checkModelSpec,
  MODEL_KEYS,
  MODEL_TEMPLATE,
  modelPins,
  modelTables,
} from './model-keys.ts';

export const logitCell: CellKindDef<'logit', LogitSpec> = {
  kind: 'logit',
  body: 'yaml',
  spec: {
    required: ['from', 'formula'],
    keys: { ...MODEL_KEYS, method: 'string' },
    check: checkModelSpec,
  },
  newName: 'model',
  feedsNewCells: true,
  template: MODEL_TEMPLATE,
  outputTables: (name, cell) => modelTables(name, cell.spec),
  tablesRead: (cell) => fromTable(cell.spec),
  pins: (name, cell) => modelPins(name, cell.spec),
  async run(cell, ctx) {
    await requireTable(cell.spec.from, ctx);
    // A chunk of its own in the app (IRLS, distributions), fetched when the first logit runs.
    const { runLogit } = await import('../../stats/logit/run-logit.ts');
    const tables = ownTables(cell, logitCell.outputTables);
    return storeTables(ctx.engine, cell.name!, await runLogit(ctx.engine, cell.spec), tables);
  },
  async margins(engine, model, spec) {
    const { runMargins } = await import('../../stats/margins/run-margins.ts');
    return runMargins(engine, model, 'logit', spec);
  },
};
