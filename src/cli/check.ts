/**
 * `statecraft check`: re-runs notebooks and prints a reproduction receipt — which datasets
 * (by sha256), which engine, and each expectation with the value actually computed.
 */
import { cellsOf } from '../notebook/parse.ts';
import { cellKey } from '../notebook/graph.ts';
import { notebookFiles, printCell, reportProblems, type Print } from './commands.ts';
import { proseFills, proseProblem } from './prose.ts';
import { runNotebookFile, type RunOptions } from './run-notebook.ts';

export async function checkCommand(
  target: string,
  dataDirs: string[],
  print: Print,
  options: RunOptions = {},
): Promise<number> {
  let worst = 0;
  for (const file of await notebookFiles(target)) {
    const status = await checkOne(file, dataDirs, print, options);
    worst = Math.max(worst, status);
    print('');
  }
  return worst;
}

async function checkOne(
  file: string,
  dataDirs: string[],
  print: Print,
  options: RunOptions,
): Promise<number> {
  print(`Receipt for ${file}`);
  const run = await runNotebookFile(file, dataDirs, options);
  try {
    const status = reportProblems(run, dataDirs, print);
    if (status === 2) return 2;
    let failed = status > 0 || !run.runner.succeeded;
    print(`engine: ${run.runner.engine.name} ${await run.runner.engine.version()}`);
    for (const ref of run.runner.notebook.datasets) {
      const state = run.runner.datasets.get(ref.name);
      const match = !ref.sha256
        ? 'not pinned'
        : ref.sha256 === state?.sha256
          ? 'matches'
          : 'MISMATCH';
      if (match === 'MISMATCH') failed = true;
      print(`dataset ${ref.name}: ${ref.file} sha256 ${state?.sha256 ?? '?'} (${match})`);
    }
    let checked = 0;
    for (const cell of cellsOf(run.runner.notebook)) {
      const state = run.runner.cells.get(cellKey(cell))!;
      if (state.status !== 'ok') printCell(state, print);
      for (const e of state.expectations ?? []) {
        checked++;
        const where = Object.entries(e.where)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(', ');
        const verdict = e.pass ? 'pass' : 'FAIL';
        const detail =
          e.message ??
          `expected ${JSON.stringify(e.expected)} ± ${e.tolerance}, got ${JSON.stringify(e.actual)}`;
        print(`  ${verdict}  ${e.table}[${where}].${e.column}: ${detail}`);
        if (!e.pass) failed = true;
      }
    }
    // Each number the prose states must come out of this run.
    const fills = await proseFills(run);
    for (const fill of fills) {
      if (fill.fill.state === 'value') {
        print(`  value ${fill.ref.source} (line ${fill.fileLine}): ${fill.fill.text}`);
      } else {
        print(`  FAIL  ${proseProblem(run.file, fill)}`);
        failed = true;
      }
    }
    const values = fills.length > 0 ? `, ${fills.length} inline values` : '';
    print(
      failed
        ? `NOT REPRODUCED (${checked} expectations${values})`
        : `REPRODUCED (${checked} expectations${values})`,
    );
    return failed ? 1 : 0;
  } finally {
    await run.close();
  }
}
