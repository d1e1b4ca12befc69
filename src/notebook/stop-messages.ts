/**
 * What a cell says when it was stopped (time limit, cancel) or DuckDB ran out of memory:
 * what happened, and what a notebook user can do about it where they are. DuckDB's own advice
 * (`SET memory_limit`, `SET threads`) is no use here: notebook cells refuse SET.
 */
import type { StopReason } from './CellWatch.ts';

/** Where the notebook runs, for advice that can be followed there. */
export interface RunPlace {
  surface: 'browser' | 'command line';
  /** The notebook's file name, for a command line to copy. */
  notebookFile: string;
}

/** Five minutes: far beyond any cell of the bundled notebooks, short of a forgotten tab. */
export const DEFAULT_TIME_LIMIT_MS = 5 * 60_000;

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Number(s.toFixed(1))} s`;
}

/** A limit twice the current one, in whole seconds: the number to suggest. */
function raised(limitMs: number): number {
  return Math.max(2, Math.ceil((limitMs * 2) / 1000));
}

/** Said when the browser's DuckDB had to be restarted to stop the query (see WasmEngine). */
export const RESTARTED = 'DuckDB was restarted to stop the query; the datasets were reloaded.';

/** `restarted`: the engine was restarted to stop the query, so the notebook's tables were reloaded. */
export function stoppedMessage(
  reason: StopReason,
  elapsedMs: number,
  limitMs: number,
  place: RunPlace,
  restarted = false,
): string {
  const after = restarted ? ` ${RESTARTED}` : '';
  if (reason === 'cancelled') {
    return `Cancelled by you after ${seconds(elapsedMs)}.${after} Run the cell again to restart it; edits to other cells leave it stopped.`;
  }
  const next = raised(limitMs);
  const command = `npx statecraft run ${place.notebookFile} --time-limit ${next}`;
  const how =
    place.surface === 'browser'
      ? `add ?time-limit=${next} to the page's address (seconds; 0 for none), or run the notebook on the command line: ${command}`
      : `${command} (seconds; 0 for none)`;
  return `Stopped after ${seconds(limitMs)}: the time limit for one cell.${after} Make the query cheaper (filter or aggregate earlier, join fewer rows), or raise the limit: ${how}.`;
}

/** An interrupt nobody in this runner asked for (a cancel sent to the engine directly). */
export function interruptedMessage(elapsedMs: number): string {
  return `The query was interrupted after ${seconds(elapsedMs)}, before it finished. Run the cell again to restart it.`;
}

export function isInterrupt(message: string): boolean {
  return /^INTERRUPT Error|\binterrupted!?$|query was cancell?ed/i.test(message);
}

export function isOutOfMemory(message: string): boolean {
  return /Out of Memory Error|\bout of memory\b/i.test(message);
}

/**
 * DuckDB's out-of-memory error without its SET advice: how much it wanted, the limit it hit,
 * and how to need less.
 */
export function outOfMemoryMessage(message: string, place: RunPlace): string {
  const sizes = /of size ([\d.]+ \w+) \(([\d.]+ \w+)\/([\d.]+ \w+) used\)/.exec(message);
  const what = sizes
    ? `it needed ${sizes[1]} more with ${sizes[2]} of its ${sizes[3]} memory limit in use`
    : 'it reached its memory limit';
  const fewer =
    'Keep fewer rows and columns before this step: filter with WHERE, select only the columns you need, and aggregate (GROUP BY with count, sum, avg) rather than collecting values with list() or string_agg().';
  const elsewhere =
    place.surface === 'browser'
      ? ` A browser tab gives DuckDB far less memory than the computer has; the command line can use it: npx statecraft run ${place.notebookFile}.`
      : ' Or run the notebook on a computer with more memory.';
  return `DuckDB ran out of memory: ${what}. ${fewer}${elsewhere}`;
}
