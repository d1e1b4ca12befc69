/**
 * The build's pre-rendering of the bundled notebooks' prose (see src/ui/markdown-cache.svelte.ts):
 * each prose block's Markdown, as the page would give it to the renderer, rendered and
 * sanitized by the page's own code (src/ui/markdown.ts) with DOMPurify on jsdom's window.
 * `?prose` imports of a notebook (src/ui/bundled.ts) get the result, a Markdown → HTML record.
 */
import { readFile } from 'node:fs/promises';
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import type { Plugin } from 'vite';
import { parseNotebook } from '../src/notebook/parse.ts';
import { markdownRenderer } from '../src/ui/markdown.ts';
import { rendererTexts } from '../src/ui/prose-placeholders.ts';

/** Every text MarkdownBlock hands the renderer for this notebook, with its HTML. */
export function prerenderProse(notebookText: string): Record<string, string> {
  const render = markdownRenderer(createDOMPurify(new JSDOM('').window));
  const out: Record<string, string> = {};
  for (const block of parseNotebook(notebookText).notebook.blocks) {
    if (block.kind !== 'markdown') continue;
    for (const text of rendererTexts(block.text)) out[text] = render(text);
  }
  return out;
}

const SUFFIX = '?prose';

/** Vite: `import prose from './welcome.md?prose'` is that notebook's pre-rendered prose. */
export function prosePlugin(): Plugin {
  return {
    name: 'statecraft:prerendered-prose',
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const file = id.slice(0, -SUFFIX.length);
      this.addWatchFile(file);
      const record = prerenderProse(await readFile(file, 'utf8'));
      return `export default ${JSON.stringify(record)};`;
    },
  };
}
