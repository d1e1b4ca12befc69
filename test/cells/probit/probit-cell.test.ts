/**
 * The probit cell and the logit's new keys as a notebook writes them: parse errors at their
 * lines, the tables each makes, and the numbers of the R references (models.R) through the
 * runner, so the YAML keys reach the fit as the stats tests call it.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/Engine.ts';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { parseNotebook } from '../../../src/notebook/parse.ts';
import { Runner } from '../../../src/notebook/Runner.ts';
import { expectRelative } from '../../stats/helpers.ts';
import { MODELS } from '../../stats/logit/model-reference.ts';

const ref = (name: string) => MODELS.find((m) => m.name === name)!;
const FORMULA = 'y ~ x1 + year + region + flag';

const NOTEBOOK = [
  '```probit clustered',
  'from: models',
  `formula: ${FORMULA}`,
  'se: cluster',
  'cluster: country',
  'predict: flag',
  '```',
  '',
  '```probit weighted',
  'from: models',
  `formula: ${FORMULA}`,
  'weights: w_frac',
  '```',
  '',
  '```logit firth',
  'from: separated',
  'formula: y ~ x + flag',
  'method: firth',
  '```',
  '',
].join('\n');

let engine: NativeEngine;
let results: Record<string, unknown>;
let runner: Runner;

beforeAll(async () => {
  engine = await NativeEngine.create();
  for (const table of ['models', 'separated']) {
    await loadFile(engine, {
      table,
      fileName: `${table}.csv`,
      source: {
        kind: 'path',
        path: resolve(import.meta.dirname, `../../fixtures/stats/${table}.csv`),
      },
    });
  }
  const parsed = parseNotebook(NOTEBOOK);
  expect(parsed.errors).toEqual([]);
  runner = new Runner(engine, {
    resolveDataset: async () => undefined,
    datasetLocation: 'nowhere',
  });
  runner.setNotebook(parsed);
  await runner.run();
  results = await runner.results('models.md');
});
afterAll(() => engine.close());

function errorsOf(body: string[], kind = 'probit'): { line?: number; message: string }[] {
  const text = ['```' + kind + ' m', 'from: models', `formula: ${FORMULA}`, ...body, '```', ''];
  return parseNotebook(text.join('\n')).errors.map((e) => ({ line: e.line, message: e.message }));
}

describe('the probit cell', () => {
  it('makes <name>, <name>_fit, <name>_predicted with predict:, and <name>_missing', () => {
    const outputs = (label: string) =>
      [...runner.cells.values()].find((c) => c.label === label)?.outputs.map((o) => o.table);
    expect(outputs('clustered')).toEqual([
      'clustered',
      'clustered_fit',
      'clustered_predicted',
      'clustered_missing',
    ]);
    expect(outputs('weighted')).toEqual(['weighted', 'weighted_fit', 'weighted_missing']);
  });

  it('reports R’s clustered standard errors, and the number of clusters in _fit', () => {
    const rows = results.clustered as Row[];
    const r = ref('probit_cluster');
    r.coefficients.forEach((c, i) => {
      expectRelative(rows[i].std_error, c.std_error, 1e-8, `${c.term} std_error`);
    });
    expect(Object.keys(rows[0])).not.toContain('odds_ratio');
    const [fit] = results.clustered_fit as Row[];
    expect([fit.se_type, fit.clusters, fit.method]).toEqual(['cluster', 40, 'ml']);
  });

  it('takes prior weights from weights:, with R’s AIC for fractional weights', () => {
    const [fit] = results.weighted_fit as Row[];
    const r = ref('probit_w_frac');
    expectRelative(fit.aic, r.fit.aic, 1e-8, 'aic');
    expectRelative(fit.bic, r.fit.bic, 1e-8, 'bic');
    expect(fit.n).toBe(r.fit.n);
  });

  it('fits Firth’s logit with method: firth', () => {
    const rows = results.firth as Row[];
    const r = ref('firth_separated');
    r.coefficients.forEach((c, i) => {
      expectRelative(rows[i].estimate, c.estimate, 1e-8, `${c.term} estimate`);
    });
    const [fit] = results.firth_fit as Row[];
    expect([fit.method, fit.iterations, fit.warning]).toEqual(['firth', r.fit.iterations, null]);
  });

  it('refuses keys that do not fit together, at the cell', () => {
    expect(errorsOf(['se: robust'])).toEqual([
      {
        line: 1,
        message:
          'se must be one of model, HC0, HC1, HC2, HC3, stata, cluster (got "robust") in probit cell',
      },
    ]);
    expect(errorsOf(['se: cluster'])[0].message).toBe(
      'se: cluster needs the cluster column: add `cluster: <column>` in probit cell',
    );
    expect(errorsOf(['method: firth'])[0]).toEqual({
      line: 4,
      message: expect.stringContaining('Unknown key "method" in probit cell') as string,
    });
    expect(errorsOf(['method: firth', 'se: HC1'], 'logit')[0].message).toContain(
      'method: firth reports the penalised model',
    );
  });
});
