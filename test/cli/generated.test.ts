/**
 * Generated and bundled files (issue 13, item 7): recognised cheaply, skipped with one note
 * on stderr; `--include-generated` checks them. The hard negatives: ordinary files that
 * merely look a little like them are checked as usual.
 */
import { describe, expect, it } from 'vitest';
import { generatedReason } from '../../src/cli/generated.js';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const SESSION = "const session = require('express-session');\nmodule.exports = session({ secret: 'keyboard cat' });\n";
const RULES = onlyRules({ 'no-hardcoded-secret': 'error' });
const row = (f: { file: string; line: number; rule: string }) => `${f.file}:${f.line} ${f.rule}`;

describe('generated and bundled files', () => {
  const files = {
    'app.js': SESSION,
    'out/server.js': `${SESSION}//# sourceMappingURL=server.js.map\n`,
    'public/chunk.js': `(self.webpackChunkapp = self.webpackChunkapp || []).push([[1], { 7: (m, e, __webpack_require__) => {\n${SESSION}} }]);\n`,
    'public/vendor.js': `${SESSION.replace('\n', ';')}${'var a=1;'.repeat(300)}\n`,
  };

  it('are skipped with one note naming them; the other files are checked', async () => {
    const r = await cli(['-f', 'json'], { cwd: tempProject({ ...RULES, ...files }) });
    expect(parseJson(r.stdout).findings.map(row)).toEqual(['app.js:2 no-hardcoded-secret']);
    expect(r.stderr).toBe(
      'session-audit: note: skipped 3 generated or bundled files (out/server.js: it ends with a sourceMappingURL comment; ' +
        'public/chunk.js: a bundle (bundler runtime code); public/vendor.js: minified (a line of 2,400 characters)); --include-generated checks them\n',
    );
    expect(r.code).toBe(1);
  });

  it('--include-generated checks them', async () => {
    const r = await cli(['-f', 'json', '--include-generated'], { cwd: tempProject({ ...RULES, ...files }) });
    expect(parseJson(r.stdout).findings.map(row)).toEqual(['app.js:2 no-hardcoded-secret', 'out/server.js:2 no-hardcoded-secret', 'public/chunk.js:3 no-hardcoded-secret', 'public/vendor.js:1 no-hardcoded-secret']);
    expect(r.stderr).toBe('');
  });

  it('hard negatives: a long but hand-written line, a source map mentioned mid-file, a variable named like a bundler', () => {
    expect(generatedReason(`${SESSION}const banner = '${'='.repeat(1500)}';\n`)).toBeUndefined();
    expect(generatedReason(`// see the //# sourceMappingURL=x.map docs\n${SESSION}${'\n'.repeat(40)}${'// padding\n'.repeat(120)}`)).toBeUndefined();
    expect(generatedReason(`const page = import(/* webpackChunkName: "login" */ './login.js');\n${SESSION}`)).toBeUndefined();
  });
});
