import { describe, expect, it } from 'vitest';
import { cellsOf, parseNotebook } from '../../src/notebook/parse.ts';
import {
  addDataset,
  listedDatasets,
  metadataOf,
  removeDataset,
  renameDataset,
  setDatasetFields,
  setMetadata,
} from '../../src/notebook/front-matter-edit.ts';

const BODY = `# Sanctions

\`\`\`sql recent
SELECT * FROM "sanctions" WHERE x <> 'sanctions' -- sanctions
\`\`\`

\`\`\`rate by_year
from: sanctions
outcome: success
by: year
\`\`\`

\`\`\`expect
sanctions:
  rows:
    - where: {year: 1990}
      n: 3
\`\`\`
`;

const WITH_FRONT = `---
title: Old title # kept comment
datasets:
  sanctions: {file: sanctions.xls}
  cow: COW.csv
---
${BODY}`;

describe('editing the front matter as text', () => {
  it('adds a dataset to a notebook without front matter, the body byte for byte', () => {
    const text = addDataset(BODY, 'sanctions', {
      file: 'sanctions.xls',
      sheet: 1,
      sha256: 'ab'.repeat(32),
    });
    expect(text.endsWith(`\n${BODY}`)).toBe(true);
    const parsed = parseNotebook(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.notebook.datasets).toMatchObject([
      { name: 'sanctions', file: 'sanctions.xls', sheet: 1, sha256: 'ab'.repeat(32) },
    ]);
    expect(removeDataset(text, 'sanctions')).toBe(BODY);
  });

  it('writes the adapter and encoding it was given, and parses them back', () => {
    const text = addDataset('', 'ties', {
      file: 'TIESv4-1.xls',
      adapter: 'ties',
      encoding: 'windows-1252',
      sha256: '00',
    });
    expect(text).toBe(
      '---\ndatasets:\n  ties:\n    file: TIESv4-1.xls\n    encoding: windows-1252\n    adapter: ties\n    sha256: "00"\n---\n',
    );
    expect(parseNotebook(text).errors).toEqual([]);
  });

  it('writes a hash into an entry written by hand, keeping comments and the body', () => {
    const text = setDatasetFields(WITH_FRONT, 'cow', { sha256: 'cd'.repeat(32) });
    expect(text.endsWith(`---\n${BODY}`)).toBe(true);
    expect(text).toContain('# kept comment');
    expect(parseNotebook(text).notebook.datasets[1]).toMatchObject({
      name: 'cow',
      file: 'COW.csv',
      sha256: 'cd'.repeat(32),
    });
    expect(listedDatasets(text)).toEqual(['sanctions', 'cow']);
    // On the entry's own line: no line of the notebook moves.
    expect(text).toContain(`  cow: {file: COW.csv, sha256: ${'cd'.repeat(32)}}\n`);
    expect(text.split('\n').length).toBe(WITH_FRONT.split('\n').length);
  });

  it('re-points a dataset to another file, clearing what no longer applies', () => {
    const first = setDatasetFields(WITH_FRONT, 'sanctions', { sha256: 'ab'.repeat(32), sheet: 2 });
    const text = setDatasetFields(first, 'sanctions', {
      file: 'sanctions-2024.csv',
      sheet: '',
      sha256: 'ef'.repeat(32),
    });
    expect(parseNotebook(text).notebook.datasets[0]).toMatchObject({
      file: 'sanctions-2024.csv',
      sheet: undefined,
      sha256: 'ef'.repeat(32),
    });
  });

  it('renames a dataset and every cell that reads it, leaving strings and comments alone', () => {
    const text = renameDataset(WITH_FRONT, 'sanctions', 'sanc', ['sanctions_labelled']);
    const parsed = parseNotebook(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.notebook.datasets.map((d) => d.name)).toEqual(['sanc', 'cow']);
    const [sql, rate, receipt] = cellsOf(parsed.notebook);
    expect(sql.source).toBe(`SELECT * FROM "sanc" WHERE x <> 'sanctions' -- sanctions`);
    expect(rate.source).toBe('from: sanc\noutcome: success\nby: year');
    expect(receipt.source.split('\n')[0]).toBe('sanc:');
    expect(renameDataset(text, 'sanc', 'sanctions')).toBe(WITH_FRONT);
  });

  it('sets title, authors and description above the datasets, and removes empty ones', () => {
    const text = setMetadata(WITH_FRONT, {
      title: 'Sanctions and success',
      authors: ['A. Author', ' ', 'B. Author'],
      description: 'One paragraph: what this notebook shows.',
    });
    expect(text.endsWith(`---\n${BODY}`)).toBe(true);
    const { notebook } = parseNotebook(text);
    expect(notebook.title).toBe('Sanctions and success');
    expect(metadataOf(notebook.frontMatter)).toEqual({
      title: 'Sanctions and success',
      authors: ['A. Author', 'B. Author'],
      description: 'One paragraph: what this notebook shows.',
    });
    expect(text.indexOf('authors:')).toBeLessThan(text.indexOf('datasets:'));
    const cleared = setMetadata(text, { title: '', authors: [], description: '' });
    expect(metadataOf(parseNotebook(cleared).notebook.frontMatter)).toEqual({});
    expect(cleared.endsWith(`---\n${BODY}`)).toBe(true);
    expect(setMetadata(BODY, { title: 'T' })).toBe(`---\ntitle: T\n---\n\n${BODY}`);
  });

  it('keeps Windows line endings', () => {
    const crlf = WITH_FRONT.replace(/\n/g, '\r\n');
    const text = setMetadata(crlf, { title: 'New' });
    expect(text.endsWith(`---\r\n${BODY.replace(/\n/g, '\r\n')}`)).toBe(true);
    expect(text.split('\n').every((l, i, all) => i === all.length - 1 || l.endsWith('\r'))).toBe(
      true,
    );
  });
});
