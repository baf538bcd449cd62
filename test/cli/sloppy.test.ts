/**
 * Issue 16, item 14: valid sloppy-mode JavaScript that Node runs in CommonJS files
 * (`"\033[0m"`, `010`, `"\8"`, `08`, HTML-like `<!--` comments) is analyzed, not dropped as
 * a parse error; the same code where Node rejects it (ESM, strict mode) still is one.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseCommonJs } from '../../src/cli/sloppy.js';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const SLOPPY = [
  'var reset = "\\033[0m";',
  'var mode = 010;',
  'var eight = "\\8";',
  'var zero8 = 08;',
  '<!-- an HTML-like comment, as old inline scripts have',
  "var session = require('express-session'); <!-- and one after code",
  '--> a closing one at the start of a line',
  "module.exports = session({ secret: 'keyboard cat', resave: false, saveUninitialized: false });",
  '',
].join('\n');

const RULES = onlyRules({ 'no-hardcoded-secret': 'error' });

function nodeCheck(file: string): number | null {
  return spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' }).status;
}

describe('sloppy-mode JavaScript that Node accepts', () => {
  it.each(['app.cjs', 'app.js'])('%s: analyzed like any other file (node --check passes)', async (name) => {
    const dir = tempProject({ ...RULES, [name]: SLOPPY });
    expect(nodeCheck(path.join(dir, name))).toBe(0);
    const r = await cli(['-f', 'json'], { cwd: dir });
    const out = parseJson(r.stdout);
    expect(out.fileErrors).toEqual([]);
    expect(out.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual([`${name}:8:28 no-hardcoded-secret`]);
    expect(r.code).toBe(1);
  });

  it('hard negative: in an ES module (.mjs), where Node rejects it, it is still a parse error', async () => {
    const dir = tempProject({ ...RULES, 'app.mjs': SLOPPY.replace("var session = require('express-session');", "import session from 'express-session';").replace('module.exports =', 'export default') });
    expect(nodeCheck(path.join(dir, 'app.mjs'))).not.toBe(0);
    const out = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout);
    expect(out.findings).toEqual([]);
    expect(out.fileErrors.map((e) => `${e.file} ${e.kind}`)).toEqual(['app.mjs parse']);
  });

  it('hard negative: a .js file in a "type": "module" package, and a strict-mode CommonJS file, are parse errors too', async () => {
    const esm = tempProject({ ...RULES, 'package.json': JSON.stringify({ name: 'tmp', private: true, type: 'module' }), 'app.js': 'var mode = 010;\n' + SLOPPY.split('\n').slice(5).join('\n') });
    expect(nodeCheck(path.join(esm, 'app.js'))).not.toBe(0);
    expect(parseJson((await cli(['-f', 'json'], { cwd: esm })).stdout).fileErrors.map((e) => e.message)).toEqual(["Parsing error: Octal literals are not allowed. Use the syntax '0o10'."]);
    const strict = tempProject({ ...RULES, 'app.cjs': `'use strict';\n${SLOPPY}` });
    expect(nodeCheck(path.join(strict, 'app.cjs'))).not.toBe(0);
    expect(parseJson((await cli(['-f', 'json'], { cwd: strict })).stdout).fileErrors.map((e) => `${e.file} ${e.kind}`)).toEqual(['app.cjs parse']);
  });
});

describe('HTML-like comments are masked only in code', () => {
  const parse = (text: string) => parseCommonJs(ts, 'a.cjs', text, (t) => ts.createSourceFile('a.cjs', t, ts.ScriptTarget.Latest, true)).text;

  it('masks `<!--` in code and `-->` first on a line, keeping every offset', () => {
    const text = 'var x = 1 <!-- 2\n  --> three\nvar y = 2;\n';
    expect(parse(text)).toBe('var x = 1 //-- 2\n  //> three\nvar y = 2;\n');
  });

  it('leaves them in strings, templates, regular expressions and comments, and `-->` after code', () => {
    const text = "var a = '<!--';\nvar b = `<!-- ${a} -->`;\nvar c = /<!--/;\n/* <!--\n--> */\nvar d = a-->0;\n";
    expect(parse(text)).toBe(text);
  });
});
