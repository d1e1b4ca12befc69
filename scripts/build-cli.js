#!/usr/bin/env node
// Builds the command line into dist-cli/ with esbuild (already installed: tsx and Vite depend
// on it), so `statecraft` starts without compiling TypeScript through tsx on every run
// (issue 20). `npm install`/`npm ci` run it as the `prepare` script; `npm run build:cli` by hand.
//
// - npm packages are bundled too (the same code, read from node_modules at build time): Node
//   then reads a few chunks instead of resolving and loading hundreds of small files
//   (@stdlib's functions, d3's modules, DuckDB's JavaScript), and never runs its CommonJS
//   export scanner over @duckdb/node-api's re-exports when an ES module imports it. This cut
//   the loading of `statecraft run` by about a third of its CPU time (docs/performance.md).
//   Only what cannot be bundled stays external: DuckDB's native binding
//   (@duckdb/node-bindings picks its .node file by platform) and jsdom (read from its files at
//   run time; only a chart the small SVG document cannot draw loads it).
// - One CommonJS file, dist-cli/main.cjs, which bin/built-cli.js runs through vm.Script with
//   V8's code cache of an earlier run: compiling the bundle then costs next to nothing
//   (Node 20 caches no compiled code for ES modules). `import.meta.url` becomes the file's
//   URL. Everything is in the one file, `--help` included: from the cache that costs less
//   than loading split ES chunks did.
// - dist-cli/inputs.json lists the source files that went in, and package-lock.json (the
//   packages' versions); bin/statecraft.js runs the build only while none of them is newer
//   than it, and the sources otherwise.
//
// `--outdir DIR` builds elsewhere (test/cli/built.test.ts); DIR must be inside the repository
// so that Node finds the external packages in its node_modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(values.outdir ?? join(root, 'dist-cli'));

const started = performance.now();
await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  platform: 'node',
  target: 'node20',
  external: ['@duckdb/node-bindings', 'jsdom'],
  // Packages' ES module builds where they have one, as the sources get them through tsx.
  mainFields: ['module', 'main'],
  define: { 'import.meta.url': '__statecraftFileUrl' },
  banner: { js: "const __statecraftFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Error and class names read at run time (error.name, constructor.name) stay the sources'.
  keepNames: true,
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs)
  .map((path) => relative(root, resolve(root, path)))
  .filter((path) => !path.split(/[\\/]/).includes('node_modules'))
  .concat(existsSync(join(root, 'package-lock.json')) ? ['package-lock.json'] : [])
  .sort();
await mkdir(outdir, { recursive: true });
// Written last: its time is the build's time, which the inputs are compared with.
await writeFile(join(outdir, 'inputs.json'), JSON.stringify(inputs, null, 1) + '\n');
console.log(
  `statecraft: built the command line into ${relative(root, outdir)}/ (${inputs.length} source files, ${Math.round(performance.now() - started)} ms)`,
);
