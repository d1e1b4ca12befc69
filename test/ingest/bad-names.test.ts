/**
 * Hostile names — blank, duplicated, quoted, reserved, 1,000 characters long, and SQL
 * injection payloads as file, sheet, table and column names. Every table loads, every name
 * survives as written (or by the documented cleaning rules), and no payload ever executes:
 * the sentinel tables are still there afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadFile } from '../../src/ingest/index.ts';
import { workbook } from '../../scripts/generate-bad-fixtures.ts';
import {
  SENTINEL,
  bytesFile,
  close,
  dataset,
  expectIntact,
  fixtureFile,
  notebookText,
  openSession,
  type Harness,
} from '../fixtures/bad/session-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await close(h);
  h = undefined;
});

const LONG = 'L'.repeat(1000);
const DROP_SENTINEL = `x"); DROP TABLE ${SENTINEL}; --`;
const DROP_SENTINEL_SINGLE = `y'); DROP TABLE ${SENTINEL}; --`;
const FILE_PAYLOAD = `x'); DROP TABLE ${SENTINEL}; --.csv`;
const SHEET_PAYLOAD = 'a"; DROP TABLE t; --';

/** The header of hostile-headers.csv after the naming rules (docs/ingest.md). */
const CLEANED = [
  'column1',
  'dup',
  'DUP_2',
  'say "hi"',
  'a;b',
  'x -- y',
  'select',
  'from',
  'order',
  LONG,
  DROP_SENTINEL,
  DROP_SENTINEL_SINGLE,
];

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;

async function expectSentinels(tables: string[]): Promise<void> {
  for (const table of tables) {
    const { rows } = await h!.engine.query(`SELECT count(*) AS n FROM ${q(table)}`);
    expect(rows, `table ${table} survived`).toEqual([{ n: 1 }]);
  }
}

describe('hostile names load, stay quoted, and never execute', () => {
  it('column names: blank, duplicate, quotes, ;, --, reserved words, 1,000 characters, payloads', async () => {
    const cells = [
      '```sql picked',
      `SELECT column1, "DUP_2", ${q('say "hi"')}, "a;b", "x -- y", "select", "from", "order", ${q(LONG)} AS long, ${q(DROP_SENTINEL)} AS payload FROM bad ORDER BY column1`,
      '```',
      '',
      '```rate by_payload',
      'from: bad',
      'outcome: select',
      `by: '${DROP_SENTINEL}'`,
      '```',
      '',
      '```crosstab by_reserved',
      'from: bad',
      "rows: 'a;b'",
      'cols: from',
      '```',
      '',
      '```logit model',
      'from: bad',
      'formula: select ~ `x -- y`',
      '```',
    ].join('\n');
    // The file name is itself a payload, so the dataset entry quotes it.
    h = await openSession(
      [fixtureFile('hostile-headers.csv', FILE_PAYLOAD)],
      { file: FILE_PAYLOAD },
      cells,
    );
    expect(dataset(h).status).toBe('ok');
    const described = await h.engine.query('DESCRIBE bad');
    expect(described.rows.map((r) => r.column_name)).toEqual(CLEANED);
    for (const key of ['picked', 'by_payload', 'by_reserved', 'model']) {
      const cell = h.session.runner.cells.get(key);
      expect(cell?.status, `${key}: ${cell?.error?.message}`).toBe('ok');
    }
    const results = await h.session.results();
    expect((results.picked as unknown[])[0]).toEqual({
      column1: 1,
      DUP_2: 3,
      'say "hi"': 4,
      'a;b': 5,
      'x -- y': 6,
      select: 1,
      from: 0,
      order: 7,
      long: 8,
      payload: 9,
    });
    const rates = results.by_payload as { n: number; successes: number }[];
    expect(rates.map((r) => r[DROP_SENTINEL as keyof typeof r])).toEqual([9, 10, 11, 12]);
    expect(rates.reduce((s, r) => s + r.successes, 0)).toBe(2);
    const terms = (results.model as { term: string }[]).map((r) => r.term);
    // As R names it: a non-syntactic column keeps its backticks in the coefficient name.
    expect(terms).toEqual(['(Intercept)', '`x -- y`']);
    await expectSentinels([SENTINEL]);
    await expectIntact(h);
  });

  it('an injection payload as the name of a file dropped on its own', async () => {
    h = await openSession([]);
    await h.session.addFiles([fixtureFile('good.csv', FILE_PAYLOAD)]);
    const loaded = h.session.looseTables.at(-1)!;
    expect(loaded.fileName).toBe(FILE_PAYLOAD);
    expect(loaded.tables[0].name).toBe('x_drop_table_sentinel');
    expect(loaded.tables[0].rows).toBe(5);
    await expectSentinels([SENTINEL]);
    await expectIntact(h);
  });

  it('injection payloads as table names given to the loader', async () => {
    h = await openSession([]);
    for (const table of [`t"; DROP TABLE ${SENTINEL}; --`, `t'); DROP TABLE ${SENTINEL}; --`]) {
      const result = await loadFile(h.engine, {
        table,
        fileName: 'good.csv',
        source: { kind: 'bytes', bytes: new TextEncoder().encode('a,b\n1,2\n') },
      });
      expect(result.tables[0].name).toBe(table);
      const { rows } = await h.engine.query(`SELECT a, b FROM ${q(table)}`);
      expect(rows).toEqual([{ a: 1, b: 2 }]);
    }
    await expectSentinels([SENTINEL]);
    await expectIntact(h);
  });

  it('an injection payload as a dataset name is refused by the notebook parser', async () => {
    h = await openSession([]);
    const text = notebookText().replace(
      '  good: good.csv',
      `  good: good.csv\n  'bad"; DROP TABLE ${SENTINEL}; --': good.csv`,
    );
    await h.session.setText(text);
    expect(h.session.state).toBe('error');
    expect(h.session.runner.errors[0].message).toMatch(
      /Dataset name "bad"; DROP TABLE sentinel; --" is not an SQL identifier \(letters, digits, _\)/,
    );
    await expectSentinels([SENTINEL]);
    await h.session.setText(notebookText());
    await expectIntact(h);
  });

  it('an injection payload as a cell name is refused for that cell only', async () => {
    h = await openSession([], undefined, '```sql x"y\nSELECT 1 AS one\n```\n');
    const cell = [...h.session.runner.cells.values()].find((c) => c.key.startsWith('x'));
    expect(cell?.status).toBe('error');
    expect(cell?.error?.message).toMatch(/Cell name "x"y" is not an SQL identifier/);
    await expectIntact(h);
  });

  it('an injection payload as an Excel sheet name, picked by name in the notebook', async () => {
    const bytes = workbook([
      { name: 'first', rows: [['a'], [1]] },
      {
        name: SHEET_PAYLOAD,
        rows: [
          [DROP_SENTINEL, 'note'],
          [7, 'x'],
          [8, 'y'],
        ],
      },
    ]);
    const cell = `\`\`\`sql from_sheet\nSELECT ${q(DROP_SENTINEL)} AS v FROM bad ORDER BY v\n\`\`\`\n`;
    h = await openSession(
      [bytesFile(bytes, 'sheets.xlsx')],
      { file: 'sheets.xlsx', sheet: SHEET_PAYLOAD },
      cell,
    );
    await h.engine.exec('CREATE TABLE t AS SELECT 1 AS one');
    const state = dataset(h);
    expect(state.status, state.error?.message).toBe('ok');
    expect(state.tables).toEqual(['bad', 'bad_first']);
    expect(h.session.runner.cells.get('from_sheet')?.status).toBe('ok');
    expect((await h.session.results()).from_sheet).toEqual([{ v: 7 }, { v: 8 }]);
    // The loader reports the sheet names exactly as written.
    const direct = await loadFile(h.engine, {
      table: 'again',
      fileName: 'sheets.xlsx',
      source: { kind: 'bytes', bytes },
      sheet: SHEET_PAYLOAD,
    });
    expect(direct.tables.map((t) => [t.name, t.sheet])).toEqual([
      ['again', SHEET_PAYLOAD],
      ['again_first', 'first'],
    ]);
    await expectSentinels([SENTINEL, 't']);
    await expectIntact(h);
  });
});
