import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeEngine } from '../../src/engine/NativeEngine.ts';
import { loadFile } from '../../src/ingest/index.ts';
import { parseDta } from '../../src/ingest/stata/parse-dta.ts';
import { writeDta, type DtaSpec } from './dta-writer.ts';
import { bytes, createEngine, rows } from './helpers.ts';

let engine: NativeEngine;
beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

/** An invented sanctions file with every kind of Stata variable the reader handles. */
function spec(release: 117 | 118 | 119, byteOrder: 'LSF' | 'MSF'): DtaSpec {
  return {
    release,
    byteOrder,
    label: 'Invented sanction episodes',
    variables: [
      {
        name: 'caseid',
        type: 'long',
        format: '%12.0g',
        label: 'Episode',
        values: [101, 102, 103, 104],
      },
      {
        name: 'outcome',
        type: 'byte',
        format: '%8.0g',
        valueLabel: 'outcome_lbl',
        label: 'Final outcome',
        values: [7, 8, null, { missing: 'a' }],
      },
      { name: 'year', type: 'int', format: '%8.0g', values: [1990, 2001, -5, null] },
      {
        name: 'share',
        type: 'float',
        format: '%9.0g',
        values: [0.5, -2.25, null, { missing: 'z' }],
      },
      { name: 'cost', type: 'double', format: '%10.0g', values: [0.1, 1e300, null, -3] },
      {
        name: 'start',
        type: 'long',
        format: '%td',
        label: 'Start date',
        values: [0, 14976, -1, null],
      },
      {
        name: 'target',
        type: { str: 16 },
        format: '%12s',
        values: ['Côte d’Ivoire', 'Borduria', '', 'Syldavia'],
      },
      {
        name: 'notes',
        type: 'strL',
        format: '%9s',
        values: ['a long note “quoted”', '', 'second', 'a long note “quoted”'],
      },
    ],
    valueLabels: {
      outcome_lbl: {
        7: 'total acquiescence',
        8: 'sender capitulation',
        10: 'negotiated settlement',
      },
    },
  };
}

describe('Stata .dta', () => {
  for (const [release, order] of [
    [117, 'LSF'],
    [118, 'LSF'],
    [118, 'MSF'],
    [119, 'MSF'],
  ] as const) {
    it(`reads format ${release} (${order}): types, missing values, dates, strLs, labels`, async () => {
      const table = `dta_${release}_${order.toLowerCase()}`;
      const result = await loadFile(engine, {
        table,
        fileName: 'episodes.dta',
        source: bytes(writeDta(spec(release, order))),
      });
      expect(result.format).toBe('stata');
      expect(result.tables.map((t) => [t.name, t.role, t.rows])).toEqual([
        [table, 'raw', 4],
        [`${table}_labels`, 'dictionary', 10],
        [`${table}_labelled`, 'labelled', 4],
        // The .a and .z counts, which the column profile shows (NULL in the table itself).
        [`${table}_missing_codes`, 'helper', 2],
      ]);
      expect(result.tables[0].columns.map((c) => `${c.name} ${c.type}`)).toEqual([
        'caseid BIGINT',
        'outcome BIGINT',
        'year BIGINT',
        'share DOUBLE',
        'cost DOUBLE',
        'start DATE',
        'target VARCHAR',
        'notes VARCHAR',
      ]);
      expect(result.warnings).toContain(
        '2 extended missing value(s) (.a–.z) were read as NULL, like "."',
      );
      expect(
        await rows(
          engine,
          `SELECT caseid, outcome, outcome_label, year, share, cost, CAST(start AS VARCHAR) AS start, target, notes FROM ${table}_labelled ORDER BY caseid`,
        ),
      ).toEqual([
        {
          caseid: 101,
          outcome: 7,
          outcome_label: 'total acquiescence',
          year: 1990,
          share: 0.5,
          cost: 0.1,
          start: '1960-01-01',
          target: 'Côte d’Ivoire',
          notes: 'a long note “quoted”',
        },
        {
          caseid: 102,
          outcome: 8,
          outcome_label: 'sender capitulation',
          year: 2001,
          share: -2.25,
          cost: 1e300,
          start: '2001-01-01',
          target: 'Borduria',
          notes: null,
        },
        {
          caseid: 103,
          outcome: null,
          outcome_label: null,
          year: -5,
          share: null,
          cost: null,
          start: '1959-12-31',
          target: null,
          notes: 'second',
        },
        {
          caseid: 104,
          outcome: null,
          outcome_label: null,
          year: null,
          share: null,
          cost: -3,
          start: null,
          target: 'Syldavia',
          notes: 'a long note “quoted”',
        },
      ]);
      expect(
        await rows(
          engine,
          `SELECT variable, description, value, label FROM ${table}_labels WHERE variable IN ('outcome', 'start') ORDER BY variable, value`,
        ),
      ).toEqual([
        {
          variable: 'outcome',
          description: 'Final outcome',
          value: '10',
          label: 'negotiated settlement',
        },
        {
          variable: 'outcome',
          description: 'Final outcome',
          value: '7',
          label: 'total acquiescence',
        },
        {
          variable: 'outcome',
          description: 'Final outcome',
          value: '8',
          label: 'sender capitulation',
        },
        { variable: 'start', description: 'Start date', value: null, label: null },
      ]);
    });
  }

  it('reports the data label and rejects formats before 117 with advice', () => {
    expect(parseDta(writeDta(spec(118, 'LSF'))).label).toBe('Invented sanction episodes');
    const old = new TextEncoder().encode('<stata_dta><header><release>116</release>');
    expect(() => parseDta(old)).toThrow(/^The file is in Stata format 116, which is not supported/);
    expect(() => parseDta(new TextEncoder().encode('<stata_dta><header><rel'))).toThrow(
      /^The file is not a valid Stata 13\+ file/,
    );
  });
});
