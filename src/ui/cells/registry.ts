/**
 * The page's side of each cell kind, keyed by kind: adding a kind is a folder beside this
 * file and one line here (docs/architecture.md, "Adding a cell kind"). The type insists on an
 * entry for every kind src/cells/registry.ts lists.
 */
import type { Cell, CellKind } from '../../cells/registry.ts';
import { chartUi } from './chart/index.ts';
import { crosstabUi } from './crosstab/index.ts';
import { expectUi } from './expect/index.ts';
import { inputUi } from './input/index.ts';
import { logitUi } from './logit/index.ts';
import { probitUi } from './probit/index.ts';
import { ologitUi } from './ologit/index.ts';
import { marginsUi } from './margins/index.ts';
import { modelsUi } from './models/index.ts';
import { rateUi } from './rate/index.ts';
import { sqlUi } from './sql/index.ts';
import type { CellOfKind, UiCellKind } from './types.ts';

const UI_CELL_KINDS: { [K in CellKind]: UiCellKind<CellOfKind<K>> } = {
  sql: sqlUi,
  rate: rateUi,
  crosstab: crosstabUi,
  logit: logitUi,
  probit: probitUi,
  ologit: ologitUi,
  models: modelsUi,
  margins: marginsUi,
  chart: chartUi,
  input: inputUi,
  expect: expectUi,
};

/**
 * The entry for a cell's kind, taking any cell: the table above pairs each kind with its own
 * entry, which the type system cannot follow through a lookup by `cell.kind`.
 */
export function uiKindOf(kind: CellKind): UiCellKind<Cell> {
  return UI_CELL_KINDS[kind] as unknown as UiCellKind<Cell>;
}

/** Whether cells of `kind` can be edited with a form (ui/cell-form.ts builds it). */
export function hasForm(kind: CellKind): boolean {
  return uiKindOf(kind).form !== undefined;
}
