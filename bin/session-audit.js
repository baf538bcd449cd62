#!/usr/bin/env node
// session-audit CLI: everything happens in run(); this file only wires the process to it.
// The built module is imported lazily so that a missing build says so plainly.
import { setFlagsFromString } from 'node:v8';

// A run is short and its hot code is spread thin: V8's default tier-up budget sends hundreds of
// functions to the optimizing compiler (on a background thread) before they have paid back.
// Sixteen times Node 20's default budget (67,584) optimizes only what stays hot: 17-22% less
// CPU on the generated 10k and 50k trees, 5% less with every file a candidate
// (docs/performance.md, "Fourth pass"). Set before any of the CLI's code is compiled (V8 reads
// it when a function gets its budget); a budget given to node itself is left alone.
if (![...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => a.startsWith('--interrupt-budget'))) {
  setFlagsFromString('--interrupt-budget=1081344');
}
let run;
try {
  ({ run } = await import('../dist/src/cli/run.js'));
} catch (e) {
  process.stderr.write(`session-audit: cannot load the CLI (${e && e.message}); run \`npm run build\` first\n`);
  process.exit(2);
}
let cwd;
try {
  cwd = process.cwd();
} catch (e) {
  // The current folder was removed (or cannot be read): a user error, not a crash.
  process.stderr.write(`session-audit: cannot use the current folder (${e && e.code === 'ENOENT' ? 'it no longer exists' : e && e.message})\n`);
  process.exit(2);
}
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd,
  env: process.env,
});
