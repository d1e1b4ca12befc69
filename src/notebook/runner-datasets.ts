/**
 * The Runner's datasets: loading each one the notebook lists (once, until what it is loaded
 * from changes), taking over files the page already loaded, and forgetting every load after
 * the engine restarted and lost its tables.
 */
import type { Engine } from '../engine/Engine.ts';
import type { LoadResult } from '../ingest/index.ts';
import { loadDataset, type DatasetResolver } from './datasets.ts';
import type { CellState, DatasetState } from './state.ts';
import type { TaskQueue } from './task-queue.ts';
import type { DatasetRef } from './types.ts';

export interface DatasetLoadOptions {
  resolveDataset: DatasetResolver;
  /** Where datasets are looked up, for messages ("the folder data/", "the files you opened"). */
  datasetLocation: string;
}

/** What a dataset is loaded from; the same request means no reload. */
function requestOf(ref: DatasetRef, sha256: string | undefined): string {
  return JSON.stringify([ref.file, ref.sheet, ref.encoding, sha256]);
}

export class DatasetLoads {
  /** Each dataset's state, as the UI shows it (Runner.datasets). */
  readonly states = new Map<string, DatasetState>();
  /** What each dataset was loaded from; unchanged means no reload. */
  private requests = new Map<string, string>();
  /** Fingerprint of each loaded dataset (request plus content hash), for cell signatures. */
  private signatures = new Map<string, string>();

  constructor(
    private readonly engine: Engine,
    private readonly queue: TaskQueue,
    private readonly options: DatasetLoadOptions,
    /** Called whenever a dataset changes state. */
    private readonly changed: () => void,
  ) {}

  /** Loads every dataset in `refs` not yet loaded from what it names now. */
  async load(refs: readonly DatasetRef[]): Promise<void> {
    for (const ref of refs) {
      const signature = requestOf(ref, ref.sha256);
      const current = this.states.get(ref.name);
      if (current?.status === 'ok' && this.requests.get(ref.name) === signature) continue;
      // The hash this load computed, now written into the notebook: the data is the same, so
      // neither the table nor the cells that read it are made again.
      const unhashed = requestOf(ref, undefined);
      if (
        current?.status === 'ok' &&
        current.sha256 === ref.sha256 &&
        this.requests.get(ref.name) === unhashed
      ) {
        this.requests.set(ref.name, signature);
        continue;
      }
      this.requests.set(ref.name, signature);
      const state = await this.queue.run(() =>
        loadDataset(this.engine, ref, this.options.resolveDataset, this.options.datasetLocation),
      );
      this.states.set(ref.name, state);
      this.signatures.set(ref.name, signature + (state.sha256 ?? ''));
      this.changed();
    }
  }

  /**
   * Takes a file already loaded as table `ref.name` as that dataset's load (the page just
   * listed a file it opened on its own), so the next run does not read the file again.
   */
  adopt(ref: DatasetRef, result: LoadResult): void {
    const signature = requestOf(ref, ref.sha256);
    this.requests.set(ref.name, signature);
    this.states.set(ref.name, {
      name: ref.name,
      file: ref.file,
      status: 'ok',
      sha256: result.sha256,
      rows: result.tables[0]?.rows,
      tables: result.tables.map((t) => t.name),
      warnings: [...result.warnings],
    });
    this.signatures.set(ref.name, signature + result.sha256);
    this.changed();
  }

  /** Forget a dataset's loaded state so the next load() reloads it. */
  invalidate(name: string): void {
    this.states.delete(name);
  }

  /** The engine restarted and lost every table: the next load() reads every dataset again. */
  forgetLoads(): void {
    this.requests.clear();
  }

  /** The fingerprint of dataset `name` as loaded, '' if it is not. */
  signatureOf(name: string): string {
    return this.signatures.get(name) ?? '';
  }
}

/**
 * After a restart nothing the notebook made exists: every cell that had run must run again
 * (a stopped cell's signature is unchanged, so it stays stopped).
 */
export function markRunCellsStale(cells: Iterable<CellState>): void {
  for (const state of cells) {
    if (state.status === 'ok') Object.assign(state, { status: 'stale', signature: undefined });
  }
}
