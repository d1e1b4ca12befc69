/**
 * CodeMirror is a third of the app's JavaScript and nothing the first chart needs, so cells
 * show their text as plain text first (LazyCodeEditor) and the editor arrives in a chunk of its
 * own: at once for a cell the reader focuses, otherwise after the notebook's first run, one
 * editor per idle moment so that no long task blocks the page.
 */
type EditorModule = typeof import('../components/CodeEditor.svelte');
export type EditorComponent = EditorModule['default'];

let loading: Promise<EditorComponent> | undefined;
let allow: () => void = () => undefined;
/** Resolved by allowEditors(); each waiting editor queues behind the previous one. */
let queue: Promise<unknown> = new Promise<void>((done) => (allow = done));

/** The editor component, loading its chunk now if it has not been loaded yet. */
export function loadEditor(): Promise<EditorComponent> {
  loading ??= import('../components/CodeEditor.svelte').then((module) => module.default);
  return loading;
}

/** The notebook's first run is over (or failed): plain text may now turn into editors. */
export function allowEditors(): void {
  allow();
}

/** Resolves with the editor component when it is this caller's turn to create one. */
export function editorTurn(): Promise<EditorComponent> {
  const turn = queue.then(idle).then(loadEditor);
  queue = turn.catch(() => undefined);
  return turn;
}

function idle(): Promise<void> {
  return new Promise((done) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => done(), { timeout: 500 });
    else setTimeout(done, 16);
  });
}
