/**
 * The `probit` cell: glm(family = binomial(link = "probit")), with the logit cell's keys (no
 * `method`) and tables (no odds ratios). It shares the logit's key rules and its fit.
 */
import type { ProbitSpec } from '../../stats/logit/run-logit.ts';
import {
  checkModelSpec,
  MODEL_KEYS,
  MODEL_TEMPLATE,
  modelPins,
  modelTables,
} from '../logit/model-keys.ts';
import { fromTable, ownTables, requireTable, storeTables } from '../tables.ts';
import type { CellKindDef } from '../types.ts';

export const probitCell: CellKindDef<'probit', ProbitSpec> = {
  kind: 'probit',
  body: 'yaml',
  spec: { required: ['from', 'formula'], keys: MODEL_KEYS, check: checkModelSpec },
  newName: 'probit',
  feedsNewCells: true,
  template: MODEL_TEMPLATE,
  outputTables: (name, cell) => modelTables(name, cell.spec),
  tablesRead: (cell) => fromTable(cell.spec),
  pins: (name, cell) => modelPins(name, cell.spec),
  async run(cell, ctx) {
    await requireTable(cell.spec.from, ctx);
    const { runProbit } = await import('../../stats/logit/run-logit.ts');
    const tables = ownTables(cell, probitCell.outputTables);
    return storeTables(ctx.engine, cell.name!, await runProbit(ctx.engine, cell.spec), tables);
  },
  async margins(engine, model, spec) {
    const { runMargins } = await import('../../stats/margins/run-margins.ts');
    return runMargins(engine, model, 'probit', spec);
  },
};
