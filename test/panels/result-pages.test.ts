import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { listTables } from '../../src/engine/tables.ts';
import {
  cappedText,
  capResult,
  fetchPage,
  naturalOrder,
  ORDER_SCHEMA,
  pageSql,
  releaseOrder,
  sortRows,
  type RowOrder,
} from '../../src/panels/result-pages.ts';

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  // The browser test's million-row result, made the way a sql cell makes it.
  await engine.exec(
    'CREATE TABLE big AS SELECT range AS i, hash(range) % 100 AS g FROM range(1000000)',
  );
});

afterAll(async () => {
  await engine.close();
});

/** Reads a whole table page by page, as the result table does when scrolled to the end. */
async function readAll(order: RowOrder, total: number, size: number): Promise<Row[]> {
  const out: Row[] = [];
  for (let offset = 0; offset < total; offset += size) {
    out.push(...(await fetchPage(engine, order, offset, size)).rows);
  }
  return out;
}

describe('fetchPage', () => {
  it('reads the last rows of a million-row table without reading the rest', async () => {
    const page = await fetchPage(engine, naturalOrder('big'), 999_990, 50);
    // Only what exists past the offset comes back.
    expect(page.rows.map((r) => r.i)).toEqual(Array.from({ length: 10 }, (_, k) => 999_990 + k));
    const direct = await engine.query('SELECT i, hash(i) % 100 AS g FROM big WHERE i >= 999990');
    expect(page.rows.map((r) => r.g)).toEqual(direct.rows.map((r) => r.g));
    expect(page.columns.map((c) => c.name)).toEqual(['i', 'g']);
    console.log(`[result-pages] last page of 1,000,000 rows in ${page.ms.toFixed(1)} ms (native)`);
  });

  it('refuses a position that is not a whole number of rows', () => {
    expect(() => pageSql(naturalOrder('big'), -1, 10)).toThrow(/row position/);
    expect(() => pageSql(naturalOrder('big'), 0, 2.5)).toThrow(/row position/);
  });
});

describe('sortRows', () => {
  const values = [5, null, 3, 5, 1, null, 3, 9, 5, 0];

  async function smallTable(name: string): Promise<void> {
    const tuples = values.map((v, k) => `(${k}, ${v === null ? 'NULL' : v})`).join(', ');
    await engine.exec(
      `CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${tuples}) AS v(id, score)`,
    );
  }

  /** The order a user expects: by score, NULLs last either way, ties in stored order. */
  function expected(descending: boolean): number[] {
    return values
      .map((score, id) => ({ id, score }))
      .sort((a, b) => {
        if (a.score === null || b.score === null) {
          return a.score === b.score ? a.id - b.id : a.score === null ? 1 : -1;
        }
        return (descending ? b.score - a.score : a.score - b.score) || a.id - b.id;
      })
      .map((r) => r.id);
  }

  it('pages through a sort stably: every row once, NULLs last, ties in stored order', async () => {
    await smallTable('scores');
    for (const descending of [false, true]) {
      const order = await sortRows(engine, 'scores', { column: 'score', descending });
      expect(order.permutation).toBeDefined();
      const rows = await readAll(order, values.length, 3);
      expect(rows.map((r) => r.id)).toEqual(expected(descending));
      await releaseOrder(engine, order);
    }
  });

  it('keeps its sorted orders out of the tables a notebook or the data panel sees', async () => {
    const order = await sortRows(engine, 'scores', { column: 'score', descending: false });
    expect(await listTables(engine)).not.toContain(order.permutation);
    expect((await listTables(engine)).some((t) => t.startsWith('order_'))).toBe(false);
    const before = await engine.query(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ?`,
      [ORDER_SCHEMA],
    );
    expect(before.rows[0].n).toBeGreaterThan(0);
    await releaseOrder(engine, order);
    const after = await engine.query(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ?`,
      [ORDER_SCHEMA],
    );
    expect(after.rows[0].n).toBe(Number(before.rows[0].n) - 1);
  });

  it('sorts a view too (no row ids there, so by ORDER BY per page)', async () => {
    await engine.exec('CREATE OR REPLACE VIEW scores_view AS SELECT * FROM scores');
    const order = await sortRows(engine, 'scores_view', { column: 'score', descending: true });
    expect(order.permutation).toBeUndefined();
    const rows = await readAll(order, values.length, 20);
    expect(rows.map((r) => r.score)).toEqual(expected(true).map((id) => values[id]));
  });

  it('sorts a million rows once, then serves any page quickly and in the right order', async () => {
    const started = performance.now();
    const order = await sortRows(engine, 'big', { column: 'g', descending: true });
    const sortMs = performance.now() - started;
    const middle = await fetchPage(engine, order, 500_000, 60);
    const last = await fetchPage(engine, order, 999_970, 60);
    console.log(
      `[result-pages] 1,000,000 rows sorted in ${sortMs.toFixed(0)} ms; a page from the middle in ${middle.ms.toFixed(1)} ms, the last in ${last.ms.toFixed(1)} ms (native)`,
    );
    // The same rows DuckDB gives for the whole ORDER BY, at those positions.
    const direct = await engine.query(
      `SELECT i FROM (SELECT i, row_number() OVER (ORDER BY g DESC NULLS LAST, i) - 1 AS pos FROM big)
       WHERE pos >= 500000 AND pos < 500060 OR pos >= 999970 ORDER BY pos`,
    );
    expect([...middle.rows, ...last.rows].map((r) => r.i)).toEqual(direct.rows.map((r) => r.i));
    expect(last.rows.every((r) => r.g === 0)).toBe(true);
    expect(last.rows).toHaveLength(30);
    await releaseOrder(engine, order);
  });

  it('quotes the table and column it sorts by', async () => {
    const table = 'weird "name"; --';
    await engine.exec(
      `CREATE TABLE "weird ""name""; --" AS SELECT * FROM (VALUES (2, 'b'), (1, 'a')) AS v("a ""col""", x)`,
    );
    const order = await sortRows(engine, table, { column: 'a "col"', descending: false });
    const page = await fetchPage(engine, order, 0, 10);
    expect(page.rows.map((r) => r.x)).toEqual(['a', 'b']);
    await releaseOrder(engine, order);
  });
});

describe('values capped for the page (issue 14, finding 3)', () => {
  beforeAll(async () => {
    await engine.exec(
      `CREATE TABLE long_text AS SELECT 1 AS i, repeat('x', 5000000) AS t, repeat('😀', 1500) AS e, 'short' AS s`,
    );
  });

  it('a page carries a long text as its first 1,000 characters and its length', async () => {
    const columns = (await engine.query('SELECT * FROM long_text LIMIT 0')).columns;
    const inSql = (await fetchPage(engine, naturalOrder('long_text'), 0, 10, columns)).rows[0];
    const inPage = (await fetchPage(engine, naturalOrder('long_text'), 0, 10)).rows[0];
    const expected = {
      i: 1,
      t: `${'x'.repeat(1000)}… (5,000,000 characters)`,
      e: `${'😀'.repeat(1000)}… (1,500 characters)`,
      s: 'short',
    };
    // DuckDB cuts (the text never leaves its worker) exactly as the page would.
    expect(inSql).toEqual(expected);
    expect(inPage).toEqual(expected);
    const sorted = await sortRows(engine, 'long_text', { column: 't', descending: true });
    expect((await fetchPage(engine, sorted, 0, 10, columns)).rows[0]).toEqual(expected);
    await releaseOrder(engine, sorted);
  });

  it('short values and results pass through untouched', () => {
    expect(cappedText('x'.repeat(1000))).toBe('x'.repeat(1000));
    const once = cappedText('😀'.repeat(5000));
    expect(cappedText(once)).toBe(once);
    const result = { columns: [{ name: 'a', type: 'VARCHAR' }], rows: [{ a: 'short' }] };
    expect(capResult(result)).toBe(result);
    const list = Array.from({ length: 500 }, (_, i) => i);
    expect(capResult({ columns: [], rows: [{ l: list }] }).rows[0].l).toMatch(
      /^\[0,1,2,.*… \(1,891 characters\)$/,
    );
  });
});
