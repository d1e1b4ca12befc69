#!/usr/bin/env node
// Runs the TypeScript CLI directly (through tsx) so the command line executes exactly the
// same source files as the browser build: no separate compiled copy to drift.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
