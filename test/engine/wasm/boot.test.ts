import { WorkerRequestType, WorkerResponseType } from '@duckdb/duckdb-wasm';
import { describe, expect, it } from 'vitest';
import { PROTOCOL, supportsExceptions } from '../../../src/engine/wasm/boot.ts';

describe("the page's early DuckDB start (boot.ts)", () => {
  it("speaks DuckDB-WASM's own worker protocol names", () => {
    expect(PROTOCOL.instantiate).toBe(WorkerRequestType.INSTANTIATE);
    expect(PROTOCOL.ok).toBe(WorkerResponseType.OK);
    expect(PROTOCOL.error).toBe(WorkerResponseType.ERROR);
  });

  it('picks the exceptions build where WebAssembly has exceptions (Node 20 has them)', () => {
    // A malformed probe would fail validation everywhere and always pick the slower build.
    expect(supportsExceptions()).toBe(true);
  });
});
