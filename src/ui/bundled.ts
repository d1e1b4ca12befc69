/**
 * The notebooks and demo data shipped with the app. Vite bundles the notebooks' text and
 * copies the demo CSVs next to the app, so everything comes from the app's own origin.
 */

import { addPrerendered } from './markdown-cache.svelte.ts';

const notebookModules = import.meta.glob<string>('../../notebooks/*.md', {
  query: '?raw',
  import: 'default',
});
/** Each notebook's prose rendered at build time (scripts/prose-prerender.ts). */
const proseModules = import.meta.glob<Readonly<Record<string, string>>>('../../notebooks/*.md', {
  query: '?prose',
  import: 'default',
});
const dataModules = import.meta.glob<string>('../../data/*.csv', {
  query: '?url',
  import: 'default',
});

const baseName = (path: string) => path.split('/').pop() ?? path;
const stemOf = (path: string) => baseName(path).replace(/\.md$/i, '');

export const DEFAULT_NOTEBOOK = 'welcome';

/** Stems of the bundled notebooks (`welcome`, `embassy-closure`, …), default first. */
export function bundledNotebooks(): string[] {
  return Object.keys(notebookModules)
    .map(stemOf)
    .sort((a, b) =>
      a === DEFAULT_NOTEBOOK ? -1 : b === DEFAULT_NOTEBOOK ? 1 : a.localeCompare(b),
    );
}

/** The text of a bundled notebook, or undefined when there is none by that name. */
export async function bundledNotebook(stem: string): Promise<string | undefined> {
  const path = Object.keys(notebookModules).find((p) => stemOf(p) === stem);
  if (!path) return undefined;
  const [text, prose] = await Promise.all([notebookModules[path](), proseModules[path]?.()]);
  if (prose) addPrerendered(prose);
  return text;
}

/** True for the demo data files the app ships (all synthetic). */
export function isBundledData(fileName: string): boolean {
  return Object.keys(dataModules).some((p) => baseName(p).toLowerCase() === fileName.toLowerCase());
}

/**
 * The bundled demo files among `fileNames`, fetched from the app's own origin as File objects
 * (what the file picker would give). Names the app does not ship are skipped.
 */
export async function bundledDataFiles(fileNames: readonly string[]): Promise<File[]> {
  const files: File[] = [];
  for (const name of new Set(fileNames.map((n) => n.toLowerCase()))) {
    const path = Object.keys(dataModules).find((p) => baseName(p).toLowerCase() === name);
    if (!path) continue;
    const response = await fetch(await dataModules[path]());
    if (!response.ok) throw new Error(`Could not read the demo file ${baseName(path)}`);
    files.push(new File([await response.blob()], baseName(path), { type: 'text/csv' }));
  }
  return files;
}
