import { parseArgs } from 'node:util';

export interface BenchArgs {
  /** Figure ids to run, in the order given; empty means all. */
  figures: string[];
  /** Runs per figure, overriding each figure's default. */
  runs?: number;
  /** An existing app build to measure instead of building one (e.g. `dist`). */
  dist?: string;
  /** Keep the temp folder (generated data, builds) instead of removing it. */
  keep: boolean;
  help: boolean;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      dist: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  let runs: number | undefined;
  if (values.runs !== undefined) {
    runs = Number(values.runs);
    if (!Number.isInteger(runs) || runs < 1) {
      throw new Error(`--runs must be a whole number of at least 1; got ${values.runs}`);
    }
  }
  return {
    figures: positionals,
    runs,
    ...(values.dist !== undefined ? { dist: values.dist } : {}),
    keep: values.keep ?? false,
    help: values.help ?? false,
  };
}

export function usage(figureIds: string[]): string {
  return `Usage: npm run bench -- [figure …] [--runs N] [--dist DIR] [--keep]

  figure     one or more of: ${figureIds.join(', ')} (default: all)
  --runs N   runs per figure (default: 5, fewer for the slow figures)
  --dist DIR measure this existing app build instead of building the app afresh
  --keep     keep the temp folder with the builds and generated data

Prints a table and writes bench/results/<timestamp>.json and bench/results/latest.json.`;
}
