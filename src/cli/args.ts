/**
 * Command-line arguments:
 * `statecraft <command> <target> [--data DIR]... [--out DIR] [--time-limit SECONDS]`.
 */

export interface CliArgs {
  command: 'run' | 'check' | 'help';
  target?: string;
  dataDirs: string[];
  outDir?: string;
  json: boolean;
  /** Longest one cell may run, in seconds; 0 for no limit; unset for the default (5 min). */
  timeLimitSeconds?: number;
}

export class UsageError extends Error {}

export const USAGE = `Usage:
  statecraft run <notebook.md> [--data <dir>]... [--out <dir>] [--time-limit <seconds>]
      Runs every cell with native DuckDB; writes <out>/results.json and one SVG per chart.
  statecraft check <notebook.md|folder> [--data <dir>]... [--time-limit <seconds>]
      Runs notebooks and verifies every expect cell and dataset sha256; prints a receipt.

  --data <dir>            folder(s) to look up dataset files in, in order (default: data)
  --out <dir>             output folder for run (default: out/<notebook name>)
  --time-limit <seconds>  stop a cell that runs longer (default: 300; 0 for no limit)
  --json                  check: print the receipt as JSON

Exit status: 0 all good; 1 a cell failed or a check did not reproduce; 2 usage error or
missing dataset.`;

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { command: 'help', dataDirs: [], json: false };
  const rest = [...argv];
  const command = rest.shift();
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return args;
  }
  if (command !== 'run' && command !== 'check') {
    throw new UsageError(`Unknown command "${command}"; use run or check`);
  }
  args.command = command;
  while (rest.length > 0) {
    const arg = rest.shift()!;
    const value = (what = 'a folder') => {
      const v = rest.shift();
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs ${what}`);
      return v;
    };
    if (arg === '--data') args.dataDirs.push(value());
    else if (arg === '--out') args.outDir = value();
    else if (arg === '--time-limit') args.timeLimitSeconds = seconds(value('a number of seconds'));
    else if (arg === '--json') args.json = true;
    else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`);
    else if (args.target === undefined) args.target = arg;
    else throw new UsageError(`Unexpected argument "${arg}"`);
  }
  if (args.target === undefined) throw new UsageError(`${command} needs a notebook file`);
  if (args.dataDirs.length === 0) args.dataDirs.push('data');
  return args;
}

function seconds(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`--time-limit needs a number of seconds (0 for no limit), not "${text}"`);
  }
  return n;
}
