/**
 * Fixed look of every chart. Everything that affects pixels is a constant here so that the
 * same spec and rows give the same SVG in the browser and on the command line, whatever
 * fonts or screen the machine has.
 */

export const WIDTH = 640;
export const HEIGHT = 400;

/**
 * Named explicitly (instead of Plot's `system-ui`) so text metrics do not depend on the
 * operating system; Liberation Sans and DejaVu Sans cover Linux machines without Arial.
 */
export const FONT_FAMILY = 'Arial, Helvetica, "Liberation Sans", "DejaVu Sans", sans-serif';
export const FONT_SIZE = 11;
export const TITLE_FONT_SIZE = 15;
export const CAPTION_FONT_SIZE = 11;
/** Average glyph advance of FONT_FAMILY at FONT_SIZE; used to size margins and wrap text. */
export const CHAR_WIDTH = 6.2;

/** Plot's `className`; kept fixed so inline styles and tests can find the chart. */
export const CLASS_NAME = 'statecraft-chart';

/**
 * Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable under the
 * common forms of colour-vision deficiency. Reordered so the first colours are the most
 * contrasting on white (blue, orange, green, vermillion); yellow and black come last.
 */
export const OKABE_ITO = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
] as const;

/**
 * Beyond eight categories no palette stays colour-blind safe; Tableau 10 at least keeps
 * ten hues apart for normal vision. Users with many categories should facet instead.
 */
export const MANY_CATEGORIES_SCHEME = 'tableau10';

/** Cividis (Nuñez et al. 2018) is perceptually uniform and designed for colour-blind readers. */
export const SEQUENTIAL_SCHEME = 'cividis';

/** Single-series colour and the colour of error bars drawn over filled bars. */
export const DEFAULT_COLOUR = OKABE_ITO[0];
export const ERROR_BAR_COLOUR = '#222222';
/** The dashed `rule:` line: dark enough to find, lighter than the data. */
export const REFERENCE_COLOUR = '#555555';

/** Label shown for a NULL category, so a missing group never silently disappears. */
export const MISSING_LABEL = '(missing)';

/** More rows than this cannot make a readable chart; ask for aggregation instead. */
export const MAX_ROWS = 50_000;
/** Facet and category limits: beyond these, labels overlap into an unreadable block. */
export const MAX_FACETS = 40;
