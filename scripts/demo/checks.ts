/** One calibration check: a measured figure, the target it must meet and where that comes from. */
export interface Check {
  name: string;
  value: number;
  target: string;
  ok: boolean;
  source: string;
}

export function within(
  name: string,
  value: number,
  target: number,
  tolerance: number,
  source: string,
): Check {
  return {
    name,
    value,
    target: `${target.toFixed(4)} ± ${tolerance}`,
    ok: Math.abs(value - target) <= tolerance,
    source,
  };
}

export function atLeast(name: string, value: number, minimum: number, source: string): Check {
  return { name, value, target: `≥ ${minimum}`, ok: value >= minimum, source };
}

export function atMost(name: string, value: number, maximum: number, source: string): Check {
  return { name, value, target: `≤ ${maximum}`, ok: value <= maximum, source };
}

export function between(
  name: string,
  value: number,
  low: number,
  high: number,
  source: string,
): Check {
  return { name, value, target: `${low}–${high}`, ok: value >= low && value <= high, source };
}

export function share<T>(rows: readonly T[], predicate: (row: T) => boolean): number {
  return rows.length === 0 ? NaN : rows.filter(predicate).length / rows.length;
}
