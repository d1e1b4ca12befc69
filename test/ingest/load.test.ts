import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileSource } from '../../src/engine/Engine.ts';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { listTables } from '../../src/engine/tables.ts';
import { loadFile, type LoadProgress } from '../../src/ingest/index.ts';
import { bytes, createEngine, recordingEngine } from './helpers.ts';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

/** A CSV bigger than one read chunk (4 MiB), so progress has several steps. */
function bigCsv(): Uint8Array {
  const lines = ['id,country,value'];
  for (let i = 0; i < 250_000; i++)
    lines.push(`${i},Country number ${i % 200},${(i * 0.37).toFixed(2)}`);
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

describe('loadFile: progress and cancellation', () => {
  it('reports progress through the phases, in bytes of the whole file', async () => {
    const data = bigCsv();
    const seen: LoadProgress[] = [];
    const result = await loadFile(engine, {
      table: 'big',
      fileName: 'big.csv',
      source: bytes(data),
      onProgress: (p) => seen.push(p),
    });
    expect(result.tables[0].rows).toBe(250_000);
    expect(new Set(seen.map((p) => p.phase))).toEqual(
      new Set(['reading', 'loading', 'labelling', 'done']),
    );
    expect(seen.every((p) => p.totalBytes === data.length)).toBe(true);
    const reading = seen.filter((p) => p.phase === 'reading').map((p) => p.bytes);
    expect(reading.at(-1)).toBe(data.length);
    expect(reading).toEqual([...reading].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ phase: 'done', rows: 250_000 });
  });

  it('stops when the signal fires and leaves no table behind', async () => {
    const controller = new AbortController();
    const load = loadFile(engine, {
      table: 'cancelled',
      fileName: 'big.csv',
      source: bytes(bigCsv()),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'reading') controller.abort();
      },
    });
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
    expect(await listTables(engine)).not.toContain('cancelled');
  });
});

describe('loadFile: a large UTF-8 CSV', () => {
  it('is handed to DuckDB before the page reads it for its hash and text check', async () => {
    const data = bigCsv();
    expect(data.length).toBeGreaterThan(1_000_000);
    const recorded = recordingEngine(engine);
    // The scan reads the whole file through the engine: its read is noted in the same log.
    const noted = new Proxy(recorded.engine, {
      get(target, key) {
        if (key !== 'readFile') return Reflect.get(target, key, target) as unknown;
        return (source: FileSource) => {
          const sql = '-- the scan reads the file';
          recorded.sent.push({ method: 'query', sql, params: undefined });
          return target.readFile(source);
        };
      },
    });
    const result = await loadFile(noted, {
      table: 'beside',
      fileName: 'big.csv',
      source: bytes(data),
    });
    expect(result.tables[0].rows).toBe(250_000);
    const order = recorded.sent.map((s) => s.sql);
    const firstDuckDbRead = order.findIndex((sql) => /sniff_csv|read_csv/.test(sql));
    expect(firstDuckDbRead).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('-- the scan reads the file')).toBeGreaterThan(firstDuckDbRead);
  });
});
