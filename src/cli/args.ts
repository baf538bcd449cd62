/**
 * Command-line arguments: `node:util` parseArgs (strict), validated into
 * options, and the hand-written help. Loads nothing heavy: `--help` and
 * `--version` run from here without TypeScript.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export const FORMATS = ['stylish', 'pretty', 'json', 'sarif', 'github', 'rdjson', 'gitlab', 'html'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CliOptions {
  readonly paths: readonly string[];
  readonly format: FormatName;
  /** Whether --format was given (else: pretty on a terminal, stylish elsewhere; audit.ts decides). */
  readonly formatGiven: boolean;
  readonly outputFile?: string;
  readonly quiet: boolean;
  readonly maxWarnings?: number;
  /** `--rule id=severity`, in order (validated against the catalog later, with the config). */
  readonly rules: readonly { readonly name: string; readonly severity: string }[];
  readonly preset?: string;
  readonly config?: string;
  readonly ignorePatterns: readonly string[];
  /** Check test files with every rule (src/test-files.ts; by default each rule's metadata decides). */
  readonly includeTests: boolean;
  /** Check generated and bundled files too (minified, with a sourceMappingURL, bundler output). */
  readonly includeGenerated: boolean;
  readonly tsconfig?: string;
  /** The project boundary (default: the git work tree, else the outermost package root, else the working folder). */
  readonly projectRoot?: string;
  readonly fix: boolean;
  readonly fixDryRun: boolean;
  readonly baseline?: string;
  readonly updateBaseline: boolean;
  /** `--changed-since <ref>`: report only findings on lines changed since the merge base of the ref and HEAD (or whose cause changed). */
  readonly changedSince?: string;
  /** true: --color, false: --no-color, undefined: decide from the environment. */
  readonly color?: boolean;
  readonly progress: boolean;
  readonly debug: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'output-file': { type: 'string', short: 'o' },
  quiet: { type: 'boolean', short: 'q' },
  'max-warnings': { type: 'string' },
  rule: { type: 'string', multiple: true },
  preset: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'ignore-pattern': { type: 'string', multiple: true },
  'include-tests': { type: 'boolean' },
  'include-generated': { type: 'boolean' },
  tsconfig: { type: 'string' },
  'project-root': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'changed-since': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** parseArgs' messages carry advice for another audience; say it in one line of our own. */
function describeParseError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const message = String(err.message ?? e);
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const m = /Unknown option '([^']+)'/.exec(message);
      return `unknown option '${m?.[1] ?? message}'`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const m = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
      if (m) return `option '${m[1]}' needs a value`;
      const b = /Option '(?:-\w, )?(--[\w-]+)[^']*' does not take an argument/.exec(message);
      if (b) return `option '${b[1]}' does not take a value`;
      const a = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
      if (a) return `option '${a[1]}' needs a value (write ${a[1]}=<value> for one that starts with '-')`;
      return message.split('\n')[0]!;
    }
    default:
      return message.split('\n')[0]!;
  }
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError(describeParseError(e));
  }
  const v = parsed.values;

  const format = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' (use one of: ${FORMATS.join(', ')})`);
  }

  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    const s = v['max-warnings'];
    if (!/^\d+$/.test(s)) throw new UsageError(`--max-warnings expects a whole number >= 0, got '${s}'`);
    maxWarnings = Number(s);
  }

  const rules = (v.rule ?? []).map((spec) => {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(spec);
    if (!m) throw new UsageError(`--rule expects id=severity (for example no-memory-store=warn), got '${spec}'`);
    return { name: m[1]!, severity: m[2]! };
  });

  // The later of --color / --no-color wins, as with most CLIs.
  let color: boolean | undefined;
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option') continue;
    if (t.name === 'color') color = true;
    if (t.name === 'no-color') color = false;
  }

  if (v.fix && v['fix-dry-run']) throw new UsageError('use either --fix or --fix-dry-run, not both');
  const changedSince = v['changed-since'];
  if (changedSince !== undefined) {
    if (v.fix || v['fix-dry-run']) throw new UsageError('--changed-since reports findings; use it without --fix or --fix-dry-run (fix the files, then check the pull request)');
    if (v['update-baseline']) throw new UsageError('--changed-since and --update-baseline do not go together (a baseline records every finding)');
  }
  if (v['update-baseline'] && !v.baseline) throw new UsageError('--update-baseline needs --baseline <file> to say where to write it');

  return {
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    format: format as FormatName,
    formatGiven: v.format !== undefined,
    outputFile: v['output-file'],
    quiet: v.quiet ?? false,
    maxWarnings,
    rules,
    preset: v.preset,
    config: v.config,
    ignorePatterns: v['ignore-pattern'] ?? [],
    includeTests: v['include-tests'] ?? false,
    includeGenerated: v['include-generated'] ?? false,
    tsconfig: v.tsconfig,
    projectRoot: v['project-root'],
    fix: v.fix ?? false,
    fixDryRun: v['fix-dry-run'] ?? false,
    baseline: v.baseline,
    updateBaseline: v['update-baseline'] ?? false,
    changedSince,
    color,
    progress: !v['no-progress'],
    debug: v.debug ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
  };
}

export function helpText(name: string, version: string): string {
  return `${name} ${version}: find insecure session handling in Node.js apps (express-session and friends)

Usage: ${name} [options] [paths...]

Scans files and folders (default: .) with extensions .js .cjs .mjs .jsx .ts .cts .mts .tsx,
following values across modules (imports, require, JSON configs) with the TypeScript checker.
.gitignore is honored; node_modules, dist, build, coverage, .next and similar output folders
are skipped. Tests (under test/, tests/, __tests__/, __mocks__/, and *.test.*, *.spec.*,
relative to the current folder) are not checked unless --include-tests, as in the ESLint
plugin. Other files named explicitly are always scanned (unless an ignore pattern matches).

Rules:
  --preset <name>           recommended (default), strict, all or none: which rules run
  --rule <id=severity>      set a rule to off, warn or error (repeatable; wins over the config)
  -c, --config <file>       use this config file instead of looking for session-audit.config.json
                            (or a "sessionAudit" key in package.json) from each file upwards
  --tsconfig <file>         the tsconfig.json for module resolution (default: each app's own,
                            an app being the files under the nearest package.json)
  --ignore-pattern <pat>    skip files matching a .gitignore-style pattern, relative to the
                            current folder (repeatable)
  --include-tests           check test files too (the rules skip them by default: their
                            hardcoded secrets and logins are fixtures, not the app's)
  --project-root <folder>   the project: only files inside it are read (default: the git work
                            tree, else the outermost folder with a package.json, else the
                            current folder); name a folder above to widen it
  --include-generated       check generated and bundled files too (skipped by default, with
                            a note: minified code, a sourceMappingURL comment, bundler output)

Output:
  -f, --format <name>       pretty (the default on a terminal: code, fix preview, docs link),
                            stylish (the default elsewhere: one line per finding), json, sarif,
                            github, rdjson, gitlab, html
  -o, --output-file <path>  write the report to a file instead of stdout (- for stdout; a device
                            or FIFO is written as a stream)
  -q, --quiet               report errors only (rules at warn do not run)
  --max-warnings <n>        exit with 1 when there are more than n warnings
  --color, --no-color       force colors on or off (default: on for a terminal, off with NO_COLOR,
                            on with FORCE_COLOR)
  --no-progress             no progress line on stderr (it only shows on a terminal, never in CI)

Fixes:
  --fix                     apply each finding's first suggested fix to files under the scanned
                            paths; every edited file is re-parsed before it is written
  --fix-dry-run             print the fixes as a unified diff on stdout (for git apply) and the
                            report on stderr (or to --output-file); nothing is written; the
                            exit code is the scan's (1 for errors it would fix)

Adoption:
  --baseline <file>         findings recorded in this file are not reported; only new ones are
  --update-baseline         record the current findings in the --baseline file, then report
  --changed-since <ref>     report only findings on lines changed since the merge base of <ref>
                            and HEAD (commits, staged and unstaged changes, new files), and
                            findings elsewhere whose cause changed (needs git)

Other:
  --debug                   print stack traces of internal errors
  -h, --help                show this help
  -v, --version             print the version

Suppressions (shared with the ESLint plugin):
  // eslint-disable-next-line session-audit/<rule-id>     // eslint-disable-line session-audit/<rule-id>
  /* eslint-disable session-audit/<rule-id> */ ... /* eslint-enable session-audit/<rule-id> */

Exit codes:
  0  no finding at error severity, and warnings within --max-warnings
  1  findings at error severity, too many warnings, or a file that could not be read, parsed
     or analyzed (reported with the reason; the other files are still checked), or a scan
     path that does not exist while others do
  2  usage or configuration error, no scan path exists, or an internal error

Docs: https://github.com/session-audit/session-audit/blob/main/docs/cli.md
`;
}
