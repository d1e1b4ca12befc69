/**
 * Inline values in prose (issue 22): `{{ table.column where key = value | format }}` finds,
 * parses, resolves against a run on native DuckDB, and formats as the page and prose.md show.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { tableRows } from '../../src/cells/tables.ts';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { cellKey } from '../../src/notebook/graph.ts';
import {
  filledNotebookText,
  fillProse,
  fillRef,
  formatInline,
  MAX_INLINE_ROWS,
  readInlineTable,
  tableFromState,
  tableProducers,
  tablesReadBy,
  type ProseFill,
  type TableRows,
} from '../../src/notebook/inline-fill.ts';
import { findInlineRefs, parseInlineRef } from '../../src/notebook/inline-values.ts';
import { Session } from '../../src/notebook/Session.ts';
import type { CellState } from '../../src/notebook/state.ts';

const FIXTURES = 'test/fixtures/notebooks';

describe('findInlineRefs', () => {
  it('finds references with their offsets and lines', () => {
    const text = 'Rate: {{ t.rate }}.\nAnd {{t.n where k = 1}} more.';
    const refs = findInlineRefs(text);
    expect(refs.map((r) => [r.source, r.line, text.slice(r.start, r.end)])).toEqual([
      ['{{ t.rate }}', 1, '{{ t.rate }}'],
      ['{{t.n where k = 1}}', 2, '{{t.n where k = 1}}'],
    ]);
  });

  it('leaves escaped braces, code spans and fenced code in prose alone', () => {
    const text = [
      'Literal \\{{ t.rate }} and `{{ t.rate }}` and ``a ` {{ t.x }}``.',
      '```python',
      'print("{{ t.rate }}")',
      '```',
      'But {{ t.rate }} here.',
    ].join('\n');
    expect(findInlineRefs(text).map((r) => [r.source, r.line])).toEqual([['{{ t.rate }}', 5]]);
  });

  it('reports a reference never closed on its line, with the form expected', () => {
    const [ref] = findInlineRefs('The rate {{ t.rate was high.\n}}');
    expect(ref.source).toBe('{{ t.rate was high.');
    expect(ref.parsed).toEqual({ error: expect.stringContaining('never closed with "}}"') });
    expect(ref.parsed).toEqual({ error: expect.stringContaining('{{ table.column }}') });
  });

  it('does not end a reference at braces inside a quoted value', () => {
    const [ref] = findInlineRefs(`{{ t.n where label = 'a }} b' }} end`);
    expect(ref.parsed).toEqual({ table: 't', column: 'n', where: { label: 'a }} b' } });
  });
});

describe('parseInlineRef', () => {
  it('reads a table, column, conditions and a format', () => {
    expect(parseInlineRef(' failure_rates.rate where no_embassy = true | .0% ')).toEqual({
      table: 'failure_rates',
      column: 'rate',
      where: { no_embassy: true },
      format: '.0%',
    });
    expect(
      parseInlineRef(`m.estimate WHERE term = "x|y" and k = -1.5e2 AND ok = FALSE | ,.2f`),
    ).toEqual({
      table: 'm',
      column: 'estimate',
      where: { term: 'x|y', k: -150, ok: false },
      format: ',.2f',
    });
    expect(parseInlineRef('t.c')).toEqual({ table: 't', column: 'c', where: {} });
  });

  it.each([
    ['', 'an empty reference'],
    ['rate', '"rate" needs a column after a dot'],
    ['t.', 'needs a column name after the dot'],
    ['t.c x = 1', 'unexpected "x = 1" after t.c (expected where)'],
    ['t.c where = 1', '"where" needs a column name'],
    ['t.c where k 1', '"k" in "where" needs = and a value'],
    ['t.c where k = yes', 'must be a number, true, false or a quoted text, found "yes"'],
    ["t.c where k = 'open", 'found "\'open"'],
    ['t.c where k = 1 k = 2', 'unexpected "k = 2" (join conditions with and)'],
    ['t.c where k = 1 and k = 2', '"where" names k twice'],
    ['t.c |', 'nothing after "|"'],
    ['t.c | percent', '"percent" after "|" is not a number format'],
  ])('says what is wrong with {{ %s }} and shows the form', (inner, message) => {
    const parsed = parseInlineRef(inner);
    expect(parsed).toHaveProperty('error');
    const { error } = parsed as { error: string };
    expect(error).toContain(message);
    expect(error).toContain('the form is {{ table.column }} or {{ table.column where');
  });
});

describe('formatInline', () => {
  const spec = (format?: string) => ({ table: 't', column: 'c', where: {}, format });
  it.each([
    [0.2857142857142857, '.0%', '29%'],
    [0.2857142857142857, '.1%', '28.6%'],
    [2.836230414, '.2f', '2.84'],
    [1240, ',d', '1,240'],
    [0.000123456, '.3~g', '0.000123'],
    [-2.2975956, '.2f', '−2.30'],
  ])('%s with "%s" reads %s', (value, format, text) => {
    expect(formatInline(value, spec(format))).toEqual({ state: 'value', text });
  });

  it('shows values as the tables do when no format is given, counts with separators', () => {
    expect(formatInline(1240, spec())).toEqual({ state: 'value', text: '1,240' });
    expect(formatInline(0.2857142857142857, spec())).toEqual({ state: 'value', text: '0.2857' });
    expect(formatInline(0.00001234, spec())).toEqual({ state: 'value', text: '1.23e-5' });
    expect(formatInline('Côte d’Ivoire', spec())).toEqual({
      state: 'value',
      text: 'Côte d’Ivoire',
    });
    expect(formatInline(true, spec())).toEqual({ state: 'value', text: 'true' });
  });

  it('refuses a missing value and a format on text', () => {
    expect(formatInline(null, { ...spec(), where: { k: 'a' } })).toEqual({
      state: 'error',
      message: 't.c where k = "a" is missing (NULL)',
    });
    expect(formatInline('high', spec('.1%'))).toEqual({
      state: 'error',
      message: 'the format ".1%" needs a number; t.c is "high"',
    });
  });
});

// The small fixture notebook, with prose that states its numbers through references.
const PROSE = [
  '',
  'Closing the embassy: {{ by_embassy.rate where embassy_closed = true | .1% }} of',
  '{{ by_embassy.n where embassy_closed = true }} episodes succeeded; the coefficient is',
  "{{ model.estimate where term = 'embassy_closedTRUE' | .2f }}. Of the big table,",
  '{{ big.twice where i = 450 }}. Not code: `{{ by_embassy.rate }}`.',
  '',
].join('\n');

const BROKEN = [
  '',
  '{{ by_embassy.rate }} {{ by_embassy.rat where embassy_closed = true }}',
  '{{ nowhere.n }} {{ by_embassy.rate where embassy_closed = 1 }} {{ by_embassy.n where |',
  '',
].join('\n');

let engine: NativeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function open(prose: string): Promise<{ session: Session; text: string }> {
  engine = await NativeEngine.create();
  const session = new Session(engine);
  const small = await readFile(`${FIXTURES}/small.md`, 'utf8');
  const text = small.replace(
    '# A small notebook\n',
    `# A small notebook\n${prose}\n\`\`\`sql big\nSELECT range AS i, range * 2 AS twice FROM range(500)\n\`\`\`\n`,
  );
  const csv = new File([await readFile(`${FIXTURES}/episodes.csv`)], 'episodes.csv');
  await session.addFiles([csv, new File([text], 'small.md')]);
  return { session, text };
}

function fill(session: Session): Promise<ProseFill[]> {
  const { runner } = session;
  return session.read((e) =>
    fillProse(runner.notebook.blocks, runner.cells, (table) => readInlineTable(e, table)),
  );
}

describe('resolving references against a run (native DuckDB)', () => {
  it('fills each reference from the cells’ results, following an input', async () => {
    const { session, text } = await open(PROSE);
    const fills = await fill(session);
    expect(fills.map((f) => [f.ref.source, f.fill])).toEqual([
      [
        '{{ by_embassy.rate where embassy_closed = true | .1% }}',
        { state: 'value', text: '28.6%' },
      ],
      ['{{ by_embassy.n where embassy_closed = true }}', { state: 'value', text: '7' }],
      [
        "{{ model.estimate where term = 'embassy_closedTRUE' | .2f }}",
        { state: 'value', text: '−2.30' },
      ],
      // 500 rows: more than the preview the state holds, so the engine was asked.
      ['{{ big.twice where i = 450 }}', { state: 'value', text: '900' }],
    ]);
    // Lines are the notebook file's: the heading is line 7, a blank line, then the prose.
    expect(fills.map((f) => f.fileLine)).toEqual([9, 10, 11, 12]);
    expect(text.split('\n')[8]).toContain('{{ by_embassy.rate where embassy_closed = true');

    await session.setInput('from_year', 1990);
    const after = await fill(session);
    const rows = await session.read((e) => tableRows(e, 'by_embassy'));
    const closed = rows.find((r) => r.embassy_closed === true)!;
    expect(after[0].fill).toEqual({
      state: 'value',
      text: `${((closed.rate as number) * 100).toFixed(1)}%`,
    });
    expect(after[1].fill).toEqual({ state: 'value', text: String(closed.n) });
    expect(closed.n).not.toBe(7);
  });

  it('writes the notebook with values in place of references, line for line', async () => {
    const { session, text } = await open(PROSE);
    const out = filledNotebookText(text, session.runner.notebook.blocks, await fill(session));
    const lines = out.split('\n');
    expect(lines.length).toBe(text.split('\n').length);
    expect(lines.slice(8, 12)).toEqual([
      'Closing the embassy: 28.6% of',
      '7 episodes succeeded; the coefficient is',
      '−2.30. Of the big table,',
      '900. Not code: `{{ by_embassy.rate }}`.',
    ]);
    // Everything else is the notebook as written.
    expect(lines.slice(0, 8)).toEqual(text.split('\n').slice(0, 8));
    expect(lines.slice(12)).toEqual(text.split('\n').slice(12));
  });

  it('says why a reference has no value', async () => {
    const { session } = await open(BROKEN);
    const fills = await fill(session);
    expect(fills.map((f) => f.fill)).toEqual([
      { state: 'error', message: 'by_embassy has 2 rows; add "where column = value" to pick one' },
      {
        state: 'error',
        message:
          'by_embassy has no column "rat" (its columns: embassy_closed, n, successes, rate, lower, upper)',
      },
      {
        state: 'error',
        message:
          'no cell of this notebook makes a table "nowhere" (inline values read result tables)',
      },
      { state: 'error', message: 'no row of by_embassy where embassy_closed = 1' },
      { state: 'error', message: expect.stringContaining('never closed') },
    ]);
    expect(fills.map((f) => f.fileLine)).toEqual([9, 9, 10, 10, 10]);
  });

  it('waits for a cell that has not run, and names a failed one', async () => {
    const { session } = await open(PROSE);
    const { runner } = session;
    const producers = tableProducers(runner.notebook.blocks);
    const producer = producers.get('by_embassy')!;
    const [ref] = findInlineRefs(PROSE);
    expect(tablesReadBy(findInlineRefs(PROSE))).toEqual(['by_embassy', 'model', 'big']);
    const state = runner.cells.get(cellKey(producer))!;
    const rows = (s: CellState | undefined): TableRows => {
      const found = tableFromState('by_embassy', producer, s);
      if (found.state === 'partial') throw new Error('by_embassy is small');
      return found;
    };
    expect(fillRef(ref, rows(undefined))).toEqual({
      state: 'pending',
      message: 'cell by_embassy has not run yet',
    });
    const failed = { ...state, status: 'error' as const, error: { message: 'boom' } };
    expect(fillRef(ref, rows(failed))).toEqual({
      state: 'error',
      message: 'cell by_embassy failed: boom',
    });
    expect(tableFromState('big', producers.get('big'), runner.cells.get('big'))).toEqual({
      state: 'partial',
    });
  });

  it('does not read a table too large for prose into the page', async () => {
    engine = await NativeEngine.create();
    await engine.exec(`CREATE TABLE huge AS SELECT range AS i FROM range(${MAX_INLINE_ROWS + 1})`);
    expect(await readInlineTable(engine, 'huge')).toEqual({
      state: 'error',
      message:
        'huge has more than 100,000 rows; inline values read small result tables (compute the value in a sql cell)',
    });
  });
});
