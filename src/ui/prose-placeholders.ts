import { replaceRefs } from '../notebook/inline-fill.ts';
import { findInlineRefs, type InlineRef } from '../notebook/inline-values.ts';

/**
 * Prose with inline references goes to the Markdown renderer with each reference as a numbered
 * placeholder of private-use characters, which Markdown gives no meaning and DOMPurify lets
 * through; prose-html.ts puts the values in after sanitizing. Its own module so the build can
 * pre-render exactly these texts (scripts/prose-prerender.ts).
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** A placeholder in rendered HTML; its group is the reference's index. */
export const PLACEHOLDER = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');

export function hasPlaceholder(text: string): boolean {
  return text.includes(OPEN);
}

export function proseWithPlaceholders(text: string, refs: InlineRef[]): string {
  return replaceRefs(text, refs, (_, i) => `${OPEN}${i}${CLOSE}`);
}

/**
 * Every text the renderer can be given for this prose (renderProse): as written, and with
 * placeholders when it has references and their values are shown.
 */
export function rendererTexts(text: string): string[] {
  const refs = findInlineRefs(text);
  return refs.length > 0 ? [text, proseWithPlaceholders(text, refs)] : [text];
}
