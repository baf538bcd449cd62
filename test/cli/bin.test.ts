/**
 * The built CLI as a process (npm test builds first): exit codes, streams, and
 * that --help and --version never load TypeScript.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE } from '../../src/version.js';
import { PROJECTS, ROOT, tempProject } from './helpers.js';

const BIN = path.join(ROOT, 'bin/session-audit.js');

/** Fails any import that resolves into typescript or ts-morph. */
const FORBID_TYPESCRIPT = `data:text/javascript,${encodeURIComponent(`
import Module, { register } from 'node:module';
// CommonJS loads (the CLI loads ts-morph's TypeScript with require) ...
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const file = resolveFilename.apply(this, args);
  if (/\\/node_modules\\/(typescript|ts-morph|@ts-morph)\\//.test(file)) throw new Error('TypeScript was loaded: ' + file);
  return file;
};
// ... and ESM imports.
register('data:text/javascript,' + encodeURIComponent(\`
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (/\\\\/node_modules\\\\/(typescript|ts-morph|@ts-morph)\\\\//.test(r.url)) throw new Error('TypeScript was loaded: ' + r.url);
  return r;
}\`));
`)}`;

function sessionAudit(args: string[], cwd: string, nodeArgs: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/session-audit.js', () => {
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist/src/cli/run.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before these tests');
  });

  it('--version and --help answer without loading TypeScript', () => {
    expect(sessionAudit(['--version'], ROOT, ['--import', FORBID_TYPESCRIPT])).toEqual({ code: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    const help = sessionAudit(['--help'], ROOT, ['--import', FORBID_TYPESCRIPT]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: session-audit [options] [paths...]');
    // Nor does a run over files that hold no session code (the text prefilter decides).
    const dir = tempProject({ 'package.json': '{}', 'src/index.js': 'export const add = (a, b) => a + b;\n' });
    expect(sessionAudit(['-f', 'json'], dir, ['--import', FORBID_TYPESCRIPT])).toMatchObject({ code: 0, stderr: '' });
    // The hook is real: a run that analyzes does load TypeScript and fails under it.
    const analyzing = sessionAudit(['--format', 'json'], path.join(PROJECTS, 'formats'), ['--import', FORBID_TYPESCRIPT]);
    expect(analyzing.code).toBe(2);
    expect(analyzing.stderr).toContain('TypeScript was loaded');
  });

  it('a JSON report loads no terminal modules (string-width, wrap-ansi, diff, supports-hyperlinks): each reporter is loaded for its format', () => {
    const terminalOnly = /\/node_modules\/(string-width|wrap-ansi|diff|supports-hyperlinks)\//;
    const LIST_LOADS = `data:text/javascript,${encodeURIComponent(`
import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
export async function load(url, context, next) {
  if (url.startsWith('file:')) process.stderr.write('loaded ' + url + '\\\\n');
  return next(url, context);
}\`));
`)}`;
    const loads = (format: string) => {
      const r = sessionAudit(['--format', format], path.join(PROJECTS, 'formats'), ['--import', LIST_LOADS]);
      expect(r.code).toBe(1);
      return r.stderr.split('\n').filter((l) => l.startsWith('loaded '));
    };
    const json = loads('json');
    expect(json.some((l) => l.includes('/dist/src/cli/reporters/json.js'))).toBe(true);
    expect(json.filter((l) => terminalOnly.test(l))).toEqual([]);
    // Hard negative: the pretty report loads them (the hook sees what a run loads).
    expect(loads('pretty').filter((l) => terminalOnly.test(l)).length).toBeGreaterThan(0);
  });

  it('prints the stylish report without colours under NO_COLOR and exits 1 on findings', () => {
    const r = sessionAudit([], path.join(PROJECTS, 'formats'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout).toContain('\nsrc/server.js\n  9:13   error    The session secret is hardcoded.');
    expect(r.stdout).toContain('✖ 2 problems (1 error, 1 warning)\n');
  });

  it('exits 2 with one line on a bad flag and on a missing path, without a stack trace', () => {
    expect(sessionAudit(['--nope'], ROOT)).toEqual({ code: 2, stdout: '', stderr: "session-audit: unknown option '--nope' (see 'session-audit --help')\n" });
    expect(sessionAudit(['no/such/dir'], ROOT)).toEqual({ code: 2, stdout: '', stderr: "session-audit: cannot scan 'no/such/dir': no such file or folder\n" });
  });

  it('reports an unparseable file next to a valid one (exit 1), as SARIF too', () => {
    const r = sessionAudit(['-f', 'sarif'], path.join(PROJECTS, 'broken'));
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['no-hardcoded-secret']);
    expect(run.invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text)).toEqual(['Parsing error: Merge conflict marker encountered.']);
  });
});
