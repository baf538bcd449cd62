#!/usr/bin/env node
// session-audit CLI: everything happens in run(); this file only wires the process to it.
// The built module is imported lazily so that a missing build says so plainly.
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
