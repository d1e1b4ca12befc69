/** Entry point of `npx statecraft`. */
import { checkCommand } from './check.ts';
import { runCommand } from './commands.ts';
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
    if (args.command === 'run')
      return await runCommand(args.target!, args.dataDirs, args.outDir, print, options);
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
