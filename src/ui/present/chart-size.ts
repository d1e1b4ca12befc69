/**
 * How large a chart is drawn on a slide. Plot lays a chart out in units where a tick label is
 * FONT_SIZE (11) high; a slide draws each unit `scale` pixels wide, so tick labels are `tick`
 * pixels high — at least 20, more on a large screen — and gives Plot the box's own shape in
 * those units, so the chart fills the slide's width without running off its bottom.
 */
import { FONT_SIZE } from '../../charts/theme.ts';

export interface SlideChartSize {
  /** Plot's width and height, in chart units. */
  width: number;
  height: number;
  /** Pixels per chart unit. */
  scale: number;
  /** Pixel height of a tick label. */
  tick: number;
}

/** Tick labels read from the back of a room: 20 px on a 1280 px projector, up to 32 px. */
const MIN_TICK = 20;
const MAX_TICK = 32;
/** Below this many units the plot area has no room for its axes; the chart is cut instead. */
const MIN_HEIGHT = 150;

/**
 * `boxWidth` × `boxHeight` is the room the slide leaves (pixels); `around` the height of the
 * title, legend and caption drawn around the SVG at this size.
 */
export function slideChartSize(
  boxWidth: number,
  boxHeight: number,
  around: number,
): SlideChartSize {
  const tick = Math.min(MAX_TICK, Math.max(MIN_TICK, boxWidth / 60));
  const scale = tick / FONT_SIZE;
  return {
    width: Math.round(boxWidth / scale),
    height: Math.round(Math.max(MIN_HEIGHT, (boxHeight - around) / scale)),
    scale,
    tick,
  };
}
