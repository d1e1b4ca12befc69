/**
 * The margins cell in a notebook (native DuckDB, the Runner): it finds the model cell it names,
 * fits it again with the model's own options (a clustered logit, an ordered logit) and gives
 * R's numbers (margins.R, margins-ologit.R) in its tables; what it refuses, it names.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/engine/Engine.ts';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import { parseNotebook } from '../../../src/notebook/parse.ts';
import { Runner } from '../../../src/notebook/Runner.ts';
import { expectRelative, readJson } from '../../stats/helpers.ts';

type Numbers = Record<string, number | string>;
interface Case {
  effects: Numbers[];
  curve?: Numbers[];
}
const BINOMIAL = readJson<Record<string, Case>>('margins.json');
const ORDERED = readJson<Record<string, Case>>('margins-ologit.json');
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/stats');
const fence = (header: string, ...body: string[]) =>
  ['```' + header, ...body, '```', ''].join('\n');

const NOTEBOOK = [
  fence('logit clustered', 'from: d', 'formula: y ~ x + z + b + f + yr', 'cluster: g'),
  fence(
    'margins effects',
    'model: clustered',
    'variables: [x, b, f]',
    'at: {yr: [1960, 1970, 1980, 1990, 2000, 2010]}',
  ),
  fence('ologit ranked', 'from: o', 'formula: rank ~ x + z + b + f'),
  fence('margins ranked_effects', 'model: ranked', 'variables: [x, b, f]', 'at: {z: [-1, 0, 1]}'),
  fence('rate shares', 'from: d', 'outcome: y', 'by: b'),
  fence('margins on_rate', 'model: shares'),
  fence('sql q', 'SELECT 1 AS one'),
  fence('margins on_sql', 'model: q'),
  fence('margins on_nothing', 'model: m9'),
  fence('margins unknown_variable', 'model: ranked', 'variables: [yr]'),
  fence('margins wrong_at', 'model: clustered', 'at: {x: [low, high]}'),
].join('\n');

let engine: NativeEngine;
let runner: Runner;
let results: Record<string, unknown>;

beforeAll(async () => {
  engine = await NativeEngine.create();
  for (const [table, file] of [
    ['d', 'margins.csv'],
    ['o', 'margins-ologit.csv'],
  ]) {
    await loadFile(engine, {
      table,
      fileName: file,
      source: { kind: 'path', path: `${FIXTURES}/${file}` },
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
  results = await runner.results('margins.md');
}, 60_000);
afterAll(() => engine.close());

function errorOf(label: string): string | undefined {
  return [...runner.cells.values()].find((c) => c.label === label)?.error?.message;
}

function compare(rows: Row[], expected: Numbers[], keys: string[], label: string): void {
  expect(rows).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    for (const key of keys)
      expectRelative(rows[i]![key], Number(e[key]), 1e-6, `${label} ${i} ${key}`);
  });
}

const VALUES = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high'];

describe('the margins cell in a notebook', () => {
  it('uses the logit’s clustered covariance (cluster: alone), as sandwich::vcovCL', () => {
    const rows = results.effects as Row[];
    const reference = BINOMIAL.main_cluster!;
    expect(rows.map((r) => [r.term, r.contrast])).toEqual(
      reference.effects.map((e) => [e.term, e.contrast]),
    );
    compare(rows, reference.effects, VALUES, 'clustered');
    const curve = results.effects_curve as Row[];
    expect(curve.map((r) => r.yr)).toEqual(reference.curve!.map((c) => c.value));
    compare(curve, reference.curve!, ['predicted', 'std_error', 'lower', 'upper'], 'curve');
  });

  it('gives an ordered logit’s effects per category, and its curve per category', () => {
    const rows = results.ranked_effects as Row[];
    const reference = ORDERED.main!;
    expect(rows.map((r) => [r.term, r.category, r.contrast])).toEqual(
      reference.effects.map((e) => [e.term, e.category, e.contrast]),
    );
    compare(rows, reference.effects, VALUES, 'ordered');
    const curve = results.ranked_effects_curve as Row[];
    expect(curve.map((r) => [r.z, r.category])).toEqual(
      reference.curve!.map((c) => [c.value, c.category]),
    );
    compare(curve, reference.curve!, ['predicted', 'std_error', 'lower', 'upper'], 'curve');
  });

  it('refuses what it cannot do, saying what would work', () => {
    expect(errorOf('on_rate')).toBe(
      'margins: "shares" is a rate cell; margins works on logit, probit and ologit cells',
    );
    expect(errorOf('on_sql')).toBe(
      'margins: "q" is a sql cell; margins works on logit, probit and ologit cells',
    );
    expect(errorOf('on_nothing')).toBe(
      'margins: "m9" names no cell in this notebook; give the name of a logit, probit or ologit cell',
    );
    expect(errorOf('unknown_variable')).toBe(
      'margins: "yr" is not a predictor of ranked (its predictors: "x", "z", "b", "f")',
    );
    expect(errorOf('wrong_at')).toBe('at: "x" is numeric; give numbers (got "low")');
  });
});
