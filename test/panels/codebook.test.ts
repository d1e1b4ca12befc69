import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { describeTable } from '../../src/engine/tables.ts';
import { FINAL_OUTCOME } from '../../src/ingest/adapters/ties.ts';
import { CATALOG } from '../../src/ingest/catalog.ts';
import { loadFile, type LoadResult } from '../../src/ingest/index.ts';
import { isDictionary, labelOf, readCodebook } from '../../src/panels/codebook.ts';
import { writeDta } from '../ingest/dta-writer.ts';

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
});

afterAll(async () => {
  await engine.close();
});

/** A CSV with the TIES header the catalog recognises and invented rows. */
function tiesLikeCsv(): Uint8Array {
  const header = CATALOG.find((e) => e.id === 'ties-4.1')!.header;
  const row = (values: Record<string, number>): string =>
    header.map((h) => values[h] ?? '').join(',');
  const lines = [
    header.join(','),
    row({
      caseid: 1,
      startyear: 1990,
      sender1: 2,
      primarysender: 2,
      targetstate: 365,
      threat: 1,
      imposition: 1,
      sanctiontype: 4,
      finaloutcome: 7,
    }),
    row({
      caseid: 2,
      startyear: 1995,
      sender1: 2,
      primarysender: 2,
      targetstate: 710,
      threat: 1,
      imposition: 0,
      sanctiontype: 2,
      finaloutcome: 4,
    }),
  ];
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

async function load(table: string, fileName: string, bytes: Uint8Array): Promise<LoadResult> {
  return loadFile(engine, { table, fileName, source: { kind: 'bytes', bytes } });
}

describe('readCodebook', () => {
  it("reads a recognised dataset's variable descriptions and value labels, grouped by variable", async () => {
    const result = await load('cases', 'my-ties-extract.csv', tiesLikeCsv());
    expect(result.adapter?.id).toMatch(/^ties/);
    const dictionary = result.tables.find((t) => t.role === 'dictionary');
    expect(dictionary?.name).toBe('cases_dictionary');
    expect(isDictionary(dictionary!.columns)).toBe(true);
    expect(isDictionary(await describeTable(engine, 'cases'))).toBe(false);

    const codebook = await readCodebook(engine, dictionary!.name);
    const outcome = codebook.find((v) => v.variable === 'finaloutcome');
    expect(outcome?.description).toBe('Final outcome of the episode');
    expect(outcome?.values).toEqual(
      FINAL_OUTCOME.map(([value, label]) => ({ value: String(value), label })),
    );
    expect(labelOf(outcome, 7)).toBe('total acquiescence by target after imposition');
    expect(labelOf(outcome, 99)).toBeUndefined();
    // Each variable once, raw columns before the derived ones, as the loader wrote them.
    const names = codebook.map((v) => v.variable);
    expect(new Set(names).size).toBe(names.length);
    expect(names.indexOf('finaloutcome')).toBeLessThan(names.indexOf('success'));
    const success = codebook.find((v) => v.variable === 'success');
    expect(success?.values).toEqual([]);
    expect(success?.description).toMatch(/complied/);
  });

  it("reads a Stata file's own variable and value labels", async () => {
    const bytes = writeDta({
      release: 118,
      byteOrder: 'LSF',
      label: 'invented',
      variables: [
        {
          name: 'regime',
          type: 'byte',
          format: '%8.0g',
          valueLabel: 'regime',
          label: 'Regime type',
          values: [1, 2, 1],
        },
        { name: 'year', type: 'int', format: '%8.0g', label: 'Year', values: [2001, 2002, 2003] },
      ],
      valueLabels: { regime: { 1: 'democracy', 2: 'autocracy' } },
    });
    const result = await load('regimes', 'regimes.dta', bytes);
    const dictionary = result.tables.find((t) => t.role === 'dictionary');
    expect(dictionary).toBeDefined();
    const codebook = await readCodebook(engine, dictionary!.name);
    expect(codebook).toEqual([
      {
        variable: 'regime',
        description: 'Regime type',
        values: [
          { value: '1', label: 'democracy' },
          { value: '2', label: 'autocracy' },
        ],
      },
      { variable: 'year', description: 'Year', values: [] },
    ]);
    // A column profile reads one variable's rows only.
    expect(await readCodebook(engine, dictionary!.name, 'regime')).toEqual([codebook[0]]);
    expect(await readCodebook(engine, dictionary!.name, 'absent')).toEqual([]);
  });
});
