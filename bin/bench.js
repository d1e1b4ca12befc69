#!/usr/bin/env node
// `npm run bench`: runs the TypeScript benchmarks (bench/main.ts) through tsx, like the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/main.ts');
process.exitCode = await main(process.argv.slice(2));
