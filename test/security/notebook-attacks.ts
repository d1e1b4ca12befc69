/**
 * Cells an attacker puts in a notebook, shared by the command-line and browser security tests.
 * Each would, if DuckDB ran it as written, write a file, reach a server, change a dataset,
 * unlock the engine or read a file that is not the notebook's. `target(n)` is where a write
 * would land, `url` a loopback server that counts requests.
 */

export interface Attack {
  name: string;
  sql: string;
  /** What the cell's error says (the refusal, or DuckDB's permission error). */
  refusal: RegExp;
}

const SPLIT = /one query|Only queries/;
const DENIED = /disabled by configuration|Permission Error/;

/** Cells that close the runner's brackets to run a second and third statement. */
export function bypassAttacks(target: (n: number) => string, url: string): Attack[] {
  const copy = (n: number) => `COPY (SELECT 42 AS x) TO '${target(n)}' (HEADER false, QUOTE '')`;
  return [
    // Issue #14: the tokenizer read E'\'' as an unfinished string.
    {
      name: 'escape_upper',
      sql: `SELECT E'\\'' AS a); ${copy(1)}; SELECT (E'\\''`,
      refusal: SPLIT,
    },
    {
      name: 'escape_lower',
      sql: `SELECT e'\\'' AS a); ${copy(2)}; SELECT (e'\\''`,
      refusal: SPLIT,
    },
    { name: 'dollar', sql: `SELECT $$ ' $$ AS a); ${copy(3)}; SELECT ($$ ' $$`, refusal: SPLIT },
    {
      name: 'dollar_tag',
      sql: `SELECT $t$ ' $T$ $t$ AS a); ${copy(4)}; SELECT ($t$ ' $t$`,
      refusal: SPLIT,
    },
    // DuckDB refuses U&'…' strings altogether; either way nothing runs.
    {
      name: 'unicode_string',
      sql: `SELECT U&'\\' AS a); ${copy(5)}; SELECT (U&'\\'`,
      refusal: /one query|Only queries|Parser Error/,
    },
    {
      name: 'install',
      sql: `SELECT E'\\'' AS a); INSTALL httpfs FROM '${url}'; SELECT (E'\\''`,
      refusal: SPLIT,
    },
    {
      name: 'forge',
      sql: `SELECT E'\\'' AS a); UPDATE episodes SET outcome = 999; SELECT (E'\\''`,
      refusal: SPLIT,
    },
    {
      name: 'unlock',
      sql: `SELECT E'\\'' AS a); SET enable_external_access = true; SELECT (E'\\''`,
      refusal: SPLIT,
    },
    {
      name: 'with_update',
      sql: 'WITH x AS (SELECT 1) UPDATE episodes SET outcome = 999',
      refusal: SPLIT,
    },
    { name: 'plain_copy', sql: copy(7), refusal: SPLIT },
  ];
}

/** Single queries that read what is not the notebook's own data. */
export function readAttacks(outside: string, undeclared: string, url: string): Attack[] {
  return [
    { name: 'read_passwd', sql: "SELECT * FROM read_text('/etc/passwd')", refusal: DENIED },
    { name: 'read_glob', sql: `SELECT * FROM glob('${outside}/*')`, refusal: DENIED },
    {
      name: 'read_outside',
      sql: `SELECT * FROM read_text('${outside}/creds.txt')`,
      refusal: DENIED,
    },
    { name: 'read_undeclared', sql: `SELECT * FROM read_text('${undeclared}')`, refusal: DENIED },
    { name: 'read_url', sql: `SELECT * FROM read_csv('${url}/x.csv')`, refusal: DENIED },
  ];
}

/** A notebook of these cells over `episodes.csv`, ending with a receipt the attacker forged. */
export function attackNotebook(attacks: Attack[], forgedSum: number): string {
  return [
    '---',
    'title: A stranger’s notebook',
    'datasets:',
    '  episodes: episodes.csv',
    '---',
    '',
    ...attacks.flatMap((a) => ['```sql ' + a.name, a.sql, '```', '']),
    '```sql totals',
    'SELECT count(*) AS n, sum(outcome) AS s FROM episodes',
    '```',
    '',
    '```expect',
    'totals:',
    '  rows:',
    '    - where: {n: 16}',
    `      s: ${forgedSum}`,
    '```',
    '',
  ].join('\n');
}

/** Text that must never reach results.json or the page: the outside file's content. */
export const SECRET = 'SECRET-CREDENTIAL-4242';
