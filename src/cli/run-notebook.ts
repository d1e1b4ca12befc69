/**
 * Runs one notebook file with native DuckDB: the shared path behind `run` and `check`.
 */
import { existsSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { NativeEngine } from '../engine/NativeEngine.ts';
import { parseNotebook } from '../notebook/parse.ts';
import { Runner } from '../notebook/Runner.ts';
import type { DatasetRef } from '../notebook/types.ts';

export interface NotebookRun {
  file: string;
  runner: Runner;
  /** Datasets whose file is in none of the data folders. */
  missing: DatasetRef[];
  /** Datasets whose name leads outside the data folders, with the message saying so. */
  refused: { ref: DatasetRef; message: string }[];
  close(): Promise<void>;
}

export interface RunOptions {
  /** Longest one cell may run, in milliseconds; 0 for no limit; unset for the default. */
  timeLimitMs?: number;
}

/**
 * A dataset file inside one of the data folders, as its real path (symlinks followed), or
 * undefined when no folder has it. A name that leads outside every folder (`/etc/passwd`,
 * `../secret.csv`, a symlink pointing out) is refused with an error naming the path: a
 * notebook reads only the data the reviewer handed it.
 */
export function findDataset(file: string, dataDirs: string[]): string | undefined {
  for (const dir of dataDirs) {
    const path = resolve(dir, file);
    if (!existsSync(path)) continue;
    const real = realpathSync(path);
    const folders = dataDirs.filter(existsSync).map((d) => realpathSync(d));
    if (!folders.some((folder) => real.startsWith(folder + sep))) {
      throw new OutsideDataError(file, real, dataDirs);
    }
    return real;
  }
  return undefined;
}

export class OutsideDataError extends Error {
  constructor(file: string, real: string, dataDirs: string[]) {
    super(
      `dataset file "${file}" resolves to ${real}, outside the data folders (${dataDirs.map((d) => resolve(d)).join(', ')}); a notebook may only read files inside them: copy the file into a data folder and name it relative to that folder`,
    );
    this.name = 'OutsideDataError';
  }
}

export async function runNotebookFile(
  file: string,
  dataDirs: string[],
  options: RunOptions = {},
): Promise<NotebookRun> {
  const text = await readFile(file, 'utf8');
  const parsed = parseNotebook(text);
  const found = new Map<string, string>();
  const missing: DatasetRef[] = [];
  const refused: NotebookRun['refused'] = [];
  for (const ref of parsed.notebook.datasets) {
    try {
      const path = findDataset(ref.file, dataDirs);
      if (path) found.set(ref.file, path);
      else missing.push(ref);
    } catch (error) {
      if (!(error instanceof OutsideDataError)) throw error;
      refused.push({ ref, message: error.message });
    }
  }
  // DuckDB may read these files and nothing else, and the notebook cannot change that.
  const engine = await NativeEngine.create({ readable: [...found.values()] });
  const where = dataDirs.map((d) => resolve(d)).join(', ');
  const runner = new Runner(engine, {
    datasetLocation: where,
    timeLimitMs: options.timeLimitMs,
    place: () => ({ surface: 'command line', notebookFile: file }),
    resolveDataset: async (ref) => {
      const path = found.get(ref.file);
      return path ? { fileName: basename(ref.file), source: { kind: 'path', path } } : undefined;
    },
  });
  runner.setNotebook(parsed);
  if (missing.length === 0 && refused.length === 0) await runner.run();
  return { file, runner, missing, refused, close: () => engine.close() };
}

export function defaultOutDir(file: string): string {
  return join('out', basename(file).replace(/\.md$/i, ''));
}
