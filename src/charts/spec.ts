/** What a chart cell asks for (docs/notebook-format.md); the charts module validates and draws it. */

export const CHART_MARKS = [
  'barY',
  'barX',
  'dot',
  'line',
  'areaY',
  'cell',
  'tickX',
  'ruleY',
] as const;
export type ChartMark = (typeof CHART_MARKS)[number];

export interface ChartSpec {
  from: string;
  mark: ChartMark;
  x?: string;
  y?: string;
  fill?: string;
  stroke?: string;
  fx?: string;
  fy?: string;
  /** Columns holding the lower and upper ends of an interval, drawn as error bars. */
  ci?: [string, string];
  title?: string;
  caption?: string;
  /**
   * Display names by column, for axis and legend titles: the notebook's `labels:` over the
   * variable labels the chart cell's run found in the loaded dictionaries.
   */
  labels?: Record<string, string>;
  /**
   * Value labels by column (code as text → words), for the tick and legend labels of columns
   * drawn as categories: the chart cell's run fills them from the loaded dictionaries.
   */
  valueLabels?: Record<string, Record<string, string>>;
}
