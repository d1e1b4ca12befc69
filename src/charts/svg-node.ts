/**
 * Node-only: renders a chart to standalone SVG text using jsdom. The CLI imports this file;
 * browser code must not (it pulls in jsdom) and uses chartSvgString with window.document.
 */
import { JSDOM } from 'jsdom';
import type { Row } from '../engine/Engine.ts';
import type { ChartSpec } from './spec.ts';
import { chartSvgString } from './svg-string.ts';

export function renderChartSvg(spec: ChartSpec, rows: readonly Row[]): string {
  // A fresh document per chart: nothing of one render can leak into the next.
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
  try {
    return chartSvgString(spec, rows, dom.window.document);
  } finally {
    dom.window.close();
  }
}
