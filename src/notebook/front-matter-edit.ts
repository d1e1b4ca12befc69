/**
 * Edits of a notebook's YAML front matter (datasets, title, authors, description) as text.
 * Only the front matter is rewritten; the Markdown after it is kept byte for byte, so a
 * browser edit of the metadata never moves a cell or a line number a message points at.
 */
import { isMap, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml';
import { renameTables } from './cell-edits.ts';

/** What the browser writes for a dataset it loaded (docs/notebook-format.md). */
export interface DatasetEntry {
  file: string;
  sheet?: string | number;
  encoding?: string;
  /** The known-dataset adapter that applied (informational: adapters apply by detection). */
  adapter?: string;
  sha256?: string;
}

export interface NotebookMetadata {
  title?: string;
  authors?: string[];
  description?: string;
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/;

interface Split {
  /** The YAML between the fences (without them). */
  yaml: string;
  /** Everything after the closing fence's line, as written. */
  body: string;
  /** The line ending the file uses, so a new front matter matches it. */
  eol: string;
}

function split(text: string): Split {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const firstEnd = text.indexOf('\n');
  const first = (firstEnd < 0 ? text : text.slice(0, firstEnd)).replace(/\r$/, '');
  if (!OPEN.test(first) || firstEnd < 0) return { yaml: '', body: text, eol };
  let at = firstEnd + 1;
  while (at <= text.length) {
    const end = text.indexOf('\n', at);
    const line = (end < 0 ? text.slice(at) : text.slice(at, end)).replace(/\r$/, '');
    if (CLOSE.test(line)) {
      return {
        yaml: text.slice(firstEnd + 1, at),
        body: end < 0 ? '' : text.slice(end + 1),
        eol,
      };
    }
    if (end < 0) break;
    at = end + 1;
  }
  throw new Error('The front matter is never closed with ---; fix it in the text first.');
}

/** Applies `change` to the front matter's YAML document and writes the notebook back. */
function editFrontMatter(text: string, change: (doc: Document) => void): string {
  const { yaml, body, eol } = split(text);
  const doc: Document = parseDocument(yaml.replace(/\r\n/g, '\n'));
  if (doc.errors.length > 0) {
    throw new Error(
      `The front matter is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`,
    );
  }
  if (doc.contents === null) doc.contents = doc.createNode({});
  if (!isMap(doc.contents)) throw new Error('The front matter must be a YAML mapping');
  change(doc);
  const written =
    isMap(doc.contents) && doc.contents.items.length === 0
      ? ''
      : doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
  if (written === '') return yaml === '' ? body : body.replace(/^(\r?\n)+/, '');
  const front = `---${eol}${written.replace(/\n/g, eol)}---${eol}`;
  // A new front matter is set off from the first line of prose by a blank line.
  return yaml === '' && !/^\r?\n/.test(body) && body !== '' ? front + eol + body : front + body;
}

function datasetsMap(doc: Document, create: boolean): YAMLMap | undefined {
  const datasets = doc.get('datasets', true);
  if (isMap(datasets)) return datasets;
  if (!create) return undefined;
  doc.set('datasets', doc.createNode({}));
  return doc.get('datasets', true) as YAMLMap;
}

function clean(entry: Partial<DatasetEntry>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const key of ['file', 'sheet', 'encoding', 'adapter', 'sha256'] as const) {
    const value = entry[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}

/** The dataset names the front matter lists, as written. */
export function listedDatasets(text: string): string[] {
  const doc = parseDocument(split(text).yaml);
  const datasets = doc.get('datasets', true);
  return isMap(datasets)
    ? datasets.items.map((p) => String(isScalar(p.key) ? p.key.value : p.key))
    : [];
}

/** Lists a dataset under `name` (its table name); an existing entry of that name is replaced. */
export function addDataset(text: string, name: string, entry: DatasetEntry): string {
  return editFrontMatter(text, (doc) => {
    datasetsMap(doc, true)!.set(name, doc.createNode(clean(entry)));
  });
}

/**
 * Changes some keys of a listed dataset (a key set to '' is removed), keeping the others; a
 * dataset written as just a file name becomes a mapping when it needs more keys.
 */
export function setDatasetFields(
  text: string,
  name: string,
  fields: Partial<Record<keyof DatasetEntry, string | number | undefined>>,
): string {
  return editFrontMatter(text, (doc) => {
    const datasets = datasetsMap(doc, false);
    const current: unknown = datasets?.get(name, true);
    if (!datasets || current === undefined) throw new Error(`No dataset ${name} is listed`);
    if (isScalar(current)) {
      // Written on the entry's own line, so no line below it moves: the messages that name
      // a line of the notebook still point where the reader looks.
      const entry = doc.createNode({ file: String(current.value) });
      entry.flow = true;
      datasets.set(name, entry);
    }
    const entry = datasets.get(name, true);
    if (!isMap(entry)) throw new Error(`Dataset ${name} is not a file name or a mapping`);
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined || value === '') entry.delete(key);
      else entry.set(key, value);
    }
  });
}

/** Takes a dataset out of the front matter (its file stays open; cells that read it fail). */
export function removeDataset(text: string, name: string): string {
  return editFrontMatter(text, (doc) => {
    const datasets = datasetsMap(doc, false);
    if (!datasets?.has(name)) throw new Error(`No dataset ${name} is listed`);
    datasets.delete(name);
    if (datasets.items.length === 0) doc.delete('datasets');
  });
}

/**
 * Renames a dataset's table: its front matter key and every cell that reads it (and the
 * tables loading it made beside it, such as `<name>_labelled`), in one edit.
 */
export function renameDataset(
  text: string,
  oldName: string,
  newName: string,
  tables: readonly string[] = [],
): string {
  const renamed = editFrontMatter(text, (doc) => {
    const datasets = datasetsMap(doc, false);
    if (!datasets?.has(oldName)) throw new Error(`No dataset ${oldName} is listed`);
    if (datasets.has(newName)) throw new Error(`A dataset ${newName} is already listed`);
    const pair = datasets.items.find((p) => isScalar(p.key) && String(p.key.value) === oldName)!;
    pair.key = doc.createNode(newName);
  });
  const renames = new Map<string, string>([[oldName, newName]]);
  for (const table of tables) {
    if (table.toLowerCase().startsWith(`${oldName.toLowerCase()}_`)) {
      renames.set(table, newName + table.slice(oldName.length));
    }
  }
  return renameTables(renamed, renames);
}

/** The notebook's title, authors and description as the front matter holds them. */
export function metadataOf(frontMatter: Record<string, unknown>): NotebookMetadata {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const raw = frontMatter.authors ?? frontMatter.author;
  const authors = Array.isArray(raw)
    ? raw.filter((a): a is string => typeof a === 'string' && a.trim() !== '')
    : typeof raw === 'string' && raw.trim() !== ''
      ? [raw]
      : [];
  return {
    title: text(frontMatter.title),
    authors: authors.length > 0 ? authors : undefined,
    description: text(frontMatter.description),
  };
}

/** Sets title, authors and description; an empty one is removed from the front matter. */
export function setMetadata(text: string, meta: NotebookMetadata): string {
  return editFrontMatter(text, (doc) => {
    const set = (key: string, value: unknown, empty: boolean) => {
      if (empty) doc.delete(key);
      else if (doc.has(key)) doc.set(key, value);
      else insertBeforeDatasets(doc, key, value);
    };
    if ('title' in meta) set('title', meta.title?.trim(), !meta.title?.trim());
    if ('authors' in meta) {
      const authors = (meta.authors ?? []).map((a) => a.trim()).filter((a) => a !== '');
      doc.delete('author');
      set('authors', authors, authors.length === 0);
    }
    if ('description' in meta) {
      set('description', meta.description?.trim(), !meta.description?.trim());
    }
  });
}

/** Metadata reads best above the datasets, as the format's example writes it. */
function insertBeforeDatasets(doc: Document, key: string, value: unknown): void {
  const map = doc.contents;
  if (!isMap(map)) return;
  const pair = doc.createPair(key, value);
  const at = map.items.findIndex((p) => isScalar(p.key) && p.key.value === 'datasets');
  if (at < 0) map.items.push(pair);
  else map.items.splice(key === 'title' ? 0 : at, 0, pair);
}
