/**
 * Roles for a chart drawn in the page, so assistive technology (and axe-core) reads it as one
 * image with a name and a description. Plot names the <svg> (aria-label, aria-description from
 * describe.ts) and labels its marks' groups and shapes ("y-axis tick label", "bar") without a
 * role, and ARIA allows a name only on an element with a role that takes one. The chart becomes
 * role="img"; each labelled group a "group" and each labelled shape a "graphics-symbol", whose
 * labels stay where tests and styles find them. The standalone SVG files are made elsewhere
 * (standalone.ts) and keep their bytes.
 */
export function markChartRoles(svg: SVGSVGElement): void {
  svg.setAttribute('role', 'img');
  for (const el of svg.querySelectorAll('[aria-label], [aria-description]')) {
    if (el.hasAttribute('role')) continue;
    el.setAttribute('role', el.tagName.toLowerCase() === 'g' ? 'group' : 'graphics-symbol');
  }
}
