import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { completionSchema, readSchema } from '../../src/ui/schema.ts';
import { dropAllTables } from '../../src/engine/tables.ts';

let engine: NativeEngine;

beforeEach(async () => {
  engine = await NativeEngine.create();
  await engine.exec(`CREATE TABLE episodes AS
    SELECT i AS id, i % 2 = 0 AS embassy_closed, 'Europe' AS "target region"
    FROM range(1, 8) t(i)`);
  await engine.exec('CREATE VIEW "closed ""ones""" AS SELECT * FROM episodes WHERE embassy_closed');
});

afterEach(async () => {
  await engine.close();
});

describe('the session schema', () => {
  it('lists tables with exact row counts and typed columns, and views uncounted', async () => {
    const schema = await readSchema(engine);
    expect(schema).toEqual([
      {
        name: 'closed "ones"',
        kind: 'view',
        rows: undefined,
        columns: [
          { name: 'id', type: 'BIGINT' },
          { name: 'embassy_closed', type: 'BOOLEAN' },
          { name: 'target region', type: 'VARCHAR' },
        ],
      },
      {
        name: 'episodes',
        kind: 'table',
        rows: 7,
        columns: [
          { name: 'id', type: 'BIGINT' },
          { name: 'embassy_closed', type: 'BOOLEAN' },
          { name: 'target region', type: 'VARCHAR' },
        ],
      },
    ]);
    expect(completionSchema(schema).episodes).toEqual(['id', 'embassy_closed', 'target region']);
  });

  it('clears every table and view for the next notebook', async () => {
    await dropAllTables(engine);
    expect(await readSchema(engine)).toEqual([]);
  });
});
