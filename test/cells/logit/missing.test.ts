/**
 * Issue 17: a generated file with missing values in every model column (missing-spread.R,
 * written by R's write.csv) run as notebook cells. Each statistics cell's `<name>_missing` in
 * results.json holds R's colSums(is.na(...)) for its columns, in model order, and the rows
 * na.omit drops; the logit's `_fit` says n and n_dropped.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/Engine.ts';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { parseNotebook } from '../../../src/notebook/parse.ts';
import { Runner } from '../../../src/notebook/Runner.ts';
import { readJson } from '../../stats/helpers.ts';

interface Counts {
  missing: { column: string; missing: number }[];
}
const reference = readJson<{
  rows: number;
  logit: Counts & { formula: string; n: number };
  rate: Counts;
  crosstab: Counts;
}>('missing-spread.json');

const NOTEBOOK = [
  '```logit model',
  'from: spread',
  `formula: ${reference.logit.formula}`,
  '```',
  '',
  '```rate rates',
  'from: spread',
  'outcome: y',
  'by: region',
  '```',
  '',
  '```crosstab table',
  'from: spread',
  'rows: region',
  'cols: flag',
  '```',
  '',
].join('\n');

let engine: NativeEngine;
let results: Record<string, unknown>;
let runner: Runner;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadFile(engine, {
    table: 'spread',
    fileName: 'missing-spread.csv',
    source: {
      kind: 'path',
      path: resolve(import.meta.dirname, '../../fixtures/stats/missing-spread.csv'),
    },
  });
  const parsed = parseNotebook(NOTEBOOK);
  expect(parsed.errors).toEqual([]);
  runner = new Runner(engine, {
    resolveDataset: async () => undefined,
    datasetLocation: 'nowhere',
  });
  runner.setNotebook(parsed);
  await runner.run();
  results = await runner.results('missing.md');
});
afterAll(() => engine.close());

describe('the statistics cells on a file with missing values in several model columns', () => {
  it('write <name>_missing with R’s counts for the logit, the rate and the crosstab', () => {
    expect(results.model_missing).toEqual(reference.logit.missing);
    expect(results.rates_missing).toEqual(reference.rate.missing);
    expect(results.table_missing).toEqual(reference.crosstab.missing);
  });

  it('give the logit R’s n and the rows na.omit drops as n_dropped', () => {
    const [fit] = results.model_fit as Row[];
    expect(fit.n).toBe(reference.logit.n);
    expect(fit.n_dropped).toBe(reference.rows - reference.logit.n);
  });

  it('list the _missing tables among the cells’ outputs, after the tables they had', () => {
    const outputs = (label: string) =>
      [...runner.cells.values()].find((c) => c.label === label)?.outputs.map((o) => o.table);
    expect(outputs('model')).toEqual(['model', 'model_fit', 'model_missing']);
    expect(outputs('rates')).toEqual(['rates', 'rates_missing']);
    expect(outputs('table')).toEqual(['table', 'table_test', 'table_missing']);
  });
});
