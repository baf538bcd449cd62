import { describe, expect, it } from 'vitest';
import { PACKAGE } from '../../src/version.js';
import { PROJECTS, cli } from './helpers.js';

const cwd = `${PROJECTS}/formats`;

describe('arguments', () => {
  it('prints the help with every flag and the exit codes', async () => {
    const r = await cli(['--help'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`session-audit ${PACKAGE.version}: find insecure session handling in Node.js apps (express-session and friends)`);
    for (const flag of ['--format', '--output-file', '--quiet', '--max-warnings', '--rule', '--preset', '--config', '--tsconfig', '--ignore-pattern', '--fix', '--fix-dry-run', '--baseline', '--update-baseline', '--color', '--no-color', '--debug', '--version']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('1  findings at error severity, too many warnings, or a file that could not be read, parsed');
    expect(r.stdout).toContain('2  usage or configuration error, no scan path exists, or an internal error');
  });

  it('prints the version', async () => {
    const r = await cli(['--version'], { cwd });
    expect(r).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    expect((await cli(['-v'], { cwd })).stdout).toBe(`${PACKAGE.version}\n`);
  });

  it.each([
    [['--frobnicate'], "session-audit: unknown option '--frobnicate' (see 'session-audit --help')\n"],
    [['-x'], "session-audit: unknown option '-x' (see 'session-audit --help')\n"],
    [['--format'], "session-audit: option '--format' needs a value (see 'session-audit --help')\n"],
    [['--quiet=yes'], "session-audit: option '--quiet' does not take a value (see 'session-audit --help')\n"],
    [['--format', 'xml'], "session-audit: unknown format 'xml' (use one of: stylish, pretty, json, sarif, github, rdjson, gitlab, html) (see 'session-audit --help')\n"],
    [['--max-warnings', 'many'], "session-audit: --max-warnings expects a whole number >= 0, got 'many' (see 'session-audit --help')\n"],
    [['--max-warnings', '-1'], "session-audit: option '--max-warnings' needs a value (write --max-warnings=<value> for one that starts with '-') (see 'session-audit --help')\n"],
    [['--max-warnings=-1'], "session-audit: --max-warnings expects a whole number >= 0, got '-1' (see 'session-audit --help')\n"],
    [['--rule', 'no-memory-store'], "session-audit: --rule expects id=severity (for example no-memory-store=warn), got 'no-memory-store' (see 'session-audit --help')\n"],
    [['--fix', '--fix-dry-run'], "session-audit: use either --fix or --fix-dry-run, not both (see 'session-audit --help')\n"],
    [['--update-baseline'], "session-audit: --update-baseline needs --baseline <file> to say where to write it (see 'session-audit --help')\n"],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const r = await cli(args, { cwd });
    expect(r).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('names an unknown rule id and lists the known ones', async () => {
    const r = await cli(['--rule', 'no-such-rule=error'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^session-audit: unknown rule 'no-such-rule' in --rule no-such-rule=error \(known rules: no-hardcoded-secret, .*\)\n$/);
  });

  it('rejects a bad severity and a bad preset', async () => {
    expect((await cli(['--rule', 'no-memory-store=loud'], { cwd })).stderr).toBe(
      'session-audit: --rule no-memory-store=loud: rule \'no-memory-store\' has severity "loud"; expected "off", "warn" or "error"\n',
    );
    expect((await cli(['--preset', 'paranoid'], { cwd })).stderr).toBe("session-audit: unknown preset 'paranoid' (use one of: recommended, strict, all, none)\n");
  });

  it('prints no stack trace unless --debug', async () => {
    const plain = await cli(['--tsconfig', 'missing/tsconfig.json'], { cwd });
    expect(plain).toEqual({ code: 2, stdout: '', stderr: 'session-audit: tsconfig not found: missing/tsconfig.json\n' });
    const debug = await cli(['--tsconfig', 'missing/tsconfig.json', '--debug'], { cwd });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^session-audit: tsconfig not found: missing\/tsconfig.json\nUsageError: tsconfig not found[^\n]*\n\s+at /);
  });
});
