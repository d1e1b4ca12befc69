import { afterEach, describe, expect, it } from 'vitest';
import { closeSmall, openSmall } from './small-session.ts';

afterEach(closeSmall);

describe('Session.read', () => {
  it('reads between two cells, never while one runs', async () => {
    const session = await openSmall();
    const seen: { running: string[]; recent: string | undefined; rows: number }[] = [];
    const running = (): string[] =>
      [...session.runner.cells.values()].filter((c) => c.status === 'running').map((c) => c.key);
    const reads: Promise<void>[] = [];
    const stop = session.subscribe(() => {
      // Asked while a cell runs: the read waits for that cell to end.
      if (session.runner.cells.get('recent')?.status !== 'running' || reads.length > 0) return;
      reads.push(
        session.read(async (db) => {
          const { rows } = await db.query('SELECT count(*) AS n FROM recent');
          const recent = session.runner.cells.get('recent')?.status;
          seen.push({ running: running(), recent, rows: Number(rows[0]!.n) });
        }),
      );
    });
    await session.setInput('from_year', 1990);
    stop();
    await Promise.all(reads);
    expect(seen).toEqual([{ running: [], recent: 'ok', rows: 8 }]);
  });

  it('passes on a failed read and keeps the line going', async () => {
    const session = await openSmall();
    await expect(session.read((db) => db.query('SELECT * FROM no_such_table'))).rejects.toThrow();
    const { rows } = await session.read((db) => db.query('SELECT count(*) AS n FROM recent'));
    expect(Number(rows[0]!.n)).toBe(16);
  });
});

describe('Session.setInput', () => {
  it('runs what uses the input without parsing the unchanged document again', async () => {
    const session = await openSmall();
    const notebook = session.runner.notebook;
    await session.setInput('from_year', 1990);
    expect(session.runner.notebook).toBe(notebook);
    expect(session.runner.cells.get('recent')?.rows).toBe(8);
    // An edit of the text is parsed as before.
    await session.setText(session.text.replace('value: 1970', 'value: 1980'));
    expect(session.runner.notebook).not.toBe(notebook);
  });
});
