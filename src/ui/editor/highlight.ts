/**
 * Syntax colours that follow the page's light or dark scheme. CodeMirror's default palette is
 * made for white backgrounds; each colour gets a lighter partner, and CSS light-dark() picks
 * the one matching `color-scheme`, so no JavaScript watches the system setting.
 */
import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';

/** Default colour → a colour with enough contrast on the dark editor background. */
const DARK: Record<string, string> = {
  '#404740': '#a9b1a9',
  '#708': '#d291e4',
  '#219': '#8fb4ff',
  '#164': '#7fd19b',
  '#a11': '#ff8f8f',
  '#e40': '#ffa657',
  '#00f': '#79b8ff',
  '#30a': '#b392f0',
  '#085': '#56d4b4',
  '#167': '#6fc3df',
  '#256': '#9ecbff',
  '#00c': '#79b8ff',
  '#940': '#d7a35a',
  '#f00': '#ff6b6b',
};

function schemeAwareColour(colour: string): string {
  const dark = DARK[colour.toLowerCase()];
  return dark ? `light-dark(${colour}, ${dark})` : colour;
}

export function highlighting(): Extension {
  const specs = defaultHighlightStyle.specs.map((spec) =>
    typeof spec.color === 'string' ? { ...spec, color: schemeAwareColour(spec.color) } : spec,
  );
  return syntaxHighlighting(HighlightStyle.define(specs));
}
