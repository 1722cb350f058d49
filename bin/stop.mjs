#!/usr/bin/env node
// Entry point of the `stop` command line. It runs in this very process (so signals, exit codes and
// `kill` reach the command itself, e.g. `stop worker`), from a precompiled bundle of the TypeScript
// sources that is rebuilt only when they change (scripts/lib/cli-bundle.mjs).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { cliBundle } from '../scripts/lib/cli-bundle.mjs';

// Commands that end within seconds and compute little in JavaScript: the optimising compilers would cost
// them more CPU than they save (PGlite's WebAssembly alone takes about 0.5 s of TurboFan). Commands that
// run experiments, serve or work for long keep them.
const SHORT_COMMANDS = new Set(['tasks', 'improve', 'meta-utility', 'runs', 'show', 'figure', 'cancel', 'health', 'db', 'scan']);
if (SHORT_COMMANDS.has(process.argv[2])) {
  v8.setFlagsFromString('--liftoff-only');
  v8.setFlagsFromString('--no-opt');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.STOP_STUDIO_ROOT = root;
let bundle;
try {
  bundle = await cliBundle(root);
} catch (error) {
  process.stderr.write(`stop: building the command line from ${root} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
if (process.env.STOP_DEBUG) process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
