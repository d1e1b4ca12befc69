/**
 * What the page knows about a cell kind (docs/architecture.md, "Adding a cell kind"): the
 * component that shows its output, its form, and its part of the HTML report. Each kind's
 * folder beside this file exports one `UiCellKind`, listed in registry.ts.
 */
import type { Component } from 'svelte';
import type { Row } from '../../engine/Engine.ts';
import type { QueryResult } from '../../engine/Engine.ts';
import type { ChartSpec } from '../../charts/spec.ts';
import type { Cell } from '../../cells/registry.ts';
import type { CellState } from '../../notebook/state.ts';
import type { CellActions } from '../cell-actions.ts';

/** A parsed cell of kind `K`. */
export type CellOfKind<K extends Cell['kind']> = Extract<Cell, { kind: K }>;

export interface CellViewProps<C extends Cell = Cell> {
  cell: C;
  /** The cell's state after a run without error. */
  cellState: CellState;
  /** The preview of the output table `<name><suffix>`, if the cell made it. */
  output: (suffix: string) => QueryResult | undefined;
  actions: CellActions;
}

/** `pair` is two columns [low, high]; `columns` one or more columns. */
export type FieldKind = 'table' | 'column' | 'columns' | 'pair' | 'text' | 'choice';

/** The keys of a logit formula's two sides, edited as fields of their own. */
export const OUTCOME_KEY = 'formula.outcome';
export const PREDICTORS_KEY = 'formula.predictors';

export interface FieldDef {
  /** The YAML key, or OUTCOME_KEY / PREDICTORS_KEY for the parts of a formula. */
  key: string;
  label: string;
  kind: FieldKind;
  /** The choices of a `choice` field. */
  options?: readonly string[];
  /** A `choice` among the formula's predictors (they change as the form is edited). */
  choosesPredictor?: boolean;
}

export interface ReportRenderers {
  /** Markdown to sanitized HTML (markdown.ts). */
  markdown(text: string): string;
  /** A chart as an inline <svg> element's HTML: inlineSvg of charts/svg-string.ts's file. */
  chartSvg(spec: ChartSpec, rows: readonly Row[]): string;
  /** Variable labels of a table's columns, for headers; none when absent. */
  columnLabels?(table: string, columns: readonly string[]): Record<string, string>;
}

/** What the report shows of one cell that ran: its output as HTML (see report-tables.ts). */
export type ReportPart<C extends Cell> = (
  cell: C,
  state: CellState,
  output: (suffix: string) => QueryResult | undefined,
  render: ReportRenderers,
) => string;

export interface UiCellKind<C extends Cell> {
  /** Shows the output of a cell that ran without error. */
  View: Component<CellViewProps<C>>;
  /** The form that edits the cell's YAML body with dropdowns; none means YAML only. */
  form?: readonly FieldDef[];
  report: ReportPart<C>;
  /** The code stays out of the report and the slides: an input shows its value instead. */
  hidesCode?: boolean;
  /** The header leaves out the row count (a chart's rows are its data, not a result). */
  hidesRowCount?: boolean;
  /** The view already shows the output table, so it is not folded in again below. */
  showsOwnTable?: boolean;
}
