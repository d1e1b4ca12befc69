import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { listTables } from '../../src/engine/tables.ts';
import { Session, type FileLoad } from '../../src/notebook/Session.ts';

/** Loading data files into a session: progress as it goes, and a load the user cancels. */

let engine: NativeEngine | undefined;

afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** An invented CSV of `rows` rows, a few MB for a few hundred thousand rows. */
function generatedCsv(name: string, rows: number): File {
  const lines = ['id,year,region,score'];
  for (let i = 0; i < rows; i++)
    lines.push(`${i},${1950 + (i % 70)},region ${i % 7},${(i * 7919) % 1000}`);
  return new File([`${lines.join('\n')}\n`], name);
}

function watch(session: Session): FileLoad[] {
  const seen: FileLoad[] = [];
  session.subscribe(() => {
    if (session.loading && seen.at(-1) !== session.loading) seen.push(session.loading);
  });
  return seen;
}

describe('Session.addFiles', () => {
  it('reports the bytes read and, at the end, the rows loaded', async () => {
    engine = await NativeEngine.create();
    const session = new Session(engine);
    const seen = watch(session);
    const file = generatedCsv('scores.csv', 400_000);
    await session.addFiles([file]);
    expect(session.loading).toBeUndefined();
    expect(session.state).toBe('ready');
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((l) => l.fileName === 'scores.csv' && l.index === 1 && l.count === 1)).toBe(
      true,
    );
    expect(seen.every((l) => l.progress.totalBytes === file.size)).toBe(true);
    const bytes = seen.map((l) => l.progress.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    // Reading is reported in chunks, before the end.
    expect(bytes.some((b) => b > 0 && b < file.size)).toBe(true);
    const last = seen.at(-1)!.progress;
    expect(last.phase).toBe('done');
    expect(last.rows).toBe(400_000);
    expect((await engine.query('SELECT count(*) AS n FROM scores')).rows[0].n).toBe(400_000);
  });

  it('cancels a load: nothing of the file is kept and the session goes on working', async () => {
    engine = await NativeEngine.create();
    const session = new Session(engine);
    const notebook = await readFile('test/fixtures/notebooks/small.md');
    const episodes = await readFile('test/fixtures/notebooks/episodes.csv');
    await session.addFiles([
      new File([episodes], 'episodes.csv'),
      new File([notebook], 'small.md'),
    ]);
    const tablesBefore = await listTables(engine);

    const big = generatedCsv('big.csv', 600_000);
    const other = generatedCsv('other.csv', 10);
    // Cancel as soon as the first chunk has been read, as a user clicking Cancel would.
    let cancelled = false;
    session.subscribe(() => {
      if (!cancelled && session.loading && session.loading.progress.bytes > 0) {
        cancelled = session.cancelLoad();
      }
    });
    const outcome = await session.addFiles([big, other]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(cancelled).toBe(true);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).name).toBe('AbortError');
    expect((outcome as Error).message).toContain('big.csv');
    expect((outcome as Error).message).toContain('1 file(s) added with it were not loaded');
    expect(session.loading).toBeUndefined();
    expect(session.cancelLoad()).toBe(false);
    expect(session.state).toBe('ready');
    expect(session.files.has('big.csv')).toBe(false);
    expect(session.files.has('other.csv')).toBe(false);
    expect(await listTables(engine)).toEqual(tablesBefore);

    // The session keeps working: the notebook re-runs and the next file loads.
    await session.setInput('from_year', 1990);
    expect(((await session.results()).recent as unknown[]).length).toBe(8);
    await session.addFiles([generatedCsv('later.csv', 25)]);
    expect((await engine.query('SELECT count(*) AS n FROM later')).rows[0].n).toBe(25);
  });
});
