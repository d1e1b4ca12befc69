import { readFile } from 'node:fs/promises';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { Session } from '../../src/notebook/Session.ts';

const FIXTURES = 'test/fixtures/notebooks';
const open: NativeEngine[] = [];

/** A session on native DuckDB with the small fixture notebook and its dataset dropped in. */
export async function openSmall(): Promise<Session> {
  const engine = await NativeEngine.create();
  open.push(engine);
  const session = new Session(engine);
  const csv = new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv');
  const md = new File([await readFile(`${FIXTURES}/small.md`)], 'small.md');
  await session.addFiles([csv, md]);
  return session;
}

/** Closes the engines openSmall made (an afterEach). */
export async function closeSmall(): Promise<void> {
  for (const engine of open.splice(0)) await engine.close();
}
