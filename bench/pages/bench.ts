/**
 * The bench page: the project's own runRate, runLogit and loadFile on the project's WasmEngine,
 * built for production like the app, and nothing else on the page. The Node side times calls
 * through window.bench; every time is taken here with performance.now() so that Playwright's
 * round trips never count.
 */
import { WasmEngine } from '../../src/engine/wasm/WasmEngine.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { runLogit } from '../../src/stats/logit/run-logit.ts';
import { runRate } from '../../src/stats/rate.ts';
import { useSliceHelper } from '../../src/stats/logit/slice-helper.ts';
import { WorkerSliceHelper } from '../../src/stats/worker/WorkerSliceHelper.ts';
import type { BenchApi, BenchWindow, Timed } from './api.ts';
import { installWasmMemoryProbe } from './wasm-memory-probe.ts';

if (new URLSearchParams(location.search).has('probe')) installWasmMemoryProbe();

// As the app does (src/ui/start-app.ts): big logits sum half their rows on a second thread.
useSliceHelper(() => new WorkerSliceHelper());
const engine = WasmEngine.create();

async function timed<T>(task: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await task();
  return { ms: performance.now() - started, value };
}

function pickedFile(): File {
  const input = document.querySelector<HTMLInputElement>('[data-testid=file-input]');
  const file = input?.files?.[0];
  if (!file) throw new Error('No file picked in [data-testid=file-input]');
  return file;
}

const api: BenchApi = {
  ready: async () => (await engine).version(),
  exec: async (sql) => {
    const ready = await engine;
    return timed(async () => {
      await ready.exec(sql);
      return null;
    });
  },
  query: async (sql) => (await engine).query(sql),
  rate: async (spec) => {
    const ready = await engine;
    return timed(() => runRate(ready, spec));
  },
  logit: async (spec) => {
    const ready = await engine;
    return timed(() => runLogit(ready, spec));
  },
  loadPicked: async (table) => {
    const ready = await engine;
    const file = pickedFile();
    const phases: Record<string, number> = {};
    const started = performance.now();
    return timed(async () => {
      const result = await loadFile(ready, {
        table,
        fileName: file.name,
        source: { kind: 'blob', blob: file },
        onProgress: ({ phase }) => {
          phases[phase] ??= performance.now() - started;
        },
      });
      return { rows: result.tables[0]?.rows ?? 0, bytes: file.size, phases };
    });
  },
};

(window as unknown as BenchWindow).bench = api;
