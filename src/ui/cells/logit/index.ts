/** The logit cell on the page and in the report; its form edits the formula's two sides. */
import { OUTCOME_KEY, PREDICTORS_KEY, type CellOfKind, type UiCellKind } from '../types.ts';
import LogitCellView from './LogitCellView.svelte';
import { logitTablesHtml } from './report.ts';

export const logitUi: UiCellKind<CellOfKind<'logit'>> = {
  View: LogitCellView,
  form: [
    { key: 'from', label: 'Table', kind: 'table' },
    { key: OUTCOME_KEY, label: 'Outcome', kind: 'column' },
    { key: PREDICTORS_KEY, label: 'Predictors', kind: 'columns' },
    { key: 'predict', label: 'Predicted rates by', kind: 'choice', choosesPredictor: true },
    { key: 'level', label: 'Confidence level', kind: 'text' },
  ],
  report(cell, state, output) {
    const result = output('');
    if (!result) return '';
    return logitTablesHtml(
      result,
      output('_fit'),
      output('_predicted'),
      cell.spec,
      output('_missing'),
      state.warnings,
    );
  },
};
