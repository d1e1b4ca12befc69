/**
 * Inline values on the command line: `run` writes prose.md (the notebook with each `{{ … }}`
 * in its prose replaced by the value the run produced, so a reviewer reads the numbers of
 * this run in the author's sentences) and `check` fails on a reference that does not resolve.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  fillProse,
  filledNotebookText,
  readInlineTable,
  type ProseFill,
} from '../notebook/inline-fill.ts';
import type { NotebookRun } from './run-notebook.ts';

type Print = (line: string) => void;

/** Every inline value of the notebook's prose, read from the run's tables. */
export function proseFills(run: NotebookRun): Promise<ProseFill[]> {
  const { runner } = run;
  return runner.queue.run(() =>
    fillProse(runner.notebook.blocks, runner.cells, (table) =>
      readInlineTable(runner.engine, table),
    ),
  );
}

/** `file:line: error: …` for a reference without a value. */
export function proseProblem(file: string, fill: ProseFill): string {
  const message = fill.fill.state === 'value' ? '' : fill.fill.message;
  return `${file}:${fill.fileLine}: error: inline value ${fill.ref.source}: ${message}`;
}

/**
 * Writes `<out>/prose.md` when the prose has inline values (a notebook without any would get
 * a copy of itself) and prints each one that has no value. True when every one has a value.
 */
export async function writeProse(run: NotebookRun, out: string, print: Print): Promise<boolean> {
  const fills = await proseFills(run);
  if (fills.length === 0) return true;
  const text = await readFile(run.file, 'utf8');
  const path = join(out, 'prose.md');
  await writeFile(path, filledNotebookText(text, run.runner.notebook.blocks, fills));
  const failed = fills.filter((f) => f.fill.state !== 'value');
  for (const fill of failed) print(proseProblem(run.file, fill));
  print(`wrote ${path} (${fills.length} inline values)`);
  return failed.length === 0;
}
