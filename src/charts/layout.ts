/**
 * Size and margins, estimated from the labels the chart will show. Plot's defaults assume
 * short labels; country names and coded variable names need more room. Estimates use a
 * fixed average glyph width, so the layout is the same on every machine.
 */
import type { Category } from './columns.ts';
import { formatValue, truncateLabel } from './format.ts';
import { categoryText, type ChartPlan } from './plan.ts';
import { CHAR_WIDTH, HEIGHT, WIDTH } from './theme.ts';

/** Longest category label kept whole; longer ones end in an ellipsis. */
export const LABEL_MAX = 28;

const MIN_BAND = 18; // px per category on a vertical category axis
const MIN_PANEL = 120; // px per facet row
const GROUPED_BAND = 14; // px per bar within a grouped barX panel
const AXIS_LABEL = 18; // px for a rotated axis label left of category labels
const ROTATE = -35; // degrees, for x labels that do not fit their band

export interface Layout {
  width: number;
  height: number;
  marginTop: number;
  marginRight: number;
  marginBottom: number;
  marginLeft: number;
  /** Rotation of x tick labels (or fx labels of a grouped chart), when they would overlap. */
  xTickRotate?: number;
}

export function chartLayout(plan: ChartPlan): Layout {
  const { domains, grouped, spec } = plan;
  const groupedY = grouped && spec.mark === 'barX';
  const groupedX = grouped && !groupedY;

  // Categories along the left edge: the y axis, or fy labels of a grouped barX chart.
  const leftLabels = texts(plan, groupedY ? 'fy' : 'y');
  const marginLeft = clamp(
    // Category labels sit beside the rotated axis label, which needs its own strip.
    leftLabels ? labelWidth(leftLabels) + 14 + AXIS_LABEL : numberWidth(plan, 'y') + 14,
    40,
    240,
  );
  const fyLabels = texts(plan, 'fy');
  const marginRight = clamp(!groupedY && fyLabels ? labelWidth(fyLabels) + 14 : 24, 24, 200);
  const marginTop = domains.fx && !groupedX ? 44 : 28;

  // Categories along the bottom edge: the x axis, or fx labels of a grouped chart.
  const bottomLabels = texts(plan, groupedX ? 'fx' : 'x');
  const plotWidth = WIDTH - marginLeft - marginRight;
  const panels = groupedX ? 1 : (domains.fx?.length ?? 1);
  let marginBottom = 36;
  let xTickRotate: number | undefined;
  if (bottomLabels) {
    const band = plotWidth / panels / bottomLabels.length;
    const widest = labelWidth(bottomLabels);
    if (widest > band * 0.9) {
      xTickRotate = ROTATE;
      marginBottom = clamp(widest * Math.sin((-ROTATE * Math.PI) / 180) + 34, 36, 160);
    }
  }

  // A grouped barX chart has one small panel per category, holding one bar per colour.
  const rows = domains.fy?.length ?? 1;
  const bands = domains.y?.length ?? 0;
  const perPanel = groupedY ? bands * GROUPED_BAND : Math.max(MIN_PANEL, bands * MIN_BAND);
  const needed = marginTop + marginBottom + rows * perPanel;
  const height = Math.max(HEIGHT, Math.ceil(needed));

  return { width: WIDTH, height, marginTop, marginRight, marginBottom, marginLeft, xTickRotate };
}

/** A scale's categories as the axis writes them (value labels included), for measuring. */
function texts(plan: ChartPlan, scale: 'x' | 'y' | 'fx' | 'fy'): string[] | undefined {
  return plan.domains[scale]?.map((v) => categoryText(plan, plan[scale], v));
}

function labelWidth(labels: Category[]): number {
  let max = 0;
  for (const l of labels) max = Math.max(max, truncateLabel(String(l), LABEL_MAX).length);
  return Math.ceil(max * CHAR_WIDTH);
}

/** Width of the widest tick label of a quantitative axis (Plot groups thousands). */
function numberWidth(plan: ChartPlan, channel: 'x' | 'y'): number {
  if (plan.value !== channel) return 0;
  // A fixed domain's ends are the extreme ticks, whatever the rows hold.
  const values =
    (channel === 'x' ? plan.spec.x_domain : plan.spec.y_domain) ?? dataValues(plan, channel);
  if (plan.spec.format !== undefined && values.length > 0) {
    // The widest of the extremes as the format writes them, plus a digit for inner ticks.
    const widest = Math.max(
      0,
      ...[Math.min(...values), Math.max(...values)].map((v) => plan.measure(v).length),
    );
    return Math.ceil((widest + 1) * CHAR_WIDTH);
  }
  if (plan.percent) return 4 * CHAR_WIDTH; // "100%"
  let max = 0;
  let negative = false;
  for (const v of values) {
    max = Math.max(max, Math.abs(v));
    if (v < 0) negative = true;
  }
  const chars =
    formatValue(Math.round(max), false).length + (max < 10 ? 2 : 0) + (negative ? 1 : 0);
  return Math.ceil(chars * CHAR_WIDTH);
}

function dataValues(plan: ChartPlan, channel: 'x' | 'y'): number[] {
  const columns = [plan[channel], ...(plan.spec.ci ?? [])];
  const values: number[] = [];
  for (const d of plan.data) {
    for (const c of columns) {
      const v = c === undefined ? null : d[c];
      if (typeof v === 'number') values.push(v);
    }
  }
  return values;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.round(Math.min(hi, Math.max(lo, v)));
}
