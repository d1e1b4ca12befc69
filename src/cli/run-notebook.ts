/**
 * Runs one notebook file with native DuckDB: the shared path behind `run` and `check`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { NativeEngine } from '../engine/NativeEngine.ts';
import { parseNotebook } from '../notebook/parse.ts';
import { Runner } from '../notebook/Runner.ts';
import type { DatasetRef } from '../notebook/types.ts';

export interface NotebookRun {
  file: string;
  runner: Runner;
  /** Datasets whose file is in none of the data folders. */
  missing: DatasetRef[];
  close(): Promise<void>;
}

export interface RunOptions {
  /** Longest one cell may run, in milliseconds; 0 for no limit; unset for the default. */
  timeLimitMs?: number;
}

export function findDataset(file: string, dataDirs: string[]): string | undefined {
  return dataDirs.map((dir) => resolve(dir, file)).find((path) => existsSync(path));
}

export async function runNotebookFile(
  file: string,
  dataDirs: string[],
  options: RunOptions = {},
): Promise<NotebookRun> {
  const text = await readFile(file, 'utf8');
  const parsed = parseNotebook(text);
  const engine = await NativeEngine.create();
  const where = dataDirs.map((d) => resolve(d)).join(', ');
  const runner = new Runner(engine, {
    datasetLocation: where,
    timeLimitMs: options.timeLimitMs,
    place: () => ({ surface: 'command line', notebookFile: file }),
    resolveDataset: async (ref) => {
      const path = findDataset(ref.file, dataDirs);
      return path ? { fileName: basename(path), source: { kind: 'path', path } } : undefined;
    },
  });
  runner.setNotebook(parsed);
  const missing = parsed.notebook.datasets.filter((d) => !findDataset(d.file, dataDirs));
  if (missing.length === 0) await runner.run();
  return { file, runner, missing, close: () => engine.close() };
}

export function defaultOutDir(file: string): string {
  return join('out', basename(file).replace(/\.md$/i, ''));
}
