#!/usr/bin/env node
// Runs the command line built at install time (dist-cli/, `npm run build:cli`, made by the
// `prepare` script), which starts in a fraction of the time tsx takes to compile the
// TypeScript sources. The build is used only while it is current: when it is absent or any
// source file that went into it has changed since, the sources run through tsx instead, with
// a note, so the command line never runs code older than the sources beside it.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBuiltMain } from './built-cli.js';

const root = new URL('../', import.meta.url);

/** Why the build cannot be used, or undefined when it is current. */
function staleBuild() {
  let built;
  let inputs;
  try {
    const manifest = new URL('dist-cli/inputs.json', root);
    built = statSync(manifest).mtimeMs;
    inputs = JSON.parse(readFileSync(manifest, 'utf8'));
    statSync(new URL('dist-cli/main.cjs', root));
  } catch {
    return 'it is not built';
  }
  for (const input of inputs) {
    let changed;
    try {
      changed = statSync(new URL(input, root)).mtimeMs;
    } catch {
      return `${input} is gone since the build`;
    }
    if (changed > built) return `${input} changed since the build`;
  }
  return undefined;
}

const stale = process.env.STATECRAFT_SOURCES ? 'STATECRAFT_SOURCES is set' : staleBuild();
const args = process.argv.slice(2);
let main;
let saveCache = () => undefined;
if (stale === undefined) {
  ({ main, saveCache } = loadBuiltMain(fileURLToPath(new URL('dist-cli/', root)), args));
} else {
  if (!process.env.STATECRAFT_SOURCES) {
    process.stderr.write(
      `statecraft: running the TypeScript sources through tsx (slower to start): ${stale}; \`npm run build:cli\` builds it.\n`,
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(args);
saveCache();
