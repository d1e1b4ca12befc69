/**
 * A fresh start for each notebook the reader opens. Tables left by the previous notebook
 * would let the new one read names that do not exist when the command line runs it, so a
 * notebook that works here would fail there; and the runner's input values and dataset
 * states belong to the notebook they were made for.
 */
import { dropAllTables } from '../engine/tables.ts';
import { Session } from './Session.ts';

/** Resolves once the session is not running (its last queued run finished). */
export function idle(session: Session): Promise<void> {
  return new Promise((done) => {
    if (session.state !== 'running') return done();
    const stop = session.subscribe(() => {
      if (session.state !== 'running') {
        stop();
        done();
      }
    });
  });
}

/**
 * A new session on the same engine, for a new notebook: empty tables, no inputs, but the
 * files the reader already opened stay available to it.
 */
export async function freshSession(previous: Session): Promise<Session> {
  await idle(previous);
  // In the engine's line, so a panel still reading the old tables finishes first.
  await previous.read(dropAllTables);
  const next = new Session(previous.engine, { recordDatasets: previous.recordDatasets });
  for (const [name, file] of previous.files) next.files.set(name, file);
  return next;
}
