/** Entry point of `npx statecraft`. */
import { parseArgs, USAGE, UsageError } from './args.ts';

export async function main(
  argv: string[],
  print: (line: string) => void = console.log,
): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    print(`statecraft: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    print(USAGE);
    return 0;
  }
  const options = {
    timeLimitMs: args.timeLimitSeconds === undefined ? undefined : args.timeLimitSeconds * 1000,
  };
  try {
    // Imported here, not above: help and usage errors then load neither DuckDB nor jsdom.
    if (args.command === 'run') {
      const { runCommand } = await import('./commands.ts');
      return await runCommand(args.target!, args.dataDirs, args.outDir, print, options);
    }
    const { checkCommand } = await import('./check.ts');
    return await checkCommand(args.target!, args.dataDirs, print, options);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') {
      print(`statecraft: ${args.target} does not exist`);
      return 2;
    }
    throw error;
  }
}
