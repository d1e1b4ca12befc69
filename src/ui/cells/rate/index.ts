/** The rate cell on the page and in the report: one table of shares with their intervals. */
import { layoutHtml, note } from '../../report-tables.ts';
import { describeMissing } from '../../../stats/missing.ts';
import type { CellOfKind, UiCellKind } from '../types.ts';
import { rateTable } from './layout.ts';
import RateCellView from './RateCellView.svelte';

export const rateUi: UiCellKind<CellOfKind<'rate'>> = {
  View: RateCellView,
  form: [
    { key: 'from', label: 'Table', kind: 'table' },
    { key: 'outcome', label: 'Outcome (true/false or 0/1)', kind: 'column' },
    { key: 'by', label: 'Group by', kind: 'columns' },
    { key: 'level', label: 'Confidence level', kind: 'text' },
  ],
  report(cell, _state, output, render) {
    const result = output('');
    if (!result) return '';
    const { from, outcome, by = [] } = cell.spec;
    const labels = render.columnLabels?.(from, [outcome, ...by]);
    const leftOut = describeMissing(output('_missing')?.rows ?? []);
    return (
      layoutHtml(rateTable(result, outcome, cell.spec.level, labels)) +
      (leftOut ? note(leftOut) : '')
    );
  },
};
