/**
 * A chart as one self-contained <svg>, for files (CLI output, "download SVG" in the
 * browser). Plot puts a title, caption or legend into an HTML <figure>, which is not a valid
 * .svg file; here Plot draws the bare plot and we lay the rest out around it in SVG:
 *
 *   title (bold, wrapped)      ← <text>, also the root's <title> for accessibility
 *   colour legend              ← swatches or binned ramp, drawn in SVG (legend.ts)
 *   plot                       ← Plot's SVG children, moved into a <g>
 *   caption (wrapped)          ← <text>
 *
 * DOM-only, so it runs in the browser and under jsdom alike.
 */
import * as Plot from '@observablehq/plot';
import type { Row } from '../engine/Engine.ts';
import type { ChartSpec } from './spec.ts';
import { chartOptions } from './chart-options.ts';
import { appendLegend, PAD } from './legend.ts';
import { svgElement, wrapText } from './svg-text.ts';
import { applyFont } from './theme-dom.ts';
import { CAPTION_FONT_SIZE, CLASS_NAME, TITLE_FONT_SIZE } from './theme.ts';

const GAP = 8;

export function renderStandaloneSvg(
  spec: ChartSpec,
  rows: readonly Row[],
  document: Document,
): SVGSVGElement {
  const options = chartOptions(spec, rows);
  const plot = Plot.plot({
    ...options,
    title: undefined,
    caption: undefined,
    figure: false,
    color: options.color ? { ...options.color, legend: false } : undefined,
    document,
  }) as SVGSVGElement & Plot.Plot;
  const width = Number(plot.getAttribute('width'));
  const plotHeight = Number(plot.getAttribute('height'));
  const textWidthMax = width - 2 * PAD;

  const root = svgElement(document, 'svg', {
    class: CLASS_NAME,
    width,
    height: 0,
    // A valid placeholder keeps the attribute's place (and so the bytes) without Chromium
    // logging an error for an empty viewBox; the real box is set once the height is known.
    viewBox: '0 0 0 0',
    role: 'img',
    'aria-label': options.ariaLabel ?? '',
    color: 'black',
  }) as SVGSVGElement;
  applyFont(root);
  root.append(svgElement(document, 'title', {}), svgElement(document, 'desc', {}));
  root.children[0].textContent = options.ariaLabel ?? '';
  root.children[1].textContent = options.ariaDescription ?? '';
  root.append(svgElement(document, 'rect', { width: '100%', height: '100%', fill: 'white' }));

  let y = GAP;
  if (spec.title) {
    y = appendLines(root, wrapText(spec.title, textWidthMax, TITLE_FONT_SIZE), y, {
      'font-size': TITLE_FONT_SIZE,
      'font-weight': 'bold',
      fill: '#111111',
    });
  }
  if (options.color) y = appendLegend(root, plot.scale('color'), options.color, y) + GAP / 2;

  // Plot's root carries the style sheet and presentation attributes; keep both (the font
  // comes from our root instead).
  const group = svgElement(document, 'g', { transform: `translate(0,${y})` });
  for (const name of ['fill', 'text-anchor']) {
    const value = plot.getAttribute(name);
    if (value !== null) group.setAttribute(name, value);
  }
  group.setAttribute('aria-hidden', 'false');
  const style = plot.querySelector('style');
  if (style) root.insertBefore(style, root.children[2]);
  group.append(...plot.childNodes);
  root.append(group);
  y += plotHeight;

  if (spec.caption) {
    y = appendLines(root, wrapText(spec.caption, textWidthMax, CAPTION_FONT_SIZE), y + GAP / 2, {
      'font-size': CAPTION_FONT_SIZE,
      fill: '#444444',
    });
  }
  const height = Math.ceil(y + GAP);
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return root;
}

/** Appends lines of left-aligned text below `top`; returns the new bottom. */
function appendLines(
  root: SVGSVGElement,
  lines: string[],
  top: number,
  attributes: Record<string, string | number>,
): number {
  const size = Number(attributes['font-size']);
  const lineHeight = Math.round(size * 1.3);
  let y = top;
  for (const line of lines) {
    y += lineHeight;
    const text = svgElement(root.ownerDocument, 'text', { x: PAD, y: y - 4, ...attributes });
    text.textContent = line;
    root.append(text);
  }
  return y;
}
