import type { Engine } from '../../engine/Engine.ts';
import { ident } from '../../engine/sql.ts';
import { listTables } from '../../engine/tables.ts';
import { adapterInfo, matchCatalog } from '../catalog.ts';
import type { AdapterInfo, LoadedTable } from '../types.ts';
import type { AdapterOutput } from './kit.ts';

/** Which adapter labelled which table, per engine: helpers that join two datasets need it. */
const linked = new WeakMap<Engine, Map<string, string>>();

export interface Adapted {
  tables: (AdapterOutput['tables'][number] & { sheet?: string })[];
  warnings: string[];
  adapter?: AdapterInfo;
}

/**
 * Runs the matching adapter on each raw table. The raw tables are never modified; an adapter
 * that fails leaves a warning and no half-built outputs.
 */
export async function applyAdapters(
  engine: Engine,
  raw: LoadedTable[],
  sha256: string,
): Promise<Adapted> {
  const out: Adapted = { tables: [], warnings: [] };
  const registry = linked.get(engine) ?? new Map<string, string>();
  linked.set(engine, registry);
  for (const table of raw) {
    const match = matchCatalog(
      table.columns.map((c) => c.name),
      sha256,
    );
    if (!match) continue;
    const { entry, exact } = match;
    const { ADAPTERS, LabelledBuilder } = await import('./builders.ts');
    const adapter = ADAPTERS[entry.adapter];
    if (!adapter) continue;
    out.adapter ??= adapterInfo(entry, exact);
    if (!exact && entry.sha256.length > 0) {
      out.warnings.push(
        `${table.name}: recognised as ${entry.name} by its columns, but the file is not a catalogued release (sha256 differs); labels were applied all the same — check them against the codebook.`,
      );
    }
    try {
      const builder = new LabelledBuilder(engine, table.name, table.columns);
      adapter.build(builder);
      const result = await builder.create(entry.name);
      out.warnings.push(...result.warnings);
      const view = result.tables[0].name;
      if (adapter.check) out.warnings.push(...(await adapter.check(engine, view)));
      out.tables.push(
        ...result.tables.map((t) => ({ ...t, ...(table.sheet ? { sheet: table.sheet } : {}) })),
      );
      registry.set(table.name, entry.adapter);
    } catch (error) {
      await dropOutputs(engine, table.name);
      const message = error instanceof Error ? error.message : String(error);
      out.warnings.push(
        `${entry.name}: the labelled view could not be built (${message}); ${table.name} is loaded as is.`,
      );
    }
  }
  out.tables.push(
    ...(await linkHelpers(
      engine,
      registry,
      raw.map((t) => t.name),
      out.warnings,
    )),
  );
  return out;
}

/** Each adapter's link helpers whose two datasets are loaded, built when the second arrives. */
async function linkHelpers(
  engine: Engine,
  registry: Map<string, string>,
  justLoaded: string[],
  warnings: string[],
): Promise<Adapted['tables']> {
  if (registry.size === 0) return [];
  const existing = new Set(await listTables(engine));
  for (const name of [...registry.keys()]) if (!existing.has(name)) registry.delete(name);
  const of = (id: string): string[] => [...registry].filter(([, a]) => a === id).map(([t]) => t);
  const helpers: Adapted['tables'] = [];
  const { ADAPTERS } = await import('./builders.ts');
  for (const [id, { link }] of Object.entries(ADAPTERS)) {
    const other = link && of(link.with).at(-1);
    if (!link || !other) continue;
    for (const t of of(id)) {
      if (!justLoaded.includes(t) && !justLoaded.includes(other)) continue;
      try {
        helpers.push({ name: await link.create(engine, t, other), role: 'helper' });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        warnings.push(`The ${link.label} helper for ${t} could not be built (${message}).`);
      }
    }
  }
  return helpers;
}

async function dropOutputs(engine: Engine, table: string): Promise<void> {
  for (const [kind, name] of [
    ['VIEW', `${table}_labelled`],
    ['TABLE', `${table}_dictionary`],
  ]) {
    try {
      await engine.exec(`DROP ${kind} IF EXISTS ${ident(name)}`);
    } catch {
      // Nothing of that kind under that name: nothing to clean up.
    }
  }
}
