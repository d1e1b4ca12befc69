// @vitest-environment jsdom
/**
 * The page's inline values (issue 22) on native DuckDB: read from the cells' previews, a
 * large table read whole from DuckDB after a pending mark, and the HTML report's prose filled.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { findInlineRefs } from '../../../src/notebook/inline-values.ts';
import { NotebookDocument } from '../../../src/ui/model/document.svelte.ts';
import { InlineValues } from '../../../src/ui/model/inline-values.svelte.ts';
import { collectingExports, FIXTURES, sessionFixture, type Fixture } from './session-fixture.ts';

let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.engine.close();
  fixture = undefined;
});

const PROSE =
  'Closed: {{ by_embassy.rate where embassy_closed = true | .1% }}; big: {{ big.twice where i = 450 }}.';

async function open() {
  fixture = await sessionFixture();
  const small = await readFile(`${FIXTURES}/small.md`, 'utf8');
  const text = small.replace(
    '# A small notebook\n',
    `# A small notebook\n${PROSE}\n\n\`\`\`sql big\nSELECT range AS i, range * 2 AS twice FROM range(500)\n\`\`\`\n`,
  );
  await fixture.session.addFiles([
    new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv'),
    new File([text], 'small.md'),
  ]);
  const doc = new NotebookDocument(fixture.access);
  doc.mirror(fixture.session, true);
  return { doc, values: new InlineValues(fixture.access, doc) };
}

describe('InlineValues', () => {
  it('fills from previews, and reads a table longer than its preview from DuckDB', async () => {
    const { values } = await open();
    const [rate, big] = findInlineRefs(PROSE);
    expect(values.fill(rate)).toEqual({ state: 'value', text: '28.6%' });
    expect(values.fill(big)).toEqual({ state: 'pending', message: 'reading big' });
    await expect.poll(() => values.fill(big)).toEqual({ state: 'value', text: '900' });
  });

  it('puts the values into the HTML report’s prose', async () => {
    const { doc } = await open();
    const { exports, saved } = collectingExports(fixture!, doc);
    await exports.exportHtml();
    const html = await saved[0]!.blob.text();
    expect(html).toContain(
      'Closed: <span class="inline-value" data-state="value" title="{{ by_embassy.rate where embassy_closed = true | .1% }}">28.6%</span>; big: <span class="inline-value" data-state="value" title="{{ big.twice where i = 450 }}">900</span>.',
    );
  });
});
