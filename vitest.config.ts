import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { prosePlugin } from './scripts/prose-prerender.ts';

export default defineConfig({
  // Modules that Node tests import (cell-form.ts, report-html.ts) reach the cell kinds'
  // registry, which names each kind's Svelte view; the plugin compiles those on import.
  plugins: [svelte(), prosePlugin()],
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Browser tests share one built app and one Chromium; native DuckDB is multi-threaded on
    // its own. Running files one at a time keeps a 2-core CI machine from thrashing.
    fileParallelism: false,
  },
});
