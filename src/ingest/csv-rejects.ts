import type { Engine } from '../engine/Engine.ts';
import { literal, ident } from '../engine/sql.ts';

let rejectsCounter = 0;

/**
 * Runs `use` with read_csv options that record rejected rows in two fresh tables, dropped
 * afterwards, and the name of the one that lists the rows.
 */
export async function withRejects<T>(
  engine: Engine,
  use: (rejects: string, errorsTable: string) => Promise<T>,
): Promise<T> {
  const id = `${Date.now().toString(36)}_${++rejectsCounter}`;
  const errorsTable = `ingest_rejects_${id}`;
  const scansTable = `ingest_reject_scans_${id}`;
  try {
    return await use(
      `, store_rejects = true, rejects_table = ${literal(errorsTable)}, rejects_scan = ${literal(scansTable)}`,
      errorsTable,
    );
  } finally {
    await engine.exec(`DROP TABLE IF EXISTS ${ident(errorsTable)}`);
    await engine.exec(`DROP TABLE IF EXISTS ${ident(scansTable)}`);
  }
}
