/** Small helpers to write SVG text and shapes with fixed metrics (no DOM measuring). */
import { CHAR_WIDTH, FONT_SIZE } from './theme.ts';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgElement(
  document: Document,
  name: string,
  attributes: Record<string, string | number>,
): SVGElement {
  const el = document.createElementNS(SVG_NS, name) as SVGElement;
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
  return el;
}

/** Estimated rendered width of `text` at `fontSize`, from the theme's average glyph width. */
export function textWidth(text: string, fontSize: number): number {
  return text.length * CHAR_WIDTH * (fontSize / FONT_SIZE);
}

/** Greedy word wrap to lines no wider than `width` (a too-long word gets its own line). */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && textWidth(candidate, fontSize) > width) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}
