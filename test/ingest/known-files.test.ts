import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/Engine.ts';
import { describeTable } from '../../src/engine/tables.ts';
import { loadDelimited } from '../../src/ingest/csv.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { knownCsv } from '../../src/ingest/known-files.ts';
import { textTokens } from '../../src/ingest/missing.ts';
import { dataDir, knownFilesJson, knownReadings } from '../../scripts/known-files.ts';
import { createEngine, recordingEngine, rows } from './helpers.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(() => engine.close());

describe('known files (the demo data the app ships)', () => {
  it('data/known-files.json is what a full load of each demo CSV finds (else: npm run data:known)', async () => {
    const committed: unknown = JSON.parse(await readFile(knownFilesJson, 'utf8'));
    expect(committed).toEqual(await knownReadings());
  });

  it.each(['demo-sanctions-synthetic.csv', 'demo-cyber-synthetic.csv'])(
    'reading %s the known way builds the same table as sniffing it',
    async (file) => {
      const path = resolve(dataDir, file);
      const bytes = await readFile(path);
      const sample = bytes.subarray(0, 64 * 1024).toString('utf8');
      const tokens = textTokens(undefined);
      const { createHash } = await import('node:crypto');
      const known = knownCsv(createHash('sha256').update(bytes).digest('hex'), tokens);
      expect(known?.file).toBe(file);
      const sniffed = await loadDelimited(engine, path, 'sniffed', sample, tokens);
      expect(await loadDelimited(engine, path, 'known', sample, tokens, known)).toEqual(sniffed);
      expect(await describeTable(engine, 'known')).toEqual(await describeTable(engine, 'sniffed'));
      const [counts] = await rows(
        engine,
        `SELECT (SELECT count(*) FROM known) AS n,
                (SELECT count(*) FROM (FROM known EXCEPT ALL FROM sniffed)) AS only_known,
                (SELECT count(*) FROM (FROM sniffed EXCEPT ALL FROM known)) AS only_sniffed`,
      );
      expect(Number(counts.n)).toBeGreaterThan(100);
      expect(Number(counts.only_known)).toBe(0);
      expect(Number(counts.only_sniffed)).toBe(0);
    },
  );

  it('loadFile skips the sniffer for the shipped bytes, and sniffs a file that differs by one byte', async () => {
    const bytes = new Uint8Array(await readFile(resolve(dataDir, 'demo-sanctions-synthetic.csv')));
    const load = async (data: Uint8Array, table: string) => {
      const recorded = recordingEngine(engine);
      const result = await loadFile(recorded.engine, {
        source: { kind: 'bytes', bytes: data },
        fileName: 'demo-sanctions-synthetic.csv',
        table,
      });
      expect(result.tables[0].rows).toBe(1240);
      return { log: recorded.sent.map((s) => s.sql), result };
    };
    const { log: shipped, result: known } = await load(bytes, 'shipped');
    // One statement reads the file; nothing asks DuckDB what the known file holds.
    expect(shipped.filter((sql) => /sniff_csv|DESCRIBE|count\(/.test(sql))).toEqual([]);
    expect(shipped.filter((sql) => sql.includes('read_csv')).length).toBe(1);
    const changed = bytes.slice();
    // The file's last `a` (in a `false`): `fAlse` is still a boolean to DuckDB.
    changed[changed.lastIndexOf(0x61)] = 0x41;
    expect(changed).not.toEqual(bytes);
    const { log: other, result: sniffed } = await load(changed, 'changed');
    expect(other.some((sql) => sql.includes('sniff_csv'))).toBe(true);
    expect(known.tables[0].columns).toEqual(sniffed.tables[0].columns);
    expect(known.warnings).toEqual(sniffed.warnings);
    const [diff] = await rows(
      engine,
      'SELECT count(*) AS n FROM (FROM shipped EXCEPT ALL FROM changed)',
    );
    expect(Number(diff.n)).toBe(0);
  });

  it('is not used when the notebook reads the file with other missing-value tokens', () => {
    const sha = '58c9e372727f227b54cee9ba13878b3c2cffe41e8819cdaf025f42eca55138d8';
    expect(knownCsv(sha, textTokens(undefined))?.file).toBe('demo-sanctions-synthetic.csv');
    expect(knownCsv(sha, textTokens([]))).toBeUndefined();
  });
});
