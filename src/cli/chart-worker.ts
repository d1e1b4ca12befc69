/**
 * The command line's chart thread (see charts-off-thread.ts): loads jsdom and Observable Plot
 * and turns each chart it is sent into SVG text with renderChartSvg, the function the command
 * line used on its main thread before, so the SVG files are the same.
 */
import { parentPort } from 'node:worker_threads';
import { renderChartSvg } from '../charts/svg-node.ts';
import type { ChartJob, ChartReply } from './charts-off-thread.ts';

const port = parentPort;
if (!port) throw new Error('chart-worker.ts runs only as a worker thread');
port.on('message', ({ id, spec, rows }: ChartJob) => {
  let reply: ChartReply;
  try {
    reply = { id, svg: renderChartSvg(spec, rows) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
