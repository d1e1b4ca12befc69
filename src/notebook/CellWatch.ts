/**
 * Stops one cell's run from outside: at its time limit, or when the user cancels it.
 *
 * engine.cancel() only reaches a statement that is running at that moment, and a cell runs
 * several (its query, a row count, a preview; a logit dozens). So once stopped, the watch
 * interrupts again every few hundred milliseconds until the cell's work ends, and the engine it
 * hands the cell refuses any further call.
 */
import type { Engine } from '../engine/Engine.ts';

export type StopReason = 'time limit' | 'cancelled';

/** Thrown by the watched engine when the cell was stopped between two statements. */
export class StoppedError extends Error {
  constructor(readonly reason: StopReason) {
    super(`Stopped: ${reason}`);
    this.name = 'StoppedError';
  }
}

const REPEAT_MS = 250;

export class CellWatch {
  /** Why the cell was stopped, once it was. */
  reason: StopReason | undefined;
  /** The engine the cell must use: every call checks first whether the cell was stopped. */
  readonly engine: Engine;
  private readonly started = performance.now();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private repeat: ReturnType<typeof setInterval> | undefined;
  private cancelling: Promise<void> = Promise.resolve();

  /** `timeLimitMs` 0 (or less, or not finite) means no limit. */
  constructor(
    private readonly target: Engine,
    timeLimitMs: number,
  ) {
    if (timeLimitMs > 0 && Number.isFinite(timeLimitMs)) {
      this.timer = setTimeout(() => this.stop('time limit'), timeLimitMs);
    }
    this.engine = guarded(target, () => (this.reason ? new StoppedError(this.reason) : undefined));
  }

  /** Milliseconds since the watch started. */
  get elapsedMs(): number {
    return performance.now() - this.started;
  }

  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    clearTimeout(this.timer);
    this.interrupt();
    this.repeat = setInterval(() => this.interrupt(), REPEAT_MS);
  }

  /**
   * The cell's work is over: no more interrupts. Waits for those already sent, so none of them
   * reaches the next cell's statement (DuckDB-WASM delivers a cancel as a message to its worker).
   */
  async end(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.repeat);
    await this.cancelling;
  }

  private interrupt(): void {
    this.cancelling = this.cancelling.then(() => this.target.cancel()).catch(() => {});
  }
}

/**
 * The engine with `refusal` asked before every method call (cancel() excepted): an error it
 * returns is the call's rejection. Every Engine method returns a promise, so callers see the
 * refusal where they would see DuckDB's own error.
 */
function guarded(target: Engine, refusal: () => Error | undefined): Engine {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function' || property === 'cancel') return value;
      return (...args: unknown[]): unknown => {
        const error = refusal();
        if (error) return Promise.reject(error);
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}
