import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { hasTable } from '../../src/engine/tables.ts';

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
  await engine.exec('CREATE TABLE Episodes AS SELECT 1 AS a');
  await engine.exec('CREATE VIEW recent AS SELECT * FROM Episodes');
  await engine.exec('CREATE TABLE gone AS SELECT 1 AS a');
  await engine.exec('CREATE VIEW orphan AS SELECT * FROM gone');
  await engine.exec('DROP TABLE gone');
  await engine.exec('CREATE SCHEMA elsewhere');
  await engine.exec('CREATE TABLE elsewhere.hidden AS SELECT 1 AS a');
});
afterAll(async () => engine.close());

describe('hasTable', () => {
  it('finds tables and views of the notebook in any case, as DuckDB matches names', async () => {
    expect(await hasTable(engine, 'Episodes')).toBe(true);
    expect(await hasTable(engine, 'episodes')).toBe(true);
    expect(await hasTable(engine, 'recent')).toBe(true);
  });

  it('does not see other schemas, DuckDB catalog views or missing names', async () => {
    expect(await hasTable(engine, 'hidden')).toBe(false);
    expect(await hasTable(engine, 'duckdb_tables')).toBe(false);
    expect(await hasTable(engine, 'pg_tables')).toBe(false);
    expect(await hasTable(engine, 'nope')).toBe(false);
    expect(await hasTable(engine, 'has "quotes"')).toBe(false);
  });

  it('counts a view whose table is gone as existing, so its own error can say what is missing', async () => {
    expect(await hasTable(engine, 'orphan')).toBe(true);
  });
});
