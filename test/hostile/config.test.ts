/**
 * Bad input, flags and configuration: one line on stderr naming the problem,
 * the documented exit code, no stack trace (unless --debug).
 */
import { describe, expect, it } from 'vitest';
import { GOOD, GOOD_ROW, SECRET_ONLY, cli, expectNoStack, parseJson, rows, tempProject } from './helpers.js';

const HELP = " (see 'session-audit --help')";

describe('flags', () => {
  it.each([
    [['--nope'], "unknown option '--nope'" + HELP],
    [['-x'], "unknown option '-x'" + HELP],
    [['--max-warnings', 'abc'], "--max-warnings expects a whole number >= 0, got 'abc'" + HELP],
    [['--max-warnings=-1'], "--max-warnings expects a whole number >= 0, got '-1'" + HELP],
    [['--max-warnings', '1.5'], "--max-warnings expects a whole number >= 0, got '1.5'" + HELP],
    [['--rule', 'nope'], "--rule expects id=severity (for example no-memory-store=warn), got 'nope'" + HELP],
    [['--rule', 'no-memory-store=loud'], '--rule no-memory-store=loud: rule \'no-memory-store\' has severity "loud"; expected "off", "warn" or "error"'],
    [['--preset', 'bogus'], "unknown preset 'bogus' (use one of: recommended, strict, all, none)"],
    [['-f'], "option '--format' needs a value" + HELP],
    [['--fix', '--fix-dry-run'], 'use either --fix or --fix-dry-run, not both' + HELP],
    [['--update-baseline'], '--update-baseline needs --baseline <file> to say where to write it' + HELP],
    [['--config', 'missing.json'], 'config file not found: missing.json'],
    [['--tsconfig', 'missing.json'], 'tsconfig not found: missing.json'],
    [['--baseline', 'missing.json'], 'baseline file not found: missing.json (create it with --update-baseline)'],
    [['--color=yes'], "option '--color' does not take a value" + HELP],
  ])('%j: one line, exit 2', async (args, message) => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD });
    expect(await cli(args, { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: `session-audit: ${message}\n` });
  });

  it('an unknown format names the value and the formats', async () => {
    const r = await cli(['--format', 'xml'], { cwd: tempProject(SECRET_ONLY) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^session-audit: unknown format 'xml' \(use one of: stylish, pretty, json, sarif, github, rdjson[^)\n]*\) \(see 'session-audit --help'\)\n$/);
  });

  it('an unknown rule id on the command line lists the known rules (with or without the plugin prefix)', async () => {
    for (const id of ['nope', 'session-audit/nope']) {
      const r = await cli(['--rule', `${id}=error`], { cwd: tempProject(SECRET_ONLY) });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^session-audit: unknown rule '${id}' in --rule ${id}=error \\(known rules: no-hardcoded-secret, [a-z-, ]+\\)\\n$`));
    }
  });

  it('--debug adds the stack to a usage error', async () => {
    const r = await cli(['--preset', 'bogus', '--debug'], { cwd: tempProject(SECRET_ONLY) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^session-audit: unknown preset 'bogus' \(use one of: recommended, strict, all, none\)\nUsageError: unknown preset[^\n]*\n\s+at /);
  });
});

describe('session-audit.config.json', () => {
  it.each([
    ['{ "rules": {\n  "no-memory-store": "warn",\n} }', 'session-audit.config.json is not valid JSON: Expected double-quoted property name at line 3, column 1'],
    ['', 'session-audit.config.json is not valid JSON: Unexpected end of JSON input'],
    ['[]', 'session-audit.config.json: expected a JSON object'],
    ['{ "extends": "x" }', "session-audit.config.json: unknown key 'extends' (allowed: preset, rules, ignorePatterns, includeTests, libraries)"],
    ['{ "preset": "max" }', 'session-audit.config.json: "preset" must be one of "recommended", "strict", "all", "none"'],
    ['{ "rules": [] }', 'session-audit.config.json: "rules" must be an object of rule id to severity'],
    ['{ "rules": { "no-memory-store": "on" } }', 'session-audit.config.json: rule \'no-memory-store\' has severity "on"; expected "off", "warn" or "error"'],
    ['{ "rules": { "no-memory-store": ["error", {}, 2] } }', "session-audit.config.json: invalid options for rule 'no-memory-store': Value [{},2] should NOT have more than 1 items."],
    ['{ "ignorePatterns": "legacy/" }', 'session-audit.config.json: "ignorePatterns" must be an array of strings'],
  ])('%j: one line naming the file, exit 2, nothing checked', async (config, message) => {
    const dir = tempProject({ 'package.json': '{}', 'session-audit.config.json': config, 'good.js': GOOD });
    const r = await cli([], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `session-audit: ${message}\n` });
  });

  it('an unknown rule id in the config is an error that names it', async () => {
    const dir = tempProject({ 'package.json': '{}', 'session-audit.config.json': '{ "rules": { "no-such-rule": "error" } }', 'good.js': GOOD });
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^session-audit: unknown rule 'no-such-rule' in session-audit\.config\.json \(known rules: no-hardcoded-secret, [a-z-, ]+\)\n$/);
  });

  it('a broken config in a subfolder names that file', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'sub/session-audit.config.json': '{ nope', 'sub/app.js': GOOD });
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^session-audit: sub\/session-audit\.config\.json is not valid JSON: [^\n]+ at line 1, column 3\n$/);
  });

  it('control characters in a config never reach the terminal raw', async () => {
    const dir = tempProject({ 'package.json': '{}', 'session-audit.config.json': '{ "rules": { "\\u001b[2Jx": "error" } }', 'good.js': GOOD });
    const r = await cli([], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain("unknown rule '\\u001b[2Jx'");
  });

  it('a package.json that is not JSON is not a config: ignored, the run goes on', async () => {
    const dir = tempProject({ 'package.json': '{ "name": ', 'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'no-hardcoded-secret': 'error' } }), 'good.js': GOOD });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
  });

  it('a "sessionAudit" key that is not an object is an error naming package.json', async () => {
    const dir = tempProject({ 'package.json': '{ "sessionAudit": 5 }', 'good.js': GOOD });
    expect(await cli([], { cwd: dir })).toEqual({ code: 2, stdout: '', stderr: 'session-audit: package.json ("sessionAudit"): expected a JSON object\n' });
  });

  it('a baseline that is not JSON or not a baseline: one line, exit 2', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'broken.json': '{', 'other.json': '{"version": 99}' });
    const broken = await cli(['--baseline', 'broken.json'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^session-audit: cannot read baseline broken\.json: [^\n]+\n$/);
    expect(await cli(['--baseline', 'other.json'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'session-audit: other.json is not a session-audit baseline (version 3, 2 or 1); recreate it with --update-baseline\n',
    });
  });
});

describe('tsconfig.json', () => {
  const APP = {
    ...SECRET_ONLY,
    'src/config.ts': "export const secret = 'from-config';\n",
    'src/app.ts': "import session from 'express-session';\nimport { secret } from '#cfg';\napp.use(session({ secret }));\n",
  };
  const PATHS = { compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', paths: { '#cfg': ['./src/config.ts'] } } };

  it('a tsconfig that resolves the import: the finding is found across modules', async () => {
    const dir = tempProject({ ...APP, 'tsconfig.json': JSON.stringify(PATHS) });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(rows(r.stdout)).toEqual(['src/app.ts:3:19 no-hardcoded-secret']);
    expect(r.stderr).toBe('');
  });

  it('one that does not parse: a warning naming it and the place, default resolution, the run goes on', async () => {
    const dir = tempProject({ ...APP, 'tsconfig.json': '{ "compilerOptions": { "module": ' });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ findings: [], fileErrors: [] });
    expect(r.stderr).toBe('session-audit: warning: cannot use tsconfig.json (Expression expected at line 1, column 33); resolving modules with default options\n');
    expect(await cli(['--tsconfig', 'tsconfig.json'], { cwd: dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'session-audit: cannot use tsconfig.json: Expression expected at line 1, column 33\n',
    });
  });

  it('one that extends a missing file: a warning, its own options still apply', async () => {
    const dir = tempProject({ ...APP, 'tsconfig.json': JSON.stringify({ extends: './missing-base.json', ...PATHS }) });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual(['src/app.ts:3:19 no-hardcoded-secret']);
    expect(r.stderr).toMatch(/^session-audit: warning: tsconfig\.json: Cannot read file '[^']*missing-base\.json'; resolving modules with its other options\n$/);
    const explicit = await cli(['--tsconfig', 'tsconfig.json'], { cwd: dir });
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toMatch(/^session-audit: cannot use tsconfig\.json: Cannot read file '[^']*missing-base\.json'\n$/);
  });

  it('one with an invalid option value: a warning, the run goes on', async () => {
    const dir = tempProject({ ...APP, 'tsconfig.json': JSON.stringify({ compilerOptions: { ...PATHS.compilerOptions, moduleResolution: 'bogus' } }) });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.stderr).toMatch(/^session-audit: warning: tsconfig\.json: Argument for '--moduleResolution' option must be: [^\n]+; resolving modules with its other options\n$/);
    expectNoStack(r);
  });
});
