import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type InlineConfig } from 'vite';
import { duckdbWasmPlugin } from '../scripts/duckdb-wasm-plugin.ts';

/**
 * Production build of the bench pages (bench/pages/*.html), with the app's build settings
 * (es2022, no inlined assets, ES workers, DuckDB not pre-bundled). `npm run bench` builds each
 * page on its own with benchPageConfig(), so one page that fails to build (code another part
 * of the project is still changing) leaves the others usable. The default export builds all
 * of them at once, by hand, every page with DuckDB-WASM as it ships: `npx vite build -c
 * bench/vite.config.ts`.
 */

export const BENCH_PAGES = ['floor', 'same-work', 'bare', 'bench', 'session'] as const;
export type BenchPage = (typeof BENCH_PAGES)[number];

/**
 * The pages that measure the app's own engine get DuckDB-WASM's modules as the app's build
 * serves them (exports trimmed, scripts/duckdb-wasm-plugin.ts); the references (floor,
 * same-work, bare) get DuckDB-WASM as it ships.
 */
const APP_ENGINE_PAGES: readonly BenchPage[] = ['bench', 'session'];

const pagesDir = resolve(fileURLToPath(new URL('.', import.meta.url)), 'pages');

function baseConfig(inputs: string[], outDir: string, appEngine: boolean): InlineConfig {
  return {
    configFile: false,
    plugins: appEngine ? [duckdbWasmPlugin()] : [],
    root: pagesDir,
    base: './',
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: false,
      target: 'es2022',
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: inputs },
    },
    worker: { format: 'es' },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  };
}

export function benchPageConfig(page: BenchPage, outDir: string): InlineConfig {
  return baseConfig([join(pagesDir, `${page}.html`)], outDir, APP_ENGINE_PAGES.includes(page));
}

export default defineConfig(
  baseConfig(
    BENCH_PAGES.map((page) => join(pagesDir, `${page}.html`)),
    join(tmpdir(), 'statecraft-bench-pages'),
    false,
  ),
);
