import { defineConfig } from 'vitest/config';

export default defineConfig({
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
