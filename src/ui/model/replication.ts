/**
 * The replication package: one .zip a reviewer can check without the page. It holds the
 * notebook, `results/results.json`, `results/<chart>.svg` and (with inline values in the prose)
 * `results/prose.md` exactly as `statecraft run <notebook> --out results` writes them, a
 * README naming each dataset by sha256 (with its source and citation when data/catalog.json
 * knows the file) and the commands that reproduce it; the data files only when asked, since a
 * dataset's licence may forbid passing it on.
 */
import { zipSync, strToU8, type Zippable } from 'fflate';
import type { ChartSpec } from '../../charts/spec.ts';
import { CATALOG, type CatalogEntry } from '../../ingest/catalog.ts';
import { cellKey } from '../../notebook/graph.ts';
import { filledNotebookText, fillProse, readInlineTable } from '../../notebook/inline-fill.ts';
import { cellsOf } from '../../notebook/parse.ts';
import type { Session } from '../../notebook/Session.ts';
import type { Row } from '../../shared/table-data.ts';

/** Draws a chart as standalone SVG text: chartSvgString in the page, renderChartSvg in Node. */
export type ChartSvg = (spec: ChartSpec, rows: readonly Row[]) => string;

export interface ReplicationInput {
  session: Session;
  /** The document text, exactly as "Save .md" writes it. */
  text: string;
  notebookFile: string;
  svg: ChartSvg;
  includeData: boolean;
}

/** Where each part sits in the zip; the data folder is what `--data` names. */
export const DATA_FOLDER = 'data';
export const RESULTS_FOLDER = 'results';

export async function replicationPackage(input: ReplicationInput): Promise<Uint8Array> {
  const { session, text, notebookFile, svg } = input;
  const files: Zippable = {};
  files[notebookFile] = strToU8(text);
  // The same object and formatting as the CLI's results.json, read after the running cell.
  const results = await session.read(() => session.runner.results(notebookFile));
  files[`${RESULTS_FOLDER}/results.json`] = strToU8(JSON.stringify(results, null, 2) + '\n');
  for (const cell of cellsOf(session.runner.notebook)) {
    const state = session.runner.cells.get(cellKey(cell));
    if (state?.status === 'ok' && state.chart) {
      files[`${RESULTS_FOLDER}/${state.label}.svg`] = strToU8(
        svg(state.chart.spec, state.chart.rows),
      );
    }
  }
  // The prose with its inline values in place, as `statecraft run` writes prose.md.
  const { blocks } = session.runner.notebook;
  const fills = await fillProse(blocks, session.runner.cells, (table) =>
    session.read((engine) => readInlineTable(engine, table)),
  );
  if (fills.length > 0) {
    files[`${RESULTS_FOLDER}/prose.md`] = strToU8(filledNotebookText(text, blocks, fills));
  }
  const included: string[] = [];
  if (input.includeData) {
    for (const ref of session.runner.notebook.datasets) {
      const file = findFile(session, ref.file);
      if (!file) continue;
      files[`${DATA_FOLDER}/${ref.file}`] = new Uint8Array(await file.arrayBuffer());
      included.push(ref.file);
    }
  }
  files['README.md'] = strToU8(readme(session, notebookFile, included));
  return zipSync(files, { level: 6 });
}

function findFile(session: Session, name: string): Blob | undefined {
  const lower = name.toLowerCase();
  for (const [key, blob] of session.files) if (key.toLowerCase() === lower) return blob;
  return undefined;
}

/** The catalogue entry of a file whose bytes are a catalogued release (by sha256). */
export function catalogEntryFor(sha256: string | undefined): CatalogEntry | undefined {
  return sha256 ? CATALOG.find((e) => e.sha256.includes(sha256)) : undefined;
}

function readme(session: Session, notebookFile: string, included: string[]): string {
  const notebook = session.runner.notebook;
  const title = notebook.title ?? notebookFile;
  const lines = [
    `# Replication package: ${title}`,
    '',
    `This package reproduces the results of \`${notebookFile}\`, a Statecraft notebook.`,
    '',
    '## Data',
    '',
  ];
  if (notebook.datasets.length === 0) lines.push('The notebook reads no dataset.', '');
  for (const ref of notebook.datasets) {
    const sha = session.runner.datasets.get(ref.name)?.sha256 ?? ref.sha256;
    lines.push(`- **${ref.name}**: \`${ref.file}\`, sha256 \`${sha ?? 'unknown'}\``);
    const entry = catalogEntryFor(sha);
    if (entry) {
      lines.push(`  - ${entry.name}${entry.version ? ` ${entry.version}` : ''}`);
      lines.push(`  - Source: ${entry.source}`);
      lines.push(`  - Citation: ${entry.citation}`);
      if (entry.terms) lines.push(`  - Terms: ${entry.terms}`);
    }
  }
  lines.push('');
  lines.push(
    included.length > 0
      ? `The data files are in \`${DATA_FOLDER}/\`. Check their licences before passing them on.`
      : `The data files are not included (their licences may not allow it). Put the files named above in a folder \`${DATA_FOLDER}/\` next to the notebook; the sha256 tells whether a copy is the same file.`,
  );
  lines.push(
    '',
    '## Reproduce',
    '',
    '```sh',
    `npx statecraft check ${notebookFile} --data ${DATA_FOLDER}`,
    `npx statecraft run ${notebookFile} --data ${DATA_FOLDER} --out ${RESULTS_FOLDER}`,
    '```',
    '',
    '`check` re-runs every cell and compares the datasets with their sha256 and the results with',
    `the values pinned in the notebook's \`expect\` cells; it ends with REPRODUCED when all hold.`,
    `\`run\` writes \`${RESULTS_FOLDER}/results.json\`, one SVG per chart and, when the prose states`,
    'values inline, `prose.md` (the notebook with those values in place), which should equal the',
    'files in this package.',
    '',
  );
  return lines.join('\n');
}
