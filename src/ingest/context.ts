import type { Engine } from '../engine/Engine.ts';
import { throwIfAborted } from './abort.ts';
import type { ChunkReader } from './chunks.ts';
import { limitsFor, type IngestLimits } from './limits.ts';
import { mergeCounts, type MissingCounts } from './missing.ts';
import type { LoadOptions } from './types.ts';

/** Shared state of one load: the engine, progress reporting and cancellation. */
export class LoadContext {
  readonly warnings: string[] = [];
  /** Per table, what became missing at load (tokens, declared codes, Stata's `.a`–`.z`). */
  readonly missing = new Map<string, MissingCounts>();
  readonly limits: IngestLimits;
  private lastReport = 0;
  private lastPhase = '';

  constructor(
    readonly engine: Engine,
    readonly options: LoadOptions,
    readonly size: number,
  ) {
    this.limits = limitsFor(engine.name, options.limits);
  }

  addMissing(table: string, counts: MissingCounts): void {
    const into = this.missing.get(table) ?? {};
    mergeCounts(into, counts);
    if (Object.keys(into).length > 0) this.missing.set(table, into);
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  checkAborted(): void {
    throwIfAborted(this.options.signal);
  }

  progress(phase: string, bytes: number, rows?: number): void {
    const now = Date.now();
    // Chunk callbacks can be frequent; the UI only needs a few updates a second.
    if (phase === this.lastPhase && bytes < this.size && now - this.lastReport < 100) return;
    this.lastPhase = phase;
    this.lastReport = now;
    this.options.onProgress?.({
      phase,
      bytes,
      totalBytes: this.size,
      ...(rows === undefined ? {} : { rows }),
    });
  }

  /**
   * A chunk reader over the user's file that reports progress under `phase`; without one it
   * reports nothing (a pass that runs beside a load reporting its own progress).
   */
  reader(phase?: string): ChunkReader {
    return {
      engine: this.engine,
      source: this.options.source,
      size: this.size,
      signal: this.options.signal,
      ...(phase === undefined ? {} : { onChunk: (bytes: number) => this.progress(phase, bytes) }),
    };
  }

  /** Interrupts the running query when the signal fires; returns the unsubscribe function. */
  linkCancel(): () => void {
    const signal = this.options.signal;
    if (!signal) return () => {};
    const onAbort = (): void => {
      void this.engine.cancel();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  }
}
