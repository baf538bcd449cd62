/**
 * The tool's own output is safe: terminal escape sequences, bidirectional
 * overrides and line breaks that come from scanned code or file names never
 * reach a terminal or a CI log raw (stylish, github, stderr), and the machine
 * formats (json, sarif, rdjson) are always valid JSON that keep the text as data.
 */
import { describe, expect, it } from 'vitest';
import { cli, nested, onlyRules, tempProject } from './helpers.js';

const ESC = '\u001b';
const CLEAR = `${ESC}[2J`;
const TITLE = `${ESC}]0;pwned\u0007`;
const RLO = '\u202e';

/** Session code whose messages quote what the code says: env variable names, session keys. */
const HOSTILE = [
  "const session = require('express-session');",
  `app.use(session({ secret: process.env['${CLEAR}X${RLO}'] || 'dev' }));`,
  "app.post('/login', (req, res) => {",
  `  req.session['${TITLE}password'] = req.body.password;`,
  '});',
  '',
].join('\n');

const RULES = onlyRules({ 'no-hardcoded-secret': 'error', 'no-sensitive-session-data': 'error' });

function project() {
  return tempProject({
    ...RULES,
    'app.js': HOSTILE,
    // File names are scanned text too.
    [`${ESC}[31mred.js`]: HOSTILE,
    'line\nbreak.js': HOSTILE,
    [`generated${ESC}[2J.js`]: `// app.post('/x', ...) routes\nexport const t = ${nested('paren', 20_000)};\n`,
  });
}

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('output escaping', () => {
  it('stylish: no control character from the code or a file name reaches the terminal, on stdout or stderr', async () => {
    const dir = project();
    const r = await cli(['--no-color'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stdout).toContain('when \\u001b[2JX\\u202e is not set');
    expect(r.stdout).toContain('\n\\u001b[31mred.js\n');
    expect(r.stdout).toContain('\nline\\u000abreak.js\n');
    expect(r.stderr).toContain('skipped generated\\u001b[2J.js:');
    // With colours on, the only escapes are the reporter's own SGR codes.
    const color = await cli(['--color'], { cwd: dir });
    expect(color.stdout.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(RAW);
  });

  it('github: every line is one workflow command; nothing from the code can start another', async () => {
    const dir = project();
    const r = await cli(['-f', 'github'], { cwd: dir });
    // `file=` names the real file (GitHub's escaping only: the runner decodes it, and never shows it raw);
    // what the log shows (title, message) is printable.
    expect(r.stdout.replace(/(^|\n)::(error|warning) file=[^,]*,/g, '$1')).not.toMatch(RAW);
    expect(r.stdout).toContain('file=\u001b[31mred.js,');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=[^\s:,][^:]*::[^\n]+$/);
    expect(r.stdout).toContain('file=line%0Abreak.js,');
  });

  it.each(['json', 'sarif', 'rdjson'])('%s is valid JSON and keeps the text as data', async (format) => {
    const dir = project();
    const r = await cli(['-f', format], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/); // JSON.stringify escapes C0 control characters...
    const parsed = JSON.stringify(JSON.parse(r.stdout));
    expect(parsed).toContain('\\u001b[2JX'); // ...and the value is still there
  });

  it('JSON stays valid with lone surrogates, U+2028 and NUL in the scanned text', async () => {
    const code = `const session = require('express-session');\napp.use(session({ secret: process.env['A\\ud800\\u2028\\u0000'] || 'dev' }));\n`;
    const dir = tempProject({ ...RULES, 'app.js': code, 'odd\u2028name.js': code });
    for (const format of ['json', 'sarif', 'rdjson']) {
      const r = await cli(['-f', format], { cwd: dir });
      expect(() => JSON.parse(r.stdout)).not.toThrow();
      // Well-formed UTF-16 (lone surrogates escaped), so the bytes written are valid UTF-8.
      expect(r.stdout).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
  });
});
