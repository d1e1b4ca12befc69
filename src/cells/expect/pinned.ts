/**
 * The expect cell that holds a notebook's pinned results ("Pin results", src/notebook/pin.ts),
 * and how newly pinned tables merge into its spec.
 */
import type { Cell } from '../registry.ts';
import type { ExpectSpec, ExpectTable } from './spec.ts';

/** The name of the expect cell that holds the pins; one cell, so re-pinning updates in place. */
export const PIN_CELL = 'pinned_results';

/** Pins are expectations: the pin cell is a cell of this folder's kind, with an ExpectSpec. */
export const PIN_KIND = 'expect';
type ExpectCell = Extract<Cell, { kind: typeof PIN_KIND }>;

/** The notebook's pin cell, if it has one (a refused duplicate is not it). */
export function pinCellOf(cells: readonly Cell[]): ExpectCell | undefined {
  return cells.find(
    (c): c is ExpectCell =>
      c.kind === PIN_KIND && c.name?.toLowerCase() === PIN_CELL && !c.duplicate,
  );
}

/**
 * The pin cell's spec with `pinned` written in: those tables' earlier pins replaced (case
 * aside), every other table's kept, and a table's edited tolerance kept on re-pin.
 */
export function mergePins(
  before: ExpectSpec,
  pinned: Record<string, ExpectTable['rows']>,
  tolerance: number,
): ExpectSpec {
  const spec: ExpectSpec = { ...before };
  for (const [table, rows] of Object.entries(pinned)) {
    const old = Object.keys(spec).find((t) => t.toLowerCase() === table.toLowerCase());
    const kept = old ? spec[old]?.tolerance : undefined;
    if (old) delete spec[old];
    spec[table] = { tolerance: kept ?? tolerance, rows };
  }
  return spec;
}
