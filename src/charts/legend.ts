/**
 * Colour legends drawn directly in SVG for the standalone export. Plot's own legends are
 * HTML (swatches) or use a canvas or d3-axis (ramps), whose half-pixel offset differs between
 * jsdom and browsers; these use the theme's fixed metrics and nothing else.
 */
import type { Scale, ScaleOptions } from '@observablehq/plot';
import { formatValue, truncateLabel } from './format.ts';
import { LABEL_MAX } from './layout.ts';
import { svgElement, textWidth } from './svg-text.ts';
import { FONT_SIZE, WIDTH } from './theme.ts';

/** Left/right padding of the title, legend and caption. */
export const PAD = 10;
const SWATCH = 10;
const GAP = 8;
const RAMP_WIDTH = 280;
const RAMP_HEIGHT = 10;

/** Appends the legend for `scale` below `top` and returns its bottom edge. */
export function appendLegend(
  root: SVGSVGElement,
  scale: Scale | undefined,
  options: ScaleOptions,
  top: number,
): number {
  if (scale === undefined) return top;
  const legend = svgElement(root.ownerDocument, 'g', {
    transform: `translate(${PAD},${top})`,
    'aria-label': 'color legend',
    'text-anchor': 'start',
    fill: 'currentColor',
  });
  root.append(legend);
  const title = options.label ?? undefined;
  const format =
    typeof options.tickFormat === 'function'
      ? (v: unknown) => String((options.tickFormat as (v: unknown) => unknown)(v))
      : (v: unknown) => formatValue(v, false);
  const bottom =
    scale.type === 'ordinal'
      ? swatches(legend, scale, title, format)
      : ramp(legend, scale, title, format);
  return top + bottom;
}

/** One swatch per category, flowing onto new rows when the width runs out. */
function swatches(
  legend: SVGElement,
  scale: Scale,
  title: string | undefined,
  format: (v: unknown) => string,
): number {
  const document = legend.ownerDocument;
  const domain = (scale.domain ?? []) as unknown[];
  const range = (scale.range ?? []) as unknown[];
  let x = 0;
  let y = FONT_SIZE + 2;
  if (title) {
    legend.append(text(document, title, x, y, true));
    x += textWidth(title, FONT_SIZE) + 2 * GAP;
  }
  domain.forEach((value, i) => {
    // The scale's own format: value labels for coded columns, the value itself otherwise.
    const label = truncateLabel(format(value), LABEL_MAX);
    const itemWidth = SWATCH + 4 + textWidth(label, FONT_SIZE) + 2 * GAP;
    if (x > 0 && x + itemWidth > WIDTH - 2 * PAD) {
      x = 0;
      y += FONT_SIZE + 6;
    }
    const fill = String(range[i % range.length]);
    legend.append(
      svgElement(document, 'rect', { x, y: y - SWATCH + 1, width: SWATCH, height: SWATCH, fill }),
      text(document, label, x + SWATCH + 4, y, false),
    );
    x += itemWidth;
  });
  return y + 4;
}

/** Binned colours side by side, thresholds labelled at the boundaries between them. */
function ramp(
  legend: SVGElement,
  scale: Scale,
  title: string | undefined,
  format: (v: unknown) => string,
): number {
  const document = legend.ownerDocument;
  const colours = (scale.range ?? []) as unknown[];
  const thresholds = (scale.domain ?? []) as unknown[];
  let y = 0;
  if (title) {
    y = FONT_SIZE + 2;
    legend.append(text(document, title, 0, y, true));
    y += 4;
  }
  const step = Math.floor(RAMP_WIDTH / Math.max(1, colours.length));
  colours.forEach((fill, i) => {
    legend.append(
      svgElement(document, 'rect', {
        x: i * step,
        y,
        width: step,
        height: RAMP_HEIGHT,
        fill: String(fill),
      }),
    );
  });
  // A threshold scale has one threshold fewer than colours; each sits between two bins.
  thresholds.slice(0, colours.length - 1).forEach((t, i) => {
    const x = (i + 1) * step;
    legend.append(
      svgElement(document, 'line', {
        x1: x,
        x2: x,
        y1: y,
        y2: y + RAMP_HEIGHT + 3,
        stroke: 'currentColor',
      }),
    );
    const label = text(document, format(t), x, y + RAMP_HEIGHT + 3 + FONT_SIZE, false);
    label.setAttribute('text-anchor', 'middle');
    legend.append(label);
  });
  return y + RAMP_HEIGHT + 3 + FONT_SIZE + 6;
}

function text(
  document: Document,
  content: string,
  x: number,
  y: number,
  bold: boolean,
): SVGElement {
  const el = svgElement(document, 'text', { x, y, ...(bold ? { 'font-weight': 'bold' } : {}) });
  el.textContent = content;
  return el;
}
