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
process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
