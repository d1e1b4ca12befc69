import { afterEach, describe, expect, it } from 'vitest';
import { redrawGap, Redraws } from '../../../src/ui/model/redraws.ts';
import { SessionTables } from '../../../src/ui/model/tables.svelte.ts';
import { timeLimitFromSearch } from '../../../src/ui/model/time-limit.ts';
import { labelledDta, labelledNotebook } from '../../charts/labelled-dta.ts';
import { sessionFixture, smallFiles, type Fixture } from './session-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.engine.close();
  fixture = undefined;
});

describe('SessionTables', () => {
  it('lists the tables after a run and keeps the same list when nothing changed', async () => {
    fixture = await sessionFixture();
    const tables = new SessionTables(fixture.access);
    await fixture.session.addFiles(await smallFiles());
    await tables.refresh();
    const first = tables.schema;
    expect(first.map((t) => t.name)).toContain('recent');
    expect(tables.completion.recent).toContain('success');
    await tables.refresh();
    expect(tables.schema).toBe(first);
  });
});

describe('SessionTables.labelsOf', () => {
  it('gives a Stata file’s variable labels to its table and to a derived table keeping the names', async () => {
    fixture = await sessionFixture();
    const tables = new SessionTables(fixture.access);
    const chart = ['from: by_eu', 'mark: barY', 'x: EU', 'y: cost'];
    await fixture.session.addFiles([
      new File([labelledDta() as BlobPart], 'sanctions.dta'),
      new File([labelledNotebook(chart)], 'labels.md'),
    ]);
    await tables.refresh();
    expect(tables.labelsOf('sanctions', ['EU', 'cost'])).toEqual({
      EU: 'EU SANCTION',
      cost: 'Cost to target (bn USD)',
    });
    // `n` is no dataset's column: it keeps its name.
    expect(tables.labelsOf('by_eu', ['EU', 'cost', 'n'])).toEqual({
      EU: 'EU SANCTION',
      cost: 'Cost to target (bn USD)',
    });
  });

  it('labels no column of a notebook without dictionaries', async () => {
    fixture = await sessionFixture();
    const tables = new SessionTables(fixture.access);
    await fixture.session.addFiles(await smallFiles());
    await tables.refresh();
    expect(tables.labelsOf('recent', ['success'])).toEqual({});
  });
});

describe('Redraws', () => {
  it('catches up once for any number of changes asked for before then', async () => {
    let draws = 0;
    const redraws = new Redraws(
      () => 0,
      () => (draws += 1),
    );
    redraws.soon();
    redraws.soon();
    expect(draws).toBe(0);
    await new Promise((done) => setTimeout(done, 0));
    expect(draws).toBe(1);
    redraws.now();
    expect(draws).toBe(2);
  });

  it('waits a little between catch-ups, and longer the longer the notebook', () => {
    expect(redrawGap(13, 200)).toBe(50);
    expect(redrawGap(100, 200)).toBe(100);
    expect(redrawGap(120, 200)).toBe(140);
    expect(redrawGap(5000, 200)).toBe(200);
  });
});

describe('timeLimitFromSearch', () => {
  it('reads seconds from the address, and nothing from a bad value', () => {
    expect(timeLimitFromSearch('?time-limit=2')).toBe(2000);
    expect(timeLimitFromSearch('?a=1&time-limit=0')).toBe(0);
    expect(timeLimitFromSearch('?time-limit=soon')).toBeUndefined();
    expect(timeLimitFromSearch('')).toBeUndefined();
  });
});
