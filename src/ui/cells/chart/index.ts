/** The chart cell: drawn on the page, inline SVG in the report. */
import type { Row } from '../../../engine/Engine.ts';
import type { ChartSpec } from '../../../charts/spec.ts';
import { messageOf } from '../../../shared/errors.ts';
import { escapeHtml as e } from '../../report-tables.ts';
import type { CellOfKind, ReportRenderers, UiCellKind } from '../types.ts';
import ChartCellView from './ChartCellView.svelte';
import {
  CHART_MARKS,
  CHART_SCALE_TYPES,
  CHART_SORTS,
  CHART_X_TYPES,
} from '../../../charts/spec.ts';

export const chartUi: UiCellKind<CellOfKind<'chart'>> = {
  View: ChartCellView,
  form: [
    { key: 'from', label: 'Table', kind: 'table' },
    { key: 'mark', label: 'Mark', kind: 'choice', options: CHART_MARKS },
    { key: 'x', label: 'x', kind: 'column' },
    { key: 'y', label: 'y', kind: 'column' },
    { key: 'fill', label: 'Colour', kind: 'column' },
    { key: 'fx', label: 'Facet columns', kind: 'column' },
    { key: 'fy', label: 'Facet rows', kind: 'column' },
    { key: 'ci', label: 'Error bars (low, high)', kind: 'pair' },
    { key: 'x_label', label: 'x axis title', kind: 'text' },
    { key: 'y_label', label: 'y axis title', kind: 'text' },
    { key: 'format', label: 'Number format', kind: 'text' },
    { key: 'sort', label: 'Category order', kind: 'choice', options: CHART_SORTS },
    { key: 'x_type', label: 'x as', kind: 'choice', options: CHART_X_TYPES },
    { key: 'scale', label: 'Value scale', kind: 'choice', options: CHART_SCALE_TYPES },
    { key: 'title', label: 'Title', kind: 'text' },
    { key: 'caption', label: 'Caption', kind: 'text' },
  ],
  report: (_cell, state, _output, render) =>
    state.chart ? chartHtml(state.chart.spec, state.chart.rows, render) : '',
  hidesRowCount: true,
};

function chartHtml(spec: ChartSpec, rows: readonly Row[], render: ReportRenderers): string {
  try {
    return `<figure class="chart">${render.chartSvg(spec, rows)}</figure>`;
  } catch (error) {
    const message = messageOf(error);
    return `<p class="error">The chart could not be drawn: ${e(message)}</p>`;
  }
}
