/**
 * Markdown as sanitized HTML, without loading the renderer (marked and DOMPurify, 33 kB gzip)
 * when the page can do without it. The bundled notebooks come with their prose rendered at
 * build time by the same code (prose-prerender.ts), so the welcome notebook's text and first
 * chart need none of it; any other text loads the renderer once and shows as plain text until
 * it has. Pre-rendered HTML is found by the exact Markdown it came from, so it is what the
 * renderer would give for that text, in any notebook.
 */
import { SvelteMap } from 'svelte/reactivity';
import { loadOnce } from '../shared/load-once.ts';

type Render = (text: string) => string;

/** Reactive too: prose drawn before its notebook's entries arrived is drawn again. */
const prerendered = new SvelteMap<string, string>();
/** Reactive, so prose waiting for the renderer is drawn again when it arrives. */
let render = $state.raw<Render | undefined>();

/** Markdown → HTML pairs made at build time for a bundled notebook. */
export function addPrerendered(entries: Readonly<Record<string, string>>): void {
  for (const [text, html] of Object.entries(entries)) prerendered.set(text, html);
}

const loadRenderer = loadOnce(() =>
  import('./markdown.ts').then((module) => (render = module.renderMarkdown)),
);

/** Loads the renderer (once); the page asks for it after its first run, a report at once. */
export async function loadMarkdown(): Promise<void> {
  await loadRenderer();
}

/** The HTML of `text`, or undefined while the renderer it needs is loading. */
export function markdownHtml(text: string): string | undefined {
  const hit = prerendered.get(text);
  if (hit !== undefined) return hit;
  if (render) return render(text);
  loadMarkdown().catch((error: unknown) => console.error(error));
  return undefined;
}

/** The pre-rendered texts whose HTML this page's renderer would not give (a browser test's check). */
export async function prerenderedProseMismatches(): Promise<string[]> {
  const live = await loadRenderer();
  return [...prerendered].filter(([text, html]) => live(text) !== html).map(([text]) => text);
}
