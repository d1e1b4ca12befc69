/** A session on native DuckDB and the access the stores get from AppModel, for Node tests. */
import { readFile } from 'node:fs/promises';
import { NativeEngine } from '../../../src/engine/NativeEngine.ts';
import { Session } from '../../../src/notebook/Session.ts';
import type { SessionAccess } from '../../../src/ui/model/access.ts';
import { MemoryStore } from '../memory-store.ts';
import { NotebookDocument } from '../../../src/ui/model/document.svelte.ts';
import { Exports } from '../../../src/ui/model/exports.ts';
import type { ChartSvg } from '../../../src/ui/model/replication.ts';

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

/**
 * Exports over `doc` that keep what they would download in `saved` instead (`chartSvg`: how
 * charts become SVG outside a page, e.g. the CLI's renderChartSvg).
 */
export function collectingExports(fixture: Fixture, doc: NotebookDocument, chartSvg?: ChartSvg) {
  const saved: { name: string; blob: Blob }[] = [];
  const exports = new Exports(
    fixture.access,
    doc,
    () => '1.4.3',
    (name, blob) => saved.push({ name, blob }),
    chartSvg,
  );
  return { exports, saved };
}

/** The small notebook open with its data, a document mirroring it, and collecting Exports. */
export async function smallWithExports(fixture: Fixture) {
  const doc = new NotebookDocument(fixture.access);
  await fixture.session.addFiles(await smallFiles());
  doc.mirror(fixture.session, true);
  return { doc, ...collectingExports(fixture, doc) };
}

export { MemoryStore };
