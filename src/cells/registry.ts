/**
 * The one list of cell kinds. Adding a kind is a folder beside this file and one line in
 * CELL_KINDS (docs/architecture.md, "Adding a cell kind"); the parser, the dependency graph,
 * the runner and "Add cell" find it here, and the `Cell` type follows from the list.
 */
import { chartCell } from './chart/index.ts';
import { crosstabCell } from './crosstab/index.ts';
import { expectCell } from './expect/index.ts';
import { inputCell } from './input/index.ts';
import { logitCell } from './logit/index.ts';
import { probitCell } from './probit/index.ts';
import { ologitCell } from './ologit/index.ts';
import { marginsCell } from './margins/index.ts';
import { modelsCell } from './models/index.ts';
import { rateCell } from './rate/index.ts';
import { sqlCell } from './sql/index.ts';
import { ownTables } from './tables.ts';
import type {
  CellContext,
  CellKindDef,
  CellOf,
  CellOutcome,
  OutputFile,
  OutputPreview,
  TablePin,
} from './types.ts';

/** In the order "Add cell" offers them. */
export const CELL_KINDS = [
  sqlCell,
  rateCell,
  crosstabCell,
  logitCell,
  probitCell,
  ologitCell,
  modelsCell,
  marginsCell,
  chartCell,
  inputCell,
  expectCell,
] as const;

type AnyKind = (typeof CELL_KINDS)[number];
export type CellKind = AnyKind['kind'];

/** A parsed cell of any kind: one member per entry of CELL_KINDS, told apart by `kind`. */
export type Cell = AnyKind extends infer D
  ? D extends CellKindDef<infer K, infer S>
    ? CellOf<K, S>
    : never
  : never;

export const CELL_KIND_NAMES: readonly CellKind[] = CELL_KINDS.map((k) => k.kind);

/**
 * A kind as the runtime calls it, with any cell. The registry is what pairs a cell with its
 * own kind (by `kind`), which the type system cannot follow through a lookup.
 */
export type KindOfAnyCell = Omit<
  CellKindDef<CellKind, unknown>,
  'outputTables' | 'tablesRead' | 'parametersUsed' | 'pins' | 'run' | 'files'
> & {
  outputTables(name: string, cell: Cell): string[];
  pins?(name: string, cell: Cell): TablePin[];
  tablesRead(cell: Cell): string[];
  parametersUsed?(cell: Cell): string[];
  run(cell: Cell, ctx: CellContext): Promise<CellOutcome>;
  files?(name: string, cell: Cell, outputs: readonly OutputPreview[]): OutputFile[];
};

const BY_NAME = new Map<string, KindOfAnyCell>(
  CELL_KINDS.map((k) => [k.kind, k as unknown as KindOfAnyCell]),
);

export function isCellKind(word: string): word is CellKind {
  return BY_NAME.has(word);
}

export function kindOf(kind: CellKind): KindOfAnyCell {
  return BY_NAME.get(kind)!;
}

export function runCell(cell: Cell, ctx: CellContext): Promise<CellOutcome> {
  return kindOf(cell.kind).run(cell, ctx);
}

/** Tables a cell creates in DuckDB. */
export function outputTables(cell: Cell): string[] {
  return ownTables(cell, kindOf(cell.kind).outputTables);
}

/** Table names a cell reads (lower-cased), as written. */
export function tablesRead(cell: Cell): string[] {
  return kindOf(cell.kind).tablesRead(cell);
}

/** Input cells whose `$name` a cell uses. */
export function parametersUsed(cell: Cell): string[] {
  return kindOf(cell.kind).parametersUsed?.(cell) ?? [];
}

/** The tables "Pin results" writes for a cell: its kind says which (sql, chart … pin none). */
export function tablesToPin(cell: Cell): TablePin[] {
  const kind = kindOf(cell.kind);
  return kind.pins && cell.name && !cell.duplicate ? kind.pins(cell.name, cell) : [];
}

/** Files the command line writes beside results.json for a cell that ran (its kind says which). */
export function cellFiles(cell: Cell, outputs: readonly OutputPreview[]): OutputFile[] {
  const kind = kindOf(cell.kind);
  return kind.files && cell.name && !cell.duplicate ? kind.files(cell.name, cell, outputs) : [];
}
