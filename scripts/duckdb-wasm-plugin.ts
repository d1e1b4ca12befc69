/**
 * The app's DuckDB-WASM modules, with only the exports DuckDB-WASM's worker uses.
 *
 * DuckDB-WASM is built for dynamic linking (Emscripten's MAIN_MODULE), so that an extension
 * loaded later can link against any of DuckDB's functions: its module exports 75,011 symbols.
 * Whatever the page does, the worker's start walks all of them (relocateExports,
 * mergeLibSymbols, registerDynCallSymbols, reportUndefinedSymbols: about 320 ms of the
 * worker's time on the bench machine, measured in the worker) after V8 has made a JavaScript
 * function for every exported one. The app never loads an extension (no downloads;
 * autoloading is off, src/engine/settings.ts), so the build serves the modules with the
 * exports that are used: every name the worker script mentions (also as Emscripten's `_name`),
 * every symbol the module's own GOT imports resolve to, and the runtime's `__`, `dynCall_` and
 * `orig$` helpers: 870 of 75,011 (EH) and 1,061 (MVP). The code, data and import sections are
 * DuckDB's, byte for byte: the same DuckDB v1.4.3, 7 MB smaller, started about half a second
 * sooner (docs/performance.md).
 *
 * `import url from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'` (and `-mvp`) gets the trimmed
 * module: an asset of the build, or a path the dev server answers. The bench's reference
 * pages (floor, same-work, bare) are built without this plugin: they are DuckDB-WASM as it
 * ships.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import { exportNames, imports, keepExports } from './wasm-exports.ts';

export type Flavor = 'eh' | 'mvp';

const require = createRequire(import.meta.url);

/** The exports a module keeps, given its worker script's text and the module itself. */
export function usedExports(workerScript: string, wasm: Uint8Array): Set<string> {
  const mentioned = new Set(workerScript.match(/[A-Za-z_$][\w$]*/g));
  const linked = new Set(
    imports(wasm)
      .filter((i) => i.module === 'GOT.mem' || i.module === 'GOT.func')
      .map((i) => i.name),
  );
  const kept = new Set<string>();
  const names = exportNames(wasm);
  for (const name of names) {
    if (
      mentioned.has(name) ||
      // Emscripten's JavaScript names an export `_name` (`_malloc`, `_setThrew`).
      mentioned.has(`_${name}`) ||
      linked.has(name) ||
      name.startsWith('__') ||
      // registerDynCallSymbols and dynCall() build these names at run time.
      name.startsWith('dynCall_')
    ) {
      kept.add(name);
    }
  }
  // The i64-legalized originals of kept functions, which resolveGlobalSymbol looks up.
  for (const name of names) if (name.startsWith('orig$') && kept.has(name.slice(5))) kept.add(name);
  return kept;
}

export async function trimmedModule(flavor: Flavor): Promise<Uint8Array<ArrayBuffer>> {
  const [wasm, script] = await Promise.all([
    readFile(require.resolve(`@duckdb/duckdb-wasm/dist/duckdb-${flavor}.wasm`)),
    readFile(
      require.resolve(`@duckdb/duckdb-wasm/dist/duckdb-browser-${flavor}.worker.js`),
      'utf8',
    ),
  ]);
  const kept = usedExports(script, wasm);
  return keepExports(wasm, (name) => kept.has(name));
}

const IMPORT = /^@duckdb\/duckdb-wasm\/dist\/duckdb-(eh|mvp)\.wasm\?url$/;
const VIRTUAL = '\0statecraft-duckdb-wasm:';
/** Where the dev server answers with a trimmed module (build: an emitted asset instead). */
const devPath = (flavor: string) => `/@statecraft/duckdb-${flavor}.wasm`;
const FLAVORS: readonly Flavor[] = ['eh', 'mvp'];

export function duckdbWasmPlugin(): Plugin {
  let serving = false;
  const made = new Map<Flavor, Promise<Uint8Array<ArrayBuffer>>>();
  const module = (flavor: Flavor) => {
    let bytes = made.get(flavor);
    if (!bytes) made.set(flavor, (bytes = trimmedModule(flavor)));
    return bytes;
  };
  return {
    name: 'statecraft:duckdb-wasm-exports',
    enforce: 'pre',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId(source) {
      const match = IMPORT.exec(source);
      return match ? `${VIRTUAL}${match[1]}` : null;
    },
    async load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const flavor = id.slice(VIRTUAL.length) as Flavor;
      if (serving) return `export default ${JSON.stringify(devPath(flavor))};`;
      const ref = this.emitFile({
        type: 'asset',
        name: `duckdb-${flavor}.wasm`,
        source: await module(flavor),
      });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const flavor = FLAVORS.find((f) => request.url === devPath(f));
        if (!flavor) return next();
        module(flavor).then(
          (bytes) => {
            response.setHeader('Content-Type', 'application/wasm');
            response.end(bytes);
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}
