/**
 * Helpers for the bad-input suite: generated hostile files (never committed: a
 * 5 MB bundle and 20,000-deep nesting are made at test time), the spawned bin,
 * and short forms of what every case checks.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect } from 'vitest';
import { ROOT, type CliResult, onlyRules, parseJson } from '../cli/helpers.js';

export { cli, onlyRules, parseJson, tempProject } from '../cli/helpers.js';

export const BIN = path.join(ROOT, 'bin/session-audit.js');

/** A file with one finding: no-hardcoded-secret at 2:19. */
export const GOOD = "const session = require('express-session');\napp.use(session({ secret: 'hardcoded' }));\n";
export const GOOD_ROW = 'good.js:2:19 no-hardcoded-secret';

/** package.json and a config that runs only no-hardcoded-secret (stable as the catalog grows). */
export const SECRET_ONLY = onlyRules({ 'no-hardcoded-secret': 'error' });

/** `file:line:column rule` of each finding of a JSON report. */
export function rows(stdout: string): string[] {
  return parseJson(stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
}

/** The file errors of a JSON report, as `file kind: message` (with line:column when known). */
export function fileErrors(stdout: string): string[] {
  return parseJson(stdout).fileErrors.map((e) => `${e.file}${e.line ? `:${e.line}:${e.column}` : ''} ${e.kind}: ${e.message}`);
}

/** No stack trace on stderr (only --debug prints them). */
export function expectNoStack(r: Pick<CliResult, 'stderr'>): void {
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(r.stderr).not.toContain('RangeError');
}

/** The built CLI as a child process (Node's default stack, the real stdout), with a time limit. */
export function bin(args: string[], cwd: string, env: Record<string, string | undefined> = {}, timeoutMs = 120_000) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true', ...env },
  });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Expressions nested `depth` levels deep, shaped like generated code:
 * `paren` (((1))), `array` [[[]]], `object` {a:{a:1}}, `call` f(f(f())), `member` a.b.b.b,
 * `binary` 1+1+1 (a left-deep chain: long string concatenations, comma sequences of bundles).
 */
export function nested(kind: 'paren' | 'array' | 'object' | 'call' | 'member' | 'binary', depth: number): string {
  switch (kind) {
    case 'paren':
      return `${'('.repeat(depth)}1${')'.repeat(depth)}`;
    case 'array':
      return `${'['.repeat(depth)}${']'.repeat(depth)}`;
    case 'object':
      return `${'{a:'.repeat(depth)}1${'}'.repeat(depth)}`;
    case 'call':
      return `${'f('.repeat(depth)}${')'.repeat(depth)}`;
    case 'member':
      return `a${'.b'.repeat(depth)}`;
    case 'binary':
      return `'x'${" + 'x'".repeat(depth)}`;
  }
}

/**
 * A minified bundle of about `bytes` bytes on one line: many small modules with
 * functions, conditionals, arrays, objects and comma sequences, with a session
 * call (a hardcoded secret) at the very end.
 */
export function minifiedBundle(bytes: number): { text: string; secretColumn: number } {
  const parts: string[] = ["var session=require('express-session');"];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const s =
      `var a${i}=function(e,t){return e&&t?e+t:"x${i}"},b${i}=[1,2,3,{k:"v${i}",s:!0}].map(function(n){return n*2}),` +
      `c${i}=(a${i}(1,2),b${i}.length,"https://x.example/${i}");if(c${i}){app.get("/r${i}",function(q,r){r.send(c${i})})}`;
    parts.push(s);
    size += s.length;
  }
  const head = parts.join('');
  const tail = "app.use(session({secret:'bundled'}));";
  return { text: head + tail, secretColumn: head.length + tail.indexOf('secret:') + 1 };
}

export const isRoot = process.getuid?.() === 0;
/** Whether the bin can run as an unprivileged user: not root, or root with `setpriv`. */
export const canRunUnprivileged = !isRoot || spawnSync('setpriv', ['--version']).status === 0;

/**
 * The bin as an unprivileged user (root writes and reads anything): under `setpriv` as
 * nobody when the tests run as root. The folder must be reachable by that user.
 */
export function unprivileged(args: string[], cwd: string, timeoutMs = 60_000) {
  const argv = [process.execPath, BIN, ...args];
  const cmd = isRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...argv] : argv;
  const r = spawnSync(cmd[0]!, cmd.slice(1), { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}
