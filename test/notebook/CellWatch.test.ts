import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { CellWatch, StoppedError } from '../../src/notebook/CellWatch.ts';

/** Stopping one cell's run on native DuckDB: what the runner's time limit and cancel rely on. */

const FOREVER = 'SELECT count(*) AS n FROM range(1000000000000) t(i) WHERE i % 7 = 9';

let engine: NativeEngine;
beforeEach(async () => {
  engine = await NativeEngine.create();
});
afterEach(async () => {
  await engine.close();
});

describe('CellWatch', () => {
  it('interrupts a running statement at the time limit', async () => {
    const watch = new CellWatch(engine, 300);
    const started = performance.now();
    await expect(watch.engine.query(FOREVER)).rejects.toThrow(/Interrupted/);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(watch.reason).toBe('time limit');
    await watch.end();
    expect((await engine.query('SELECT 41 + 1 AS n')).rows).toEqual([{ n: 42 }]);
  });

  it('once stopped, the engine it hands out refuses the next statement of the cell', async () => {
    const watch = new CellWatch(engine, 0);
    expect((await watch.engine.query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    watch.stop('cancelled');
    const refused = await watch.engine.exec('CREATE TABLE t AS SELECT 1 AS n').catch((e) => e);
    expect(refused).toBeInstanceOf(StoppedError);
    expect((refused as StoppedError).reason).toBe('cancelled');
    await watch.end();
    const { rows } = await engine.query(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 't'",
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('keeps interrupting until the cell ends: a statement begun after the stop is caught too', async () => {
    const watch = new CellWatch(engine, 0);
    watch.stop('time limit');
    // The raw engine is not guarded: this stands for a statement already on its way.
    const started = performance.now();
    await expect(engine.query(FOREVER)).rejects.toThrow(/Interrupted/);
    expect(performance.now() - started).toBeLessThan(5_000);
    await watch.end();
    // After end() no interrupt is left to hit the next cell.
    await new Promise((done) => setTimeout(done, 400));
    expect((await engine.query('SELECT count(*) AS n FROM range(3000000)')).rows).toEqual([
      { n: 3000000 },
    ]);
  });

  it('with no limit (0) nothing is stopped', async () => {
    const watch = new CellWatch(engine, 0);
    const { rows } = await watch.engine.query(
      'SELECT count(*) AS n FROM range(20000000) t(i) WHERE i % 7 = 0',
    );
    expect(rows).toEqual([{ n: 2857143 }]);
    expect(watch.reason).toBeUndefined();
    await watch.end();
  });
});
