/**
 * Snapshots of the runner's cell states for the components. The runner updates its state
 * objects in place; the UI needs a new object exactly when a cell changed, so components of
 * unchanged cells (their charts, their editors) are left alone.
 */
import { capResult } from '../panels/result-pages.ts';
import type { CellState } from '../notebook/state.ts';

/**
 * The runner replaces a state's fields and never mutates inside them, so comparing fields one
 * level deep finds every change. Returns `previous` itself when nothing changed.
 *
 * Previews reach the components capped (capResult): a cell whose result holds a 100-million-
 * character text would otherwise take the tab down when the table draws it.
 */
export function snapshotCells(
  previous: ReadonlyMap<string, CellState>,
  current: ReadonlyMap<string, CellState>,
): ReadonlyMap<string, CellState> {
  let changed = previous.size !== current.size;
  const next = new Map<string, CellState>();
  for (const [key, state] of current) {
    const before = previous.get(key);
    const view = cellView(state);
    if (before && sameFields(before, view)) {
      next.set(key, before);
    } else {
      next.set(key, view);
      changed = true;
    }
  }
  return changed ? next : previous;
}

/** A copy of the runner's state for the components, its previews capped (capResult). */
export function cellView(state: CellState): CellState {
  return { ...state, outputs: cappedOutputs(state.outputs) };
}

type Outputs = CellState['outputs'];

/** The same capped copy for the same outputs, so an unchanged cell compares equal. */
const capped = new WeakMap<Outputs, Outputs>();

function cappedOutputs(outputs: Outputs): Outputs {
  let view = capped.get(outputs);
  if (!view) {
    view = outputs.map((o) => {
      const result = capResult(o.result);
      return result === o.result ? o : { ...o, result };
    });
    if (view.every((o, i) => o === outputs[i])) view = outputs;
    capped.set(outputs, view);
  }
  return view;
}

function sameFields(a: CellState, b: CellState): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CellState>;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Files a notebook names that the user did not supply (case-insensitive, like the session). */
export function missingFiles(named: readonly string[], given: Iterable<string>): string[] {
  const have = new Set([...given].map((n) => n.toLowerCase()));
  return named.filter((n) => !have.has(n.toLowerCase()));
}

/** The snapshot before anything ran. */
export const NO_CELLS: ReadonlyMap<string, CellState> = new Map();
