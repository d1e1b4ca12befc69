/**
 * Messages between the page and arrow-worker.ts, which decodes a Parquet file with
 * parquet-wasm (Rust's arrow-rs/parquet compiled to WebAssembly) into Arrow IPC streams.
 */

/** Page → worker. `open` first; then one `read` per row group, each answered before the next. */
export type ArrowRequest = { type: 'open'; file: Blob } | { type: 'read'; rowGroup: number };

/** Worker → page. Every IPC buffer is transferred, not copied. */
export type ArrowReply =
  | {
      type: 'opened';
      /** The file's Arrow schema as an IPC stream with no batches. */
      schema: Uint8Array;
      /** Rows of each row group, in file order. */
      rowGroupRows: number[];
    }
  | { type: 'rows'; rowGroup: number; ipc: Uint8Array; rows: number }
  | { type: 'failed'; message: string };
