import { adapterLoad } from './adapter-load.ts';
import { bundleSize } from './bundle-size.ts';
import { cli } from './cli.ts';
import { coldStart } from './cold-start.ts';
import { csvLoad } from './csv-load.ts';
import { excelLoad } from './excel-load.ts';
import { inputLatency, inputSession } from './input-latency.ts';
import { logit } from './logit.ts';
import { manyCells } from './many-cells.ts';
import { memory } from './memory.ts';
import { parquetLoad } from './parquet-load.ts';
import { rate } from './rate.ts';
import type { Figure } from './types.ts';
import { warmStart } from './warm-start.ts';

/** Every figure, in the order they run and print (cheap ones first). */
export const FIGURES: Figure[] = [
  bundleSize,
  cli,
  coldStart,
  warmStart,
  rate,
  logit,
  csvLoad,
  parquetLoad,
  excelLoad,
  adapterLoad,
  inputLatency,
  inputSession,
  manyCells,
  memory,
];
