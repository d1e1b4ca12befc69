import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { duckdbWasmPlugin } from './scripts/duckdb-wasm-plugin.ts';
import { prosePlugin } from './scripts/prose-prerender.ts';

export default defineConfig({
  // Relative asset URLs: the built app works from any folder, host or file share.
  base: './',
  // The bundled notebooks' prose is rendered at build time (src/ui/markdown-cache.svelte.ts);
  // DuckDB's modules keep only the exports its worker uses (scripts/duckdb-wasm-plugin.ts).
  plugins: [svelte(), prosePlugin(), duckdbWasmPlugin()],
  build: {
    target: 'es2022',
    // DuckDB's .wasm and worker scripts are megabytes; never inline any asset as a data: URL.
    assetsInlineLimit: 0,
    // The DuckDB modules are large by nature; the app's own code is what the limit is for.
    chunkSizeWarningLimit: 1024,
  },
  // The page draws no maps: Plot's projections are left out (see src/charts/no-maps.ts).
  resolve: {
    alias: [
      {
        find: /^d3-geo$/,
        replacement: fileURLToPath(new URL('./src/charts/no-maps.ts', import.meta.url)),
      },
    ],
  },
  worker: { format: 'es' },
  // duckdb-wasm loads its worker and .wasm by URL; pre-bundling would break those URLs.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
});
