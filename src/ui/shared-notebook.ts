/**
 * Opening a notebook that came through a share link: the name it opens under (never one of
 * the reader's own notebooks, so autosave cannot write over their work) and the check of the
 * data files the reader then opens against the sha256 the notebook records.
 */
import { fingerprint } from '../notebook/hash.ts';
import { parseFrontMatter } from '../notebook/parse.ts';
import type { DatasetState } from '../notebook/state.ts';
import type { SharedNotebook } from './share-link.ts';

export interface SharedDataset {
  name: string;
  file: string;
  sha256?: string;
}

export interface SharedInfo {
  /** The name it is open under here. */
  fileName: string;
  /** The name the author gave it. */
  from: string;
  datasets: SharedDataset[];
  /** The reader's own notebook that was open before, kept in this browser. */
  previous?: string;
}

/**
 * `<name>-shared-<hash>.md`: the same link opens the same notebook again (with the reader's
 * edits to it), a different notebook under the same name gets a name of its own.
 */
export function sharedFileName(shared: SharedNotebook): string {
  // A shared notebook shared on keeps its author's name, not a chain of suffixes.
  const stem = shared.fileName.replace(/\.md$/i, '').replace(/-shared-[0-9a-f]{6}$/, '');
  return `${stem}-shared-${fingerprint(shared.text).slice(0, 6)}.md`;
}

export function sharedDatasets(text: string): SharedDataset[] {
  return parseFrontMatter(text).datasets.map((d) => ({
    name: d.name,
    file: d.file,
    ...(d.sha256 ? { sha256: d.sha256.toLowerCase() } : {}),
  }));
}

export type DatasetCheck = SharedDataset & {
  status: 'needed' | 'match' | 'mismatch' | 'unchecked' | 'error';
  /** sha256 of the file the reader opened. */
  actual?: string;
  message?: string;
};

/** Where each dataset the shared notebook lists stands, from the runner's dataset states. */
export function checkDatasets(
  wanted: readonly SharedDataset[],
  states: readonly DatasetState[],
): DatasetCheck[] {
  return wanted.map((want) => {
    const state = states.find((s) => s.name === want.name);
    if (!state || state.status === 'missing') return { ...want, status: 'needed' };
    if (state.status === 'error') {
      return { ...want, status: 'error', message: state.error?.message };
    }
    if (!want.sha256) return { ...want, status: 'unchecked', actual: state.sha256 };
    return {
      ...want,
      status: state.sha256 === want.sha256 ? 'match' : 'mismatch',
      actual: state.sha256,
    };
  });
}
