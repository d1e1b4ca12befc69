/**
 * CodeMirror is a third of the app's JavaScript and nothing the first chart needs, so cells
 * show their text as plain text first (LazyCodeEditor) and the editor arrives in a chunk of its
 * own: at once for a cell the reader focuses, otherwise after the notebook's first run, one
 * editor per idle moment so that no long task blocks the page. Cells on screen (or close to
 * it) get theirs first. In a long notebook only those do: a CodeMirror costs tens of
 * milliseconds to create, and creating thousands of them, for cells nobody looks at, held the
 * page's thread while the notebook ran.
 */
import { loadOnce } from '../../shared/load-once.ts';

type EditorModule = typeof import('../components/CodeEditor.svelte');
export type EditorComponent = EditorModule['default'];

/** Beyond this many cells, an editor is made only for a cell near the screen (or focused). */
export const MAX_EDITORS_OFF_SCREEN = 200;
/** How close to the screen a cell must come for its editor to be made. */
const NEAR = '600px 0px';

/** The editor component, loading its chunk now if it has not been loaded yet. */
export const loadEditor = loadOnce(() =>
  import('../components/CodeEditor.svelte').then((module) => module.default),
);

interface Waiting {
  element: Element;
  show: (component: EditorComponent) => void;
  fail: (error: unknown) => void;
}

let allowed = false;
let pumping = false;
/** Every plain-text cell in the page, in the order they asked (document order, mostly). */
let live = 0;
const waiting = new Set<Waiting>();
/** The waiting ones near the screen. */
const nearby = new Set<Waiting>();
const byElement = new Map<Element, Waiting>();
let observer: IntersectionObserver | undefined;

/** The notebook's first run is over (or failed): plain text may now turn into editors. */
export function allowEditors(): void {
  allowed = true;
  pump();
}

/**
 * Asks for an editor in place of `element`'s plain text: `show` gets the component when it is
 * this element's turn. The returned function withdraws the request (the cell went away).
 */
export function queueEditor(
  element: Element,
  show: (component: EditorComponent) => void,
  fail: (error: unknown) => void,
): () => void {
  const entry: Waiting = { element, show, fail };
  live += 1;
  waiting.add(entry);
  byElement.set(element, entry);
  observe(element);
  pump();
  let withdrawn = false;
  return () => {
    if (withdrawn) return;
    withdrawn = true;
    live -= 1;
    forget(entry);
    // A shorter notebook may now have its off-screen editors made.
    pump();
  };
}

function forget(entry: Waiting): void {
  waiting.delete(entry);
  nearby.delete(entry);
  byElement.delete(entry.element);
  observer?.unobserve(entry.element);
}

function observe(element: Element): void {
  if (typeof IntersectionObserver === 'undefined') {
    nearby.add(byElement.get(element)!);
    return;
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const { target, isIntersecting } of entries) {
        const entry = byElement.get(target);
        if (entry && isIntersecting) nearby.add(entry);
        else if (entry) nearby.delete(entry);
      }
      pump();
    },
    { rootMargin: NEAR },
  );
  observer.observe(element);
}

/** The next editor to make: one near the screen first; any, while the notebook is short. */
function next(): Waiting | undefined {
  const [near] = nearby;
  if (near) return near;
  if (live > MAX_EDITORS_OFF_SCREEN) return undefined;
  const [first] = waiting;
  return first;
}

/** Makes waiting editors one per idle moment, until none is due. */
function pump(): void {
  if (!allowed || pumping || waiting.size === 0) return;
  pumping = true;
  void idle().then(async () => {
    const entry = next();
    if (entry) {
      forget(entry);
      await loadEditor().then(entry.show, entry.fail);
    }
    pumping = false;
    if (entry) pump();
  });
}

function idle(): Promise<void> {
  return new Promise((done) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => done(), { timeout: 500 });
    else setTimeout(done, 16);
  });
}
