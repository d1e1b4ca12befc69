/** The probit cell on the page and in the report: the logit's view, form and report part. */
import { modelUi } from '../logit/model-ui.ts';
import type { CellOfKind, UiCellKind } from '../types.ts';
import ProbitCellView from './ProbitCellView.svelte';
import { PROBIT_STYLE } from './style.ts';

export const probitUi: UiCellKind<CellOfKind<'probit'>> = modelUi({
  View: ProbitCellView,
  style: PROBIT_STYLE,
  withMethod: false,
});
