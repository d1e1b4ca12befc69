import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { cellFiles } from '../cells/registry.ts';
import type { CellState } from '../notebook/state.ts';
import { cellsOf } from '../notebook/parse.ts';
import { cellKey } from '../notebook/graph.ts';
import {
  defaultOutDir,
  runNotebookFile,
  type NotebookRun,
  type RunOptions,
} from './run-notebook.ts';
import { writeProse } from './prose.ts';
import { renderChartSvg } from '../charts/svg-node.ts';

export type Print = (line: string) => void;

/**
 * `statecraft run`: results.json, one SVG per chart, and prose.md when the prose has inline
 * values. Returns the exit status.
 */
export async function runCommand(
  file: string,
  dataDirs: string[],
  outDir: string | undefined,
  print: Print,
  options: RunOptions = {},
): Promise<number> {
  const run = await runNotebookFile(file, dataDirs, options);
  try {
    const status = reportProblems(run, dataDirs, print);
    if (status === 2) return 2;
    const out = outDir ?? defaultOutDir(file);
    await mkdir(out, { recursive: true });
    for (const cell of cellsOf(run.runner.notebook)) {
      const state = run.runner.cells.get(cellKey(cell))!;
      printCell(state, print);
      if (state.chart) {
        // Drawn in svg-dom.ts's small document: a few milliseconds, no jsdom (issue 20).
        const svg = renderChartSvg(state.chart.spec, state.chart.rows);
        await writeFile(join(out, `${state.label}.svg`), svg);
      }
      // What a kind writes beside the results (a regression table's .tex and .md).
      if (state.status === 'ok') {
        for (const { file, text } of cellFiles(cell, state.outputs)) {
          await writeFile(join(out, file), text);
        }
      }
    }
    const results = await run.runner.results(file);
    await writeFile(join(out, 'results.json'), JSON.stringify(results, null, 2) + '\n');
    print(`wrote ${join(out, 'results.json')}`);
    const proseResolved = await writeProse(run, out, print);
    return run.runner.succeeded && proseResolved ? 0 : 1;
  } finally {
    await run.close();
  }
}

/** Prints notebook-level errors and dataset problems; 2 for a missing dataset, 1 for others. */
export function reportProblems(run: NotebookRun, dataDirs: string[], print: Print): number {
  for (const error of run.runner.errors)
    print(`${run.file}:${error.line ?? 1}: error: ${error.message}`);
  for (const { ref, message } of run.refused) print(`${run.file}:${ref.line}: error: ${message}`);
  if (run.refused.length > 0) return 2;
  if (run.missing.length > 0) {
    for (const d of run.missing) {
      print(
        `${run.file}:${d.line}: error: dataset file "${d.file}" not found; searched ${dataDirs.map((x) => resolve(x)).join(', ')}`,
      );
    }
    return 2;
  }
  for (const d of run.runner.datasets.values()) {
    for (const w of d.warnings) print(`dataset ${d.name}: warning: ${w}`);
    if (d.error) print(`${run.file}:${d.error.line}: error: ${d.error.message}`);
    else print(`dataset ${d.name}  ${d.file}  ${d.rows ?? '?'} rows  ${Math.round(d.ms ?? 0)} ms`);
  }
  return run.runner.errors.length > 0 ? 1 : 0;
}

export function printCell(state: CellState, print: Print): void {
  const name = state.label;
  if (state.status === 'ok') {
    const rows = state.rows === undefined ? '' : `${state.rows} rows`;
    print(
      `${name.padEnd(24)} ${state.kind.padEnd(8)} ${rows.padStart(12)} ${Math.round(state.ms ?? 0)
        .toString()
        .padStart(6)} ms`,
    );
    for (const w of state.warnings) print(`  warning: ${w}`);
  } else if (state.blockedBy) {
    print(
      `${name.padEnd(24)} ${state.kind.padEnd(8)} not run: depends on ${state.blockedBy}, which failed`,
    );
  } else {
    print(
      `${name.padEnd(24)} ${state.kind.padEnd(8)} FAILED at line ${state.error?.line ?? state.line}: ${state.error?.message ?? state.status}`,
    );
  }
}

/** Notebook files named by a path: the file itself, or every .md file in a folder. */
export async function notebookFiles(target: string): Promise<string[]> {
  if (!statSync(target).isDirectory()) return [target];
  return (await readdir(target))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => join(target, f));
}
