import { describe, expect, it } from 'vitest';
import type { DatasetState } from '../../src/notebook/state.ts';
import { checkDatasets, sharedDatasets, sharedFileName } from '../../src/ui/shared-notebook.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

const NOTEBOOK = `---
title: Shared
datasets:
  ties:
    file: TIESv4-1.xls
    sha256: ${A.toUpperCase()}
  cow: COW-country-codes.csv
---

\`\`\`sql n
SELECT count(*) FROM ties
\`\`\`
`;

function state(name: string, patch: Partial<DatasetState>): DatasetState {
  return { name, file: `${name}.csv`, status: 'ok', tables: [name], warnings: [], ...patch };
}

describe('shared notebooks', () => {
  it('open under a name of their own that depends on their text', () => {
    const name = sharedFileName({ text: NOTEBOOK, fileName: 'ties.md' });
    expect(name).toMatch(/^ties-shared-[0-9a-f]{6}\.md$/);
    expect(sharedFileName({ text: NOTEBOOK, fileName: 'ties.md' })).toBe(name);
    expect(sharedFileName({ text: `${NOTEBOOK}\nmore`, fileName: 'ties.md' })).not.toBe(name);
    // Shared again from the copy: still named after the author's file.
    expect(sharedFileName({ text: NOTEBOOK, fileName: 'ties-shared-0a1b2c.md' })).toBe(name);
  });

  it('list the datasets they need, with lower-case sha256 where recorded', () => {
    expect(sharedDatasets(NOTEBOOK)).toEqual([
      { name: 'ties', file: 'TIESv4-1.xls', sha256: A },
      { name: 'cow', file: 'COW-country-codes.csv' },
    ]);
  });

  it('say for each dataset whether the file opened is the author’s', () => {
    const wanted = [
      { name: 'ties', file: 'TIESv4-1.xls', sha256: A },
      { name: 'cow', file: 'cow.csv' },
      { name: 'gsdb', file: 'gsdb.dta', sha256: B },
      { name: 'dcid', file: 'dcid.xlsx', sha256: B },
      { name: 'cfr', file: 'cfr.csv', sha256: B },
    ];
    const checks = checkDatasets(wanted, [
      state('ties', { sha256: B }),
      state('cow', { sha256: A }),
      state('gsdb', { sha256: B }),
      state('dcid', {
        status: 'error',
        error: { message: 'Could not load dcid.xlsx: not a zip', line: 4 },
      }),
      state('cfr', { status: 'missing' }),
    ]);
    expect(checks.map((c) => [c.name, c.status, c.actual ?? c.message ?? null])).toEqual([
      ['ties', 'mismatch', B],
      ['cow', 'unchecked', A],
      ['gsdb', 'match', B],
      ['dcid', 'error', 'Could not load dcid.xlsx: not a zip'],
      ['cfr', 'needed', null],
    ]);
  });
});
