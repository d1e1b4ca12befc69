#!/usr/bin/env node
// Builds the command line into dist-cli/ with esbuild (already installed: tsx and Vite depend
// on it), so `statecraft` starts without compiling TypeScript through tsx on every run
// (issue 20). `npm install`/`npm ci` run it as the `prepare` script; `npm run build:cli` by hand.
//
// - npm packages stay external: Node loads them from node_modules as the sources do, so the
//   build holds only this project's code (the same files tsx would run).
// - Code splitting keeps the sources' dynamic imports lazy: `--help` loads neither DuckDB nor
//   jsdom.
// - dist-cli/inputs.json lists the source files that went in; bin/statecraft.js runs the
//   build only while none of them is newer than it, and the sources otherwise.
//
// `--outdir DIR` builds elsewhere (test/cli/built.test.ts); DIR must be inside the repository
// so that Node finds the external packages in its node_modules.
import { build } from 'esbuild';
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
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Error and class names read at run time (error.name, constructor.name) stay the sources'.
  keepNames: true,
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs)
  .map((path) => relative(root, resolve(root, path)))
  .filter((path) => !path.startsWith('node_modules'))
  .sort();
await mkdir(outdir, { recursive: true });
// Written last: its time is the build's time, which the inputs are compared with.
await writeFile(join(outdir, 'inputs.json'), JSON.stringify(inputs, null, 1) + '\n');
console.log(
  `statecraft: built the command line into ${relative(root, outdir)}/ (${inputs.length} source files, ${Math.round(performance.now() - started)} ms)`,
);
