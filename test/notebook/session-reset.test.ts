import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { listTableEntries } from '../../src/engine/tables.ts';
import { Session } from '../../src/notebook/Session.ts';
import { freshSession, idle } from '../../src/notebook/session-reset.ts';

const FIXTURES = 'test/fixtures/notebooks';
let engine: NativeEngine | undefined;

afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe('freshSession', () => {
  it('waits for the run, drops every table and keeps the opened files', async () => {
    engine = await NativeEngine.create();
    const session = new Session(engine);
    const csv = new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv');
    const md = new File([await readFile(`${FIXTURES}/small.md`)], 'small.md');
    // Not awaited: the reset has to wait for this run to end.
    const opening = session.addFiles([csv, md]);
    await new Promise<void>((started) => {
      const stop = session.subscribe(() => {
        if (session.state !== 'running') return;
        stop();
        started();
      });
    });
    const next = await freshSession(session);
    await opening;
    expect(session.runner.cells.get('recent')?.status).toBe('ok');
    expect(await listTableEntries(engine)).toEqual([]);
    expect(next).not.toBe(session);
    expect(next.text).toBe('');
    expect([...next.files.keys()]).toEqual(['episodes.csv']);
  });

  it('idle resolves at once for a session that is not running', async () => {
    engine = await NativeEngine.create();
    const session = new Session(engine);
    session.state = 'ready';
    await expect(idle(session)).resolves.toBeUndefined();
  });
});
