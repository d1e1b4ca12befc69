/**
 * Prose blocks of a notebook as HTML: Markdown rendered by marked, then sanitized by
 * DOMPurify before it reaches the page. A notebook is a file someone sent you; its prose must
 * not be able to run script or load anything from elsewhere.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, async: false });

const cache = new Map<string, string>();

export function renderMarkdown(text: string): string {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const html = DOMPurify.sanitize(marked.parse(text) as string, {
    // Images and media would fetch from wherever the notebook points; the app never does that.
    FORBID_TAGS: ['img', 'picture', 'video', 'audio', 'source', 'iframe', 'form', 'style'],
    FORBID_ATTR: ['style', 'srcset'],
  });
  if (cache.size > 500) cache.clear();
  cache.set(text, html);
  return html;
}
