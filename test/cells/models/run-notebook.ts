/** Runs notebook text on native DuckDB with models-table.csv (models-table.R) as `d`. */
import { resolve } from 'node:path';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { loadFile } from '../../../src/ingest/index.ts';
import type { CellState } from '../../../src/notebook/state.ts';
import { parseNotebook } from '../../../src/notebook/parse.ts';
import { Runner } from '../../../src/notebook/Runner.ts';

export const MODELS_CSV = resolve(import.meta.dirname, '../../fixtures/stats/models-table.csv');

export interface ModelsRun {
  runner: Runner;
  results: Record<string, unknown>;
  cell(label: string): CellState;
}

/** A fenced cell: ```` ```kind name ```` then its body. */
export const fence = (header: string, ...body: string[]) =>
  ['```' + header, ...body, '```', ''].join('\n');

export const MODEL_CELLS = [
  fence('logit m1', 'from: d', 'formula: y ~ x1'),
  fence('logit m2', 'from: d', 'formula: y ~ x1 + x2 + region'),
  fence('logit m3', 'from: d', 'formula: y ~ x1 + x2 + region + flag'),
];

export async function runModels(text: string): Promise<ModelsRun> {
  const engine = await NativeEngine.create();
  try {
    await loadFile(engine, {
      table: 'd',
      fileName: 'models-table.csv',
      source: { kind: 'path', path: MODELS_CSV },
    });
    const parsed = parseNotebook(text);
    if (parsed.errors.length > 0) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const runner = new Runner(engine, {
      resolveDataset: async () => undefined,
      datasetLocation: 'nowhere',
    });
    runner.setNotebook(parsed);
    await runner.run();
    const results = await runner.results('models.md');
    const cell = (label: string) => {
      const state = [...runner.cells.values()].find((c) => c.label === label);
      if (!state) throw new Error(`no cell ${label}`);
      return state;
    };
    return { runner, results, cell };
  } finally {
    await engine.close();
  }
}
