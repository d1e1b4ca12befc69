/** The ordered logit on the page and in the report; its form edits the formula's two sides. */
import { OUTCOME_KEY, PREDICTORS_KEY, type CellOfKind, type UiCellKind } from '../types.ts';
import OlogitCellView from './OlogitCellView.svelte';
import { ologitTablesHtml } from './report.ts';

export const ologitUi: UiCellKind<CellOfKind<'ologit'>> = {
  View: OlogitCellView,
  form: [
    { key: 'from', label: 'Table', kind: 'table' },
    { key: OUTCOME_KEY, label: 'Ordered outcome', kind: 'column' },
    { key: PREDICTORS_KEY, label: 'Predictors', kind: 'columns' },
    { key: 'predict', label: 'Predicted categories by', kind: 'choice', choosesPredictor: true },
    { key: 'weights', label: 'Weights', kind: 'column' },
    { key: 'level', label: 'Confidence level', kind: 'text' },
  ],
  report(cell, state, output) {
    const result = output('');
    return result ? ologitTablesHtml(result, output, cell.spec, state.warnings) : '';
  },
};
