import { afterEach, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { Session } from '../../src/notebook/Session.ts';

/**
 * Input values reach a SQL cell as typed literals (so DuckDB-WASM can interrupt the statement):
 * same types as bound parameters had (number DOUBLE, text VARCHAR, checkbox BOOLEAN), values
 * exact, and text that looks like SQL stays text.
 */

let engine: NativeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const PAYLOAD = `it's "x"); DROP TABLE sentinel; --`;

const NOTEBOOK = [
  '```input x',
  'type: range',
  'min: 0',
  'max: 1',
  'step: 0.1',
  'value: 0.30000000000000004',
  '```',
  '',
  '```input t',
  'type: text',
  `value: ${JSON.stringify(PAYLOAD)}`,
  '```',
  '',
  '```input c',
  'type: checkbox',
  'value: true',
  '```',
  '',
  '```sql picked',
  'SELECT $x AS x, $t AS t, $c AS c, $x * 10 AS ten_x, $t || $t AS twice',
  '```',
  '',
].join('\n');

describe('input values in SQL cells', () => {
  it('keep their types and exact values; SQL in a text input stays text', async () => {
    engine = await NativeEngine.create();
    await engine.exec('CREATE TABLE sentinel AS SELECT 1 AS one');
    const session = new Session(engine);
    await session.open(NOTEBOOK, 'inputs.md');
    expect(session.runner.cells.get('picked')?.error?.message).toBeUndefined();
    const { picked } = (await session.results()) as { picked: Record<string, unknown>[] };
    expect(picked).toEqual([
      { x: 0.1 + 0.2, t: PAYLOAD, c: true, ten_x: (0.1 + 0.2) * 10, twice: PAYLOAD + PAYLOAD },
    ]);
    const { rows } = await engine.query('DESCRIBE picked');
    expect(rows.map((r) => [r.column_name, r.column_type])).toEqual([
      ['x', 'DOUBLE'],
      ['t', 'VARCHAR'],
      ['c', 'BOOLEAN'],
      ['ten_x', 'DOUBLE'],
      ['twice', 'VARCHAR'],
    ]);
    expect((await engine.query('SELECT one FROM sentinel')).rows).toEqual([{ one: 1 }]);
    // A new value re-runs the cell with it.
    await session.setInput('t', 'plain');
    expect(((await session.results()) as { picked: { t: string }[] }).picked[0].t).toBe('plain');
  });

  it('every expression gives what it gave with bound parameters, errors included', async () => {
    engine = await NativeEngine.create();
    const values = { x: 2.5, t: '3', c: true } as const;
    const expressions = [
      'i = $t',
      '$t + 1',
      '$x / 3',
      '$x::INTEGER',
      'typeof($x)',
      'typeof($t)',
      'typeof($c)',
      '$c AND i > 2',
      'length($t)',
      '$t::DATE',
      'i + $x',
    ];
    const inputs = [
      '```input x\ntype: range\nmin: 0\nmax: 10\nvalue: 2.5\n```',
      '```input t\ntype: text\nvalue: "3"\n```',
      '```input c\ntype: checkbox\nvalue: true\n```',
    ];
    const cells = expressions.map(
      (e, n) => `\`\`\`sql q${n}\nSELECT ${e} AS v FROM range(5) r(i) ORDER BY i\n\`\`\``,
    );
    const session = new Session(engine);
    await session.open([...inputs, ...cells].join('\n\n'), 'inputs.md');
    const results = await session.results();
    for (const [n, expression] of expressions.entries()) {
      const names = [...expression.matchAll(/\$(\w+)/g)].map((m) => m[1] as keyof typeof values);
      const sql = `SELECT ${expression.replace(/\$(\w+)/g, () => '?')} AS v FROM range(5) r(i) ORDER BY i`;
      const bound = await engine
        .query(
          sql,
          names.map((name) => values[name]),
        )
        .then(
          (r) => r.rows,
          (e: Error) => e.message.split('\n')[0],
        );
      const state = session.runner.cells.get(`q${n}`);
      const inline =
        state?.status === 'ok' ? results[`q${n}`] : state?.error?.message.split('\n')[0];
      expect(inline, expression).toEqual(bound);
    }
  });
});
