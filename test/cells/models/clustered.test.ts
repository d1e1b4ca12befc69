/**
 * A clustered column (the model cells' `se: cluster`) in a models cell: its standard errors
 * are sandwich::vcovCL's (models-table.R), its fit row says `cluster` and how many clusters,
 * the table's Standard errors row says so, and the likelihood-ratio checks refuse models
 * with different weights.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tableOfOutputs } from '../../../src/cells/models/index.ts';
import type { Row } from '../../../src/engine/Engine.ts';
import { expectRelative, readJson } from '../../stats/helpers.ts';
import { fence, MODEL_CELLS, runModels, type ModelsRun } from './run-notebook.ts';

const reference = readJson<{ clustered: { clusters: number; std_error: Record<string, number> } }>(
  'models-table.json',
).clustered;

const CLUSTERED = fence(
  'logit m4',
  'from: d',
  'formula: y ~ x1 + x2 + region + flag',
  'se: cluster',
  'cluster: country',
);
const SPEC = { models: ['m2', 'm3', 'm4'], compare: 'lr' };

let run: ModelsRun;
beforeAll(async () => {
  run = await runModels(
    [...MODEL_CELLS, CLUSTERED, fence('models table', 'models: [m2, m3, m4]', 'compare: lr')].join(
      '\n',
    ),
  );
}, 60_000);

describe('a clustered model in a models cell', () => {
  it('carries sandwich::vcovCL’s standard errors and the number of clusters', () => {
    const rows = (run.results.table as Row[]).filter((r) => r.model === 'm4');
    expect(rows.map((r) => r.term)).toEqual(Object.keys(reference.std_error));
    for (const row of rows) {
      const term = String(row.term);
      expectRelative(row.std_error, reference.std_error[term], 1e-8, `${term} clustered SE`);
    }
    const fit = (run.results.table_fit as Row[]).find((f) => f.model === 'm4')!;
    expect(fit).toMatchObject({ se_type: 'cluster', clusters: reference.clusters });
  });

  it('names the standard errors’ type in the table, below the rule', () => {
    const state = run.cell('table');
    const table = tableOfOutputs(
      SPEC,
      (s) => state.outputs.find((o) => o.table === `table${s}`)?.result,
    )!;
    const se = table.fit.find((r) => r.label === 'Standard errors')!;
    expect(se.cells.map((c) => c.text)).toEqual(['model', 'model', 'clustered (30)']);
    // The same fit as m3, with other standard errors: nothing for a likelihood ratio to test.
    const lr = table.fit.find((r) => r.label === 'LR df')!;
    expect(lr.cells.map((c) => c.text)).toEqual(['', '1', '0']);
  });

  it('refuses a likelihood-ratio test between models with different weights', async () => {
    const weighted = await runModels(
      [
        MODEL_CELLS[0],
        fence('logit w', 'from: d', 'formula: y ~ x1 + x2', 'weights: x2'),
        fence('models table', 'models: [m1, w]', 'compare: lr'),
      ].join('\n'),
    );
    expect(weighted.cell('table').error?.message).toBe(
      'compare: lr cannot test w against m1: m1 has no weights, w has weights "x2"',
    );
  });
});
