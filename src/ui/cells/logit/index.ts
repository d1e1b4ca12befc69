/** The logit cell on the page and in the report; its form edits the formula's two sides. */
import type { CellOfKind, UiCellKind } from '../types.ts';
import { LOGIT_STYLE } from './layout.ts';
import LogitCellView from './LogitCellView.svelte';
import { modelUi } from './model-ui.ts';

export const logitUi: UiCellKind<CellOfKind<'logit'>> = modelUi({
  View: LogitCellView,
  style: LOGIT_STYLE,
  withMethod: true,
});
