/** The `chart` cell: an Observable Plot chart of at most MAX_ROWS rows of its `from` table. */
import { MAX_ROWS, validateChart } from '../../charts/index.ts';
import { CHART_MARKS, type ChartSpec } from '../../charts/spec.ts';
import { ident } from '../../engine/sql.ts';
import { CellError } from '../../shared/errors.ts';
import { fromTable, requireTable } from '../tables.ts';
import type { CellKindDef } from '../types.ts';

export const chartCell: CellKindDef<'chart', ChartSpec> = {
  kind: 'chart',
  body: 'yaml',
  spec: {
    required: ['from', 'mark'],
    keys: {
      from: 'string',
      mark: 'string',
      x: 'string',
      y: 'string',
      fill: 'string',
      stroke: 'string',
      fx: 'string',
      fy: 'string',
      ci: 'pair',
      title: 'string',
      caption: 'string',
    },
    check: (spec) =>
      (CHART_MARKS as readonly string[]).includes(String(spec.mark))
        ? undefined
        : `unknown mark "${String(spec.mark)}"; use one of ${CHART_MARKS.join(', ')}`,
  },
  nameOptional: true,
  template: (table) => `from: ${table ?? 'my_table'}\nmark: barY\nx: \ny: `,
  outputTables: () => [],
  tablesRead: (cell) => fromTable(cell.spec),
  async run(cell, ctx) {
    await requireTable(cell.spec.from, ctx);
    // One query gives both the column names (even for an empty table) and the rows.
    const { columns, rows } = await ctx.engine.query(
      `SELECT * FROM ${ident(cell.spec.from)} LIMIT ${MAX_ROWS + 1}`,
    );
    validateChart(
      cell.spec,
      columns.map((c) => c.name),
    );
    if (rows.length > MAX_ROWS) {
      throw new CellError(
        `Table "${cell.spec.from}" has more than ${MAX_ROWS} rows; aggregate it in a sql cell before charting`,
      );
    }
    return { warnings: [], outputs: [], rows: rows.length, chart: { spec: cell.spec, rows } };
  },
};
