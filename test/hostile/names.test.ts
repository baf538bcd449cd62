/**
 * Names that are code (issue #16, items 9-10): one list of hostile file names (also used as
 * environment variable names, so that messages quote them), run through every output
 * format. Each format's escaping function (src/cli/escape.ts) must keep the text as data:
 * no terminal escape or CI log command in stylish or on stderr, `file=` naming the real
 * file in `-f github` (decoded the way GitHub's runner decodes it), the real name in every
 * JSON format and SARIF URI, no markup in HTML, and a fix diff that `git apply` takes.
 * Ignore patterns match names that start with `..`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitQuotedPath, githubFile, htmlText, terminalPath } from '../../src/cli/escape.js';
import { cli, onlyRules, parseJson, rows, tempProject } from './helpers.js';

/** Hostile names (without the extension): ESC, CR, LF, TAB, bidi controls, workflow commands, %, quotes, markup, backslashes, spaces, unicode. */
export const HOSTILE_NAMES = [
  'esc\u001b[2J\u001b]0;title\u0007',
  'cr\rforged',
  'lf\n::error file=x.js::injected',
  'tab\there',
  'bidi\u202egnp.\u2066x\u2069',
  '::error file=x.js::pwned',
  '  ::warning::indented',
  '##[error]v1 command',
  '##vso[task.setvariable variable=x]y',
  'percent%0A%25%3A',
  'comma,colon:eq=',
  `quotes"and'`,
  '<script>alert(1)<',
  '<img src=x onerror=alert(1)>',
  'back\\slash\\',
  'sp ace',
  'ünïcødé 名前 😀',
  'del\u007fc1\u0085',
];

const FILES = HOSTILE_NAMES.map((n) => `${n}.js`);
/**
 * Files the engine analyzes: TypeScript reads a backslash in a file name as a folder
 * separator, so that file is a file error (naming the real file) instead of a finding.
 */
const ANALYZED = FILES.filter((f) => !f.includes('\\'));
const RULES = onlyRules({ 'no-hardcoded-secret': 'error' });
/** The env variable name is the hostile text too: the message quotes it. */
const code = (name: string) => `const session = require('express-session');\napp.use(session({ secret: process.env[${JSON.stringify(name)}] || 'dev' }));\n`;
const FIXED = (name: string) => `const session = require('express-session');\napp.use(session({ secret: process.env[${JSON.stringify(name)}] }));\n`;

function project(): string {
  return tempProject({ ...RULES, ...Object.fromEntries(HOSTILE_NAMES.map((n, i) => [FILES[i], code(n)])) });
}

/** Control characters and bidirectional controls, raw. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** What a CI log would run: a line starting with `::` after leading white space (GitHub), `##[`/`##vso[` anywhere (GitHub v1, Azure). */
function expectNoLogCommand(text: string): void {
  for (const line of text.split(/\r\n|\r|\n/)) {
    expect(line.trimStart(), JSON.stringify(line)).not.toMatch(/^::/);
    expect(line, JSON.stringify(line)).not.toMatch(/##(\[|vso\[|teamcity\[)/i);
  }
}

/** GitHub's runner, as it parses a workflow command (actions/runner ActionCommand.TryParseV2): command, properties, data. */
function parseWorkflowCommand(line: string): { command: string; props: Record<string, string>; data: string } | undefined {
  const m = line.trimStart();
  if (!m.startsWith('::')) return undefined;
  const end = m.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = m.slice(2, end);
  const space = info.indexOf(' ');
  const props: Record<string, string> = {};
  if (space > 0) {
    for (const p of info.slice(space + 1).trim().split(',').filter(Boolean)) {
      const eq = p.indexOf('=');
      if (eq <= 0 || eq === p.length - 1) continue;
      props[p.slice(0, eq)] = [
        ['%0D', '\r'],
        ['%0A', '\n'],
        ['%3A', ':'],
        ['%2C', ','],
        ['%25', '%'],
      ].reduce((s, [from, to]) => s.split(from!).join(to!), p.slice(eq + 1));
    }
  }
  const data = [
    ['%0D', '\r'],
    ['%0A', '\n'],
    ['%25', '%'],
  ].reduce((s, [from, to]) => s.split(from!).join(to!), m.slice(end + 2));
  return { command: space < 0 ? info : info.slice(0, space), props, data };
}

describe('hostile names in every output format', () => {
  it('stylish (with and without colour): shown as data; no line a terminal or CI log would act on', async () => {
    const dir = project();
    for (const color of ['--no-color', '--color']) {
      const r = await cli([color], { cwd: dir });
      expect(r.code).toBe(1);
      const out = r.stdout.replace(/\u001b\[[0-9;]*m/g, ''); // the reporter's own colours
      expect(out).not.toMatch(RAW);
      expectNoLogCommand(out);
      for (const f of FILES) expect(out).toContain(`\n${terminalPath(f)}\n`);
      expect(out).toContain('a file whose name holds a backslash cannot be analyzed');
    }
  });

  it('github: one workflow command per finding, file= decodes to the real file, the message stays printable', async () => {
    const dir = project();
    const r = await cli(['-f', 'github'], { cwd: dir });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(FILES.length);
    const files = lines.map((line) => {
      const cmd = parseWorkflowCommand(line);
      expect(cmd?.command, line).toBe('error');
      // GitHub's rule for the message: CR and LF percent-encoded (the runner decodes them into the annotation's text).
      expect(cmd!.data.replace(/[\r\n]/g, '')).not.toMatch(RAW);
      expect(cmd!.props.title).not.toMatch(RAW);
      const file = cmd!.props.file!;
      if (ANALYZED.includes(file)) expect({ title: cmd!.props.title, line: cmd!.props.line }).toEqual({ title: 'session-audit/no-hardcoded-secret', line: '2' });
      return file;
    });
    expect(files.sort()).toEqual([...FILES].sort());
  });

  it.each(['json', 'rdjson', 'gitlab'])('%s: the real names, as JSON data', async (format) => {
    const dir = project();
    const r = await cli(['-f', format], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    const paths: string[] =
      format === 'json'
        ? [...doc.findings, ...doc.fileErrors].map((f: { file: string }) => f.file)
        : format === 'rdjson'
          ? doc.diagnostics.map((d: { location: { path: string } }) => d.location.path)
          : doc.map((i: { location: { path: string } }) => i.location.path);
    expect(paths.sort()).toEqual([...FILES].sort());
  });

  it('sarif: each URI decodes to the real name', async () => {
    const dir = project();
    const doc = JSON.parse((await cli(['-f', 'sarif'], { cwd: dir })).stdout);
    type Located = { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] };
    const uris: string[] = [...doc.runs[0].results, ...doc.runs[0].invocations[0].toolExecutionNotifications].map((res: Located) => res.locations[0]!.physicalLocation.artifactLocation.uri);
    for (const u of uris) expect(u).toMatch(/^[A-Za-z0-9\-_.!~*'()%]+$/);
    expect(uris.map(decodeURIComponent).sort()).toEqual([...FILES].sort());
  });

  it('html: no markup, control or bidirectional character from a name or the code', async () => {
    const dir = project();
    const r = await cli(['-f', 'html', '--preset', 'all'], { cwd: dir });
    expect(r.stdout).not.toMatch(/<script|<img/i);
    // Line breaks and TAB (code in <pre>) are the page's own.
    expect(r.stdout.replace(/[\n\t]/g, '')).not.toMatch(RAW);
    for (const f of FILES) expect(r.stdout).toContain(htmlText(f));
  });

  it('--fix-dry-run: headers quoted as git quotes them; `git apply` takes the whole patch', async () => {
    const dir = project();
    const dry = await cli(['--fix-dry-run'], { cwd: dir });
    for (const f of ANALYZED) expect(dry.stdout).toContain(`diff --git ${gitQuotedPath(`a/${f}`)} ${gitQuotedPath(`b/${f}`)}\n`);
    // Every header is one line: no raw control character outside the hunks' own code.
    // (git's own TAB ends a ---/+++ line whose name holds a space.)
    for (const line of dry.stdout.split('\n')) if (/^(diff --git|---|\+\+\+) /.test(line)) expect(line.replace(/\t$/, '')).not.toMatch(RAW);
    const repo = tempProject({});
    cpSync(dir, repo, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const check = spawnSync('git', ['apply', '--check', '-'], { cwd: repo, input: dry.stdout, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    execFileSync('git', ['apply', '-'], { cwd: repo, input: dry.stdout });
    HOSTILE_NAMES.forEach((n, i) => expect(readFileSync(path.join(repo, FILES[i]!), 'utf8')).toBe(ANALYZED.includes(FILES[i]!) ? FIXED(n) : code(n)));
  });

  it('warnings on stderr: printable, and no line a CI log would run', async () => {
    const outside = tempProject(Object.fromEntries(ANALYZED.map((f) => [f, 'module.exports = {};\n'])));
    for (const f of ANALYZED) {
      // One warning naming the file: a link out of the project is not read.
      const dir = tempProject({ ...RULES, 'app.js': `const session = require('express-session');\nconst c = require(${JSON.stringify(`./${f}`)});\napp.use(session({ secret: c.s }));\n` });
      symlinkSync(path.join(outside, f), path.join(dir, f));
      const r = await cli(['-f', 'json'], { cwd: dir });
      expect(r.stderr, f).toMatch(/^session-audit: warning: not read, outside the project: /);
      expect(r.stderr.trimEnd()).not.toMatch(RAW);
      expectNoLogCommand(r.stderr);
    }
  });

  it('usage errors on stderr: printable, and no line a CI log would run', async () => {
    const dir = tempProject({ 'package.json': '{}' });
    for (const n of HOSTILE_NAMES) {
      const r = await cli(['--rule', `${n.replace(/[\s=]/g, '_')}=error`], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd()).not.toMatch(RAW);
      expectNoLogCommand(r.stderr);
    }
  });
});

describe('escaping functions', () => {
  it('githubFile escapes exactly what the runner decodes (and the runner gets the name back)', () => {
    for (const f of FILES) expect(parseWorkflowCommand(`::error file=${githubFile(f)},line=1::m`)!.props.file).toBe(f);
    expect(githubFile('a%b\r\n:c,d\u001b')).toBe('a%25b%0D%0A%3Ac%2Cd\u001b');
  });

  it('gitQuotedPath quotes as git does', () => {
    expect(gitQuotedPath('a/plain name.js')).toBe('a/plain name.js');
    expect(gitQuotedPath('a/we\u001bird\nna me"q\\.js')).toBe('"a/we\\033ird\\nna me\\"q\\\\.js"');
    expect(gitQuotedPath('a/ünï.js')).toBe('"a/\\303\\274n\\303\\257.js"');
    expect(gitQuotedPath('a/\t\u0007\u0008\u000b\u000c\r\u007f')).toBe('"a/\\t\\a\\b\\v\\f\\r\\177"');
  });

  it('terminalPath keeps a file header from being a workflow command', () => {
    expect(terminalPath('::error file=x.js::pwned.js')).toBe('./::error file=x.js::pwned.js');
    expect(terminalPath('src/::a.js')).toBe('src/::a.js');
    expect(terminalPath('##[error]a.js')).toBe('#\\u0023[error]a.js');
  });
});

describe('ignore patterns and names that start with ..', () => {
  it('--ignore-pattern and ignorePatterns match ..legacy/a.js and ..old.js (a name starting with .. is inside)', async () => {
    const files = { 'package.json': '{}', '..legacy/a.js': code('A'), '..old.js': code('B'), 'legacy/c.js': code('C'), 'kept.js': code('D') };
    const dir = tempProject({ ...files, 'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'no-hardcoded-secret': 'error' }, ignorePatterns: ['..old.js'] }) });
    const r = await cli(['-f', 'json', '--ignore-pattern', '..legacy/'], { cwd: dir });
    expect(rows(r.stdout)).toEqual(['kept.js:2:19 no-hardcoded-secret', 'legacy/c.js:2:19 no-hardcoded-secret']);
    // Hard negative: without the patterns they are scanned; `legacy/` does not match `..legacy/`.
    writeFileSync(path.join(dir, 'session-audit.config.json'), JSON.stringify({ preset: 'none', rules: { 'no-hardcoded-secret': 'error' } }));
    const all = await cli(['-f', 'json', '--ignore-pattern', 'legacy/'], { cwd: dir });
    expect(rows(all.stdout)).toEqual(['..legacy/a.js:2:19 no-hardcoded-secret', '..old.js:2:19 no-hardcoded-secret', 'kept.js:2:19 no-hardcoded-secret']);
    expect(parseJson(all.stdout).fileErrors).toEqual([]);
  });
});
