// Reads every import of src/ with TypeScript's own pre-processor (so multi-line, type-only
// and dynamic imports all count) and resolves the relative ones to files.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** A Svelte file's imports live in its <script> blocks; the markup has none. */
function scriptText(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

export interface ImportEdge {
  /** Paths relative to the repository root, e.g. src/stats/rate.ts. */
  from: string;
  to: string;
}

export function importGraph(): { files: string[]; edges: ImportEdge[]; unresolved: string[] } {
  const files = sourceFiles(SRC);
  const edges: ImportEdge[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(scriptText(file), true, true);
    for (const ref of info.importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const target = resolveImport(file, ref.fileName);
      if (target === null) {
        // Asset URLs (?url, ?worker) resolve to non-TS files; only a missing module is an error.
        if (!/\?|\.(css|json|wasm|js)$/.test(ref.fileName)) {
          unresolved.push(`${relative(ROOT, file)} -> ${ref.fileName}`);
        }
        continue;
      }
      // data/catalog.json and the like are data, not a layer.
      if (!target.startsWith(SRC)) continue;
      edges.push({ from: relative(ROOT, file), to: relative(ROOT, target) });
    }
  }
  return { files: files.map((f) => relative(ROOT, f)), edges, unresolved };
}

/** src/stats/logit/kernel.ts → stats */
export function folderOf(path: string): string {
  return path.split('/')[1];
}

/** The layer table of eslint.config.js, top to bottom (read from there: one copy of the rule). */
export async function layers(): Promise<string[][]> {
  const config = pathToFileURL(join(ROOT, 'eslint.config.js')).href;
  const { LAYERS } = (await import(/* @vite-ignore */ config)) as { LAYERS: string[][] };
  return LAYERS;
}

/** Every strongly connected set of more than one node (or a node importing itself). */
export function cycles(nodes: string[], edges: [string, string][]): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [a, b] of edges) next.get(a)?.push(b);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (next.get(node) ?? []).includes(node)) found.push(component);
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return found;
}
