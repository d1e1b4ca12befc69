/**
 * `npm run bench`: builds the app and the bench pages into a temp folder, serves them locally,
 * and measures each figure (median of N runs, each browser run in a fresh context of headless
 * Chromium) next to its reference measured in the same run. See docs/performance.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { NativeEngine } from '../src/engine/NativeEngine.ts';
import { launchBrowser, repoRoot, startApp } from '../test/browser/harness.ts';
import { parseBenchArgs, usage } from './args.ts';
import { buildSite } from './build.ts';
import { FIGURES } from './figures/index.ts';
import { unavailableResult, type BenchContext, type FigureResult } from './figures/types.ts';
import { describeMachine, loadAverageNow } from './machine.ts';
import { errorMessage, formatDuration } from './measure.ts';
import { findRscript } from './r-glm.ts';
import { formatTable, formatValue, writeReport } from './report.ts';

const log = (line: string) => console.log(line);

export async function main(argv: string[]): Promise<number> {
  const ids = FIGURES.map((f) => f.id);
  let args;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    console.error(`${errorMessage(error)}\n\n${usage(ids)}`);
    return 2;
  }
  if (args.help) {
    console.log(usage(ids));
    return 0;
  }
  const unknown = args.figures.filter((id) => !ids.includes(id));
  if (unknown.length) {
    console.error(`Unknown figure ${unknown.join(', ')}\n\n${usage(ids)}`);
    return 2;
  }
  const selected = args.figures.length
    ? FIGURES.filter((f) => args.figures.includes(f.id))
    : FIGURES;

  const startLoad = loadAverageNow();
  const tmp = await mkdtemp(join(tmpdir(), 'statecraft-bench-'));
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    const site = await buildSite(join(tmp, 'site'), {
      ...(args.dist ? { dist: args.dist } : {}),
      log,
    });
    server = await startApp(site.root);
    const rscript = findRscript();
    const ctx: BenchContext = {
      site,
      url: server.url,
      tmp,
      rscript,
      log,
      browser: async () => (browser ??= await launchBrowser()),
    };
    const results: FigureResult[] = [];
    for (const figure of selected) {
      const runs = args.runs ?? figure.defaultRuns;
      log(`\n${figure.title} (${runs} run${runs === 1 ? '' : 's'})`);
      const started = performance.now();
      try {
        results.push(await figure.run(ctx, runs));
      } catch (error) {
        results.push(unavailableResult(figure, '', '', `failed: ${errorMessage(error)}`));
      }
      const last = results.at(-1)!;
      log(
        `  → ${formatValue(last.value, last.unit)}${last.unavailable ? ` (${last.unavailable})` : ''} [${formatDuration(performance.now() - started)}]`,
      );
    }

    const duckdb = await NativeEngine.create().then(async (engine) => {
      const version = await engine.version();
      await engine.close();
      return version;
    });
    const machine = await describeMachine({
      chromium: await ctx.browser().then(
        (b) => b.version(),
        () => null,
      ),
      duckdb,
      rscript,
      startLoad,
    });
    const report = {
      date: new Date().toISOString(),
      machine,
      runs: args.runs ?? ('default' as const),
      app: args.dist ?? 'vite build of the working tree (temp folder)',
      figures: results,
    };
    const path = await writeReport(join(repoRoot, 'bench', 'results'), report);
    log(
      `\n${machine.cores} cores, ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}, Chromium ${machine.chromium ?? '—'}, DuckDB ${duckdb}; load average ${machine.loadAverage.start} → ${machine.loadAverage.end}\n`,
    );
    log(formatTable(results));
    log(`\nWrote ${path} and bench/results/latest.json`);
    return 0;
  } finally {
    await browser?.close();
    await server?.stop();
    if (args.keep) log(`Kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}
