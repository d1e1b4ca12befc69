import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FigureResult } from './figures/types.ts';
import type { Machine } from './machine.ts';

export interface BenchReport {
  date: string;
  machine: Machine;
  runs: number | 'default';
  app: string;
  figures: FigureResult[];
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
}

function formatRatio(ratio: number | null): string {
  return ratio === null ? '' : `${ratio.toFixed(2)}×`;
}

function verdict(result: FigureResult): string {
  if (result.value === null) return `unavailable: ${result.unavailable ?? 'no measurement'}`;
  const status = result.pass === null ? 'n/a' : result.pass ? 'met' : 'MISSED';
  return result.unavailable ? `${status} (partly unavailable: ${result.unavailable})` : status;
}

/** The results as a plain-text table, one line per figure plus one per extra reference. */
export function formatTable(figures: FigureResult[]): string {
  const header = ['figure', 'median', 'reference (median)', 'ratio', 'target', 'result'];
  const lines: string[][] = [header];
  for (const f of figures) {
    const [first, ...others] = f.references;
    const ref = (r: typeof first) =>
      r.median === null
        ? `${r.label}: ${r.unavailable ?? 'unavailable'}`
        : `${r.label}: ${formatValue(r.median, r.unit)}`;
    lines.push([
      f.title,
      formatValue(f.value, f.unit),
      first ? ref(first) : '—',
      formatRatio(f.ratio),
      f.target,
      verdict(f),
    ]);
    for (const other of others) lines.push(['', '', ref(other), '', '', '']);
  }
  // The last column is left unpadded: it may be long (a reason) and is read, not aligned.
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const render = (l: string[]) =>
    l
      .map((cell, i) => (i === l.length - 1 ? cell : cell.padEnd(widths[i])))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w, i) => '─'.repeat(i === widths.length - 1 ? 6 : w)).join('─┼─');
  return [render(lines[0]), rule, ...lines.slice(1).map(render)].join('\n');
}

/** Writes bench/results/<timestamp>.json and bench/results/latest.json; returns the first path. */
export async function writeReport(dir: string, report: BenchReport): Promise<string> {
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const stamp = report.date.replace(/[:.]/g, '-');
  const path = join(dir, `${stamp}.json`);
  await writeFile(path, text);
  await writeFile(join(dir, 'latest.json'), text);
  return path;
}
