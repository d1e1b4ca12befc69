// @vitest-environment jsdom
// The HTML report draws its charts and prose with the DOM, which jsdom provides.
import { afterEach, describe, expect, it } from 'vitest';
import { NotebookDocument } from '../../../src/ui/model/document.svelte.ts';
import { labelledDta, labelledNotebook } from '../../charts/labelled-dta.ts';
import {
  collectingExports,
  sessionFixture,
  smallWithExports,
  type Fixture,
} from './session-fixture.ts';

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

describe('Exports.exportHtml', () => {
  it('writes the notebook and its results as one HTML report', async () => {
    const { exports, saved } = await setup();
    await exports.exportHtml();
    expect(saved.map((s) => s.name)).toEqual(['small.html']);
    expect(await saved[0]!.blob.text()).toContain('DuckDB 1.4.3 (WebAssembly)');
  });

  it('heads result columns with their variable labels, the column names in small print', async () => {
    fixture = await sessionFixture();
    const doc = new NotebookDocument(fixture.access);
    const chart = ['from: by_eu', 'mark: barY', 'x: EU', 'y: cost'];
    await fixture.session.addFiles([
      new File([labelledDta() as BlobPart], 'sanctions.dta'),
      // The report shows a query's rows only when the cell asks (show: [rows]).
      new File(
        [labelledNotebook(chart).replace('```sql by_eu\n', '```sql by_eu\n-- show: [rows]\n')],
        'labels.md',
      ),
    ]);
    doc.mirror(fixture.session, true);
    const { exports, saved } = collectingExports(fixture, doc);
    await exports.exportHtml();
    const html = await saved[0]!.blob.text();
    expect(html).toContain('EU SANCTION <small class="column-name"><code>EU</code></small>');
    expect(html).toContain('>n</th>');
    // The chart's axis title is the label too.
    expect(html).toMatch(/aria-label="x-axis label"[^]*?EU SANCTION/);
  });
});
