/**
 * Node-only: renders a chart to standalone SVG text. Browser code must not import this file
 * and uses chartSvgString with window.document.
 *
 * The chart is drawn in svg-dom.ts's small SVG document, which loads in no time; a chart
 * that asks that document for something it does not have is drawn again in jsdom (about half
 * a second to load, so only then), whose XMLSerializer the small one writes like. Both give
 * the same bytes (test/charts/svg-dom.test.ts, and the saved snapshots).
 */
import { createRequire } from 'node:module';
import type { JSDOM as JSDOMClass } from 'jsdom';
import type { Row } from '../engine/Engine.ts';
import type { ChartSpec } from './spec.ts';
import { createSvgDocument } from './svg-dom.ts';
import { chartSvgString } from './svg-string.ts';

export function renderChartSvg(spec: ChartSpec, rows: readonly Row[]): string {
  try {
    return chartSvgString(spec, rows, createSvgDocument());
  } catch {
    // UnsupportedDom, or a method the small document lacks. Any error is retried, so that
    // whatever fails here ends as it would in jsdom: drawn, or with jsdom's error.
    return renderChartSvgInJsdom(spec, rows);
  }
}

/** The same drawing in a jsdom document (the fallback above, and the tests' reference). */
export function renderChartSvgInJsdom(spec: ChartSpec, rows: readonly Row[]): string {
  // Loaded when first needed: most runs never need it.
  const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: typeof JSDOMClass };
  // A fresh document per chart: nothing of one render can leak into the next.
  const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
  try {
    return chartSvgString(spec, rows, dom.window.document);
  } finally {
    dom.window.close();
  }
}
