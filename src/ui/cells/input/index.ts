/**
 * The input cell: a control on the page (and on every slide whose result depends on it), its
 * value in the report.
 */
import type { CellOfKind, UiCellKind } from '../types.ts';
import InputCellView from './InputCellView.svelte';
import { inputHtml } from './report.ts';

export const inputUi: UiCellKind<CellOfKind<'input'>> = {
  View: InputCellView,
  report: (cell, state) =>
    state.input && cell.name ? inputHtml(cell.name, state.input.spec, state.input.value) : '',
  hidesCode: true,
};
