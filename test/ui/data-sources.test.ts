import { afterEach, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { CATALOG, type CatalogEntry } from '../../src/ingest/catalog.ts';
import { Session } from '../../src/notebook/Session.ts';
import { catalogItems, codebookSources } from '../../src/ui/data-sources.ts';
import { readSchema } from '../../src/ui/schema.ts';

let engine: NativeEngine | undefined;

afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const TIES = CATALOG.find((e) => e.id === 'ties-4.1')!;

/** The TIES header with two invented rows. */
function tiesLike(name: string): File {
  const row = (values: Record<string, number>): string =>
    TIES.header.map((h) => values[h] ?? '').join(',');
  const text = [
    TIES.header.join(','),
    row({ caseid: 1, startyear: 1990, threat: 1, imposition: 1, finaloutcome: 7 }),
    row({ caseid: 2, startyear: 1996, threat: 1, imposition: 0, finaloutcome: 4 }),
  ].join('\n');
  return new File([`${text}\n`], name);
}

const plain = (name: string): File => new File(['a,b\n1,2\n'], name);

async function session(): Promise<Session> {
  engine = await NativeEngine.create();
  return new Session(engine);
}

describe('codebookSources', () => {
  it('lists loose files an adapter recognised, with their dictionary and dataset', async () => {
    const s = await session();
    await s.addFiles([tiesLike('ties-extract.csv'), plain('other.csv')]);
    const sources = codebookSources([], s.looseTables, await readSchema(s.engine));
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatchObject({
      table: 'ties_extract',
      file: 'ties-extract.csv',
      dictionaries: ['ties_extract_dictionary'],
      adapter: { name: TIES.name, citation: TIES.citation },
    });
    // Not a catalogued release (invented rows): no version is claimed.
    expect(sources[0].adapter?.version).toBeUndefined();
  });

  it("lists a notebook's datasets that have a dictionary, recognised the way the loader does", async () => {
    const s = await session();
    const notebook = [
      '---',
      'datasets:',
      '  cases: ties-extract.csv',
      '  extra: other.csv',
      '---',
      '',
      '```sql n',
      'SELECT count(*) AS n FROM cases',
      '```',
      '',
    ].join('\n');
    await s.addFiles([
      tiesLike('ties-extract.csv'),
      plain('other.csv'),
      new File([notebook], 'nb.md'),
    ]);
    const datasets = [...s.runner.datasets.values()];
    const sources = codebookSources(datasets, s.looseTables, await readSchema(s.engine));
    expect(sources.map((x) => [x.table, x.file, x.dictionaries])).toEqual([
      ['cases', 'ties-extract.csv', ['cases_dictionary']],
    ]);
    expect(sources[0].adapter).toMatchObject({ name: TIES.name, citation: TIES.citation });
    expect(sources[0].adapter?.version).toBeUndefined();
  });
});

describe('catalogItems', () => {
  it('marks the catalogued release that was loaded, by its sha256, and no other', async () => {
    const s = await session();
    await s.addFiles([tiesLike('ties-extract.csv')]);
    const loaded = s.looseTables[0];
    const catalog: CatalogEntry[] = [
      { ...TIES, id: 'this-release', sha256: [loaded.sha256] },
      { ...TIES, id: 'another-release', sha256: ['0'.repeat(64)] },
    ];
    const items = catalogItems([], s.looseTables, catalog);
    expect(items.map((i) => [i.entry.id, i.loadedAs])).toEqual([
      ['this-release', 'ties_extract'],
      ['another-release', undefined],
    ]);
    // The real catalog lists every known dataset, none loaded here.
    const real = catalogItems([], s.looseTables);
    expect(real.map((i) => i.entry.id)).toEqual(CATALOG.map((e) => e.id));
    expect(real.every((i) => i.loadedAs === undefined)).toBe(true);
  });
});
