/**
 * The vocabulary every cell kind speaks (docs/architecture.md, "Adding a cell kind"): the
 * parsed cell a kind receives, what its run is given and what it returns, and the description
 * of a kind that src/cells/registry.ts lists. The notebook runtime above knows kinds only
 * through this.
 */
import type { ChartSpec } from '../charts/spec.ts';
import type { Engine, QueryResult, Row } from '../engine/Engine.ts';
import type { ExpectationResult } from './expect/spec.ts';
import type { InputSpec, InputValue } from './input/spec.ts';
import type { SpecRule } from './spec-keys.ts';
import type { CellTables } from '../shared/table-data.ts';
import type { MarginsSpec } from '../stats/margins/spec.ts';

export interface CellBase {
  /** Position among the notebook's cells (0-based). */
  index: number;
  /** SQL identifier; unique in the notebook. Optional for chart and expect cells. */
  name?: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The raw body as written (SQL text or YAML). */
  source: string;
  /** Set on a cell whose name repeats an earlier one: it is refused and produces nothing. */
  duplicate?: boolean;
  /** Parts the page, report and slides leave out (`hide:`, src/notebook/hide.ts); never what runs. */
  hide?: readonly ('code' | 'output' | 'report' | 'slides')[];
  /** Parts shown that are left out by default: `show: [rows]` puts a sql cell's rows in the report. */
  show?: readonly 'rows'[];
}

/** A parsed cell of kind `K`; a kind whose body is YAML also carries the checked `spec`. */
export type CellOf<K extends string, S> = CellBase & { kind: K } & ([S] extends [undefined]
    ? unknown
    : { spec: S });

export interface CellContext {
  engine: Engine;
  /** Current value of each input cell, by name. */
  inputs: Map<string, InputValue>;
  /** Tables that exist now (lower-cased), for clear "no such table" messages. */
  tableExists: (name: string) => Promise<boolean>;
  /**
   * Another cell of the notebook by name (its kind and checked spec), for a cell that reads a
   * model cell's tables and must know how it was fitted (`models`' likelihood-ratio checks).
   */
  cellSpec: (name: string) =>
    | {
        kind: string;
        spec?: Readonly<Record<string, unknown>>;
        /** Its kind's average marginal effects, when the kind is a model that has them. */
        margins?: MarginsOf;
      }
    | undefined;
}

/** A table a cell created, with its first rows (the full data stays in DuckDB). */
export interface OutputPreview {
  table: string;
  rowCount: number;
  result: QueryResult;
}

/** What running a cell produced; the runner copies it into the cell's state. */
export interface CellOutcome {
  warnings: string[];
  outputs: OutputPreview[];
  /** Row count of the cell's main table (or of a chart's data). */
  rows?: number;
  chart?: { spec: ChartSpec; rows: Row[] };
  input?: { spec: InputSpec; value: InputValue };
  expectations?: ExpectationResult[];
}

/** Everything the runtime knows about one kind of cell; `S` is its spec (undefined for SQL). */
/**
 * One result table that "Pin results" writes into an expect cell: the columns that pick a row
 * (`where:`) and the value columns (all others when absent).
 */
export interface TablePin {
  table: string;
  keys: string[];
  values?: string[];
}

export interface CellKindDef<K extends string, S = undefined> {
  kind: K;
  /** How the body is written: a query, or YAML keys checked against `spec`. */
  body: 'sql' | 'yaml';
  /** The YAML keys the kind accepts and their checks; none when the body is free-form. */
  spec?: SpecRule;
  /** Unnamed cells of this kind are allowed (they make no table). */
  nameOptional?: boolean;
  /** Base of a new cell's name (`rates` → `rates_1`); none when new cells go unnamed. */
  newName?: string;
  /** A cell added below one of this kind reads this cell's table. */
  feedsNewCells?: boolean;
  /** The body of a new cell, reading `table` when there is one. */
  template(table: string | undefined): string;
  /** Tables a cell named `name` creates in DuckDB. */
  outputTables(name: string, cell: CellOf<K, S>): string[];
  /** Table names the cell reads (lower-cased), as written. */
  tablesRead(cell: CellOf<K, S>): string[];
  /** Input cells whose `$name` the cell uses. */
  parametersUsed?(cell: CellOf<K, S>): string[];
  /** The tables "Pin results" writes for a cell named `name`; none when it has nothing to pin. */
  pins?(name: string, cell: CellOf<K, S>): TablePin[];
  run(cell: CellOf<K, S>, ctx: CellContext): Promise<CellOutcome>;
  /**
   * Files the command line writes next to results.json for a cell that ran (a regression
   * table's .tex and .md), made from its outputs.
   */
  files?(name: string, cell: CellOf<K, S>, outputs: readonly OutputPreview[]): OutputFile[];
  /** A model kind's average marginal effects, which a `margins` cell naming one reports. */
  margins?: MarginsOf;
}

/** A model kind's margins: the named model cell's effects as the margins cell asks for them. */
export type MarginsOf = (
  engine: Engine,
  model: { name: string; spec: object },
  spec: MarginsSpec,
) => Promise<CellTables>;

/** A file `statecraft run` writes: its name in the output folder and its text. */
export interface OutputFile {
  file: string;
  text: string;
}
