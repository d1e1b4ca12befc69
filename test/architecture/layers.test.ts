/**
 * The layering of src/ (docs/architecture.md), checked two ways: ESLint's
 * no-restricted-imports stops a wrong-way import as it is written (`npm run lint`), and the
 * resolved import graph here also catches dynamic imports and any cycle, file or folder.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { cycles, folderOf, importGraph, layers, ROOT } from './import-graph.ts';

const graph = importGraph();

describe('layers of src/', () => {
  it('every relative import resolves to a file', () => {
    expect(graph.unresolved).toEqual([]);
  });

  it('no file imports itself back, through any path', () => {
    expect(
      cycles(
        graph.files,
        graph.edges.map((e) => [e.from, e.to]),
      ),
    ).toEqual([]);
  });

  it('no folder imports itself back', () => {
    const folders = [...new Set(graph.files.map(folderOf))];
    const edges = graph.edges
      .map((e): [string, string] => [folderOf(e.from), folderOf(e.to)])
      .filter(([a, b]) => a !== b);
    expect(cycles(folders, edges)).toEqual([]);
  });

  it('every import goes to the same folder or a layer below', async () => {
    const table = await layers();
    const depth = new Map(table.flatMap((layer, i) => layer.map((f): [string, number] => [f, i])));
    expect([...new Set(graph.files.map(folderOf))].filter((f) => !depth.has(f))).toEqual([]);
    const wrong = graph.edges.filter((e) => {
      const [from, to] = [folderOf(e.from), folderOf(e.to)];
      return from !== to && depth.get(to)! <= depth.get(from)!;
    });
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('ESLint refuses a wrong-way import, naming the rule', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const [result] = await eslint.lintText(
      "import { Runner } from '../notebook/Runner.ts';\nexport const runner = Runner;\n",
      { filePath: `${ROOT}/src/stats/x.ts` },
    );
    expect(result.messages.map((m) => m.message)).toEqual([
      "'../notebook/Runner.ts' import is restricted from being used by a pattern. " +
        'Layering: src/stats may import only stats, engine and shared (see docs/architecture.md).',
    ]);
  });
});
