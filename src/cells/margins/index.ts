/**
 * The `margins` cell: average marginal effects of a logit or probit cell's predictors on the
 * probability, or of an ologit cell's on each category's (dY/dX for numbers, the change from
 * the reference level for booleans and factors) with delta-method standard errors from the model's own covariance, and with `at:`
 * a curve of average predictions (src/stats/margins). It fits the named model again from its
 * spec, so it reads the model cell's table only to run after it.
 */
import { CellError } from '../../shared/errors.ts';
import type { MarginsSpec } from '../../stats/margins/spec.ts';
import { checkMarginsSpec } from '../../stats/margins/spec.ts';
import { ownTables, storeTables } from '../tables.ts';
import type { CellKindDef } from '../types.ts';

export const marginsCell: CellKindDef<'margins', MarginsSpec> = {
  kind: 'margins',
  body: 'yaml',
  spec: {
    required: ['model'],
    keys: { model: 'string', variables: 'columns', at: 'grid', level: 'level' },
    check: (spec) => checkMarginsSpec(spec as unknown as MarginsSpec),
  },
  newName: 'effects',
  template: () => 'model: model_1',
  outputTables: (name, cell) => [name, ...(cell.spec.at ? [`${name}_curve`] : [])],
  // The model's coefficients: the graph runs the model (and what it reads) first.
  tablesRead: (cell) => [cell.spec.model.toLowerCase()],
  pins: (name, cell) => [
    // `category` only in an ordered logit's tables (a key the rows lack is left out).
    {
      table: name,
      keys: ['term', 'category', 'contrast'],
      values: ['estimate', 'std_error', 'p_value'],
    },
    ...(cell.spec.at
      ? [
          {
            table: `${name}_curve`,
            keys: [Object.keys(cell.spec.at)[0]!, 'category'],
            values: ['predicted', 'std_error'],
          },
        ]
      : []),
  ],
  async run(cell, ctx) {
    const { model } = cell.spec;
    const found = ctx.cellSpec(model);
    if (!found) {
      throw new CellError(
        `margins: "${model}" names no cell in this notebook; give the name of a logit, probit or ologit cell`,
      );
    }
    if (!found.margins) {
      throw new CellError(
        `margins: "${model}" is a ${found.kind} cell; margins works on logit, probit and ologit cells`,
      );
    }
    const named = { name: model, spec: found.spec ?? {} };
    const variables = cell.spec.variables;
    const spec = {
      ...cell.spec,
      ...(typeof variables === 'string' ? { variables: [variables] } : {}),
    };
    const tables = ownTables(cell, marginsCell.outputTables);
    return storeTables(
      ctx.engine,
      cell.name!,
      await found.margins(ctx.engine, named, spec),
      tables,
    );
  },
};
