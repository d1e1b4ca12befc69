/**
 * The `models` cell: a regression table of several model cells side by side (terms as rows,
 * models as columns), with fit statistics and, with `compare: lr`, likelihood-ratio tests of
 * each model against the previous one. It writes `<name>` (long: one row per model and term)
 * and `<name>_fit` (one row per model); the command line also writes `<name>.tex` and
 * `<name>.md`.
 */
import type { Row } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { createTableFromRows } from '../../engine/tables.ts';
import { ownTables } from '../tables.ts';
import type { CellKindDef, CellOutcome, OutputPreview } from '../types.ts';
import { regressionLatex } from './latex.ts';
import { regressionTable, type RegressionTable } from './layout.ts';
import { checkModelsSpec, modelNames, type ModelsSpec } from './spec.ts';
import { regressionMarkdown } from './text-exports.ts';

/** The table laid out from the cell's outputs (the page, the report and the exports use it). */
export function tableOfOutputs(
  spec: ModelsSpec,
  output: (suffix: string) => { rows: Row[] } | undefined,
): RegressionTable | undefined {
  const coefficients = output('');
  const fit = output('_fit');
  return coefficients && fit ? regressionTable(spec, coefficients.rows, fit.rows) : undefined;
}

export const modelsCell: CellKindDef<'models', ModelsSpec> = {
  kind: 'models',
  body: 'yaml',
  spec: {
    required: ['models'],
    keys: { models: 'columns', labels: 'names', show: 'columns', stars: 'list', compare: 'string' },
    check: checkModelsSpec,
  },
  newName: 'table',
  // Model cells added with "Add cell" are named model_1, model_2, …
  template: () => 'models: [model_1, model_2]\ncompare: lr',
  outputTables: (name) => [name, `${name}_fit`],
  // Each model's coefficients and fit statistics, so the graph runs the models first.
  tablesRead: (cell) =>
    modelNames(cell.spec).flatMap((m) => [m.toLowerCase(), `${m.toLowerCase()}_fit`]),
  pins: (name) => [
    { table: name, keys: ['model', 'term'], values: ['estimate', 'std_error', 'p_value'] },
    { table: `${name}_fit`, keys: ['model'] },
  ],
  async run(cell, ctx) {
    // The LR test's chi-square tail (@stdlib's incomplete gamma) loads with the first table.
    const { collectModels } = await import('./collect.ts');
    const computed = await collectModels(cell.spec, ctx);
    const outputs: OutputPreview[] = [];
    for (const [suffix, data] of Object.entries(computed.tables)) {
      const table = `${cell.name!}${suffix}`;
      await createTableFromRows(ctx.engine, table, data.columns, data.rows);
      // Every row, not a preview: the table is small and the page lays it all out.
      const result = await ctx.engine.query(`SELECT * FROM ${ident(table)}`);
      outputs.push({ table, rowCount: result.rows.length, result });
    }
    const own = ownTables(cell, modelsCell.outputTables);
    const kept = outputs.filter((o) => own.includes(o.table));
    return {
      warnings: computed.warnings,
      outputs: kept,
      rows: kept[0]?.rowCount,
    } satisfies CellOutcome;
  },
  files(name, cell, outputs) {
    const bySuffix = (suffix: string) =>
      outputs.find((o) => o.table === `${name}${suffix}`)?.result;
    const table = tableOfOutputs(cell.spec, bySuffix);
    if (!table) return [];
    return [
      { file: `${name}.tex`, text: regressionLatex(table, name) },
      { file: `${name}.md`, text: regressionMarkdown(table) },
    ];
  },
};
