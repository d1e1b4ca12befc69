import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the built app works from any folder, host or file share.
  base: './',
  plugins: [svelte()],
  build: {
    target: 'es2022',
    // DuckDB's .wasm and worker scripts are megabytes; never inline any asset as a data: URL.
    assetsInlineLimit: 0,
    // The DuckDB modules are large by nature; the app's own code is what the limit is for.
    chunkSizeWarningLimit: 1024,
  },
  worker: { format: 'es' },
  // duckdb-wasm loads its worker and .wasm by URL; pre-bundling would break those URLs.
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
});
