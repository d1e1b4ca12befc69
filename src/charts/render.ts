/**
 * Renders a chart cell into a DOM: `window.document` in the browser, a jsdom document in
 * Node. Returns Plot's element: an <svg>, or a <figure> holding the title, the colour
 * legend (HTML swatches), the <svg> and the caption.
 *
 * Plot's marker and clip ids stay unique per page here (several charts share a document);
 * the standalone SVG export (svg-string.ts) renumbers them deterministically instead.
 */
import * as Plot from '@observablehq/plot';
import type { Row } from '../engine/Engine.ts';
import type { ChartSpec } from './spec.ts';
import { chartOptions } from './chart-options.ts';
import { applyFont, plotSvg } from './theme-dom.ts';
import { markChartRoles } from './aria-dom.ts';

export function renderChart(spec: ChartSpec, rows: readonly Row[], document: Document): Element {
  const chart = Plot.plot({ ...chartOptions(spec, rows), document });
  const svg = plotSvg(chart);
  applyFont(svg);
  markChartRoles(svg);
  return chart;
}
