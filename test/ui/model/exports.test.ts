import { afterEach, describe, expect, it } from 'vitest';
import { sessionFixture, smallWithExports, type Fixture } from './session-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.engine.close();
  fixture = undefined;
});

async function setup() {
  fixture = await sessionFixture();
  const { exports, saved } = await smallWithExports(fixture);
  return { exports, saved, fixture };
}

describe('Exports', () => {
  it('saves the notebook as it stands and a whole table as CSV', async () => {
    const { exports, saved, fixture } = await setup();
    exports.saveNotebook();
    await exports.downloadCsv('recent');
    expect(saved.map((s) => s.name)).toEqual(['small.md', 'recent.csv']);
    expect(await saved[0]!.blob.text()).toBe(fixture.session.text);
    const csv = (await saved[1]!.blob.text()).trim().split(/\r?\n/);
    expect(csv).toHaveLength(17);
  });

  it('writes Parquet, and says what failed', async () => {
    const { exports, saved, fixture } = await setup();
    await exports.downloadParquet('recent');
    expect(saved.map((s) => s.name)).toEqual(['recent.parquet']);
    const bytes = new Uint8Array(await saved[0]!.blob.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('PAR1');
    await exports.downloadCsv('no_such_table');
    expect(fixture.notices).toHaveLength(1);
  });
});
