import { existsSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { repoRoot } from '../test/browser/harness.ts';
import { BENCH_PAGES, benchPageConfig, type BenchPage } from './vite.config.ts';

/**
 * One folder served by one local server: the app's production build at the root, the bench
 * pages under bench/. Built in a temp folder so a bench run never touches dist/ (the browser
 * tests serve that one).
 */
export interface Site {
  root: string;
  /** Why the app is not there, or null when it is. */
  appMissing: string | null;
  /**
   * The app's JavaScript by origin (npm package or src/<area>): bytes of rendered code before
   * minification, from the bundler's own report. Null when the app was not built here.
   */
  appComposition: Record<string, number> | null;
  /** Why each bench page is not there, or null when it is. */
  pagesMissing: Record<BenchPage, string | null>;
}

export interface BuildOptions {
  /** Use this existing app build (e.g. `dist`) instead of building the app. */
  dist?: string;
  log: (line: string) => void;
}

export async function buildSite(root: string, options: BuildOptions): Promise<Site> {
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  const { appMissing, appComposition } = await buildApp(root, options);
  if (appMissing) {
    // The server wants an index.html; the bench pages and the figures without the app still run.
    await writeFile(join(root, 'index.html'), `<!doctype html><title>No app</title>${appMissing}`);
  }
  const pagesMissing = {} as Record<BenchPage, string | null>;
  for (const page of BENCH_PAGES) {
    options.log(`building bench page ${page}.html`);
    try {
      await build(benchPageConfig(page, join(root, 'bench')));
      pagesMissing[page] = null;
    } catch (error) {
      pagesMissing[page] = `bench/pages/${page}.html did not build: ${firstLine(error)}`;
      options.log(pagesMissing[page]);
    }
  }
  return { root, appMissing, appComposition, pagesMissing };
}

async function buildApp(
  root: string,
  options: BuildOptions,
): Promise<Pick<Site, 'appMissing' | 'appComposition'>> {
  if (options.dist) {
    const dist = join(repoRoot, options.dist);
    if (!existsSync(join(dist, 'index.html'))) {
      return { appMissing: `no built app in ${options.dist}`, appComposition: null };
    }
    options.log(`copying the app build from ${options.dist}`);
    await cp(dist, root, { recursive: true });
    return { appMissing: null, appComposition: null };
  }
  options.log('building the app (vite build, the repository config) into a temp folder');
  try {
    const output = await build({
      root: repoRoot,
      configFile: join(repoRoot, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: root, emptyOutDir: true },
    });
    return { appMissing: null, appComposition: composition(output) };
  } catch (error) {
    const reason = `the app did not build: ${firstLine(error)}`;
    options.log(reason);
    return { appMissing: reason, appComposition: null };
  }
}

type BuildOutput = Awaited<ReturnType<typeof build>>;

function composition(result: BuildOutput): Record<string, number> | null {
  const outputs = Array.isArray(result) ? result : [result];
  const bytes: Record<string, number> = {};
  for (const out of outputs) {
    if (!('output' in out)) return null;
    for (const chunk of out.output) {
      if (chunk.type !== 'chunk') continue;
      for (const [id, module] of Object.entries(chunk.modules)) {
        const origin = originOf(id);
        bytes[origin] = (bytes[origin] ?? 0) + module.renderedLength;
      }
    }
  }
  return Object.fromEntries(Object.entries(bytes).sort((a, b) => b[1] - a[1]));
}

/** `@scope/name` or `name` for a package, `src/<area>` for the app's own code. */
function originOf(id: string): string {
  const inPackage = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  if (inPackage) return inPackage[1].replace('\\', '/');
  const own = relative(repoRoot, id).split(/[\\/]/);
  return own[0] === 'src' && own.length > 2 ? `src/${own[1]}` : own[0] || 'other';
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].slice(0, 300);
}
