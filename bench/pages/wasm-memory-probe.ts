/**
 * Lets the memory figure read the size of DuckDB's WebAssembly memory, which lives in the
 * worker where neither the page nor CDP's page metrics can see it. Every Worker the page
 * starts first runs a few lines that keep a reference to each WebAssembly.Memory the worker
 * creates or instantiates, in `self.__benchWasmMemories`; the bench reads their sizes with
 * Playwright's worker.evaluate(). Only installed when the page is opened with `?probe`.
 */
const PROBE = `
self.__benchWasmMemories = [];
const keep = (memory) => {
  if (!self.__benchWasmMemories.includes(memory)) self.__benchWasmMemories.push(memory);
};
const keepExports = (result) => {
  const instance = result instanceof WebAssembly.Instance ? result : result.instance;
  for (const value of Object.values(instance.exports)) {
    if (value instanceof WebAssembly.Memory) keep(value);
  }
  return result;
};
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = (...args) => instantiate.apply(WebAssembly, args).then(keepExports);
const streaming = WebAssembly.instantiateStreaming;
if (streaming) {
  WebAssembly.instantiateStreaming = (...args) =>
    streaming.apply(WebAssembly, args).then(keepExports);
}
WebAssembly.Memory = new Proxy(WebAssembly.Memory, {
  construct(target, args) {
    const memory = Reflect.construct(target, args);
    keep(memory);
    return memory;
  },
});
`;

export function installWasmMemoryProbe(): void {
  const PageWorker = globalThis.Worker;
  globalThis.Worker = class ProbedWorker extends PageWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      // The original script (DuckDB's blob: bootstrap) still runs, after the probe.
      const source = `${PROBE}\nimportScripts(${JSON.stringify(String(url))});`;
      super(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), options);
    }
  };
}

/** Evaluated inside the worker (Playwright serialises the function): total bytes. */
export function wasmMemoryBytesInWorker(): number {
  const memories = (self as unknown as { __benchWasmMemories?: WebAssembly.Memory[] })
    .__benchWasmMemories;
  return (memories ?? []).reduce((sum, memory) => sum + memory.buffer.byteLength, 0);
}
