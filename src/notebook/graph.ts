/**
 * The dependency graph between cells: which tables each cell produces, which it reads, and
 * an order to run them in. A cell depends on the cells producing the tables it reads and the
 * inputs whose `$name` it uses; document order does not matter.
 */
import { NotebookError } from '../shared/errors.ts';
import { isInputCell } from '../cells/input/index.ts';
import { outputTables, parametersUsed, tablesRead } from '../cells/registry.ts';
import type { Cell } from './types.ts';

// Each kind says what it makes and reads (src/cells); the runner asks the graph.
export { outputTables };

/** Stable key of a cell: its name, or `#<index>` for unnamed chart and expect cells. */
export function cellKey(cell: Cell): string {
  // A refused duplicate gets its own key so the first cell of that name keeps its result.
  return cell.name && !cell.duplicate ? cell.name : `#${cell.index}`;
}

/**
 * What people call each cell, by key: its name, or `<kind>-<n>` for unnamed ones, counting
 * cells of that kind (named ones too) from 1 in document order (the CLI writes an unnamed chart
 * as `chart-<n>.svg`). One pass: a notebook can hold thousands of unnamed cells.
 */
export function cellLabels(cells: readonly Cell[]): Map<string, string> {
  const counts = new Map<Cell['kind'], number>();
  const labels = new Map<string, string>();
  for (const cell of [...cells].sort((a, b) => a.index - b.index)) {
    const n = (counts.get(cell.kind) ?? 0) + 1;
    counts.set(cell.kind, n);
    labels.set(cellKey(cell), cell.name || `${cell.kind}-${n}`);
  }
  return labels;
}

export interface Graph {
  /** Cell keys in an order where every cell follows the cells it depends on. */
  order: string[];
  /** Direct upstream cell keys of each cell. */
  upstream: Map<string, string[]>;
  /** Producing cell key of each table name (lower-cased). */
  producers: Map<string, string>;
  /** Cells caught in a dependency cycle, with the error to show. */
  cycles: Map<string, NotebookError>;
}

export function buildGraph(cells: Cell[]): Graph {
  const producers = new Map<string, string>();
  const inputs = new Map<string, string>();
  for (const cell of cells) {
    for (const table of outputTables(cell)) producers.set(table.toLowerCase(), cellKey(cell));
    if (isInputCell(cell) && cell.name) inputs.set(cell.name, cellKey(cell));
  }
  const upstream = new Map<string, string[]>();
  for (const cell of cells) {
    const key = cellKey(cell);
    const deps = new Set<string>();
    for (const table of tablesRead(cell)) {
      const producer = producers.get(table);
      // A word equal to the cell's own name is an alias or column (`UNPIVOT … INTO NAME x`),
      // not a read: a cell cannot read the table it is creating.
      if (producer !== undefined && producer !== key) deps.add(producer);
    }
    for (const param of parametersUsed(cell)) {
      const input = inputs.get(param);
      if (input !== undefined) deps.add(input);
    }
    upstream.set(key, [...deps]);
  }
  const { order, cyclic } = topologicalOrder(cells.map(cellKey), upstream);
  const cycles = new Map<string, NotebookError>();
  const byKey = new Map(cells.map((c) => [cellKey(c), c]));
  for (const key of cyclic) {
    const cell = byKey.get(key)!;
    const members = cyclic.filter((k) => upstream.get(k)!.some((d) => cyclic.includes(d)));
    cycles.set(
      key,
      new NotebookError(
        `Dependency cycle: ${members.join(' → ')} read each other's tables; break the loop`,
        cell.line,
        cell.name,
      ),
    );
  }
  return { order, upstream, producers, cycles };
}

/** Kahn's algorithm, keeping document order among cells that are ready at the same time. */
function topologicalOrder(keys: string[], upstream: Map<string, string[]>) {
  const remaining = new Map(keys.map((k) => [k, new Set(upstream.get(k) ?? [])]));
  const order: string[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const key of keys) {
      const deps = remaining.get(key);
      if (!deps || [...deps].some((d) => remaining.has(d))) continue;
      order.push(key);
      remaining.delete(key);
      progress = true;
    }
  }
  return { order, cyclic: [...remaining.keys()] };
}
