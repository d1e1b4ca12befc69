import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = join(fileURLToPath(new URL('.', import.meta.url)), 'r', 'glm-timing.R');

/** Rscript's path when R is installed (it is looked up on PATH), else null. */
export function findRscript(): string | null {
  const found = spawnSync('Rscript', ['--version'], { encoding: 'utf8' });
  return found.error ? null : 'Rscript';
}

export function rVersion(rscript: string): string {
  const out = spawnSync(rscript, ['--version'], { encoding: 'utf8' });
  return `${out.stdout}${out.stderr}`.trim().split('\n')[0];
}

export interface RGlmTiming {
  /** Milliseconds of each glm() call (system.time's elapsed). */
  runs: number[];
  coefficients: Record<string, number>;
}

/** Runs glm() `runs` times on the CSV in one R process (the CSV is read once, untimed). */
export function timeRGlm(rscript: string, csv: string, runs: number): RGlmTiming {
  const out = spawnSync(rscript, ['--vanilla', SCRIPT, csv, String(runs)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`Rscript failed: ${out.stderr.trim().slice(0, 300)}`);
  const timing: RGlmTiming = { runs: [], coefficients: {} };
  for (const line of out.stdout.split('\n')) {
    const elapsed = /^elapsed (\S+)$/.exec(line);
    if (elapsed) timing.runs.push(Number(elapsed[1]) * 1000);
    const coef = /^coef (.+)\t(\S+)$/.exec(line);
    if (coef) timing.coefficients[coef[1]] = Number(coef[2]);
  }
  return timing;
}
