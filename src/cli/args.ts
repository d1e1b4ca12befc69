/** Command-line arguments: `statecraft <command> <target> [--data DIR]... [--out DIR]`. */

export interface CliArgs {
  command: 'run' | 'check' | 'help';
  target?: string;
  dataDirs: string[];
  outDir?: string;
  json: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage:
  statecraft run <notebook.md> [--data <dir>]... [--out <dir>]
      Runs every cell with native DuckDB; writes <out>/results.json and one SVG per chart.
  statecraft check <notebook.md|folder> [--data <dir>]...
      Runs notebooks and verifies every expect cell and dataset sha256; prints a receipt.

  --data <dir>   folder(s) to look up dataset files in, in order (default: data)
  --out <dir>    output folder for run (default: out/<notebook name>)
  --json         check: print the receipt as JSON

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
    const value = () => {
      const v = rest.shift();
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a folder`);
      return v;
    };
    if (arg === '--data') args.dataDirs.push(value());
    else if (arg === '--out') args.outDir = value();
    else if (arg === '--json') args.json = true;
    else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`);
    else if (args.target === undefined) args.target = arg;
    else throw new UsageError(`Unexpected argument "${arg}"`);
  }
  if (args.target === undefined) throw new UsageError(`${command} needs a notebook file`);
  if (args.dataDirs.length === 0) args.dataDirs.push('data');
  return args;
}
