/**
 * The Web Worker behind ArrowReader (arrow-load.ts): parquet-wasm decodes the picked file one
 * row group at a time, reading only that group's byte ranges from the File, and posts each as
 * an Arrow IPC stream. Decoding here keeps the page responsive and runs beside DuckDB's own
 * worker, which inserts the previous row group meanwhile.
 */
import init, { ParquetFile } from 'parquet-wasm/esm';
// Only Vite builds this worker (the command line's esbuild never reaches it), so the asset
// import is safe here: the .wasm is emitted into the app's own assets, never fetched elsewhere.
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ArrowReply, ArrowRequest } from './arrow-protocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ArrowRequest>) => void) | null;
  postMessage(message: ArrowReply, transfer?: Transferable[]): void;
};

let file: ParquetFile | undefined;
/** One request at a time, in order: the page waits for each answer before the next. */
let queue: Promise<void> = Promise.resolve();

scope.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data));
};

async function handle(request: ArrowRequest): Promise<void> {
  try {
    if (request.type === 'open') {
      await init({ module_or_path: new URL(wasmUrl, import.meta.url) });
      file = await ParquetFile.fromFile(request.file);
      const metadata = file.metadata();
      const rowGroupRows = metadata.rowGroups().map((group) => group.numRows());
      const schema = file.schema().intoIPCStream();
      scope.postMessage({ type: 'opened', schema, rowGroupRows }, [schema.buffer]);
      return;
    }
    if (!file) throw new Error('no file is open');
    const rows = file.metadata().rowGroup(request.rowGroup).numRows();
    // One batch per row group: fewer, larger batches are cheaper for DuckDB to scan.
    const table = await file.read({ rowGroups: [request.rowGroup], batchSize: Math.max(1, rows) });
    const ipc = table.intoIPCStream();
    scope.postMessage({ type: 'rows', rowGroup: request.rowGroup, ipc, rows }, [ipc.buffer]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ type: 'failed', message });
  }
}
