/**
 * Charts become SVG on a worker thread of the command line. jsdom takes about half a second
 * to load (more than everything else a small notebook needs), so `statecraft run` starts that
 * thread before the notebook runs: jsdom loads on the second core while DuckDB and the
 * statistics run on the first, and the charts are drawn when the run is over (issue 20).
 */
import { Worker } from 'node:worker_threads';
import type { Row } from '../engine/Engine.ts';
import type { ChartSpec } from '../charts/spec.ts';

export interface ChartJob {
  id: number;
  spec: ChartSpec;
  rows: readonly Row[];
}

export type ChartReply = { id: number; svg: string } | { id: number; error: string };

export interface ChartRenderer {
  render(spec: ChartSpec, rows: readonly Row[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * The worker's script. From the sources (tsx) it is chart-worker.ts beside this file, and
 * the worker registers tsx first; in the build (scripts/build-cli.js) this code sits in
 * dist-cli/chunks/ and the worker is the entry dist-cli/chart-worker.js.
 */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    const script = new URL('./chart-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('../chart-worker.js', import.meta.url));
}

export function startChartRenderer(): ChartRenderer {
  const worker = startWorker();
  const pending = new Map<number, { resolve: (svg: string) => void; reject: (e: Error) => void }>();
  let failure: Error | undefined;
  let next = 0;
  const failAll = (error: Error): void => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(failure);
    pending.clear();
  };
  worker.on('message', (reply: ChartReply | { ready: true }) => {
    if (!('id' in reply)) return;
    const job = pending.get(reply.id);
    pending.delete(reply.id);
    if ('svg' in reply) job?.resolve(reply.svg);
    else job?.reject(new Error(reply.error));
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the chart thread stopped (exit ${code})`)));
  return {
    render(spec, rows) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, spec, rows } satisfies ChartJob);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
