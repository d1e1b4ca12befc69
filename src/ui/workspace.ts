/**
 * A fresh start for each notebook the reader opens. Tables left by the previous notebook
 * would let the new one read names that do not exist when the command line runs it, so a
 * notebook that works here would fail there; and the runner's input values and dataset
 * states belong to the notebook they were made for.
 */
import type { Engine } from '../engine/Engine.ts';
import { ident } from '../engine/sql.ts';
import { Session } from '../notebook/Session.ts';

/** Drops every table and view in the main schema (views first: they may read tables). */
export async function clearTables(engine: Engine): Promise<void> {
  const { rows } = await engine.query(
    `SELECT table_name, table_type FROM information_schema.tables
     WHERE table_schema = 'main' ORDER BY table_type = 'VIEW' DESC`,
  );
  for (const row of rows) {
    const kind = row.table_type === 'VIEW' ? 'VIEW' : 'TABLE';
    await engine.exec(`DROP ${kind} IF EXISTS ${ident(String(row.table_name))} CASCADE`);
  }
}

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
  await clearTables(previous.engine);
  const next = new Session(previous.engine);
  for (const [name, file] of previous.files) next.files.set(name, file);
  return next;
}
