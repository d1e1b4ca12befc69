/**
 * What each position axis is: which one measures (the value axis), and whether x is a
 * continuous number or time line rather than categories. Decided once from the spec and the
 * rows, and read by validation, the plan and the layout alike, so they never disagree.
 */
import type { Row } from '../engine/Engine.ts';
import { profileColumn, type ColumnProfile } from './columns.ts';
import type { ChartMark, ChartSpec } from './spec.ts';

export type Position = 'x' | 'y';

export interface Axes {
  /** The axis that measures (numbers); absent for cell charts. */
  value?: Position;
  /** `x` is drawn on a continuous scale (numbers or dates) though it is not the value axis. */
  xContinuous: boolean;
  /** `x` holds dates (ISO strings, drawn on a UTC time scale). */
  temporalX: boolean;
}

/** A dot chart's x with at most this many whole-number values is drawn as categories. */
export const SMALL_INTEGER_LEVELS = 10;

/** Marks that may draw a non-measured x as a continuous line rather than categories. */
export const CONTINUOUS_X: readonly ChartMark[] = ['dot', 'line', 'areaY'];

/** The channel holding the measured quantity for a mark, before looking at the data. */
export function valueChannel(mark: ChartMark): Position | undefined {
  switch (mark) {
    case 'barX':
    case 'tickX':
    case 'coef':
      return 'x';
    case 'cell':
      return undefined;
    default:
      return 'y';
  }
}

export function chartAxes(
  spec: ChartSpec,
  rows: readonly Row[],
  profile: (column: string) => ColumnProfile = (c) => profileColumn(rows, c),
): Axes {
  const value = horizontalDot(spec, profile) ? 'x' : valueChannel(spec.mark);
  const x = spec.x;
  const continuous = (column: string): boolean => {
    if (value === 'x' || !CONTINUOUS_X.includes(spec.mark) || spec.x_type === 'band') return false;
    const p = profile(column);
    if (!p.numeric && !p.temporal) return false;
    if (spec.x_type === 'linear' || p.temporal) return true;
    // Dots at a handful of whole numbers (0/1, a 1–5 scale) are groups, not points on a line.
    return !(spec.mark === 'dot' && fewWholeNumbers(rows, column));
  };
  const xContinuous = x !== undefined && continuous(x);
  const temporalX = xContinuous && x !== undefined && profile(x).temporal;
  return { value, xContinuous, temporalX };
}

/**
 * A dot chart with names on y and numbers on x is drawn sideways, measured along x: a list of
 * countries with their rates, or a model's terms with their estimates.
 */
function horizontalDot(spec: ChartSpec, profile: (column: string) => ColumnProfile): boolean {
  if (spec.mark !== 'dot' || spec.x === undefined || spec.y === undefined) return false;
  const y = profile(spec.y);
  return !y.numeric && !y.temporal && profile(spec.x).numeric;
}

/** At most SMALL_INTEGER_LEVELS distinct values, every one a whole number. */
export function fewWholeNumbers(rows: readonly Row[], column: string): boolean {
  const seen = new Set<number>();
  for (const row of rows) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isInteger(v)) return false;
    seen.add(v);
    if (seen.size > SMALL_INTEGER_LEVELS) return false;
  }
  return seen.size > 0;
}

/** Whether `axis` is drawn as a number line that a `<axis>_domain` can fix. */
export function isNumericAxis(axes: Axes, axis: Position): boolean {
  if (axes.value === axis) return true;
  return axis === 'x' && axes.xContinuous && !axes.temporalX;
}
