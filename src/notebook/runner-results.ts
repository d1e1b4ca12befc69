/** The results.json object a run produces: every named result table in full, plus `_meta`. */
import type { Engine, Row } from '../engine/Engine.ts';
import { tableRows } from '../cells/tables.ts';
import { cellKey, outputTables } from './graph.ts';
import { cellsOf } from './parse.ts';
import type { CellState, DatasetState } from './state.ts';
import type { Notebook } from './types.ts';

export interface ResultsInput {
  engine: Engine;
  notebook: Notebook;
  cells: ReadonlyMap<string, CellState>;
  datasets: ReadonlyMap<string, DatasetState>;
  notebookFile: string;
  engineVersion: string;
}

/** The tables of the cells that ran, in document order, then `_meta`. */
export async function assembleResults(input: ResultsInput): Promise<Record<string, unknown>> {
  const { engine, notebook, cells, datasets } = input;
  const out: Record<string, Row[] | unknown> = {};
  for (const cell of cellsOf(notebook)) {
    if (cells.get(cellKey(cell))?.status !== 'ok') continue;
    for (const table of outputTables(cell)) out[table] = await tableRows(engine, table);
  }
  out._meta = {
    notebook: input.notebookFile,
    title: notebook.title ?? null,
    datasets: notebook.datasets.map((d) => {
      const state = datasets.get(d.name);
      return {
        name: d.name,
        file: d.file,
        sha256: state?.sha256 ?? null,
        rows: state?.rows ?? null,
      };
    }),
    engine_version: input.engineVersion,
  };
  return out;
}
