// The ESLint plugin reads package versions from disk near the linted file (src/eslint/versions.ts):
// the same facts as the CLI (cli-parity holds them together on fixtures/versions/*); here, what
// only ESLint does: an upgrade is seen on a later lint (editors), and a lockfile linked from
// outside the project is not read.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Linter } from 'eslint';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import plugin from '../../src/eslint/index.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'session-audit-eslint-versions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

const CODE = "const passport = require('passport');\nrouter.post('/login', passport.authenticate('local'), (req, res) => res.redirect('/'));\n";
const lock = (version: string) => JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/passport': { version } } });

function lint(file: string): string[] {
  const linter = new Linter({ configType: 'flat', cwd: tmp });
  const config = { files: ['**/*.js'], plugins: { 'session-audit': plugin }, rules: { 'session-audit/regenerate-on-login': 'error' }, languageOptions: { sourceType: 'commonjs' } };
  return linter.verify(CODE, [config as never], { filename: file }).map((m) => m.messageId ?? m.message);
}

describe('package versions in the ESLint plugin', () => {
  it('an upgrade in the lockfile is seen on a later lint', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const dir = path.join(tmp, 'upgrade');
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { passport: '^0.5.0' } }));
    writeFileSync(path.join(dir, 'package-lock.json'), lock('0.5.3'));
    const file = path.join(dir, 'app.js');
    expect(lint(file)).toEqual(['libraryLoginNotRenewed']);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { passport: '^0.7.0' } }));
    writeFileSync(path.join(dir, 'package-lock.json'), lock('0.7.0'));
    vi.setSystemTime(Date.now() + 10_000);
    expect(lint(file)).toEqual([]);
  });

  it('a lockfile or installed package linked from outside the project is not read (the version stays unknown)', () => {
    const outside = path.join(tmp, 'elsewhere');
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'package-lock.json'), lock('0.5.3'));
    writeFileSync(path.join(outside, 'package.json'), JSON.stringify({ name: 'passport', version: '0.5.3' }));
    const dir = path.join(tmp, 'linked');
    mkdirSync(path.join(dir, '.git'), { recursive: true });
    mkdirSync(path.join(dir, 'node_modules/passport'), { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: { passport: '*' } }));
    symlinkSync(path.join(outside, 'package-lock.json'), path.join(dir, 'package-lock.json'));
    symlinkSync(path.join(outside, 'package.json'), path.join(dir, 'node_modules/passport/package.json'));
    expect(lint(path.join(dir, 'app.js'))).toEqual([]);
    // The same app with the lockfile inside: the old version is known.
    rmSync(path.join(dir, 'package-lock.json'));
    rmSync(path.join(dir, 'node_modules'), { recursive: true });
    writeFileSync(path.join(dir, 'package-lock.json'), lock('0.5.3'));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10_000);
    expect(lint(path.join(dir, 'app.js'))).toEqual(['libraryLoginNotRenewed']);
  });
});
