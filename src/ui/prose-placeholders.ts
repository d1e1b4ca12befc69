import { replaceRefs } from '../notebook/inline-fill.ts';
import { findInlineRefs, type InlineRef } from '../notebook/inline-values.ts';

/**
 * The Markdown the renderer is given for prose with inline references: each reference becomes
 * a numbered placeholder of private-use characters, which Markdown gives no meaning and
 * DOMPurify lets through; prose-html.ts puts the values in after sanitizing. Its own module so
 * the build can pre-render exactly these texts (scripts/prose-prerender.ts).
 */
export function proseWithPlaceholders(
  text: string,
  refs: InlineRef[] = findInlineRefs(text),
): string {
  return replaceRefs(text, refs, (_, i) => `\uE000${i}\uE001`);
}
