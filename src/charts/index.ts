/**
 * Chart cells, rendered with Observable Plot. Safe for the browser and Node alike; the
 * Node-only jsdom entry point is svg-node.ts, which browser code must not import.
 */
export { chartOptions } from './chart-options.ts';
export { chartSummary, describeChart } from './describe.ts';
export { isPercent } from './format.ts';
export { renderChart } from './render.ts';
export { renderStandaloneSvg } from './standalone.ts';
export { chartSvgString } from './svg-string.ts';
export { MAX_ROWS, OKABE_ITO } from './theme.ts';
export { checkChart, validateChart } from './validate.ts';
