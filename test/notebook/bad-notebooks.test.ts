/**
 * Broken notebooks in the browser's Session: each problem is reported on its cell (or on the
 * front matter) with its line and what to write instead, every other cell keeps running, and
 * nothing a cell says can change the database outside its own result table.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CellState } from '../../src/notebook/state.ts';
import {
  BAD_DIR,
  SENTINEL,
  close,
  expectIntact,
  expectReadable,
  notebookText,
  openSession,
  type Harness,
} from '../fixtures/bad/session-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await close(h);
  h = undefined;
});

function cell(key: string): CellState {
  const state = h!.session.runner.cells.get(key);
  if (!state) throw new Error(`No cell ${key}`);
  return state;
}

/** The cell failed with a readable message; returns it. */
function cellError(key: string): string {
  // A refused duplicate is keyed by position; find the failed cell of that name.
  const failed = [...h!.session.runner.cells.values()].find(
    (c) => c.name === key && c.status === 'error',
  );
  const state = failed ?? cell(key);
  expect(state.status, `${key} should have failed`).toBe('error');
  const message = state.error?.message ?? '';
  expectReadable(message);
  return message;
}

/** Line (1-based) of the first line containing `text` in the session's notebook. */
function lineOf(text: string): number {
  return h!.session.text.split('\n').findIndex((l) => l.includes(text)) + 1;
}

async function withCells(extra: string): Promise<Harness> {
  h = await openSession([], undefined, extra);
  return h;
}

describe('broken notebook text: clear messages, the rest keeps running', () => {
  it('broken YAML in the front matter: message with its line; fixing it recovers', async () => {
    h = await openSession([]);
    const broken = notebookText().replace('title: Bad input', 'title: [unclosed');
    await h.session.setText(broken);
    expect(h.session.state).toBe('error');
    const [error] = h.session.runner.errors;
    expect(error.message).toMatch(/Invalid YAML in the front matter: .*end with a \]/);
    // The YAML parser reports where the flow sequence should have ended: inside the front matter.
    expect(error.line).toBeGreaterThanOrEqual(2);
    const closing = broken.split('\n').indexOf('---', 1) + 1;
    expect(error.line).toBeLessThan(closing);
    await h.session.setText(notebookText());
    await expectIntact(h);
  });

  // Opening a notebook whose front matter is broken: its data file looks unused and is loaded
  // as a loose table; the session must still end in 'error', not stay 'running'.
  it('a notebook opened with broken front matter shows "error", not "running"', async () => {
    h = await openSession([]);
    const { Session } = await import('../../src/notebook/Session.ts');
    const session = new Session(h.engine);
    const broken = notebookText().replace('title: Bad input', 'title: [unclosed');
    await session.addFiles([new File(['id\n1\n'], 'good.csv'), new File([broken], 'broken.md')]);
    expect(session.state).toBe('error');
  });

  it('broken YAML in a cell: that cell fails at its line, the others run', async () => {
    await withCells('```rate r\nfrom: by_region\noutcome: [n\n```\n');
    expect(cellError('r')).toMatch(/Invalid YAML in the rate cell r: .*end with a \]/);
    expect(cell('r').error?.line).toBe(lineOf('outcome: [n'));
    await expectIntact(h!);
  });

  it('a known kind with a missing key: names the key', async () => {
    await withCells('```rate r\nfrom: good\noutcome: success\n```\n');
    expect(cellError('r')).toBe('The rate cell is missing required key by');
    await expectIntact(h!);
  });

  it('a known kind with an unknown key: names it, its line and the allowed keys', async () => {
    await withCells('```rate r\nfrom: good\noutcome: success\nby: region\ncolour: red\n```\n');
    expect(cellError('r')).toBe(
      'Unknown key "colour" in rate cell (allowed: from, outcome, by, level)',
    );
    expect(cell('r').error?.line).toBe(lineOf('colour: red'));
    await expectIntact(h!);
  });

  it('duplicate cell names: the second is refused, pointing at the first', async () => {
    await withCells('```sql by_region\nSELECT 2 AS two\n```\n');
    expect(cellError('by_region')).toBe(
      `The name "by_region" is already used on line ${lineOf('```sql by_region')}; names must be unique`,
    );
    // The dataset and the database are untouched; a new cell still runs.
    const { rows } = await h!.engine.query('SELECT count(*) AS n FROM good');
    expect(rows).toEqual([{ n: 5 }]);
  });

  it('... and the first cell keeps its result', async () => {
    await withCells('```sql by_region\nSELECT 2 AS two\n```\n');
    expect(cell('by_region').status).toBe('ok');
  });

  it('a cell named like a dataset: refused, pointing at the dataset entry', async () => {
    await withCells('```sql good\nSELECT 2 AS two\n```\n');
    expect(cellError('good')).toBe(
      `The name "good" is already used on line ${lineOf('  good: good.csv')}; names must be unique`,
    );
    expect(h!.session.runner.datasets.get('good')?.status).toBe('ok');
    const { rows } = await h!.engine.query('SELECT count(*) AS n FROM good');
    expect(rows).toEqual([{ n: 5 }]);
  });

  it('... and the cells reading that dataset still run', async () => {
    await withCells('```sql good\nSELECT 2 AS two\n```\n');
    expect(cell('by_region').status).toBe('ok');
  });

  it('a dependency cycle: reported on every cell in it, the rest runs', async () => {
    await withCells('```sql a\nSELECT * FROM b\n```\n\n```sql b\nSELECT * FROM a\n```\n');
    expect(cellError('a')).toBe("Dependency cycle: a → b read each other's tables; break the loop");
    expect(cellError('b')).toBe(cellError('a'));
    await expectIntact(h!);
  });

  it('a `from` naming no table: says what it may name', async () => {
    await withCells('```rate r\nfrom: nothere\noutcome: success\nby: region\n```\n');
    expect(cellError('r')).toBe(
      '"nothere" names no table: use a dataset from the front matter or the name of another cell',
    );
    await expectIntact(h!);
  });

  it('a SQL cell reading a table that does not exist: DuckDB names the table', async () => {
    await withCells('```sql q\nSELECT * FROM nothere\n```\n');
    expect(cellError('q')).toMatch(/Table with name nothere does not exist/);
    expect(cell('q').error?.line).toBe(lineOf('SELECT * FROM nothere'));
    await expectIntact(h!);
  });

  it('... and says what the name may be, like a `from` does', async () => {
    await withCells('```sql q\nSELECT * FROM nothere\n```\n');
    expect(cellError('q')).toMatch(
      /use a dataset from the front matter or the name of another cell/,
    );
  });
});

describe('SQL that is not one read-only query is refused before it reaches DuckDB', () => {
  const refused: [string, string, RegExp][] = [
    ['DROP', `DROP TABLE ${SENTINEL}`, /"DROP" statements are refused/],
    ['ATTACH', "ATTACH 'other.duckdb' AS other", /"ATTACH" statements are refused/],
    ['COPY', "COPY good TO 'stolen.csv'", /"COPY" statements are refused/],
    ['INSTALL', 'INSTALL httpfs', /"INSTALL" statements are refused/],
    ['LOAD', 'LOAD httpfs', /"LOAD" statements are refused/],
    ['SET', "SET memory_limit = '100GB'", /"SET" statements are refused/],
    ['PRAGMA', 'PRAGMA database_list', /"PRAGMA" statements are refused/],
    ['CALL', 'CALL pragma_version()', /"CALL" statements are refused/],
    [
      'a second statement',
      `SELECT 1 AS one; DROP TABLE ${SENTINEL}`,
      /A SQL cell holds one query; split the statements into separate cells/,
    ],
    [
      'a closing parenthesis and a second statement',
      `SELECT 1) ; DROP TABLE ${SENTINEL}; --`,
      /A SQL cell holds one query/,
    ],
  ];
  for (const [label, sql, expected] of refused) {
    it(`${label}: refused with a message saying only queries run`, async () => {
      await withCells(`\`\`\`sql q\n${sql}\n\`\`\`\n`);
      const message = cellError('q');
      expect(message).toMatch(expected);
      if (/statements are refused/.test(message)) {
        expect(message).toMatch(/^Only queries \(SELECT or WITH\) are allowed in notebook cells/);
      }
      await expectIntact(h!);
    });
  }

  it('DML hidden behind WITH is refused by name; inside query() DuckDB refuses it', async () => {
    await withCells(
      [
        '```sql q1',
        `WITH x AS (SELECT 1) DELETE FROM ${SENTINEL}`,
        '```',
        '',
        '```sql q2',
        `SELECT * FROM query('DROP TABLE ${SENTINEL}')`,
        '```',
      ].join('\n'),
    );
    expect(cellError('q1')).toMatch(
      /Only queries \(SELECT or WITH … SELECT\) are allowed in notebook cells; "DELETE" statements are refused, even after WITH/,
    );
    expect(cellError('q2')).toMatch(/Expected a single SELECT statement/);
    await expectIntact(h!);
  });
});

describe('runaway queries', () => {
  const FOREVER_SQL = 'SELECT count(*) AS n FROM range(1000000000000) t(i) WHERE i % 7 = 9';
  const FOREVER = `\`\`\`sql forever\n${FOREVER_SQL}\n\`\`\`\n`;

  /** Resolves once `test` holds, polling; fails after `ms`. */
  async function until(test: () => boolean, ms = 10_000): Promise<void> {
    const deadline = performance.now() + ms;
    while (!test()) {
      if (performance.now() > deadline) throw new Error('Timed out waiting');
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  async function foreverTableCount(): Promise<unknown> {
    const { rows } = await h!.engine.query(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'forever'",
    );
    return rows[0].n;
  }

  it('a query that never ends stops at the time limit, saying so and how to raise it', async () => {
    h = await openSession([]);
    h.session.setTimeLimit(500);
    const started = performance.now();
    await h.session.setText(notebookText(undefined, FOREVER));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(cellError('forever')).toBe(
      'Stopped after 0.5 s: the time limit for one cell. Make the query cheaper (filter or ' +
        'aggregate earlier, join fewer rows), or raise the limit: add ?time-limit=2 to the ' +
        "page's address (seconds; 0 for none), or run the notebook on the command line: " +
        'npx statecraft run bad-input.md --time-limit 2.',
    );
    expect(cell('forever').error?.line).toBe(lineOf('```sql forever'));
    expect(await foreverTableCount()).toBe(0);
    // Edits elsewhere do not start the stopped query again: its run is the same one.
    const ms = cell('forever').ms;
    await expectIntact(h);
    expect(cell('forever').ms).toBe(ms);
    expect(cell('forever').status).toBe('error');
  });

  it('... running the stopped cell on purpose starts it again; fixed, it runs', async () => {
    h = await openSession([]);
    h.session.setTimeLimit(300);
    await h.session.setText(notebookText(undefined, FOREVER));
    const first = cell('forever').ms;
    await h.session.setCellSource('forever', FOREVER_SQL);
    expect(cell('forever').ms).not.toBe(first);
    expect(cellError('forever')).toMatch(/^Stopped after 0.3 s: the time limit/);
    await h.session.setCellSource('forever', 'SELECT 1 AS n');
    expect(cell('forever').status).toBe('ok');
    expect((await h.session.results()).forever).toEqual([{ n: 1 }]);
    await expectIntact(h);
  });

  it('cancel() stops the running cell, "cancelled by you"; the cells after it still run', async () => {
    h = await openSession([]);
    const extra = `${FOREVER}\n\`\`\`sql after\nSELECT count(*) AS n FROM good\n\`\`\`\n`;
    const running = h.session.setText(notebookText(undefined, extra));
    await until(() => h!.session.runner.runningCell === 'forever');
    // Only the running cell can be cancelled.
    expect(h.session.cancel('by_region')).toBe(false);
    expect(h.session.cancel('forever')).toBe(true);
    await running;
    expect(cellError('forever')).toMatch(
      /^Cancelled by you after \d+(\.\d)? s\. Run the cell again to restart it/,
    );
    expect(cell('forever').ms).toBeLessThan(5_000);
    expect(cell('after').status).toBe('ok');
    expect(await foreverTableCount()).toBe(0);
    expect(h.session.cancel()).toBe(false);
    await expectIntact(h);
  });

  it('an interrupt sent to the engine directly: the cell says it was interrupted', async () => {
    h = await openSession([]);
    const timer = setInterval(() => void h!.engine.cancel(), 300);
    try {
      await h.session.setText(notebookText(undefined, FOREVER));
    } finally {
      clearInterval(timer);
    }
    expect(cellError('forever')).toMatch(
      /^The query was interrupted after \d+(\.\d)? s, before it finished\. Run the cell again/,
    );
    expect(await foreverTableCount()).toBe(0);
    await h.session.setCellSource('forever', 'SELECT 1 AS n');
    expect(cell('forever').status).toBe('ok');
    await expectIntact(h);
  });

  async function runHog(): Promise<string> {
    h = await openSession([]);
    await h.engine.exec("SET memory_limit = '100MB'");
    await h.session.setText(
      notebookText(
        undefined,
        '```sql hog\nSELECT list(i) AS everything FROM range(100000000) t(i)\n```\n',
      ),
    );
    return cellError('hog');
  }

  it('a query that exhausts memory: says which limit it hit; the session goes on', async () => {
    expect(await runHog()).toMatch(
      /^DuckDB ran out of memory: it needed [\d.]+ MiB more with [\d.]+ MiB of its 95\.3 MiB memory limit in use\./,
    );
    await expectIntact(h!);
  });

  it('... with advice a notebook user can follow, not SET', async () => {
    const message = await runHog();
    expect(message).not.toMatch(/\bSET\b|memory_limit|threads/);
    expect(message).toMatch(/filter with WHERE/);
    expect(message).toMatch(/aggregate \(GROUP BY/);
    expect(message).toMatch(/the command line can use it: npx statecraft run bad-input\.md\.$/);
  });
});

describe('a YAML alias bomb (issue 14, finding 9)', () => {
  /** The bomb fixture's chart cell, as text to append to the harness notebook. */
  const bombCell = () => {
    const text = readFileSync(`${BAD_DIR}/yaml-bomb.md`, 'utf8');
    return text.slice(text.indexOf('```chart boom'), text.indexOf('```sql after'));
  };

  it('fails only its cell, with its line; the other cells run and the session goes on', async () => {
    await withCells(bombCell());
    expect(cellError('boom')).toMatch(
      /^Invalid YAML in the chart cell boom: aliases \(\*a …\) repeat anchored values more than 100 times/,
    );
    expect(cell('boom').error?.line).toBe(lineOf('b: &b [*a'));
    expect((await h!.session.results()).by_region).toEqual([
      { region: 'Africa', n: 1 },
      { region: 'Asia', n: 2 },
      { region: 'Europe', n: 2 },
    ]);
    await expectIntact(h!);
  });

  it('in the front matter: the notebook says where, and fixing it recovers', async () => {
    h = await openSession([]);
    const bomb = readFileSync(`${BAD_DIR}/yaml-bomb-front-matter.md`, 'utf8');
    const aliases = bomb.split('\n---\n')[0].split('\n').slice(2).join('\n');
    const broken = notebookText().replace('title: Bad input', `title: Bad input\n${aliases}`);
    await h.session.setText(broken);
    expect(h.session.state).toBe('error');
    const [error] = h.session.runner.errors;
    expect(error.message).toMatch(/^Invalid YAML in the front matter: aliases \(\*a …\)/);
    expect(error.line).toBe(lineOf('b: &b [*a'));
    await h.session.setText(notebookText());
    await expectIntact(h);
  });
});
