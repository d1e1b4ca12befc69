/**
 * Writes the synthetic demo tables into data/ (or `--out <dir>`) after checking them against
 * their calibration targets; exits 1 without writing when a target is missed.
 *
 *   npx tsx scripts/generate-demo.ts [--out <dir>] [--seed <n>]
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemo, DEMO_SEED, writeDemo } from './demo/generate.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const outDir = resolve(option('--out') ?? resolve(repoRoot, 'data'));
const seed = Number(option('--seed') ?? DEMO_SEED);
const build = buildDemo(seed);

for (const check of build.checks) {
  const value = Number.isInteger(check.value) ? String(check.value) : check.value.toFixed(4);
  console.log(
    `${check.ok ? 'ok  ' : 'MISS'} ${check.name}: ${value} (target ${check.target}; ${check.source})`,
  );
}
try {
  for (const path of await writeDemo(outDir, build)) console.log(`wrote ${path}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
