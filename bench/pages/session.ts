/**
 * The input-latency figure without the app's UI: the same Session the app drives, and the
 * chart drawn with the project's renderChart into this page. What the UI adds on top of this
 * (Svelte updates, layout) is the difference between the `input` and `input-session` figures.
 */
import { renderChart } from '../../src/charts/index.ts';
import { WasmEngine } from '../../src/engine/wasm/WasmEngine.ts';
import { Session } from '../../src/notebook/Session.ts';
import type { BenchWindow, SessionApi, Timed } from './api.ts';

const engine = WasmEngine.create();
let session: Session | undefined;

/** Draws the notebook's (only) chart and waits for the frame that paints it. */
async function draw(current: Session): Promise<number> {
  const cell = [...current.runner.cells.values()].find((c) => c.chart !== undefined);
  if (!cell?.chart) {
    const problems = [...current.runner.cells.values()]
      .filter((c) => c.error)
      .map((c) => `${c.key}: ${c.error?.message}`);
    throw new Error(
      `The notebook drew no chart${problems.length ? `: ${problems.join('; ')}` : ''}`,
    );
  }
  const target = document.getElementById('chart')!;
  target.replaceChildren(renderChart(cell.chart.spec, cell.chart.rows, document));
  await new Promise((done) => requestAnimationFrame(done));
  return cell.chart.rows.length;
}

async function timed(task: () => Promise<number>): Promise<Timed<number>> {
  const started = performance.now();
  const value = await task();
  return { ms: performance.now() - started, value };
}

const api: SessionApi = {
  openPicked: async () => {
    const input = document.querySelector<HTMLInputElement>('[data-testid=file-input]');
    const files = [...(input?.files ?? [])];
    if (files.length === 0) throw new Error('No files picked in [data-testid=file-input]');
    const current = new Session(await engine);
    session = current;
    return timed(async () => {
      await current.addFiles(files);
      return draw(current);
    });
  },
  change: async (name, value) => {
    const current = session;
    if (!current) throw new Error('openPicked() first');
    return timed(async () => {
      await current.setInput(name, value);
      return draw(current);
    });
  },
};

(window as unknown as BenchWindow).benchSession = api;
