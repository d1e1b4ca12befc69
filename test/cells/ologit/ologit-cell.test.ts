/**
 * The ologit cell in a notebook: its keys are checked at their lines, it makes its tables in
 * order, its run errors name what to fix, and "Pin results" picks a prediction row by level
 * and category. The numbers themselves are checked against R in test/stats/ologit.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/Engine.ts';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { tablesToPin } from '../../../src/cells/registry.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { parseNotebook } from '../../../src/notebook/parse.ts';
import { Runner } from '../../../src/notebook/Runner.ts';

const CSV = resolve(import.meta.dirname, '../../fixtures/stats/ologit.csv');
const fence = (header: string, ...body: string[]) =>
  ['```' + header, ...body, '```', ''].join('\n');

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await loadFile(engine, {
    table: 'd',
    fileName: 'ologit.csv',
    source: { kind: 'path', path: CSV },
  });
});
afterAll(async () => engine.close());

async function run(text: string) {
  const parsed = parseNotebook(text);
  expect(parsed.errors).toEqual([]);
  const runner = new Runner(engine, {
    resolveDataset: async () => undefined,
    datasetLocation: 'nowhere',
  });
  runner.setNotebook(parsed);
  await runner.run();
  const cell = (label: string) => [...runner.cells.values()].find((c) => c.label === label)!;
  return { results: await runner.results('ologit.md'), cell, parsed };
}

describe('ologit cell keys', () => {
  it('refuses an unknown key at its line, listing the keys it takes', () => {
    const { errors } = parseNotebook(
      fence('ologit m', 'from: d', 'formula: sev ~ x1', 'robust: true'),
    );
    expect(errors).toMatchObject([
      {
        line: 4,
        message:
          'Unknown key "robust" in ologit cell (allowed: from, formula, level, levels, predict, weights)',
      },
    ]);
  });

  it('wants at least two levels', () => {
    const { errors } = parseNotebook(
      fence('ologit m', 'from: d', 'formula: sev ~ x1', 'levels: [a]'),
    );
    expect(errors[0].message).toBe(
      'levels must list at least two categories, lowest first in ologit cell',
    );
  });
});

describe('ologit cell runs', () => {
  it('makes its tables in order: coefficients, fit, predictions, missing counts', async () => {
    const text = fence(
      'ologit ord',
      'from: d',
      'formula: opinion ~ x1 + flag',
      'levels: [disagree, neutral, agree]',
      'predict: flag',
    );
    const { results, cell, parsed } = await run(text);
    expect(cell('ord').outputs.map((o) => o.table)).toEqual([
      'ord',
      'ord_fit',
      'ord_predicted',
      'ord_missing',
    ]);
    expect((results.ord as Row[]).map((r) => `${String(r.term)} ${String(r.type)}`)).toEqual([
      'x1 coefficient',
      'flagTRUE coefficient',
      'disagree|neutral cutpoint',
      'neutral|agree cutpoint',
    ]);
    // Six rows: two levels of flag times three categories, in the levels' order.
    expect(
      (results.ord_predicted as Row[]).map((r) => `${String(r.flag)} ${String(r.category)}`),
    ).toEqual([
      'false disagree',
      'false neutral',
      'false agree',
      'true disagree',
      'true neutral',
      'true agree',
    ]);
    expect(cell('ord').warnings).toEqual([
      '8 rows with a missing value in a model column were left out',
    ]);
    const ologit = parsed.notebook.blocks.find((b) => b.kind === 'ologit');
    const pins = ologit?.kind === 'ologit' ? tablesToPin(ologit) : [];
    expect(pins.map((p) => [p.table, p.keys])).toEqual([
      ['ord', ['term']],
      ['ord_fit', []],
      ['ord_predicted', ['flag', 'category']],
    ]);
  });

  it('says which levels are not values of the outcome', async () => {
    const text = fence(
      'ologit ord',
      'from: d',
      'formula: opinion ~ x1',
      'levels: [disagree, nuetral, agree]',
    );
    const { cell } = await run(text);
    expect(cell('ord').error?.message).toBe(
      'levels names "nuetral", which is not a value of "opinion" ' +
        '(its values: "agree", "disagree", "neutral")',
    );
  });

  it('says which values the levels leave out', async () => {
    const text = fence(
      'ologit ord',
      'from: d',
      'formula: opinion ~ x1',
      'levels: [disagree, agree]',
    );
    const { cell } = await run(text);
    expect(cell('ord').error?.message).toContain(
      '"opinion" also takes 1 value not in levels: "neutral"',
    );
  });

  it('leaves out a category with no rows in the estimation sample, as clm does', async () => {
    const text = [
      fence('sql gaps', 'SELECT sev, CASE WHEN sev = 10 THEN NULL ELSE x1 END AS x1 FROM d'),
      fence('ologit ord', 'from: gaps', 'formula: sev ~ x1'),
    ].join('\n');
    const { results, cell } = await run(text);
    expect((results.ord as Row[]).map((r) => r.term)).toEqual(['x1', '0|2', '2|3', '3|4']);
    expect(cell('ord').warnings).toContain(
      'outcome category 10 had no rows in the estimation sample and was left out (clm drops it too)',
    );
  });
});
