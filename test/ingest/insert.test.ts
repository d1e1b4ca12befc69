import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Params } from '../../src/engine/Engine.ts';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import {
  createTableFromColumns,
  createTableFromPacked,
  packTextColumns,
  type TextColumn,
} from '../../src/ingest/insert.ts';
import { createEngine, recordingEngine, rows, type SentStatement } from './helpers.ts';

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

/** The JSON size of each recorded statement's parameters. */
/** The statements run for their effect, as [sql, params]. */
function execs(sent: SentStatement[]): [string, Params | undefined][] {
  return sent.filter((s) => s.method === 'exec').map((s) => [s.sql, s.params]);
}

function paramSizes(statements: [string, Params | undefined][]): number[] {
  return statements
    .filter(([, params]) => params && params.length > 0)
    .map(([, params]) => new TextEncoder().encode(JSON.stringify(params)).length);
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
    const recorded = recordingEngine(engine);
    await createTableFromColumns(recorded.engine, 'wide_text', [
      { name: 'label', type: 'VARCHAR', values: text },
      { name: 'x', type: 'BIGINT', values: numbers },
    ]);
    const sizes = paramSizes(execs(recorded.sent));
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(256 * 1024);

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

  it('a table packed by the parse worker runs the very statements createTableFromColumns runs', async () => {
    const n = 30_000;
    const columns: TextColumn[] = [
      {
        name: 'label',
        type: 'VARCHAR',
        values: Array.from({ length: n }, (_, i) =>
          i % 7 === 0 ? null : `É\u007f${'x'.repeat(i % 50)}`,
        ),
      },
      {
        name: 'day',
        type: 'DATE',
        values: Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : '2001-02-03')),
      },
    ];
    const direct = recordingEngine(engine);
    await createTableFromColumns(direct.engine, 'direct', columns);
    // What crosses from the worker is structured-cloned: a JSON round trip is as strict.
    const packed = JSON.parse(JSON.stringify(packTextColumns(columns))) as ReturnType<
      typeof packTextColumns
    >;
    expect(packed.rows).toBe(n);
    const viaPacked = recordingEngine(engine);
    await createTableFromPacked(viaPacked.engine, 'direct', packed);
    expect(execs(viaPacked.sent).length).toBeGreaterThan(2);
    expect(execs(viaPacked.sent)).toEqual(execs(direct.sent));
  });
});
