/**
 * A worker started from a blob: URL inherits the page's Content-Security-Policy, whereas one
 * started from its script's URL would only get the policy of that script's response (none on a
 * plain static host). Inheriting it means connect-src 'self' also holds inside DuckDB: an
 * extension download or a remote URL in SQL is refused by the browser before any request.
 */
export function startWorker(script: string): { worker: Worker; release: () => void } {
  const bootstrap = `importScripts(${JSON.stringify(script)});`;
  const url = URL.createObjectURL(new Blob([bootstrap], { type: 'text/javascript' }));
  return { worker: new Worker(url), release: () => URL.revokeObjectURL(url) };
}

/** The worker runs at a blob: URL, against which relative URLs cannot be resolved. */
export function absolute(url: string): string {
  return new URL(url, globalThis.location.href).href;
}
