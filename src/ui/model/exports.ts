/**
 * What the reader takes away: the notebook as it stands (.md), a result table whole (CSV or
 * Parquet) and the notebook with its results as one HTML report. Tables are read through the
 * session's queue, like every panel. Charts save themselves as PNG (export-png.ts).
 */
import { ident } from '../../engine/sql.ts';
import { readLabelIndex } from '../../ingest/column-labels.ts';
import { messageOf } from '../../shared/errors.ts';
import { toCsv } from '../csv.ts';
import { loadMarkdown } from '../markdown-cache.svelte.ts';
import { downloadBlob } from '../download.ts';
import type { SessionAccess } from './access.ts';
import type { NotebookDocument } from './document.svelte.ts';
import { sessionProseFills } from './inline-values.svelte.ts';
import type { ChartSvg } from './replication.ts';

/** Where a finished file goes: the browser's download in the page, a list in tests. */
export type SaveFile = (fileName: string, blob: Blob) => void;

export class Exports {
  constructor(
    private readonly access: SessionAccess,
    private readonly document: NotebookDocument,
    /** The DuckDB version the report names, once known. */
    private readonly engineVersion: () => string | undefined,
    private readonly save: SaveFile = downloadBlob,
    /** How charts become SVG text: the page's own document unless a test brings jsdom's. */
    private readonly chartSvg?: ChartSvg,
  ) {}

  /** Downloads the notebook as it stands now, edits included. */
  saveNotebook(): void {
    const { notebookFile, text } = this.document;
    this.saveText(notebookFile || 'notebook.md', text, 'text/markdown;charset=utf-8');
  }

  /** Downloads a whole result table (the page shows only its first rows) as CSV. */
  async downloadCsv(table: string): Promise<void> {
    try {
      const result = await this.access
        .session()
        .read((engine) => engine.query(`SELECT * FROM ${ident(table)}`));
      this.saveText(`${table}.csv`, toCsv(result), 'text/csv;charset=utf-8');
    } catch (error) {
      this.access.notify(messageOf(error));
    }
  }

  /** Downloads a whole result table as Parquet, written in JavaScript (export-parquet.ts). */
  async downloadParquet(table: string): Promise<void> {
    try {
      const { tableToParquet } = await import('../export-parquet.ts');
      const bytes = await this.access.session().read((engine) => tableToParquet(engine, table));
      const type = 'application/vnd.apache.parquet';
      this.save(`${table}.parquet`, new Blob([bytes as BlobPart], { type }));
    } catch (error) {
      this.access.notify(`Could not export ${table} as Parquet: ${messageOf(error)}`);
    }
  }

  /** Downloads the notebook and its results as one self-contained HTML report. */
  async exportHtml(): Promise<void> {
    try {
      // The report writes every prose block at once: the renderer comes first.
      const [{ reportHtml }] = await Promise.all([import('../export-report.ts'), loadMarkdown()]);
      const doc = this.document;
      const notebookFile = doc.notebookFile || 'notebook.md';
      const version = this.engineVersion();
      // Result headers show variable labels, read now, as the page's tables show them.
      const labels = await this.access.session().read(readLabelIndex);
      // Prose states its inline values as this run computed them.
      const fills = await sessionProseFills(this.access.session());
      const html = reportHtml(
        {
          title: doc.title,
          authors: doc.metadata.authors,
          description: doc.metadata.description,
          notebookFile,
          blocks: doc.blocks,
          cells: doc.cells,
          datasets: doc.datasets,
          engine: version ? `DuckDB ${version} (WebAssembly)` : undefined,
        },
        labels,
        fills,
      );
      const name = `${notebookFile.replace(/\.(md|markdown)$/i, '')}.html`;
      this.saveText(name, html, 'text/html;charset=utf-8');
    } catch (error) {
      this.access.notify(`Could not make the HTML report: ${messageOf(error)}`);
    }
  }

  /**
   * Downloads the replication package (.zip): notebook, results.json, chart SVGs, a README,
   * and the data files only when `includeData` (their licences may forbid passing them on).
   */
  async downloadReplication(includeData = false): Promise<void> {
    try {
      const { replicationPackage } = await import('./replication.ts');
      const svg = this.chartSvg ?? (await pageChartSvg());
      const { notebookFile, text } = this.document;
      const file = notebookFile || 'notebook.md';
      const bytes = await replicationPackage({
        session: this.access.session(),
        text,
        notebookFile: file,
        svg,
        includeData,
      });
      const name = `${file.replace(/\.(md|markdown)$/i, '')}-replication.zip`;
      this.save(name, new Blob([bytes as BlobPart], { type: 'application/zip' }));
    } catch (error) {
      this.access.notify(`Could not make the replication package: ${messageOf(error)}`);
    }
  }

  private saveText(fileName: string, text: string, type: string): void {
    this.save(fileName, new Blob([text], { type }));
  }
}

/** Charts drawn in the page's own document, as the CLI draws them in jsdom's. */
async function pageChartSvg(): Promise<ChartSvg> {
  const { chartSvgString } = await import('../../charts/svg-string.ts');
  return (spec, rows) => chartSvgString(spec, rows, document);
}
