import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../test/browser/harness.ts';
import { Unavailable } from '../browser.ts';
import { errorMessage, median, ratioOf } from '../measure.ts';
import type { Figure, FigureResult, Reference } from './types.ts';

const MAX_HELP_RATIO = 3;
const MAX_RUN_RATIO = 2;
const NOTEBOOK = 'notebooks/welcome.md';
const CSV = 'data/demo-sanctions-synthetic.csv';
/** What bin/statecraft.js prints when it runs the sources instead of the build. */
const SOURCES_NOTE = 'running the TypeScript sources';

interface Exit {
  ms: number;
  stderr: string;
}

/** Wall time of a whole Node process, from spawn to exit, as a person at a shell waits for it. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, stderr });
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(0, 300)}`));
    });
  });
}

/** Builds dist-cli/ when bin/statecraft.js would not run it (absent, or older than the sources). */
async function ensureBuilt(log: (line: string) => void): Promise<void> {
  const probe = await timeProcess(['bin/statecraft.js', '--help']);
  if (!probe.stderr.includes(SOURCES_NOTE)) return;
  log('  building the command line (npm run build:cli)');
  await timeProcess(['scripts/build-cli.js']);
  const again = await timeProcess(['bin/statecraft.js', '--help']);
  if (again.stderr.includes(SOURCES_NOTE)) {
    throw new Unavailable(`the built command line is not used: ${again.stderr.trim()}`);
  }
}

/**
 * A run of the built command line. Other work in the same tree can make the build stale
 * between two runs (bin/statecraft.js then runs the sources): it is rebuilt and run again.
 */
async function timeBuilt(args: string[], log: (line: string) => void): Promise<number> {
  const first = await timeProcess(args);
  if (!first.stderr.includes(SOURCES_NOTE)) return first.ms;
  await ensureBuilt(log);
  const again = await timeProcess(args);
  if (again.stderr.includes(SOURCES_NOTE)) throw new Unavailable(again.stderr.trim());
  return again.ms;
}

type RateRow = { embassy_closed: boolean; n: number | string; successes: number | string };

/** The rate cell's counts, as both sides wrote them: the check that they did the same work. */
async function counts(file: string, key: string): Promise<string> {
  const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, RateRow[]>;
  return JSON.stringify(
    json[key].map((r) => [r.embassy_closed, Number(r.n), Number(r.successes)]).sort(),
  );
}

/**
 * The command line's start and a whole run: `statecraft --help` against `node -e 0`, and
 * `statecraft run notebooks/welcome.md` against bench/cli-reference.js, a plain Node script
 * doing the same loads and queries with @duckdb/node-api. Each a new process, runs alternating.
 * The TypeScript sources through tsx (the command line before issue 20) are in the details.
 */
export const cli: Figure = {
  id: 'cli',
  title: 'Command line: statecraft --help, statecraft run welcome.md',
  defaultRuns: 5,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `--help ≤ ${MAX_HELP_RATIO}× node -e 0; run ≤ ${MAX_RUN_RATIO}× plain script`;
    const help: number[] = [];
    const nodeOnly: Reference = { label: 'node -e 0', unit: 'ms', median: null, runs: [] };
    const run: Reference = {
      label: 'statecraft run welcome.md',
      unit: 'ms',
      median: null,
      runs: [],
    };
    const plain: Reference = {
      label: 'plain @duckdb/node-api script',
      unit: 'ms',
      median: null,
      runs: [],
    };
    const sources = { help: [] as number[], run: [] as number[] };
    const out = (name: string) => join(ctx.tmp, 'cli', name);
    let problem: string | undefined;
    let sameCounts: boolean | undefined;
    try {
      await ensureBuilt(ctx.log);
      const viaSources = { ...process.env, STATECRAFT_SOURCES: '1' };
      for (let i = 0; i < runs; i++) {
        nodeOnly.runs.push((await timeProcess(['-e', '0'])).ms);
        help.push(await timeBuilt(['bin/statecraft.js', '--help'], ctx.log));
        plain.runs.push((await timeProcess(['bench/cli-reference.js', CSV, out('plain')])).ms);
        const args = ['bin/statecraft.js', 'run', NOTEBOOK, '--data', 'data', '--out', out('run')];
        run.runs.push(await timeBuilt(args, ctx.log));
        // The sources only once in a while: they take seconds and are only a comparison.
        if (i < 2) {
          sources.help.push((await timeProcess(['bin/statecraft.js', '--help'], viaSources)).ms);
          sources.run.push((await timeProcess(args, viaSources)).ms);
        }
        ctx.log(
          `  run ${i + 1}: --help ${help.at(-1)!.toFixed(0)} ms (node -e 0 ${nodeOnly.runs.at(-1)!.toFixed(0)}), run ${run.runs.at(-1)!.toFixed(0)} ms (plain script ${plain.runs.at(-1)!.toFixed(0)})`,
        );
      }
      sameCounts =
        (await counts(join(out('run'), 'results.json'), 'failure_by_embassy')) ===
        (await counts(join(out('plain'), 'results.json'), 'rate'));
      if (!sameCounts) problem = 'statecraft run and the plain script counted different rows';
    } catch (error) {
      problem = errorMessage(error);
    }
    const value = median(help);
    nodeOnly.median = median(nodeOnly.runs);
    run.median = median(run.runs);
    plain.median = median(plain.runs);
    const helpRatio = ratioOf(value, nodeOnly.median);
    const runRatio = ratioOf(run.median, plain.median);
    return {
      id: this.id,
      title: this.title,
      unit: 'ms',
      value,
      runs: help,
      references: [nodeOnly, run, plain],
      ratio: helpRatio,
      target,
      pass:
        helpRatio === null || runRatio === null || problem
          ? null
          : helpRatio <= MAX_HELP_RATIO && runRatio <= MAX_RUN_RATIO,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        helpRatio,
        runRatio,
        sameCountsAsPlainScript: sameCounts,
        sourcesThroughTsx: {
          helpMs: sources.help,
          helpMedian: median(sources.help),
          runMs: sources.run,
          runMedian: median(sources.run),
        },
        measuredAs:
          'whole processes (spawn → exit), built command line (dist-cli/, built first if stale); value and ratio are --help against node -e 0, runRatio is statecraft run against the plain script',
      },
    };
  },
};
