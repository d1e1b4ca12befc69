import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { inFreshContext } from '../browser.ts';
import { openAppToFirstChart } from './cold-start.ts';
import { errorMessage } from '../measure.ts';
import type { BenchContext, Figure, FigureResult } from './types.ts';
import { unavailableResult } from './types.ts';

const LIMIT_KB = 300;
/** DuckDB's own worker scripts: megabytes that only DuckDB's size decides. */
const DUCKDB_WORKER = /^duckdb-browser-.*\.worker.*\.js$/;

/**
 * Gzipped size of the app's JavaScript, DuckDB's worker scripts and .wasm left out: what a
 * fresh page fetches until the default notebook's first chart is drawn (the figure), and every
 * chunk the build ships, also those fetched only when a feature is used (details).
 */
export const bundleSize: Figure = {
  id: 'bundle',
  title: 'App JavaScript to first chart, gzip (excl. DuckDB worker + wasm)',
  defaultRuns: 1,
  async run(ctx): Promise<FigureResult> {
    const target = `≤ ${LIMIT_KB} kB`;
    if (ctx.site.appMissing) return unavailableResult(this, 'kB', target, ctx.site.appMissing);
    const assets = join(ctx.site.root, 'assets');
    const files = (await readdir(assets)).filter(
      (f) => f.endsWith('.js') && !DUCKDB_WORKER.test(f),
    );
    const sizes: Record<string, { bytes: number; gzip: number }> = {};
    let total = 0;
    for (const file of files.sort()) {
      const bytes = await readFile(join(assets, file));
      // zlib's default level (6), what a web server's gzip usually sends.
      const gzip = gzipSync(bytes).length;
      sizes[file] = { bytes: bytes.length, gzip };
      total += gzip;
    }
    let loaded: string[];
    try {
      loaded = (await scriptsFetchedToFirstChart(ctx)).filter((f) => f in sizes);
    } catch (error) {
      return unavailableResult(this, 'kB', target, errorMessage(error));
    }
    const kb = loaded.reduce((sum, f) => sum + sizes[f].gzip, 0) / 1000;
    return {
      id: this.id,
      title: this.title,
      unit: 'kB',
      value: kb,
      runs: [kb],
      references: [],
      ratio: null,
      target,
      pass: kb <= LIMIT_KB,
      details: {
        allChunksGzipKB: total / 1000,
        loadedToFirstChart: loaded,
        notLoadedToFirstChart: files.filter((f) => !loaded.includes(f)),
        files: sizes,
        excluded: (await readdir(assets)).filter((f) => !files.includes(f)),
        ...(ctx.site.appComposition ? { composition: shares(ctx.site.appComposition) } : {}),
      },
    };
  },
};

/** Each origin's share of the rendered code, largest first, to show where the bytes come from. */
function shares(bytes: Record<string, number>): Record<string, string> {
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    Object.entries(bytes)
      .filter(([, b]) => b / total >= 0.005)
      .map(([origin, b]) => [origin, `${((100 * b) / total).toFixed(1)}%`]),
  );
}

/**
 * Asset scripts a fresh page requested from opening until the default notebook's first chart
 * was in the DOM: resource timing entries that started before that moment (as the cold-start
 * figure times it). What the rest of the notebook needs (the logit's code for its later cell,
 * the code editors once the first run is over) comes after it and is in the details' total.
 */
async function scriptsFetchedToFirstChart(ctx: BenchContext): Promise<string[]> {
  return inFreshContext(ctx, async (page) => {
    const { at } = await openAppToFirstChart(ctx, page);
    const names = await page.evaluate(
      (firstChart) =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.startTime <= firstChart && new URL(e.name).pathname.endsWith('.js'))
          .map((e) => new URL(e.name).pathname.split('/').pop() ?? ''),
      at,
    );
    return [...new Set(names)].sort();
  });
}
