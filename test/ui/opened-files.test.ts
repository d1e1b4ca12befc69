import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { Session } from '../../src/notebook/Session.ts';
import { openedFiles } from '../../src/ui/opened-files.ts';

const FIXTURES = 'test/fixtures/notebooks';
let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
});

afterAll(() => engine.close());

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('openedFiles', () => {
  it('lists the files that loaded, with the sha256 of their bytes and how they were used', async () => {
    const episodes = await readFile(`${FIXTURES}/episodes.csv`);
    const extra = 'country,code\nEastasia,1\nOceania,2\n';
    const session = new Session(engine);
    await session.addFiles([
      new File([episodes], 'episodes.csv'),
      new File([extra], 'Codes.csv'),
      new File(['a,b\n1,2\n'], 'demo-sanctions-synthetic.csv'),
      new File([await readFile(`${FIXTURES}/small.md`)], 'small.md'),
    ]);
    const opened = openedFiles(session, (name) => name.startsWith('demo-'));
    const summary = opened
      .map((f) => ({ name: f.name, sha256: f.sha256, table: f.table, size: f.blob.size }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(summary).toEqual([
      { name: 'Codes.csv', sha256: sha256(extra), table: true, size: extra.length },
      { name: 'episodes.csv', sha256: sha256(episodes), table: false, size: episodes.length },
    ]);
  });

  it('leaves out a dataset whose file has not been opened', async () => {
    await engine.exec('DROP TABLE IF EXISTS episodes');
    const session = new Session(engine);
    await session.addFiles([new File([await readFile(`${FIXTURES}/small.md`)], 'small.md')]);
    expect(session.runner.datasets.get('episodes')?.status).toBe('missing');
    expect(openedFiles(session, () => false)).toEqual([]);
  });
});
