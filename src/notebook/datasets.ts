/**
 * Loads a notebook's datasets through the ingest layer. Where files come from is the host's
 * business (a folder on the command line, files the user opened in the browser); the runner
 * only asks for them by name.
 */
import { messageOf } from '../shared/errors.ts';
import type { Engine, FileSource } from '../engine/Engine.ts';
import { loadFile } from '../ingest/index.ts';
import type { DatasetState } from './state.ts';
import type { DatasetRef } from './types.ts';

export interface ResolvedFile {
  fileName: string;
  source: FileSource;
}

/** Finds a dataset's file; undefined when it is not available (missing is reported, not thrown). */
export type DatasetResolver = (ref: DatasetRef) => Promise<ResolvedFile | undefined>;

export async function loadDataset(
  engine: Engine,
  ref: DatasetRef,
  resolve: DatasetResolver,
  where: string,
): Promise<DatasetState> {
  const base = { name: ref.name, file: ref.file, tables: [], warnings: [] };
  const started = performance.now();
  const file = await resolve(ref);
  if (!file) {
    return {
      ...base,
      status: 'missing',
      error: { message: `Dataset file "${ref.file}" was not found in ${where}`, line: ref.line },
    };
  }
  try {
    const result = await loadFile(engine, {
      table: ref.name,
      fileName: file.fileName,
      source: file.source,
      sheet: ref.sheet,
      encoding: ref.encoding,
      ...(ref.missing === undefined ? {} : { missing: ref.missing }),
    });
    const warnings = [...result.warnings];
    if (ref.sha256 && ref.sha256 !== result.sha256) {
      warnings.unshift(
        `sha256 of ${ref.file} differs from the notebook's: expected ${ref.sha256}, file has ${result.sha256}. The numbers may not match the author's.`,
      );
    }
    return {
      ...base,
      status: 'ok',
      sha256: result.sha256,
      rows: result.tables[0]?.rows,
      tables: result.tables.map((t) => t.name),
      warnings,
      ms: performance.now() - started,
    };
  } catch (error) {
    const message = messageOf(error);
    // Readers name the file themselves ("survey.dta is damaged …"); say it once.
    const named = message.startsWith(file.fileName)
      ? message
      : `Could not load ${ref.file}: ${message}`;
    return { ...base, status: 'error', error: { message: named, line: ref.line } };
  }
}
