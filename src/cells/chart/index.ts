/** The `chart` cell: an Observable Plot chart of at most MAX_ROWS rows of its `from` table. */
import { checkChart, MAX_ROWS } from '../../charts/index.ts';
import { CHART_MARKS, type ChartSpec } from '../../charts/spec.ts';
import { axisKeyProblem } from '../../charts/validate-keys.ts';
import { ident } from '../../engine/sql.ts';
import { labelsFor, readLabelIndex, valueLabelsFor } from '../../ingest/column-labels.ts';
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
      labels: 'names',
      x_label: 'string',
      y_label: 'string',
      x_domain: 'list',
      y_domain: 'list',
      rule: 'number',
      format: 'string',
      sort: 'string',
      x_type: 'string',
      scale: 'string',
    },
    check: (spec) =>
      (CHART_MARKS as readonly string[]).includes(String(spec.mark))
        ? axisKeyProblem(spec)
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
    // Past the cap the message says how many rows there are: counted only then.
    const count =
      rows.length > MAX_ROWS
        ? Number(
            (await ctx.engine.query(`SELECT count(*) AS n FROM ${ident(cell.spec.from)}`)).rows[0]
              .n,
          )
        : rows.length;
    checkChart(
      cell.spec,
      columns.map((c) => c.name),
      rows,
      count,
    );
    // The labels travel in the spec the renderer gets, so the page and the CLI's SVG draw the
    // same titles; the notebook's own `labels:` win over the loaded dictionaries'.
    const used = [
      cell.spec.x,
      cell.spec.y,
      cell.spec.fill,
      cell.spec.stroke,
      cell.spec.fx,
      cell.spec.fy,
    ].filter((c): c is string => c !== undefined && columns.some((col) => col.name === c));
    const index = await readLabelIndex(ctx.engine);
    const labels = { ...labelsFor(index, cell.spec.from, used), ...cell.spec.labels };
    const valueLabels = valueLabelsFor(index, cell.spec.from, used);
    // A chart without labels keeps the spec exactly as written.
    const spec = {
      ...cell.spec,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(valueLabels).length > 0 ? { valueLabels } : {}),
    };
    return { warnings: [], outputs: [], rows: rows.length, chart: { spec, rows } };
  },
};
