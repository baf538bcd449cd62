/**
 * The CLI entry point: `run(argv, io)` returns the exit code; bin/session-audit.js
 * only sets process.exitCode. `--help` and `--version` answer from here without
 * loading TypeScript, ts-morph or the rule catalog (everything else is imported lazily).
 *
 * Exit codes: 0 clean, 1 findings (or files that could not be checked),
 * 2 usage, configuration or internal error.
 */
import { PACKAGE } from '../version.js';
import { type CliOptions, helpText, parseCliArgs } from './args.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import { terminalText } from './escape.js';

export type { CliIO, OutputStream } from './io.js';

// 1 (findings, or files that could not be checked) is decided by the audit itself.
const EXIT_OK = 0;
const EXIT_ERROR = 2;

const NAME = 'session-audit';

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (e) {
    return fail(io, e, argv.includes('--debug'), true);
  }
  if (opts.help) {
    io.stdout.write(helpText(NAME, PACKAGE.version));
    return EXIT_OK;
  }
  if (opts.version) {
    io.stdout.write(`${PACKAGE.version}\n`);
    return EXIT_OK;
  }
  try {
    const { audit } = await import('./audit.js');
    return await audit(opts, io);
  } catch (e) {
    return fail(io, e, opts.debug);
  }
}

function fail(io: CliIO, e: unknown, debug: boolean, argumentError = false): number {
  if (e instanceof UsageError) {
    io.stderr.write(`${NAME}: ${terminalText(e.message)}${argumentError ? ` (see '${NAME} --help')` : ''}\n`);
    if (debug && e.stack) io.stderr.write(`${e.stack}\n`);
    return EXIT_ERROR;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr.write(`${NAME}: internal error: ${terminalText(err.message.split('\n')[0]!)}${debug ? '' : ' (run with --debug for the stack trace)'}\n`);
  if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
  return EXIT_ERROR;
}
