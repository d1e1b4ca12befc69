/** The sql cell: its result table, paged and sortable, on the page; its first rows in the report. */
import { REPORT_ROWS, resultTableHtml } from '../../report-tables.ts';
import type { CellOfKind, UiCellKind } from '../types.ts';
import SqlCellView from './SqlCellView.svelte';

export const sqlUi: UiCellKind<CellOfKind<'sql'>> = {
  View: SqlCellView,
  report(_cell, state, _output, render) {
    const out = state.outputs[0];
    if (!out) return '';
    const labels = render.columnLabels?.(
      out.table,
      out.result.columns.map((c) => c.name),
    );
    return resultTableHtml(out.table, out.result, out.rowCount, REPORT_ROWS, labels);
  },
  showsOwnTable: true,
};
