/** The expect cell: a reproduction receipt on the page and in the report. */
import type { CellOfKind, UiCellKind } from '../types.ts';
import ExpectCellView from './ExpectCellView.svelte';
import { expectationsHtml } from './report.ts';

export const expectUi: UiCellKind<CellOfKind<'expect'>> = {
  View: ExpectCellView,
  report: (_cell, state) => (state.expectations ? expectationsHtml(state.expectations) : ''),
};
