/** Snapshot comparison and SVG inspection shared by the chart tests. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';

const SNAPSHOTS = path.resolve(import.meta.dirname, '__snapshots__');

/**
 * Compares `svg` with `__snapshots__/<name>.svg`. A missing snapshot is written and the test
 * fails, so CI never silently accepts new output; UPDATE_SNAPSHOTS=1 rewrites snapshots.
 */
export function matchSnapshot(name: string, svg: string): void {
  const file = path.join(SNAPSHOTS, `${name}.svg`);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, svg);
    return;
  }
  if (!existsSync(file)) {
    mkdirSync(SNAPSHOTS, { recursive: true });
    writeFileSync(file, svg);
    throw new Error(
      `Snapshot ${path.relative(process.cwd(), file)} did not exist and has been written. ` +
        'Review it (open it in a browser), then re-run the tests.',
    );
  }
  const expected = readFileSync(file, 'utf8');
  if (svg === expected) return;
  const actual = path.join(tmpdir(), `statecraft-${name}.actual.svg`);
  writeFileSync(actual, svg);
  const actualLines = svg.split('\n');
  const expectedLines = expected.split('\n');
  const line = actualLines.findIndex((l, i) => l !== expectedLines[i]);
  throw new Error(
    `Chart ${name} differs from ${path.relative(process.cwd(), file)} at line ${line + 1}:\n` +
      `  expected: ${expectedLines[line]?.slice(0, 300)}\n` +
      `  actual:   ${actualLines[line]?.slice(0, 300)}\n` +
      `New output written to ${actual}. If the change is intended, re-run with UPDATE_SNAPSHOTS=1.`,
  );
}

/** Parses SVG text as XML (throws on anything a strict XML parser would reject). */
export function parseSvg(svg: string): Document {
  const { document } = new JSDOM(svg, { contentType: 'image/svg+xml' }).window;
  if (document.querySelector('parsererror')) throw new Error('SVG is not well-formed XML');
  return document;
}

export function texts(doc: Document | Element, selector: string): string[] {
  return [...doc.querySelectorAll(selector)].map((e) => e.textContent ?? '');
}

/** Elements drawn by a Plot mark (its groups carry the mark's aria-label). */
export function markElements(doc: Document, ariaLabel: string, tag: string): Element[] {
  return [...doc.querySelectorAll(`g[aria-label="${ariaLabel}"] ${tag}`)];
}

/** Elements of the marks whose group description starts with `prefix` (error bars, …). */
export function described(doc: Document, prefix: string, tag: string): Element[] {
  return [...doc.querySelectorAll(`g[aria-description^="${prefix}"] ${tag}`)];
}
