import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { labelsFor, readLabelIndex, valueLabelsFor } from '../../src/ingest/column-labels.ts';

let engine: NativeEngine;

beforeAll(async () => {
  engine = await NativeEngine.create();
});

afterAll(async () => {
  await engine.close();
});

/** A dictionary as the loaders write it: variable, description, value, label. */
async function dictionary(name: string, rows: [string, string | null][]): Promise<void> {
  const values = rows
    .map(
      ([v, d]) =>
        `('${v}', ${d === null ? 'NULL::VARCHAR' : `'${d}'`}, NULL::VARCHAR, NULL::VARCHAR)`,
    )
    .join(', ');
  await engine.exec(
    `CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${values}) AS t(variable, description, value, label)`,
  );
}

describe('readLabelIndex', () => {
  it('labels a loaded table from its own dictionary and other tables by unambiguous names', async () => {
    await dictionary('a_labels', [
      ['EU', 'EU SANCTION'],
      ['year', 'Year'],
      ['note', 'x'.repeat(81)],
    ]);
    await dictionary('b_dictionary', [
      ['EU', 'European Union member'],
      ['cost', 'Cost to target'],
    ]);
    // Named like a dictionary, shaped like none: not read.
    await engine.exec(`CREATE OR REPLACE TABLE c_labels AS SELECT 'EU' AS variable, 'no' AS text`);
    const index = await readLabelIndex(engine);
    expect(labelsFor(index, 'a', ['EU', 'year', 'note', 'cost'])).toEqual({
      EU: 'EU SANCTION',
      year: 'Year',
    });
    expect(labelsFor(index, 'A_LABELLED', ['EU'])).toEqual({ EU: 'EU SANCTION' });
    expect(labelsFor(index, 'b', ['EU', 'cost'])).toEqual({
      EU: 'European Union member',
      cost: 'Cost to target',
    });
    // A derived table: `EU` means two things across the datasets, so it stays a name; an
    // 81-character description is a sentence, not a name.
    expect(labelsFor(index, 'derived', ['EU', 'year', 'cost', 'note'])).toEqual({
      year: 'Year',
      cost: 'Cost to target',
    });
  });

  it('reads value labels per table, and by name only where one dictionary codes the name', async () => {
    await engine.exec(`CREATE OR REPLACE TABLE v_labels AS SELECT * FROM (VALUES
      ('EU', 'EU SANCTION', '0', 'No'), ('EU', 'EU SANCTION', '1', 'Yes'),
      ('stage', 'Stage', '1', 'threat'), ('stage', 'Stage', '2', 'imposed')
    ) AS t(variable, description, value, label)`);
    await engine.exec(`CREATE OR REPLACE TABLE w_labels AS SELECT * FROM (VALUES
      ('stage', 'Stage', '1', 'early')
    ) AS t(variable, description, value, label)`);
    const index = await readLabelIndex(engine);
    expect(valueLabelsFor(index, 'v', ['EU', 'stage'])).toEqual({
      EU: { '0': 'No', '1': 'Yes' },
      stage: { '1': 'threat', '2': 'imposed' },
    });
    expect(valueLabelsFor(index, 'derived', ['EU', 'stage'])).toEqual({
      EU: { '0': 'No', '1': 'Yes' },
    });
  });
});
