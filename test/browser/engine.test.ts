import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Params, QueryResult } from '../../src/engine/Engine.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { literal } from '../../src/engine/sql.ts';
import type { StatecraftHooks } from '../../src/ui/debug-hooks.ts';
import type { RequestLog } from './harness.ts';
import { startUiSession, stopUiSession, type UiSession } from './ui-helpers.ts';

/**
 * The built app in real headless Chromium: DuckDB-WASM must give the same column types and
 * values as native DuckDB for the same SQL, read registered files, report DuckDB's errors, and
 * never reach beyond the app's origin. Needs `npm run build` first (the test command does it).
 */

type PageWindow = { statecraft: StatecraftHooks };
type Outcome = { ok: true; result: QueryResult } | { ok: false; name: string; message: string };

let session: UiSession;
let page: Page;
let requests: RequestLog;
let consoleErrors: string[];
let native: NativeEngine;

beforeAll(async () => {
  // ?blank: an empty notebook, so the tables these tests create collide with nothing.
  session = await startUiSession('?blank');
  ({ page, requests, consoleErrors } = session.opened);
  console.log(`[browser] page open → data-state=ready: ${session.readyMs.toFixed(0)} ms`);
  native = await NativeEngine.create();
});

afterAll(async () => {
  await native?.close();
  await stopUiSession(session);
});

/** Runs a query in the page through window.statecraft; errors come back as values. */
function inBrowser(sql: string, params: Params = []): Promise<Outcome> {
  return page.evaluate(
    async ([text, values]) => {
      try {
        const hooks = (window as unknown as PageWindow).statecraft;
        return { ok: true as const, result: await hooks.query(text, values) };
      } catch (error) {
        const e = error as Error;
        return { ok: false as const, name: e.name, message: e.message };
      }
    },
    [sql, params] as const,
  );
}

async function inNode(sql: string, params: Params = []): Promise<Outcome> {
  try {
    return { ok: true, result: await native.query(sql, params) };
  } catch (error) {
    const e = error as Error;
    return { ok: false, name: e.name, message: e.message };
  }
}

async function wasmResult(sql: string, params: Params = []): Promise<QueryResult> {
  const outcome = await inBrowser(sql, params);
  if (!outcome.ok) throw new Error(`${outcome.name}: ${outcome.message}`);
  return outcome.result;
}

/** Both engines must agree on columns and rows, byte for byte once serialized. */
async function expectSameAsNative(sql: string, params: Params = []): Promise<QueryResult> {
  const [wasm, expected] = await Promise.all([wasmResult(sql, params), native.query(sql, params)]);
  expect(wasm.columns).toEqual(expected.columns);
  expect(wasm.rows).toEqual(expected.rows);
  expect(JSON.stringify(wasm)).toBe(JSON.stringify(expected));
  return wasm;
}

/** Runs a statement for its effect in both engines. */
async function inBoth(sql: string): Promise<void> {
  await wasmResult(sql);
  await native.exec(sql);
}

const INVENTED_CSV = [
  'case_id,sender,target,start_date,outcome,cost_musd,active',
  '1,Atlantis,Lemuria,1990-05-01,success,12.5,true',
  '2,Atlantis,Mu,1995-11-20,failure,,false',
  '3,Oceania,"Eastasia, Inc.",2001-01-15,success,3.25,true',
  '4,"Mu ""Republic""",Oceania,2010-07-04,,1000000.75,',
].join('\n');

describe('DuckDB-WASM in the built app', () => {
  it('runs DuckDB v1.4.3', async () => {
    const version = await page.evaluate(async () => {
      const engine = await (window as unknown as PageWindow).statecraft.engine();
      return { name: engine.name, version: await engine.version() };
    });
    expect(version).toEqual({ name: 'duckdb-wasm', version: 'v1.4.3' });
    expect(await page.textContent('#app')).toContain('v1.4.3');
    // Started under index.html's Content-Security-Policy without a single violation.
    expect(
      await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'),
    ).toContain("connect-src 'self'");
    expect(consoleErrors).toEqual([]);
  });

  it('returns the same types and values as native DuckDB for scalar types', async () => {
    const result = await expectSameAsNative(`
      SELECT 42::INTEGER AS i, 9007199254740993::BIGINT AS big, -7::TINYINT AS ti,
             300::SMALLINT AS si, 200::UTINYINT AS ut, 4000000000::UINTEGER AS ui,
             18446744073709551615::UBIGINT AS ub, 1.5::FLOAT AS f, 0.1::FLOAT AS f01,
             0.1::DOUBLE + 0.2 AS dbl, 1e300 * 10 AS inf, 'Ωmega "quoted"' AS v, true AS yes,
             false AS no, NULL AS nothing, NULL::VARCHAR AS null_text,
             170141183460469231731687303715884105727::HUGEINT AS huge,
             (-5)::HUGEINT AS huge_neg, 340282366920938463463374607431768211455::UHUGEINT AS uhuge,
             'ab\\x00c'::BLOB AS bytes, 'b'::ENUM('a', 'b', 'it''s') AS category`);
    expect(result.columns.map((c) => c.type).join(', ')).toBe(
      'INTEGER, BIGINT, TINYINT, SMALLINT, UTINYINT, UINTEGER, UBIGINT, FLOAT, FLOAT, DOUBLE, ' +
        'DOUBLE, VARCHAR, BOOLEAN, BOOLEAN, INTEGER, VARCHAR, HUGEINT, HUGEINT, UHUGEINT, BLOB, ' +
        "ENUM('a', 'b', 'it''s')",
    );
    expect(result.rows[0]).toMatchObject({
      i: 42,
      big: 9007199254740992,
      yes: true,
      nothing: null,
    });
  });

  it('returns the same DECIMAL doubles as native DuckDB, including wide and summed ones', async () => {
    // Deterministic pseudo-random unscaled values well past 2^53, where DuckDB's own
    // decimal-to-double cast and a correctly rounded conversion part ways.
    const result = await expectSameAsNative(`
      WITH g AS (
        SELECT i, (i * 2654435761 + 12345) % 1000000000000 AS a,
               (i * 40503 + 7) % 1000000 AS b, (i * 97 + 3) % 10000000000 AS c
        FROM range(1, 1501) t(i)
      ), d AS (
        SELECT i,
               CAST(concat(CASE WHEN i % 3 = 0 THEN '-' ELSE '' END, a, '.', lpad(b::VARCHAR, 6, '0'))
                    AS DECIMAL(18, 6)) AS d18,
               CAST(concat(CASE WHEN i % 4 = 1 THEN '-' ELSE '' END, a, lpad(b::VARCHAR, 6, '0'),
                           lpad((c % 1000)::VARCHAR, 3, '0'), '.', lpad(c::VARCHAR, 10, '0'))
                    AS DECIMAL(38, 10)) AS d38,
               CAST(concat(b % 100000, '.', lpad((c % 10000)::VARCHAR, 4, '0')) AS DECIMAL(9, 4)) AS d9,
               CAST(b % 1000 AS DECIMAL(4, 1)) / 10 AS d4
        FROM g
      )
      SELECT i, d18, d38, d9, d4, sum(d18) OVER (ORDER BY i) AS running, d38 * 3 AS tripled
      FROM d ORDER BY i`);
    expect(result.rows).toHaveLength(1500);
    expect(result.columns.map((c) => c.type)).toEqual([
      'BIGINT',
      'DECIMAL(18,6)',
      'DECIMAL(38,10)',
      'DECIMAL(9,4)',
      'DOUBLE',
      'DECIMAL(38,6)',
      'DECIMAL(38,10)',
    ]);
    await expectSameAsNative(
      'SELECT sum(x::INTEGER) AS s, sum(x) AS sb, avg(x::DECIMAL(10,2)) AS a, count(*) AS n FROM range(1000) t(x)',
    );
  });

  it('returns the same dates, timestamps and intervals as native DuckDB', async () => {
    const result = await expectSameAsNative(`
      SELECT DATE '2024-02-29' AS leap, DATE '1914-07-28' AS old, DATE '9999-12-31' AS far,
             TIMESTAMP '2024-03-01 12:34:56.789999' AS ts, TIMESTAMP '1969-12-31 23:59:59.9995' AS before_epoch,
             TIMESTAMPTZ '2024-03-01 12:34:56+00' AS tstz, TIMESTAMP_S '2024-01-01 00:00:01' AS ts_s,
             TIMESTAMP_MS '2024-01-01 00:00:01.5' AS ts_ms, TIMESTAMP_NS '2024-01-01 00:00:01.123456789' AS ts_ns,
             TIME '12:00:00.25' AS t,
             INTERVAL '1 year 2 months 3 days 04:05:06.789' AS iv, -INTERVAL 90 MINUTES AS iv_neg,
             DATE '2024-03-01' - DATE '2024-02-01' AS days`);
    expect(result.rows[0]).toMatchObject({
      leap: '2024-02-29',
      ts: '2024-03-01T12:34:56.789Z',
      iv: { months: 14, days: 3, micros: 14706789000 },
    });
  });

  it('writes dates and timestamps beyond years 1 to 9999, and infinities, as native DuckDB does', async () => {
    const result = await expectSameAsNative(`
      SELECT DATE '-5000-01-01' AS bc, DATE '0000-12-31' AS year_zero, DATE '10000-01-01' AS far,
             DATE 'infinity' AS d_inf, DATE '-infinity' AS d_neg,
             'infinity'::TIMESTAMP AS t_inf, '-infinity'::TIMESTAMP AS t_neg,
             'infinity'::TIMESTAMPTZ AS tz_inf, 'infinity'::TIMESTAMP_S AS s_inf,
             '-infinity'::TIMESTAMP_MS AS ms_neg, 'infinity'::TIMESTAMP_NS AS ns_inf,
             TIMESTAMP '-5000-01-01 01:02:03.456789' AS t_bc, TIMESTAMP '12000-06-30 23:59:59' AS t_far,
             [DATE 'infinity', NULL, DATE '2024-02-29'] AS list, {'d': DATE '-100-03-01'} AS struct,
             DATE '2024-02-29' AS plain`);
    expect(result.rows[0]).toEqual({
      bc: '5001-01-01 (BC)',
      year_zero: '0001-12-31 (BC)',
      far: '10000-01-01',
      d_inf: 'infinity',
      d_neg: '-infinity',
      t_inf: 'infinity',
      t_neg: '-infinity',
      tz_inf: 'infinity',
      s_inf: 'infinity',
      ms_neg: '-infinity',
      ns_inf: 'infinity',
      t_bc: '5001-01-01T01:02:03.456Z (BC)',
      t_far: '12000-06-30T23:59:59.000Z',
      list: ['infinity', null, '2024-02-29'],
      struct: { d: '0101-03-01 (BC)' },
      plain: '2024-02-29',
    });
    // The same text DuckDB writes for the dates itself.
    const own = await native.query(
      "SELECT CAST(DATE '-5000-01-01' AS VARCHAR) AS bc, CAST(DATE 'infinity' AS VARCHAR) AS d_inf",
    );
    expect(own.rows[0]).toEqual({ bc: result.rows[0].bc, d_inf: result.rows[0].d_inf });
  });

  it('returns the same lists, structs, maps and NULLs as native DuckDB', async () => {
    await expectSameAsNative(`
      SELECT [1, NULL, 3] AS ints, ['a', NULL] AS texts, []::INTEGER[] AS empty, [[1, 2], [3]] AS nested,
             [1.5, 2.25]::DECIMAL(5,2)[] AS decimals, [DATE '2020-01-01', NULL] AS dates,
             [TRUE, NULL, FALSE] AS flags, [INTERVAL 1 DAY, INTERVAL 2 HOURS] AS intervals,
             {'a': 1, 'my field': 'x', 'when': TIMESTAMP '2020-01-01 10:00:00'} AS s,
             {'x': NULL}::STRUCT(x INTEGER) AS s_null, NULL::STRUCT(x INTEGER) AS struct_null,
             [{'k': 1}, NULL] AS struct_list, MAP {'a': 1, 'b': NULL} AS m,
             [1, 2, 3]::INTEGER[3] AS arr, NULL::INTEGER[] AS list_null`);
    await expectSameAsNative(`
      SELECT * FROM (VALUES (1, 'a', NULL::DATE, NULL::DECIMAL(10,2)),
                            (NULL, NULL, DATE '2020-01-01', 2.50)) t(n, s, d, x)
      ORDER BY n NULLS LAST`);
    // More rows than one Arrow batch, so values come from several chunks.
    const many = await expectSameAsNative(
      `SELECT i, i * 1.5 AS x, CASE WHEN i % 7 = 0 THEN NULL ELSE [i, i + 1] END AS l,
              (i % 1000)::DECIMAL(10,3) AS d FROM range(5000) t(i) ORDER BY i`,
    );
    expect(many.rows).toHaveLength(5000);
  });

  it('reads ENUM columns and HUGEINT sums as native DuckDB does', async () => {
    await inBoth("CREATE TYPE regime AS ENUM ('democracy', 'anocracy', 'autocracy')");
    await inBoth(`CREATE TABLE episodes AS
      SELECT i AS id, (['democracy', 'autocracy', 'anocracy'])[i % 3 + 1]::regime AS target_regime,
             (i % 2)::INTEGER AS success
      FROM range(1, 41) t(i)`);
    const byRegime = await expectSameAsNative(`
      SELECT target_regime, count(*) AS n, sum(success) AS successes, avg(success) AS rate
      FROM episodes GROUP BY ALL ORDER BY target_regime`);
    expect(byRegime.columns.map((c) => c.type)).toEqual([
      "ENUM('democracy', 'anocracy', 'autocracy')",
      'BIGINT',
      'HUGEINT',
      'DOUBLE',
    ]);
    expect(byRegime.rows.map((r) => r.target_regime)).toEqual([
      'democracy',
      'anocracy',
      'autocracy',
    ]);
    await expectSameAsNative(
      'SELECT target_regime, sum(success) AS s FROM episodes WHERE id > ? GROUP BY ALL ORDER BY 1',
      [10],
    );
  });

  it('binds positional parameters through prepared statements', async () => {
    const result = await expectSameAsNative(
      `SELECT ?::INTEGER + 1 AS answer, ?::VARCHAR AS name, ?::DOUBLE * 2 AS twice,
              ?::BOOLEAN AS flag, ?::DATE AS day, ?::INTEGER AS missing`,
      [41, "O'Brien; DROP TABLE x; --", 1.25, true, '2024-02-29', null],
    );
    expect(result.rows[0]).toEqual({
      answer: 42,
      name: "O'Brien; DROP TABLE x; --",
      twice: 2.5,
      flag: true,
      day: '2024-02-29',
      missing: null,
    });
    const filtered = await expectSameAsNative(
      'SELECT count(*) AS n, sum(i) AS total FROM range(100) t(i) WHERE i < ? AND i % ? = 0',
      [50, 5],
    );
    expect(filtered.rows).toEqual([{ n: 10, total: 225 }]);
  });

  it('reads registered CSV bytes and files exactly as native DuckDB reads the same file', async () => {
    const bytes = Array.from(new TextEncoder().encode(INVENTED_CSV));
    const registered = await page.evaluate(
      async ([data, text]) => {
        const engine = await (window as unknown as PageWindow).statecraft.engine();
        const source = { kind: 'bytes' as const, bytes: new Uint8Array(data) };
        const first = await engine.registerFile('cases.csv', source);
        const second = await engine.registerFile('cases.csv', source);
        const file = new File([text], 'cases.csv', { type: 'text/csv' });
        const blob = { kind: 'blob' as const, blob: file };
        return {
          first,
          second,
          fromFile: await engine.registerFile('cases.csv', blob),
          bytesStillReadable: (await engine.readFile(source)).length,
          size: await engine.fileSize(blob),
          slice: new TextDecoder().decode(await engine.readSlice(blob, 0, 7)),
          fileBytes: (await engine.readFile(blob)).length,
        };
      },
      [bytes, INVENTED_CSV] as const,
    );
    expect(registered.first).not.toBe(registered.second);
    expect(registered.first).toMatch(/cases\.csv$/);
    expect(registered.bytesStillReadable).toBe(bytes.length);
    expect(registered.size).toBe(bytes.length);
    expect(registered.fileBytes).toBe(bytes.length);
    expect(registered.slice).toBe('case_id');

    const nativePath = await native.registerFile('cases.csv', {
      kind: 'bytes',
      bytes: new Uint8Array(bytes),
    });
    const sql = (path: string) => `SELECT * FROM read_csv(${literal(path)}) ORDER BY case_id`;
    const expected = await native.query(sql(nativePath));
    for (const path of [registered.first, registered.second, registered.fromFile]) {
      const wasm = await wasmResult(sql(path));
      expect(wasm).toEqual(expected);
    }
    expect(expected.rows).toHaveLength(4);
    expect(expected.rows[2]).toMatchObject({ target: 'Eastasia, Inc.', start_date: '2001-01-15' });
    expect(expected.columns.find((c) => c.name === 'cost_musd')?.type).toBe('DOUBLE');
  });

  it('refuses file paths, which do not exist in the browser', async () => {
    const message = await page.evaluate(async () => {
      const engine = await (window as unknown as PageWindow).statecraft.engine();
      try {
        await engine.registerFile('x.csv', { kind: 'path', path: '/etc/passwd' });
        return 'registered';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(message).toMatch(/^EngineError: .*no file paths/);
  });

  it("reports DuckDB's own error messages", async () => {
    for (const sql of ['SELECT * FROM no_such_table', "SELECT 'abc'::INTEGER", 'SELECT 1 +']) {
      const [wasm, expected] = await Promise.all([inBrowser(sql), inNode(sql)]);
      expect(wasm.ok).toBe(false);
      expect(expected.ok).toBe(false);
      if (wasm.ok || expected.ok) continue;
      expect(wasm.name).toBe('EngineError');
      // node-api prefixes parse errors with "Failed to extract statements: ".
      expect(expected.message.endsWith(wasm.message)).toBe(true);
      expect(wasm.message).toMatch(/^(Catalog|Conversion|Parser) Error: /);
    }
  });

  it('interrupts a running query on cancel() and stays usable', async () => {
    const outcome = await page.evaluate(async () => {
      const hooks = (window as unknown as PageWindow).statecraft;
      const engine = await hooks.engine();
      const started = performance.now();
      const running = engine.query('SELECT sum(hash(i)) AS h FROM range(20000000000) t(i)');
      await new Promise((done) => setTimeout(done, 500));
      await engine.cancel();
      const message = await running.then(
        () => 'finished',
        (error: Error) => error.message,
      );
      const after = await engine.query('SELECT 42 AS answer');
      return { message, seconds: (performance.now() - started) / 1000, after: after.rows };
    });
    expect(outcome.message).toMatch(/interrupt|cancel/i);
    expect(outcome.seconds).toBeLessThan(10);
    expect(outcome.after).toEqual([{ answer: 42 }]);
  });

  it('returns big results as Arrow through queryArrow', async () => {
    const shape = await page.evaluate(async () => {
      const engine = (await (window as unknown as PageWindow).statecraft.engine()) as unknown as {
        queryArrow(sql: string): Promise<{ numRows: number; numCols: number }>;
      };
      const table = await engine.queryArrow('SELECT i, i * 2 AS j FROM range(200000) t(i)');
      return { rows: table.numRows, cols: table.numCols };
    });
    expect(shape).toEqual({ rows: 200000, cols: 2 });
  });

  it('reads numeric columns whole as Float64Arrays, the same values as native', async () => {
    const sql =
      'SELECT i / 7 AS a, sqrt(i) AS b, CAST(i % 200 AS UTINYINT) AS c, CAST(i - 150000 AS INTEGER) AS d FROM range(300000) t(i)';
    const inPage = await page.evaluate(async (q) => {
      const engine = await (window as unknown as PageWindow).statecraft.engine();
      const [a, b, c, d] = await engine.queryNumbers(q);
      return {
        n: a.length,
        a: Array.from(a.subarray(299990)),
        b: Array.from(b.subarray(0, 5)),
        c: Array.from(c.subarray(195, 205)),
        d: Array.from(d.subarray(0, 3)),
      };
    }, sql);
    const [a, b, c, d] = await native.queryNumbers(sql);
    const expected = {
      n: 300000,
      a: Array.from(a.subarray(299990)),
      b: Array.from(b.subarray(0, 5)),
      c: Array.from(c.subarray(195, 205)),
      d: Array.from(d.subarray(0, 3)),
    };
    expect(expected.c).toEqual([195, 196, 197, 198, 199, 0, 1, 2, 3, 4]);
    expect(expected.d).toEqual([-150000, -149999, -149998]);
    expect(inPage).toEqual(expected);
  });

  it('refuses a statement binding more than 512 KB of parameters, and keeps working', async () => {
    const outcome = await page.evaluate(async () => {
      const engine = await (window as unknown as PageWindow).statecraft.engine();
      let message = '';
      try {
        await engine.query('SELECT length(?) AS n', ['x'.repeat(700_000)]);
      } catch (error) {
        message = String(error);
      }
      const after = await engine.query('SELECT 41 + 1 AS answer');
      return { message, after: after.rows[0].answer };
    });
    expect(outcome.message).toMatch(/binds 684 KB of parameters; .* at most 512 KB per statement/);
    expect(outcome.after).toBe(42);
  });
});

describe('privacy: nothing leaves the app origin', () => {
  let foreign: Server;
  let foreignUrl: string;
  const foreignHits: string[] = [];

  beforeAll(async () => {
    // Another origin on this machine, standing in for any remote host: DuckDB must never
    // reach it, whether for a remote file or an extension download.
    foreign = createServer((request, response) => {
      foreignHits.push(request.url ?? '');
      response.writeHead(404).end();
    });
    await new Promise<void>((done) => foreign.listen(0, '127.0.0.1', done));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    foreign.closeAllConnections();
    await new Promise((done) => foreign.close(done));
  });

  it('does not autoload extensions (Parquet and JSON are not built into DuckDB-WASM)', async () => {
    const parquet = await inBrowser(`SELECT * FROM read_parquet('/files/none.parquet')`);
    expect(parquet.ok).toBe(false);
    if (!parquet.ok) expect(parquet.message).toMatch(/parquet extension/);
  });

  it("blocks DuckDB's own requests to other origins (the page's CSP covers its worker)", async () => {
    const remote = await inBrowser(`SELECT * FROM read_csv(${literal(`${foreignUrl}/data.csv`)})`);
    expect(remote.ok).toBe(false);
    if (!remote.ok) expect(remote.message).toMatch(/disabled by configuration/);
    // Pointing extension downloads at the stand-in host is refused: the settings are locked.
    const repository = await inBrowser(
      `SET custom_extension_repository = ${literal(`${foreignUrl}/ext`)}`,
    );
    expect(repository.ok).toBe(false);
    if (!repository.ok) expect(repository.message).toMatch(/configuration has been locked/);
    const load = await inBrowser('LOAD parquet');
    expect(load.ok).toBe(false);
    expect(foreignHits).toEqual([]);
    expect(requests.foreign()).toEqual([]);
  });

  it('made every request of the session to its own origin, workers included', async () => {
    expect(requests.all.some((url) => url.endsWith('.wasm'))).toBe(true);
    expect(requests.all.some((url) => /duckdb-browser-(eh|mvp)\.worker/.test(url))).toBe(true);
    expect(requests.foreign()).toEqual([]);
    // The refused requests above make DuckDB log errors naming the stand-in host; nothing
    // else may be logged.
    expect(consoleErrors.filter((text) => !text.includes(foreignUrl))).toEqual([]);
  });
});
