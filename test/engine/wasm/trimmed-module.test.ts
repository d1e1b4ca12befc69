/**
 * The build's DuckDB-WASM modules keep only the exports the worker uses
 * (scripts/duckdb-wasm-plugin.ts). Every browser test runs the trimmed module; these check the
 * rewrite itself: what is kept, that nothing but the export section changes, and that the
 * result is still a valid module.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { trimmedModule, usedExports, type Flavor } from '../../../scripts/duckdb-wasm-plugin.ts';
import { exportNames, imports, keepExports, sections } from '../../../scripts/wasm-exports.ts';

const require = createRequire(import.meta.url);

function original(flavor: Flavor): { wasm: Uint8Array; script: string } {
  return {
    wasm: readFileSync(require.resolve(`@duckdb/duckdb-wasm/dist/duckdb-${flavor}.wasm`)),
    script: readFileSync(
      require.resolve(`@duckdb/duckdb-wasm/dist/duckdb-browser-${flavor}.worker.js`),
      'utf8',
    ),
  };
}

/** A module exporting three functions, `a`, `b` and `c`, returning 1, 2 and 3. */
function threeFunctions(): Uint8Array {
  const body = (n: number) => [0x04, 0x00, 0x41, n, 0x0b];
  const name = (s: string) => [s.length, ...new TextEncoder().encode(s)];
  const section = (id: number, content: number[]) => [id, content.length, ...content];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [0x01, 0x60, 0x00, 0x01, 0x7f]),
    ...section(3, [0x03, 0x00, 0x00, 0x00]),
    ...section(7, [0x03, ...name('a'), 0, 0, ...name('b'), 0, 1, ...name('c'), 0, 2]),
    ...section(10, [0x03, ...body(1), ...body(2), ...body(3)]),
  ]);
}

describe('keepExports', () => {
  it('drops the exports it is told to and leaves the functions working', async () => {
    const trimmed = keepExports(threeFunctions(), (name) => name !== 'b');
    expect(exportNames(trimmed)).toEqual(['a', 'c']);
    const { instance } = await WebAssembly.instantiate(trimmed);
    const exports = instance.exports as Record<string, () => number>;
    expect(exports.a()).toBe(1);
    expect(exports.c()).toBe(3);
    expect(exports.b).toBeUndefined();
  });

  it('refuses bytes that are not a module', () => {
    expect(() => keepExports(new TextEncoder().encode('<html>'), () => true)).toThrow(
      /not a WebAssembly module/,
    );
  });
});

describe.each(['eh', 'mvp'] as const)(
  "DuckDB-WASM's %s module as the build serves it",
  (flavor) => {
    const { wasm, script } = original(flavor);
    const trimmedBytes = trimmedModule(flavor);

    it('keeps every export the worker script reads and every symbol its GOT imports need', async () => {
      const trimmed = new Set(exportNames(await trimmedBytes));
      const exported = new Set(exportNames(wasm));
      const read = [...script.matchAll(/wasmExports\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
      expect(read.length).toBeGreaterThan(50);
      for (const name of read) expect(trimmed.has(name), name).toBe(exported.has(name));
      // In 1.32.0 the GOT imports name JavaScript library functions, not exports; this guards a
      // later DuckDB-WASM whose module links against its own exports.
      const got = imports(wasm).filter((i) => i.module.startsWith('GOT.'));
      expect(got.length).toBeGreaterThan(100);
      for (const { name } of got) expect(trimmed.has(name), name).toBe(exported.has(name));
      // Emscripten's JavaScript calls an export by `_name` (`_setThrew(1, 0)` in the MVP glue).
      const tokens = new Set(script.match(/[A-Za-z_$][\w$]*/g));
      for (const name of exported)
        if (tokens.has(`_${name}`)) expect(trimmed.has(name), name).toBe(true);
      for (const name of ['malloc', 'free', 'duckdb_web_open', 'duckdb_web_query_run']) {
        expect(trimmed.has(name), name).toBe(true);
      }
    });

    it('drops the rest: fewer than 2% of the exports are left', async () => {
      const before = exportNames(wasm).length;
      const after = exportNames(await trimmedBytes).length;
      expect(before).toBeGreaterThan(70_000);
      expect(after).toBeLessThan(before * 0.02);
      expect(after).toBe(usedExports(script, wasm).size);
    });

    it('changes nothing but the export section, and is still a valid module', async () => {
      const trimmed = await trimmedBytes;
      const a = sections(wasm).filter((s) => s.id !== 7);
      const b = sections(trimmed).filter((s) => s.id !== 7);
      expect(b.map((s) => s.id)).toEqual(a.map((s) => s.id));
      for (let i = 0; i < a.length; i++) {
        expect(Buffer.compare(a[i].bytes, b[i].bytes), `section ${a[i].id}`).toBe(0);
      }
      expect(WebAssembly.validate(trimmed)).toBe(true);
    });
  },
);
