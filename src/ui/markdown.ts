/**
 * Prose blocks of a notebook as HTML: Markdown rendered by marked, then sanitized by
 * DOMPurify before it reaches the page. A notebook is a file someone sent you; its prose must
 * not be able to run script or load anything from elsewhere, nor pass itself off as the app:
 * it gets no class, id or style (which would borrow the app's own look, such as the
 * full-screen drop overlay) and no form controls (a password field in prose is phishing).
 */
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    // A task list's box is a disabled <input> by default; as a character it needs no control.
    checkbox: ({ checked }) => (checked ? '☑ ' : '☐ '),
  },
});

const FORBID_TAGS = [
  // Images and media would fetch from wherever the notebook points; the app never does that.
  ...['img', 'picture', 'video', 'audio', 'source', 'iframe', 'style'],
  // Controls that ask the reader for something, and the dialog that could frame them.
  ...['form', 'input', 'button', 'textarea', 'select', 'option', 'optgroup', 'datalist'],
  ...['fieldset', 'legend', 'label', 'output', 'dialog'],
];

const FORBID_ATTR = [
  ...['class', 'id', 'style', 'srcset', 'name'],
  // A popover sits in the top layer, over the app; tabindex and autofocus steal the focus.
  ...['popover', 'popovertarget', 'popovertargetaction', 'tabindex', 'autofocus'],
];

/**
 * Markdown → sanitized HTML with the page's DOMPurify or, when the build pre-renders the
 * bundled notebooks' prose in Node (prose-prerender.ts), with one made on jsdom's window: the
 * same rules either way.
 */
export function markdownRenderer(purify: Purifier): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const html = purify.sanitize(marked.parse(text) as string, {
      FORBID_TAGS,
      FORBID_ATTR,
      // The app and its tests find things by data- attributes (data-state, data-testid).
      ALLOW_DATA_ATTR: false,
    });
    if (cache.size > 500) cache.clear();
    cache.set(text, html);
    return html;
  };
}

export const renderMarkdown = markdownRenderer(DOMPurify);
