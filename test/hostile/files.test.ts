/**
 * Bad input, files: each case with the exact report, exit code and what happens
 * to the other files (their findings are always still reported).
 */
import { describe, expect, it } from 'vitest';
import { GOOD, GOOD_ROW, SECRET_ONLY, bin, cli, expectNoStack, fileErrors, minifiedBundle, nested, parseJson, rows, tempProject } from './helpers.js';

const SESSION = "const session = require('express-session');\n";
const TOO_DEEP_TO_PARSE = 'Parsing error: the code is nested too deeply to parse (maximum call stack size exceeded)';
const TOO_DEEP_TO_ANALYZE = 'analysis failed: the code is nested too deeply to analyze (maximum call stack size exceeded)';

describe('files that do not parse', () => {
  it('a syntax error is one file error with its place; the valid file next to it is still checked (exit 1)', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'broken.js': `${SESSION}app.use(session({ secret: 'x' ) });\n` });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual(["broken.js:2:31 parse: Parsing error: ',' expected."]);
    expect(r.stderr).toBe('');
    const stylish = await cli(['--no-color'], { cwd: dir });
    expect(stylish.stdout).toContain("\nbroken.js\n  2:31  error  Parsing error: ',' expected.  (file error)\n");
    expect(stylish.stdout).toContain('✖ 1 problem (1 error, 0 warnings), 1 file or path could not be checked\n');
  });

  it('a syntax error in a file without session code is not reported (left to other tools)', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'util.js': 'export const f = (a, b => a + b;\n' });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual([]);
  });

  it('an empty file is checked and clean (exit 0)', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'empty.js': '', 'blank.ts': '\n\n   \n' });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ findings: [], fileErrors: [], stats: { files: 2, analyzedFiles: 0 } });
  });

  it('a binary file named .js: skipped by the text test, or "File appears to be binary" when it mentions a session library', async () => {
    const noise = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37 + 11) % 256));
    const dir = tempProject({
      ...SECRET_ONLY,
      'good.js': GOOD,
      'blob.js': noise,
      'image.js': Buffer.concat([noise, Buffer.from('express-session\u0000session'), noise]),
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual(['image.js:1:1 parse: Parsing error: File appears to be binary.']);
    expectNoStack(r);
  });

  it('a .ts file that is really JSON: a parse error when it mentions sessions, skipped otherwise', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'settings.ts': '{ "session": { "secret": "x" } }\n', 'data.ts': '{ "a": [1, 2, 3] }\n' });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual(["settings.ts:1:12 parse: Parsing error: ';' expected."]);
  });
});

describe('size and nesting', () => {
  it('expressions nested 20,000 deep: a one-line file error each, never a crash; other files are still checked', async () => {
    const dir = tempProject({
      ...SECRET_ONLY,
      'good.js': GOOD,
      // The parser runs out of stack on these.
      'parens.js': `${SESSION}const x = ${nested('paren', 20_000)};\n`,
      'arrays.js': `${SESSION}const x = ${nested('array', 20_000)};\n`,
      'objects.ts': `${SESSION}const x = ${nested('object', 20_000)};\n`,
      'calls.js': `${SESSION}const x = ${nested('call', 20_000)};\n`,
      // The parser reads a member chain in a loop; TypeScript's binder then runs out of stack.
      'members.js': `${SESSION}const x = ${nested('member', 20_000)};\napp.use(session({ secret: 'm' }));\n`,
      // A long concatenation is parsed and bound without recursion, and session-audit walks trees without it: checked.
      'concat.js': `${SESSION}const x = ${nested('binary', 20_000)};\napp.use(session({ secret: 'c' }));\n`,
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual(['concat.js:3:19 no-hardcoded-secret', GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual([
      `arrays.js parse: ${TOO_DEEP_TO_PARSE}`,
      `calls.js parse: ${TOO_DEEP_TO_PARSE}`,
      `members.js analysis: ${TOO_DEEP_TO_ANALYZE}`,
      `objects.ts parse: ${TOO_DEEP_TO_PARSE}`,
      `parens.js parse: ${TOO_DEEP_TO_PARSE}`,
    ]);
    expect(r.stderr).toBe('');
    expectNoStack(r);
  });

  it('the same as a process (Node\'s own stack size), with the stylish report', () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'deep.js': `${SESSION}const x = ${nested('paren', 20_000)};\n` });
    const r = bin([], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`\ndeep.js\n  -  error  ${TOO_DEEP_TO_PARSE}  (file error)\n`);
    expect(r.stdout).toContain('\ngood.js\n  2:19  error  The session secret is hardcoded.');
    expect(r.stderr).toBe('');
  });

  it('a deeply nested file that may add to the app facts but cannot be parsed: a warning, and app-level rules for its app stay quiet (precision)', async () => {
    const app = "const session = require('express-session');\napp.use(session({ secret: process.env.S, cookie: { secure: true } }));\n";
    const config = { 'package.json': '{"name":"tmp","private":true}', 'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'secure-cookie-needs-trust-proxy': 'error' } }) };
    const alone = await cli(['-f', 'json'], { cwd: tempProject({ ...config, 'app.js': app }) });
    expect(rows(alone.stdout)).toEqual(['app.js:2:52 secure-cookie-needs-trust-proxy']);
    // It mentions a proxy: it might set `trust proxy`, and nobody can tell.
    const dir = tempProject({ ...config, 'app.js': app, 'generated.js': `// behind a proxy\nexport const table = ${nested('paren', 20_000)};\n` });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ findings: [], fileErrors: [] });
    expect(r.stderr).toBe('session-audit: warning: skipped generated.js: the code is nested too deeply to parse; app-level rules for its app stay quiet\n');
  });

  it('a deeply nested file with nothing the engine looks for is never parsed: no warning, the findings stand', async () => {
    const app = "const session = require('express-session');\napp.use(session({ secret: process.env.S, cookie: { secure: true } }));\n";
    const config = { 'package.json': '{"name":"tmp","private":true}', 'session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'secure-cookie-needs-trust-proxy': 'error' } }) };
    const dir = tempProject({ ...config, 'app.js': app, 'generated.js': `export const table = ${nested('member', 20_000)};\n` });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual(['app.js:2:52 secure-cookie-needs-trust-proxy']);
    expect(r.stderr).toBe('');
  });

  it('a 5 MB minified bundle on one line is checked in bounded time, findings at the right column', async () => {
    const { text, secretColumn } = minifiedBundle(5 * 1024 * 1024);
    expect(text.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'bundle.js': text });
    const started = performance.now();
    const r = await cli(['-f', 'json'], { cwd: dir });
    const seconds = (performance.now() - started) / 1000;
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([`bundle.js:1:${secretColumn} no-hardcoded-secret`, GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual([]);
    // About 10 s on a 2-core CI machine; before the fix it took minutes (quadratic in the line's length).
    expect(seconds).toBeLessThan(90);
  }, 180_000);

  it('a 1 MB single line: findings at the right column (UTF-16), quickly', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const text = `${SESSION.trim()}const big='${big}';app.use(session({secret:'line'}));`;
    const dir = tempProject({ ...SECRET_ONLY, 'line.js': text });
    const started = performance.now();
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([`line.js:1:${text.indexOf('secret:') + 1} no-hardcoded-secret`]);
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('a per-file time limit turns a file that takes too long into a file error; the others are still checked', async () => {
    // Many session calls, each evaluated: far more than 1 ms of work.
    const slow = SESSION + Array.from({ length: 3000 }, (_, i) => `app.use(session({ secret: process.env.S${i} || 'v${i}', cookie: { secure: i > 1 } }));`).join('\n');
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': GOOD, 'slow.js': slow });
    const r = await cli(['-f', 'json'], { cwd: dir, env: { SESSION_AUDIT_FILE_TIMEOUT_MS: '1' } });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
    expect(fileErrors(r.stdout)).toEqual([
      'slow.js analysis: analysis stopped after 1 ms: the file is too large or too complex to analyze in time (SESSION_AUDIT_FILE_TIMEOUT_MS raises the limit)',
    ]);
    // With the default limit the same file is checked.
    const full = await cli(['-f', 'json'], { cwd: dir });
    expect(parseJson(full.stdout).findings).toHaveLength(3001);
    const bad = await cli([], { cwd: dir, env: { SESSION_AUDIT_FILE_TIMEOUT_MS: 'soon' } });
    expect(bad).toEqual({ code: 2, stdout: '', stderr: "session-audit: SESSION_AUDIT_FILE_TIMEOUT_MS expects a whole number of milliseconds > 0, got 'soon'\n" });
  }, 60_000);
});

describe('encodings and line endings', () => {
  it('BOM: columns count from after the BOM, as editors show them', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'good.js': `\uFEFF${GOOD}` });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(rows(r.stdout)).toEqual([GOOD_ROW]);
    expect(parseJson(r.stdout).findings[0]).toMatchObject({ endLine: 2, endColumn: 38 });
  });

  it('CRLF and old Mac CR line endings: the same lines and columns as LF', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'crlf.js': GOOD.replace(/\n/g, '\r\n'), 'cr.js': GOOD.replace(/\n/g, '\r'), 'mixed.js': `\r\n${GOOD}` });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(rows(r.stdout)).toEqual(['cr.js:2:19 no-hardcoded-secret', 'crlf.js:2:19 no-hardcoded-secret', 'mixed.js:3:19 no-hardcoded-secret']);
  });

  it('invalid UTF-8: read with U+FFFD for the bad bytes (as editors show them) and checked', async () => {
    const bytes = Buffer.concat([Buffer.from(`${SESSION}const label = '`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from("';\napp.use(session({ secret: 'hardcoded' }));\n")]);
    const dir = tempProject({ ...SECRET_ONLY, 'latin.js': bytes });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual(['latin.js:3:19 no-hardcoded-secret']);
  });
});

describe('other syntaxes in .js', () => {
  it('JSX in a .js file is parsed and checked', async () => {
    const dir = tempProject({ ...SECRET_ONLY, 'view.js': `${SESSION}app.use(session({ secret: 'jsx' }));\nexport const View = () => <div className="x">{session.name}</div>;\n` });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(rows(r.stdout)).toEqual(['view.js:2:19 no-hardcoded-secret']);
    expect(fileErrors(r.stdout)).toEqual([]);
  });

  it('Flow type annotations TypeScript can read are checked like TypeScript; Flow-only syntax is a parse error', async () => {
    const dir = tempProject({
      ...SECRET_ONLY,
      'typed.js': `// @flow\n${SESSION}type Opts = { secret: string };\nconst opts: Opts = { secret: 'flow' };\nfunction id(x: ?string): string { return x || ''; }\napp.use(session(opts));\n`,
      'exact.js': `// @flow\n${SESSION}type Opts = {| secret: string |};\napp.use(session({ secret: 'exact' }));\n`,
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual(['typed.js:6:17 no-hardcoded-secret']);
    expect(fileErrors(r.stdout)).toEqual(['exact.js:3:14 parse: Parsing error: Property or signature expected.']);
  });
});

describe('--debug', () => {
  it('adds the stack trace of an internal error on a file, and only then', async () => {
    const slow = SESSION + Array.from({ length: 3000 }, (_, i) => `app.use(session({ secret: process.env.S${i} || 'v${i}' }));`).join('\n');
    const dir = tempProject({ ...SECRET_ONLY, 'slow.js': slow });
    const env = { SESSION_AUDIT_FILE_TIMEOUT_MS: '1' };
    const plain = await cli(['-f', 'json'], { cwd: dir, env });
    expect(plain.stderr).toBe('');
    const debug = await cli(['-f', 'json', '--debug'], { cwd: dir, env });
    expect(debug.stdout).toBe(plain.stdout);
    expect(debug.stderr).toMatch(/^slow\.js: TimeBudgetExceeded: analysis stopped after 1 ms\n\s+at /m);
    // --debug also times the analysis and names the slowest file.
    expect(debug.stderr).toMatch(/^session-audit: debug: analysis: 1 files in .*\n/m);
    expect(debug.stderr).toMatch(/^session-audit: debug: (slow|slowest) file: slow\.js took /m);
  }, 60_000);
});
