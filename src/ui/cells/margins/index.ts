/** The margins cell on the page and in the report: the effects table, then the curve. */
import { layoutHtml, note } from '../../report-tables.ts';
import { STARS_NOTE } from '../../stat-tables.ts';
import type { CellOfKind, UiCellKind } from '../types.ts';
import { CURVE_NOTE, curveTable, effectsTable } from './layout.ts';
import MarginsCellView from './MarginsCellView.svelte';

export const marginsUi: UiCellKind<CellOfKind<'margins'>> = {
  View: MarginsCellView,
  form: [{ key: 'model', label: 'Model cell', kind: 'text' }],
  report(cell, _state, output) {
    const effects = output('');
    if (!effects) return '';
    const curve = output('_curve');
    const curveLayout = curve && curveTable(curve, cell.spec.level);
    return (
      layoutHtml(effectsTable(effects, cell.spec.model, cell.spec.level)) +
      note(STARS_NOTE) +
      (curveLayout ? layoutHtml(curveLayout) + note(CURVE_NOTE) : '')
    );
  },
  showsOwnTable: true,
};
