import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';

/**
 * Dates and timestamps a JS Date cannot hold (infinities) or writes in its own way (years
 * before 1 or after 9999) come out as DuckDB's text on the command line. The browser engine's
 * parity with this is in test/browser/engine.test.ts.
 */
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
});

afterAll(() => engine?.close());

describe('dates beyond years 1 to 9999 on the command line', () => {
  it('writes them as DuckDB casts them to text, with (BC), and keeps other dates as before', async () => {
    const { rows } = await engine.query(
      "SELECT DATE '-5000-01-01' AS d, CAST(DATE '-5000-01-01' AS VARCHAR) AS own, DATE '10000-01-01' AS far, DATE '0001-01-01' AS first",
    );
    expect(rows).toEqual([
      { d: '5001-01-01 (BC)', own: '5001-01-01 (BC)', far: '10000-01-01', first: '0001-01-01' },
    ]);
  });

  it('writes infinite dates and timestamps as infinity and -infinity, not an error', async () => {
    const { rows } = await engine.query(
      "SELECT DATE 'infinity' AS d, '-infinity'::DATE AS n, 'infinity'::TIMESTAMP AS t, '-infinity'::TIMESTAMPTZ AS tz",
    );
    expect(rows).toEqual([{ d: 'infinity', n: '-infinity', t: 'infinity', tz: '-infinity' }]);
  });
});
