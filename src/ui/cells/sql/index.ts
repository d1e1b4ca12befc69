/**
 * The sql cell: its result table, paged and sortable, on the page. In the report a query's rows
 * are working material, not findings (the first cell of a notebook is often `SELECT *`), so the
 * report names the table, its size and its columns, and shows its first rows only when the
 * cell asks with `show: [rows]` (docs/notebook-format.md, "Hiding parts of a cell").
 */
import type { OutputPreview } from '../../../cells/types.ts';
import { formatCount } from '../../format.ts';
import { code, escapeHtml as e, REPORT_ROWS, resultTableHtml } from '../../report-tables.ts';
import type { CellOfKind, UiCellKind } from '../types.ts';
import SqlCellView from './SqlCellView.svelte';

/** Columns named in the report's one line about a table whose rows it leaves out. */
const COLUMNS_NAMED = 12;

export const sqlUi: UiCellKind<CellOfKind<'sql'>> = {
  View: SqlCellView,
  report(cell, state, _output, render) {
    const out = state.outputs[0];
    if (!out) return '';
    if (!cell.show?.includes('rows')) return summaryHtml(out);
    const labels = render.columnLabels?.(
      out.table,
      out.result.columns.map((c) => c.name),
    );
    return resultTableHtml(out.table, out.result, out.rowCount, REPORT_ROWS, labels);
  },
  showsOwnTable: true,
};

/** "Table us_episodes: 637 rows, 11 columns: episode_id, start_year, …". */
function summaryHtml(out: OutputPreview): string {
  const names = out.result.columns.map((c) => c.name);
  const listed = names.slice(0, COLUMNS_NAMED).map(code).join(', ');
  const more = names.length > COLUMNS_NAMED ? ', …' : '';
  const rows = `${formatCount(out.rowCount)} ${out.rowCount === 1 ? 'row' : 'rows'}`;
  const columns = `${names.length} ${names.length === 1 ? 'column' : 'columns'}`;
  return (
    `<p class="table-summary" data-row-count="${out.rowCount}">Table ${code(out.table)}: ` +
    `${e(rows)}, ${e(columns)}: ${listed}${more}.</p>`
  );
}
