/** The models cell on the page and in the report: a regression table with its exports. */
import { tableOfOutputs } from '../../../cells/models/index.ts';
import { regressionWordHtml } from '../../../cells/models/text-exports.ts';
import type { CellOfKind, UiCellKind } from '../types.ts';
import ModelsCellView from './ModelsCellView.svelte';

export const modelsUi: UiCellKind<CellOfKind<'models'>> = {
  View: ModelsCellView,
  // The report is a file with its own styles: the table with the rules inline, as pasted into Word.
  report(cell, _state, output) {
    const table = tableOfOutputs(cell.spec, output);
    return table ? `<div class="scroll">${regressionWordHtml(table)}</div>` : '';
  },
  showsOwnTable: true,
};
