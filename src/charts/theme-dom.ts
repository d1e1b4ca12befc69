/** Post-render touches on Plot's SVG that Plot has no option for. DOM-only, no globals. */
import { CLASS_NAME, FONT_FAMILY, FONT_SIZE } from './theme.ts';

/** The chart's own <svg>, whether Plot returned it bare or inside a <figure>. */
export function plotSvg(chart: Element): SVGSVGElement {
  const svg =
    chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector(`svg.${CLASS_NAME}`);
  if (svg === null) throw new Error('Plot returned no chart SVG');
  return svg as SVGSVGElement;
}

/**
 * Plot hard-codes `system-ui, sans-serif` at 10px, which looks different on every system;
 * attributes (not a style string) so browsers and jsdom serialize them identically.
 */
export function applyFont(svg: Element): void {
  svg.setAttribute('font-family', FONT_FAMILY);
  svg.setAttribute('font-size', String(FONT_SIZE));
}
