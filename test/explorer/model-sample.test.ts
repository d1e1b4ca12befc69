/**
 * The explorer's rates and crosstab use every row with an outcome and an engagement value;
 * its logit also needs every control. When that makes the samples differ the explorer says so,
 * and "use the model's sample for every result" filters the sql cell to the logit's rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { createTableFromRows, describeTable } from '../../src/engine/tables.ts';
import { appendToNotebook, planExplorer, type ExplorerChoices } from '../../src/explorer/plan.ts';
import {
  previewExplorer,
  sampleSizes,
  samplesDiffer,
  type PreviewPart,
} from '../../src/explorer/preview.ts';
import { parseNotebook } from '../../src/notebook/parse.ts';
import { Runner } from '../../src/notebook/Runner.ts';
import type { CellTables } from '../../src/shared/table-data.ts';

let engine: NativeEngine;

/** 200 rows: the control `cost` is missing in every 5th row, `region` in every 7th, NaN in row 3. */
function rows(): Row[] {
  return Array.from({ length: 200 }, (_, i) => ({
    won: (i * 7919 + 13) % 17 < 7,
    engaged: i % 2 === 0,
    cost: i % 5 === 4 ? null : i === 3 ? Number.NaN : ((i * 37) % 11) / 3,
    region: i % 7 === 6 ? null : ['north', 'south', 'east'][i % 3],
  }));
}

beforeAll(async () => {
  engine = await NativeEngine.create();
  await createTableFromRows(
    engine,
    'cases',
    [
      { name: 'won', type: 'BOOLEAN' },
      { name: 'engaged', type: 'BOOLEAN' },
      { name: 'cost', type: 'DOUBLE' },
      { name: 'region', type: 'VARCHAR' },
    ],
    rows(),
  );
});
afterAll(() => engine.close());

function ok(part: PreviewPart): CellTables {
  if (!part.ok) throw new Error(part.error);
  return part;
}

const choices: ExplorerChoices = {
  table: 'cases',
  outcome: 'won',
  coding: { kind: 'binary' },
  engagement: 'engaged',
  controls: ['cost', 'region'],
};

// What plain JavaScript counts: rows with a cost (not NaN) and a region.
const complete = rows().filter(
  (r) => r.cost !== null && !Number.isNaN(r.cost) && r.region !== null,
).length;

describe('the explorer and the model’s sample', () => {
  it('says the rates and crosstab use more rows than the logit, and which columns cost them', async () => {
    const columns = await describeTable(engine, 'cases');
    const preview = await previewExplorer(
      engine,
      planExplorer(choices, { columns, notebookText: '' }),
    );
    const sizes = sampleSizes(preview);
    expect(sizes).toEqual({ rates: 200, crosstab: 200, model: complete });
    expect(samplesDiffer(sizes)).toBe(true);
    const cost = rows().filter((r) => r.cost === null || Number.isNaN(r.cost)).length;
    const region = rows().filter((r) => r.region === null).length;
    expect(ok(preview.model).tables._missing.rows).toEqual([
      { column: 'won', missing: 0 },
      { column: 'engaged', missing: 0 },
      { column: 'cost', missing: cost },
      { column: 'region', missing: region },
      { column: '(listwise)', missing: 200 - complete },
    ]);
  });

  it('filters its sql cell to the logit’s rows when asked, leaving the logit as it was', async () => {
    const columns = await describeTable(engine, 'cases');
    const before = await previewExplorer(
      engine,
      planExplorer(choices, { columns, notebookText: '' }),
    );
    const plan = planExplorer({ ...choices, modelSample: true }, { columns, notebookText: '' });
    expect(plan.sql).toBe(
      [
        'SELECT',
        '  "won",',
        '  "engaged",',
        '  "cost",',
        '  "region"',
        'FROM "cases"',
        'WHERE "won" IS NOT NULL',
        '  AND "engaged" IS NOT NULL',
        '  AND ("cost" IS NOT NULL AND NOT isnan("cost"))',
        '  AND "region" IS NOT NULL',
      ].join('\n'),
    );
    const preview = await previewExplorer(engine, plan);
    const sizes = sampleSizes(preview);
    expect(sizes).toEqual({ rates: complete, crosstab: complete, model: complete });
    expect(samplesDiffer(sizes)).toBe(false);
    expect(ok(preview.model).tables[''].rows).toEqual(ok(before.model).tables[''].rows);
    expect(ok(preview.model).tables._fit.rows[0].n_dropped).toBe(0);

    // The notebook the explorer writes computes the same, with each `_missing` in results.json.
    const parsed = parseNotebook(appendToNotebook('', plan));
    const runner = new Runner(engine, {
      resolveDataset: async () => undefined,
      datasetLocation: 'nowhere',
    });
    runner.setNotebook(parsed);
    await runner.run();
    const results = await runner.results('explorer.md');
    const listwise = (table: string) =>
      (results[`${table}_missing`] as Row[]).find((r) => r.column === '(listwise)');
    for (const table of [plan.names.rates, plan.names.crosstab, plan.names.model]) {
      expect(listwise(table), table).toEqual({ column: '(listwise)', missing: 0 });
    }
    expect(results[plan.names.model]).toEqual(ok(before.model).tables[''].rows);
  });
});
