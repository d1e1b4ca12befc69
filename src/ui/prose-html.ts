/**
 * Prose with its inline values (`{{ table.column … }}`, notebook/inline-values.ts) as HTML:
 * the Markdown of markdown.ts, sanitized as ever, with each reference shown as its value in a
 * `<span class="inline-value">` titled with the reference. A value still to come shows a
 * pending mark, one that cannot be had shows its error; the rest of the prose renders anyway.
 */
import type { InlineFill } from '../notebook/inline-fill.ts';
import { findInlineRefs, type InlineRef } from '../notebook/inline-values.ts';
import { markdownHtml } from './markdown-cache.svelte.ts';
import { hasPlaceholder, PLACEHOLDER, proseWithPlaceholders } from './prose-placeholders.ts';

/** What a reference shows now (the page's InlineValues.fill, or the report's fills). */
export type FillRef = (ref: InlineRef) => InlineFill;

/**
 * Prose as sanitized HTML; without `fill`, references stay as written. Undefined while the
 * Markdown renderer loads (see markdown-cache.svelte.ts).
 */
export function renderProse(text: string, fill?: FillRef): string | undefined {
  const refs = fill ? findInlineRefs(text) : [];
  if (!fill || refs.length === 0) return markdownHtml(text);
  // Values go in after sanitizing, as text nodes the DOM escapes, so nothing a result table
  // holds can become markup; a reference inside a `|` table cell no longer splits the cell.
  const html = markdownHtml(proseWithPlaceholders(text, refs));
  if (html === undefined) return undefined;
  const fills = refs.map((ref) => fill(ref));
  const template = document.createElement('template');
  template.innerHTML = html;
  fillPlaceholders(template.content, refs, fills);
  return template.innerHTML;
}

function fillPlaceholders(root: DocumentFragment, refs: InlineRef[], fills: InlineFill[]): void {
  const doc = root.ownerDocument;
  // In an attribute (a link's title) a value can only be text.
  for (const element of root.querySelectorAll('*')) {
    for (const attr of element.attributes) {
      if (hasPlaceholder(attr.value)) {
        attr.value = attr.value.replace(PLACEHOLDER, (_, i) => plainText(fills[+i]));
      }
    }
  }
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) {
    const node = walker.currentNode as Text;
    if (hasPlaceholder(node.data)) texts.push(node);
  }
  for (const node of texts) {
    const parts = node.data.split(PLACEHOLDER);
    // split with a capture group alternates text, index, text, …
    const nodes = parts.map((part, k) =>
      k % 2 === 0 ? doc.createTextNode(part) : valueSpan(doc, refs[+part], fills[+part]),
    );
    node.replaceWith(...nodes);
  }
}

function valueSpan(doc: Document, ref: InlineRef, fill: InlineFill): HTMLElement {
  const span = doc.createElement('span');
  span.className = 'inline-value';
  span.dataset.state = fill.state;
  span.title = fill.state === 'value' ? ref.source : `${ref.source}\n${fill.message}`;
  span.textContent = plainText(fill);
  return span;
}

/** The value; a pending mark; or the error's mark and message. */
function plainText(fill: InlineFill): string {
  if (fill.state === 'value') return fill.text;
  return fill.state === 'pending' ? '…' : `⚠ ${fill.message}`;
}
