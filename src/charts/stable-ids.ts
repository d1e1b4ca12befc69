/**
 * Plot numbers marker, clip-path and pattern ids from module-wide counters, so the second
 * render of a chart gets different ids than the first. For a saved SVG we renumber them in
 * document order under a prefix derived from the content: identical charts get identical
 * files, and different charts inlined into one HTML page still never share an id.
 */

const PLOT_ID = /^plot-(clip|marker|pattern)-\d+$/;
const PLACEHOLDER = 'statecraft-chart-id';

/** Renames Plot's counter ids to `<placeholder>-<kind>-<n>` and rewrites references. */
export function renumberIds(root: Element): void {
  const renamed = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const el of [root, ...root.querySelectorAll('[id]')]) {
    const id = el.getAttribute('id');
    const m = id === null ? null : PLOT_ID.exec(id);
    if (id === null || m === null) continue;
    const n = (counts.get(m[1]) ?? 0) + 1;
    counts.set(m[1], n);
    const next = `${PLACEHOLDER}-${m[1]}-${n}`;
    renamed.set(id, next);
    el.setAttribute('id', next);
  }
  if (renamed.size === 0) return;
  const ref = /url\(#([^)]+)\)|^#(.+)$/g;
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (!attr.value.includes('#')) continue;
      const value = attr.value.replace(ref, (whole, inUrl?: string, bare?: string) => {
        const next = renamed.get(inUrl ?? bare ?? '');
        if (next === undefined) return whole;
        return inUrl !== undefined ? `url(#${next})` : `#${next}`;
      });
      if (value !== attr.value) el.setAttribute(attr.name, value);
    }
  }
}

/** Replaces the placeholder with a hash of the serialized SVG. */
export function finalizeIds(svgText: string): string {
  if (!svgText.includes(PLACEHOLDER)) return svgText;
  return svgText.replaceAll(PLACEHOLDER, `sc-${fnv1a(svgText)}`);
}

/** 32-bit FNV-1a: tiny, stable, and enough to keep two different charts apart. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
