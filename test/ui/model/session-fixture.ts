/** A session on native DuckDB and the access the stores get from AppModel, for Node tests. */
import { readFile } from 'node:fs/promises';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { Session } from '../../../src/notebook/Session.ts';
import type { SessionAccess } from '../../../src/ui/model/access.ts';
import { MemoryStore } from '../memory-store.ts';

export const FIXTURES = 'test/fixtures/notebooks';

export interface Fixture {
  engine: NativeEngine;
  session: Session;
  access: SessionAccess;
  notices: string[];
}

export async function sessionFixture(): Promise<Fixture> {
  const engine = await NativeEngine.create();
  const session = new Session(engine);
  const notices: string[] = [];
  const access: SessionAccess = {
    session: () => session,
    current: () => session,
    notify: (message) => notices.push(message),
  };
  return { engine, session, access, notices };
}

/** The small fixture notebook and its dataset, as the page receives them. */
export async function smallFiles(): Promise<File[]> {
  return [
    new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv'),
    new File([await readFile(`${FIXTURES}/small.md`)], 'small.md'),
  ];
}

export { MemoryStore };
