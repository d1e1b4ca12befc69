/**
 * A chart as the text of a standalone .svg file. DOM-only (any Document with an
 * XMLSerializer: the browser's, or jsdom's via svg-node.ts).
 *
 * Byte-identical output for the same spec and rows: fixed size and font, Plot's counter ids
 * renumbered (stable-ids.ts), numbers written by JavaScript's shortest round-trip formatting,
 * and no dates or random values anywhere.
 */
import type { Row } from '../engine/Engine.ts';
import type { ChartSpec } from './spec.ts';
import { finalizeIds, renumberIds } from './stable-ids.ts';
import { renderStandaloneSvg } from './standalone.ts';

/**
 * One line per group, so that a changed chart shows up as a readable diff. Groups never sit
 * inside <text> (where a newline would render), and text content has its `<` escaped.
 */
function breakLines(text: string): string {
  return text.replace(/<g[ >]|<\/svg>/g, '\n$&');
}

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function chartSvgString(spec: ChartSpec, rows: readonly Row[], document: Document): string {
  const svg = renderStandaloneSvg(spec, rows, document);
  renumberIds(svg);
  const view = document.defaultView;
  if (view === null) throw new Error('chartSvgString needs a document with a window');
  const text = new view.XMLSerializer().serializeToString(svg);
  return `${PROLOG}${finalizeIds(breakLines(text))}\n`;
}
