import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { rVersion } from './r-glm.ts';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGB: number;
  node: string;
  chromium: string | null;
  duckdb: string;
  r: string | null;
  /**
   * 1-minute load average when the bench started and when it ended: above the core count,
   * something else was competing for the CPU and the figures (not the ratios) suffer.
   */
  loadAverage: { start: number; end: number };
}

async function cpuModel(): Promise<string> {
  const info = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return /^model name\s*:\s*(.+)$/m.exec(info)?.[1].trim() ?? 'unknown';
}

export function loadAverageNow(): number {
  return Math.round(loadavg()[0] * 100) / 100;
}

export async function describeMachine(options: {
  chromium: string | null;
  duckdb: string;
  rscript: string | null;
  startLoad: number;
}): Promise<Machine> {
  return {
    cores: availableParallelism(),
    cpu: await cpuModel(),
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    chromium: options.chromium,
    duckdb: options.duckdb,
    r: options.rscript ? rVersion(options.rscript) : null,
    loadAverage: { start: options.startLoad, end: loadAverageNow() },
  };
}
