// Loads the command line built by scripts/build-cli.js (one CommonJS file) with V8's code
// cache. Compiling the 4 MB bundle was the largest part of a short `statecraft run` that was
// not the notebook's own work (about 80 ms of 450, docs/performance.md); with the code V8
// produced in an earlier run of the same command, the start skips it. Node 20 has no compile
// cache for ES modules (module.enableCompileCache() arrived in Node 22), so the bundle is
// CommonJS and runs through vm.Script, which takes and produces cached data.
//
// Each command word (run, check, --help, …) has its own cache, written after its first run
// and whenever V8 rejects it (another Node version): the cache holds the functions that
// command compiled. The caches live in the build's folder and go with it when it is rebuilt;
// where that folder cannot be written the command line simply runs without them.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The cache file for the command `args` run. */
function cacheFile(dir, args) {
  const word = /^-{0,2}[a-z][a-z-]*$/.test(args[0] ?? '') ? args[0].replace(/^-+/, '') : 'other';
  return join(dir, 'code-cache', `${word}.bin`);
}

/**
 * The built main() of `dir` (absolute), and saveCache(), to call once the command is done:
 * it writes the command's code cache when there was none or V8 refused it.
 */
export function loadBuiltMain(dir, args) {
  const file = join(dir, 'main.cjs');
  const cache = cacheFile(dir, args);
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  // CommonJS's own wrapper: the bundle sees exports, require, module, __filename, __dirname.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      mkdirSync(dirname(cache), { recursive: true });
      // Renamed into place: a command running beside this one never reads half a file.
      const partial = `${cache}.${process.pid}`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cache);
    } catch {
      // A read-only install: no cache, the same results.
    }
  };
  /** Whether V8 started from a cache (tests and the bench read it). */
  const cacheState = cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'absent';
  return { main: module.exports.main, saveCache, cacheState };
}
