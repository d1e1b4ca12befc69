import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Runs bin/statecraft.js; a failing run gives its exit code and output instead of throwing. */
export async function statecraft(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await exec('node', ['bin/statecraft.js', ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
}
