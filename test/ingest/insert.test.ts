import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Params } from '../../src/engine/Engine.ts';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { createTableFromColumns } from '../../src/ingest/insert.ts';
import { createEngine, rows } from './helpers.ts';

/**
 * Columns built in JavaScript reach DuckDB in statements whose bound parameters stay far below
 * the ~1 MB at which DuckDB-WASM 1.32 crashes, without losing, reordering or merging values.
 */

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

/** The real engine, recording the JSON size of every statement's parameters. */
function recordingParams(inner: Engine): { engine: Engine; sizes: number[] } {
  const sizes: number[] = [];
  const engine = new Proxy(inner, {
    get(target, property) {
      if (property === 'exec') {
        return (sql: string, params?: Params) => {
          if (params && params.length > 0) {
            sizes.push(new TextEncoder().encode(JSON.stringify(params)).length);
          }
          return target.exec(sql, params);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { engine, sizes };
}

describe('createTableFromColumns', () => {
  it('splits a large table into statements of at most 256 KB of parameters', async () => {
    const n = 60_000;
    // Non-ASCII text, quotes, backslashes and control characters all grow in JSON.
    const text = Array.from({ length: n }, (_, i) =>
      i % 97 === 0
        ? null
        : i % 89 === 0
          ? ''
          : `Côte d’Ivoire "${i}" \\ \u001f ${'é'.repeat(i % 40)}`,
    );
    const numbers = Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : String(i * 3)));
    const recorded = recordingParams(engine);
    await createTableFromColumns(recorded.engine, 'wide_text', [
      { name: 'label', type: 'VARCHAR', values: text },
      { name: 'x', type: 'BIGINT', values: numbers },
    ]);
    expect(recorded.sizes.length).toBeGreaterThan(10);
    expect(Math.max(...recorded.sizes)).toBeLessThanOrEqual(256 * 1024);

    const back = await rows(engine, 'SELECT label, x FROM wide_text');
    expect(back).toHaveLength(n);
    // Row order and every value survive the statement boundaries.
    expect(back.map((r) => r.label)).toEqual(text);
    expect(back.map((r) => r.x)).toEqual(numbers.map((v) => (v === null ? null : Number(v))));
  });

  it('keeps NULL apart from the empty string and text holding the separators', async () => {
    await createTableFromColumns(engine, 'tricky', [
      {
        name: 't',
        type: 'VARCHAR',
        values: [null, '', '=', '\u007f', '\u001f\u001e', 'a\u007fb', ' '],
      },
    ]);
    expect((await rows(engine, 'SELECT t FROM tricky')).map((r) => r.t)).toEqual([
      null,
      '',
      '=',
      '\u007f',
      '\u001f\u001e',
      'a\u007fb',
      ' ',
    ]);
  });
});
