import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ident, literal } from '../../src/engine/sql.ts';
import { inFreshContext, requirePage } from '../browser.ts';
import { copyToCsvSql, csvRowsSql } from '../data.ts';
import { errorMessage, median, ratioOf, time } from '../measure.ts';
import { withNative } from '../native.ts';
import { pickAndLoad, timeNativeLoad } from './file-load.ts';
import type { Figure, FigureResult, Reference } from './types.ts';

const ROWS = 1_000_000;
const MIN_MB_PER_S = 40;
const MAX_RATIO = 4;
const CSV_NAME = 'sanctions-1m.csv';

/**
 * A user-picked 1M-row CSV (about 80 MB) through loadFile() in the page, the File handed over
 * by setInputFiles() as a file picker would. References: native DuckDB's read_csv alone, and
 * loadFile() on native DuckDB (which adds the sha256 pass, sniffing and describing).
 */
export const csvLoad: Figure = {
  id: 'csv-load',
  title: 'Load a picked 1M-row CSV into a table',
  defaultRuns: 3,
  async run(ctx, runs): Promise<FigureResult> {
    const target = `≥ ${MIN_MB_PER_S} MB/s and ≤ ${MAX_RATIO}× native read_csv`;
    const csv = join(ctx.tmp, CSV_NAME);
    const readCsv: Reference = { label: 'native read_csv', unit: 'ms', median: null, runs: [] };
    const nativeLoad: Reference = {
      label: 'native loadFile()',
      unit: 'ms',
      median: null,
      runs: [],
    };
    const times: number[] = [];
    const phases: Record<string, number>[] = [];
    let rows: number | undefined;
    let problem: string | undefined;
    try {
      requirePage(ctx, 'bench');
    } catch (error) {
      problem = errorMessage(error);
    }
    await withNative(async (engine) => {
      await engine.exec(copyToCsvSql(csvRowsSql(ROWS), csv));
      // The three take turns, so a busy spell on the machine hits all of them.
      for (let run = 0; run < runs; run++) {
        const table = `loaded_${run}`;
        readCsv.runs.push(
          await time(() =>
            engine.exec(`CREATE TABLE ${ident(table)} AS FROM read_csv(${literal(csv)})`),
          ),
        );
        await engine.exec(`DROP TABLE ${ident(table)}`);
        await timeNativeLoad(engine, nativeLoad, table, CSV_NAME, csv);
        if (!problem) {
          try {
            await inFreshContext(ctx, async (page) => {
              const { ms, value } = await pickAndLoad(ctx, page, csv);
              times.push(ms);
              rows = value.rows;
              phases.push(value.phases);
            });
          } catch (error) {
            problem = errorMessage(error);
          }
        }
        const show = (values: number[]) => values.at(-1)?.toFixed(0) ?? '—';
        const last = phases.at(-1);
        if (last) ctx.log(`    phases (ms from start): ${formatPhases(last)}`);
        ctx.log(
          `  run ${run + 1}: browser ${show(times)} ms, native read_csv ${show(readCsv.runs)} ms, native loadFile ${show(nativeLoad.runs)} ms`,
        );
      }
    });
    readCsv.median = median(readCsv.runs);
    nativeLoad.median = median(nativeLoad.runs);
    const bytes = (await stat(csv)).size;
    const ms = median(times);
    const throughput = (t: number) => bytes / 1e6 / (t / 1000);
    const value = ms === null ? null : throughput(ms);
    // The ratio compares times, browser over native: 2 means the page took twice as long.
    const ratio = ratioOf(ms, readCsv.median);
    return {
      id: this.id,
      title: this.title,
      unit: 'MB/s',
      value,
      runs: times.map(throughput),
      references: [readCsv, nativeLoad],
      ratio,
      target,
      pass: value !== null && ratio !== null ? value >= MIN_MB_PER_S && ratio <= MAX_RATIO : null,
      ...(problem ? { unavailable: problem } : {}),
      details: {
        bytes,
        rows,
        browserMs: times,
        browserMsMedian: ms,
        browserPhaseStartsMs: phases,
        ratioToNativeLoadFile: ratioOf(ms, nativeLoad.median),
        nativeReadCsvMBps: readCsv.median === null ? null : throughput(readCsv.median),
      },
    };
  },
};

function formatPhases(phases: Record<string, number>): string {
  return Object.entries(phases)
    .map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`)
    .join(', ');
}
