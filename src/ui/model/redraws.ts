/**
 * How often the page catches up with a running session. While a run goes on, the page catches
 * up a task later and at most every `gapMs`: the runner first sends its next statement to
 * DuckDB's worker, and the page renders while the worker computes, instead of the worker
 * waiting for the render. Each catch-up makes the browser redraw, which costs more the longer
 * the notebook is; drawn after every quick cell, thousands of cells spent most of their run
 * redrawing.
 */
export class Redraws {
  private pending = false;
  /** When the page last caught up (performance.now()). */
  private last = 0;

  /** `gapMs` is asked at each wait: it can follow the notebook's length (see redrawGap). */
  constructor(
    private readonly gapMs: () => number,
    private readonly draw: () => void,
  ) {}

  /** Catches up at once (a run's start and end, which tests and tools wait on). */
  now(): void {
    this.last = performance.now();
    this.draw();
  }

  /** Catches up later, once for any number of calls before then. */
  soon(): void {
    if (this.pending) return;
    this.pending = true;
    const wait = Math.max(0, this.last + this.gapMs() - performance.now());
    setTimeout(() => {
      this.pending = false;
      this.now();
    }, wait);
  }
}

/**
 * The shortest gap between catch-ups for a notebook of `cells` cells: 2 ms for each cell past
 * the first `SMALL`, but at least `MIN_MS` (so the states a quick run passes through — queued,
 * running, done, for each cell — are drawn together) and at most `maxMs`, since a redraw costs
 * more the longer the notebook. The gap passes `MIN_MS` from 76 cells on. A chart does not wait
 * for the gap (AppModel).
 */
export function redrawGap(cells: number, maxMs: number): number {
  return Math.min(maxMs, Math.max(MIN_MS, 2 * (cells - SMALL)));
}

const MIN_MS = 50;
const SMALL = 50;
