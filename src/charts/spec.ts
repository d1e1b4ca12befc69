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
  'coef',
] as const;
export type ChartMark = (typeof CHART_MARKS)[number];

/**
 * `rows`: as the table's rows give them (ORDER BY decides); `value` / `-value`: by the measured
 * value, smallest / largest first; `label` / `-label`: alphabetically by the text shown.
 */
export const CHART_SORTS = ['rows', 'value', '-value', 'label', '-label'] as const;
export type ChartSort = (typeof CHART_SORTS)[number];

export const CHART_X_TYPES = ['linear', 'band'] as const;
export type ChartXType = (typeof CHART_X_TYPES)[number];

export const CHART_SCALE_TYPES = ['linear', 'log'] as const;
export type ChartScaleType = (typeof CHART_SCALE_TYPES)[number];

export interface ChartSpec {
  from: string;
  mark: ChartMark;
  x?: string;
  y?: string;
  fill?: string;
  stroke?: string;
  fx?: string;
  fy?: string;
  /**
   * Columns holding the lower and upper ends of an interval: error bars on bars, dots and
   * coefficient plots, a band behind a line or area.
   */
  ci?: [string, string];
  /** Axis titles; they win over `labels` and the variable labels. */
  x_label?: string;
  y_label?: string;
  /** A fixed [min, max] for a numeric axis, in the data's units (0.5 is 50% on a % axis). */
  x_domain?: [number, number];
  y_domain?: [number, number];
  /** A reference line across the value axis at this value. */
  rule?: number;
  /** A d3-format specifier for the value axis and tooltips: `%`, `.2f`, `,d`, `.1%`, … */
  format?: string;
  /** Order of the categories on the category axis (see CHART_SORTS). */
  sort?: ChartSort;
  /** `band`: x as categories; `linear`: x as a continuous number line (dot, line, areaY). */
  x_type?: ChartXType;
  /** `log`: the value axis on a log scale (odds ratios); every value must be positive. */
  scale?: ChartScaleType;
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
