/**
 * A fixed y axis for a chart on a slide whose input a teacher moves: if the axis followed the
 * data, moving the slider would rescale it (90% becomes 80% at the same height) and the class
 * would compare bar heights that no longer mean the same thing.
 *
 * A chart's own `y_domain` wins (the charts module draws it). Otherwise shares — every value
 * and interval end within [0, 1] — get [0, 1], the whole range a share can take whatever the
 * input. Other values get a rounded range around the rows shown first, held for the rest of
 * the presentation and widened only when a value would fall outside it.
 */
import type { ChartSpec } from '../../charts/spec.ts';
import type { Row } from '../../engine/Engine.ts';

/** Marks whose value axis is y. */
const Y_VALUE_MARKS = new Set(['barY', 'dot', 'line', 'areaY', 'ruleY']);

export function presentYDomain(
  spec: ChartSpec,
  rows: readonly Row[],
  held?: readonly [number, number],
): [number, number] | undefined {
  if (spec.y_domain || spec.scale === 'log' || !spec.y || !Y_VALUE_MARKS.has(spec.mark)) {
    return undefined;
  }
  const columns = [spec.y, ...(spec.ci ?? [])];
  const values: number[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const v = row[column];
      if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
    }
  }
  if (values.length === 0) return held ? [held[0], held[1]] : undefined;
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (lo >= 0 && hi <= 1) return [0, 1];
  // Bars and areas start at zero; the other marks keep it in view too, so heights compare.
  lo = Math.min(0, lo);
  hi = Math.max(0, hi);
  if (held) {
    lo = Math.min(lo, held[0]);
    hi = Math.max(hi, held[1]);
    if (lo === held[0] && hi === held[1]) return [lo, hi];
  }
  return [roundOut(lo), roundOut(hi)];
}

/** Rounds away from zero to 1, 2 or 5 times a power of ten, so the axis ends on a round number. */
function roundOut(v: number): number {
  if (v === 0) return 0;
  const size = Math.abs(v);
  const power = 10 ** Math.floor(Math.log10(size));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= size) ?? 10 * power;
  return Math.sign(v) * step;
}
