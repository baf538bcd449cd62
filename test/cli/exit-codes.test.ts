import { describe, expect, it } from 'vitest';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const WARN_ONLY = { ...onlyRules({ 'no-hardcoded-secret': 'warn' }), 'a.js': "require('express-session')({ secret: 'x' });\nrequire('express-session')({ secret: 'y' });\n" };

describe('exit codes', () => {
  it('0 with warnings only, 1 past --max-warnings, 0 again within it', async () => {
    const dir = tempProject(WARN_ONLY);
    expect((await cli([], { cwd: dir })).code).toBe(0);
    const over = await cli(['--max-warnings', '1'], { cwd: dir });
    expect(over.code).toBe(1);
    expect(over.stdout.endsWith('✖ 2 problems (0 errors, 2 warnings)\n  2 findings have a suggested fix: run with --fix to apply, --fix-dry-run to preview.\n✖ Too many warnings (2, maximum: 1).\n')).toBe(true);
    expect((await cli(['--max-warnings', '2'], { cwd: dir })).code).toBe(0);
  });

  it('--quiet drops warnings from the report and from --max-warnings', async () => {
    const dir = tempProject(WARN_ONLY);
    const r = await cli(['--quiet', '--max-warnings', '0', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout).findings).toEqual([]);
  });

  it('1 for a finding at error severity', async () => {
    const dir = tempProject({ ...WARN_ONLY, 'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'no-hardcoded-secret': 'error' } }) });
    expect((await cli([], { cwd: dir })).code).toBe(1);
  });
});

describe('progress', () => {
  it('shows on a terminal stderr, and is cleared before the report', async () => {
    const dir = tempProject(WARN_ONLY);
    const r = await cli([], { cwd: dir, stderrTTY: true });
    expect(r.stderr).toBe('\r\x1b[2KReading files 1/1\r\x1b[2KAnalyzing 1/1\r\x1b[2K');
    expect(r.stdout).not.toContain('\r');
  });

  it('is off in CI, for machine formats, with --no-progress and off a terminal', async () => {
    const dir = tempProject(WARN_ONLY);
    expect((await cli([], { cwd: dir, stderrTTY: true, env: { CI: 'true' } })).stderr).toBe('');
    expect((await cli([], { cwd: dir, stderrTTY: true, env: { GITHUB_ACTIONS: 'true' } })).stderr).toBe('');
    expect((await cli(['-f', 'sarif'], { cwd: dir, stderrTTY: true })).stderr).toBe('');
    expect((await cli(['--no-progress'], { cwd: dir, stderrTTY: true })).stderr).toBe('');
    expect((await cli([], { cwd: dir })).stderr).toBe('');
  });
});
