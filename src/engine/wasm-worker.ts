import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

/**
 * DuckDB's worker, started by the page's entry script before DuckDB-WASM's own JavaScript has
 * loaded: the worker script (most of a megabyte) downloads and runs meanwhile. It is the
 * worker of the EH build, the one selectBundle picks in every browser with WebAssembly
 * exception handling; a browser without it gets the MVP worker instead and this one stops.
 * This module imports nothing else, so that the entry stays small.
 */

export interface StartedWorker {
  worker: Worker;
  /** Frees the bootstrap's blob: URL once the worker has loaded its script. */
  release: () => void;
}

let early: (StartedWorker & { script: string }) | undefined;

export function startWorkerEarly(): void {
  try {
    const script = absolute(ehWorker);
    early ??= { script, ...startWorker(script) };
  } catch {
    // No worker this early; instantiateDuckDB tries again and reports what goes wrong.
  }
}

/** The worker started early when it runs `script`, or a new one. */
export function workerFor(script: string): StartedWorker {
  const started = early;
  early = undefined;
  if (started?.script === script) return started;
  started?.worker.terminate();
  started?.release();
  return startWorker(script);
}

/**
 * A worker started from a blob: URL inherits the page's Content-Security-Policy, whereas one
 * started from its script's URL would only get the policy of that script's response (none on a
 * plain static host). Inheriting it means connect-src 'self' also holds inside DuckDB: an
 * extension download or a remote URL in SQL is refused by the browser before any request.
 */
function startWorker(script: string): StartedWorker {
  const bootstrap = `importScripts(${JSON.stringify(script)});`;
  const url = URL.createObjectURL(new Blob([bootstrap], { type: 'text/javascript' }));
  return { worker: new Worker(url), release: () => URL.revokeObjectURL(url) };
}

/** The worker runs at a blob: URL, against which relative URLs cannot be resolved. */
export function absolute(url: string): string {
  return new URL(url, globalThis.location.href).href;
}
