import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure, FigureResult } from './types.ts';
import { unavailableResult } from './types.ts';

const LIMIT_KB = 300;
/** DuckDB's own worker scripts: megabytes that only DuckDB's size decides. */
const DUCKDB_WORKER = /^duckdb-browser-.*\.worker.*\.js$/;

/** Gzipped size of the app's JavaScript, DuckDB's worker scripts and .wasm left out. */
export const bundleSize: Figure = {
  id: 'bundle',
  title: 'App JavaScript, gzip (excl. DuckDB worker + wasm)',
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
    const kb = total / 1000;
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
        initialGzipKB: (await initialScripts(ctx.site.root))
          .filter((f) => f in sizes)
          .reduce((sum, f) => sum + sizes[f].gzip / 1000, 0),
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

/** Scripts index.html loads up front (entry and modulepreload), as asset file names. */
async function initialScripts(root: string): Promise<string[]> {
  const html = await readFile(join(root, 'index.html'), 'utf8');
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.js)"/g)];
  return urls.map((m) => m[1].split('/').pop() ?? '');
}
