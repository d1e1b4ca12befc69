/** The crosstab cell on the page and in the report: counts with row shares, then the tests. */
import { layoutHtml, note } from '../../report-tables.ts';
import { STARS_NOTE } from '../../stat-tables.ts';
import { describeMissing } from '../../../stats/missing.ts';
import type { CellOfKind, UiCellKind } from '../types.ts';
import CrosstabCellView from './CrosstabCellView.svelte';
import { crosstabTable, crosstabTestTable } from './layout.ts';

export const crosstabUi: UiCellKind<CellOfKind<'crosstab'>> = {
  View: CrosstabCellView,
  form: [
    { key: 'from', label: 'Table', kind: 'table' },
    { key: 'rows', label: 'Rows', kind: 'column' },
    { key: 'cols', label: 'Columns', kind: 'column' },
  ],
  report(cell, _state, output, render) {
    const counts = output('');
    if (!counts) return '';
    const { from, rows, cols } = cell.spec;
    const labels = render.columnLabels?.(from, [rows, cols]);
    const tests = crosstabTestTable(output('_test'));
    const leftOut = describeMissing(output('_missing')?.rows ?? []);
    return (
      layoutHtml(crosstabTable(counts, rows, cols, labels)) +
      (leftOut ? note(leftOut) : '') +
      (tests ? layoutHtml(tests) + note(STARS_NOTE) : '')
    );
  },
};
