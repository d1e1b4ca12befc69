/**
 * A worker started from a blob: URL inherits the page's Content-Security-Policy, whereas one
 * started from its script's URL would only get the policy of that script's response (none on a
 * plain static host). Inheriting it means connect-src 'self' also holds inside DuckDB: an
 * extension download or a remote URL in SQL is refused by the browser before any request.
 */
export function startWorker(
  script: string,
  prelude?: () => void,
): { worker: Worker; release: () => void } {
  // `prelude` runs in the worker first, as its own source text: it may use only globals.
  const before = prelude ? `(${prelude.toString()})();\n` : '';
  const bootstrap = `${before}importScripts(${JSON.stringify(script)});`;
  const url = URL.createObjectURL(new Blob([bootstrap], { type: 'text/javascript' }));
  return { worker: new Worker(url), release: () => URL.revokeObjectURL(url) };
}

/** The worker runs at a blob: URL, against which relative URLs cannot be resolved. */
export function absolute(url: string): string {
  return new URL(url, globalThis.location.href).href;
}

/**
 * DuckDB-WASM 1.32.0's MVP worker (browsers without WebAssembly exceptions) catches DuckDB's
 * C++ exceptions, thrown for every statement DuckDB refuses, through JavaScript that calls some
 * of its module's exports by Emscripten's global names (`_setThrew`, `___cxa_can_catch`, …)
 * that its script never defines: each such statement ended in "_setThrew is not defined"
 * instead of DuckDB's message. This gives every function the first instantiated module (DuckDB's)
 * exports that global name, unless the worker's global scope has it already; the script's own
 * definitions live inside its closure and still come first. Runs in the worker, before its
 * script.
 */
export function defineExportGlobals(): void {
  const scope = self as unknown as Record<string, unknown>;
  let defined = false;
  const keep = <T>(result: T): T => {
    const instance =
      result instanceof WebAssembly.Instance
        ? result
        : (result as { instance?: WebAssembly.Instance }).instance;
    if (instance && !defined) {
      defined = true;
      for (const [name, value] of Object.entries(instance.exports)) {
        if (typeof value === 'function' && !(`_${name}` in scope)) scope[`_${name}`] = value;
      }
    }
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  const instantiate = WebAssembly.instantiate.bind(WebAssembly) as (
    ...args: unknown[]
  ) => Promise<unknown>;
  WebAssembly.instantiateStreaming = (...args) => streaming(...args).then(keep);
  (WebAssembly as { instantiate: unknown }).instantiate = (...args: unknown[]) =>
    instantiate(...args).then(keep);
}
