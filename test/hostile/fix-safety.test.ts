/**
 * --fix never breaks code: every fix applied to the fixtures (LF, and CRLF with a
 * BOM) leaves files that parse, with their line endings, BOM and mode; writes are
 * atomic; a second run changes nothing; and it refuses what it must not write
 * (read-only files, invalid UTF-8, symbolic links, files outside the scanned paths).
 */
import { chmodSync, cpSync, linkSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { globbySync } from 'globby';
import { describe, expect, it } from 'vitest';
import { syntaxErrors } from '../../src/cli/analyze.js';
import { writeFixes } from '../../src/cli/fix.js';
import { APPS, PROJECTS } from '../cli/helpers.js';
import { cli, fileErrors, onlyRules, parseJson, rows, tempProject } from './helpers.js';

const SOURCES = '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}';
const FIXTURES = [path.join(APPS, 'vulnerable-express'), path.join(PROJECTS, 'cross-module'), path.join(PROJECTS, 'formats'), path.join(PROJECTS, 'suppressions'), path.join(PROJECTS, 'ts-paths')];

function snapshot(dir: string): Map<string, Buffer> {
  return new Map(globbySync('**/*', { cwd: dir, dot: true }).map((f) => [f, readFileSync(path.join(dir, f))]));
}

describe.each([
  ['LF', false],
  ['CRLF with a BOM, mode 640', true],
])('every fix on the fixtures (%s)', (_name, crlf) => {
  it.each(FIXTURES.map((f) => [path.relative(path.join(APPS, '../..'), f), f]))('%s', async (_rel, fixture) => {
    const dir = tempProject({});
    cpSync(fixture, dir, { recursive: true });
    const sources = globbySync(SOURCES, { cwd: dir, ignore: ['**/node_modules/**'] });
    if (crlf) {
      for (const f of sources) {
        const file = path.join(dir, f);
        writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8').replace(/\r?\n/g, '\r\n')}`);
        chmodSync(file, 0o640);
      }
    }
    const before = snapshot(dir);
    const first = await cli(['--fix', '--preset', 'all', '-f', 'json'], { cwd: dir });
    expect(first.stderr).not.toMatch(/internal error|no fix for .*syntax error/);
    const after = snapshot(dir);
    // Only source files change, and no temporary file is left behind.
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    let changed = 0;
    for (const [f, bytes] of after) {
      const old = before.get(f)!;
      if (bytes.equals(old)) continue;
      changed++;
      expect(sources, f).toContain(f);
      const text = bytes.toString('utf8');
      const oldText = old.toString('utf8');
      expect(syntaxErrors(path.join(dir, f), text.replace(/^\uFEFF/, '')), `${f} parses after the fix`).toBeLessThanOrEqual(syntaxErrors(path.join(dir, f), oldText.replace(/^\uFEFF/, '')));
      expect(text.startsWith('\uFEFF'), `${f} keeps its BOM`).toBe(oldText.startsWith('\uFEFF'));
      if (crlf) {
        expect(text.replace(/\r\n/g, ''), `${f} keeps CRLF`).not.toMatch(/[\r\n]/);
        expect(statSync(path.join(dir, f)).mode & 0o777, `${f} keeps its mode`).toBe(0o640);
      } else expect(text, `${f} keeps LF`).not.toContain('\r');
    }
    const report = parseJson(first.stdout);
    if (report.stats.fixed > 0) expect(changed).toBeGreaterThan(0);
    if (fixture.endsWith('vulnerable-express')) expect(report.stats.fixed).toBeGreaterThan(10); // the check checks something
    // Idempotent: a second run fixes nothing, writes nothing, and reports what the first left.
    const second = await cli(['--fix', '--preset', 'all', '-f', 'json'], { cwd: dir });
    expect(parseJson(second.stdout).stats.fixed).toBe(0);
    expect(rows(second.stdout)).toEqual(rows(first.stdout));
    const again = snapshot(dir);
    for (const [f, bytes] of after) expect(again.get(f)!.equals(bytes), `${f} unchanged by the second run`).toBe(true);
  }, 60_000);
});

const SECRET = onlyRules({ 'no-hardcoded-secret': 'error' });
const FIXABLE = "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET || 'dev' }));\n";
const FIXED = "const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET }));\n";

describe('what --fix refuses to write', () => {
  it('a read-only file: a fix error naming it, the file unchanged, exit 1', async () => {
    const dir = tempProject({ ...SECRET, 'ro.js': FIXABLE, 'rw.js': FIXABLE });
    chmodSync(path.join(dir, 'ro.js'), 0o444);
    const r = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(fileErrors(r.stdout)).toEqual(['ro.js fix: not fixed: the file is read-only']);
    expect(readFileSync(path.join(dir, 'ro.js'), 'utf8')).toBe(FIXABLE);
    expect(statSync(path.join(dir, 'ro.js')).mode & 0o777).toBe(0o444);
    expect(readFileSync(path.join(dir, 'rw.js'), 'utf8')).toBe(FIXED);
  });

  it('a file that is not valid UTF-8: not rewritten (its other bytes would change)', async () => {
    const bytes = Buffer.concat([Buffer.from("const label = '"), Buffer.from([0xe9, 0x74, 0xe9]), Buffer.from(`';\n${FIXABLE}`)]);
    const dir = tempProject({ ...SECRET, 'latin1.js': bytes });
    const r = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(fileErrors(r.stdout)).toEqual(['latin1.js fix: not fixed: the file is not valid UTF-8 (writing it would change bytes the fix does not touch)']);
    expect(readFileSync(path.join(dir, 'latin1.js')).equals(bytes)).toBe(true);
    // --fix-dry-run still shows the fix.
    const dry = await cli(['--fix-dry-run'], { cwd: dir });
    expect(dry.stdout).toContain("+app.use(session({ secret: process.env.SESSION_SECRET }));\n");
  });

  it('a module reached through a symbolic link out of the project is neither read nor written', async () => {
    const outside = tempProject({ 'config.js': "module.exports = { secret: process.env.SESSION_SECRET || 'dev' };\n" });
    const dir = tempProject({ ...SECRET, 'src/app.js': "const session = require('express-session');\nconst config = require('./config');\napp.use(session({ secret: config.secret }));\n" });
    symlinkSync(path.join(outside, 'config.js'), path.join(dir, 'src/config.js'));
    const r = await cli(['--fix'], { cwd: dir });
    // Its value is unknown (not a finding), and the report says why once.
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'session-audit: warning: not read, outside the project: src/config.js (values from it stay unknown; --project-root <folder> widens the project)\n',
    );
    expect(readFileSync(path.join(outside, 'config.js'), 'utf8')).toBe("module.exports = { secret: process.env.SESSION_SECRET || 'dev' };\n");
  });

  it('a file replaced by a symbolic link or changed on disk during the run is not written', () => {
    const dir = tempProject({ 'a.js': 'old\n', 'target.js': 'old\n', 'b.js': 'new on disk\n' });
    symlinkSync(path.join(dir, 'target.js'), path.join(dir, 'link.js'));
    const { written, errors } = writeFixes(
      new Map([
        [path.join(dir, 'a.js'), { before: 'old\n', after: 'fixed\n' }],
        [path.join(dir, 'link.js'), { before: 'old\n', after: 'fixed\n' }],
        [path.join(dir, 'b.js'), { before: 'old\n', after: 'fixed\n' }],
      ]),
    );
    expect(written).toEqual([path.join(dir, 'a.js')]);
    expect(errors.map((e) => `${path.basename(e.file)}: ${e.message}`)).toEqual([
      'b.js: not fixed: the file changed on disk during the run',
      'link.js: not fixed: the file is a symbolic link (--fix never writes through one)',
    ]);
    expect(readFileSync(path.join(dir, 'target.js'), 'utf8')).toBe('old\n');
  });

  it('writes are atomic: a new file renamed over the old one (a reader of the old file never sees half a write)', async () => {
    const dir = tempProject({ ...SECRET, 'app.js': FIXABLE });
    // A hard link keeps the old file's inode: it still holds the whole old text after the fix.
    linkSync(path.join(dir, 'app.js'), path.join(dir, 'old-inode.js.txt'));
    const inode = statSync(path.join(dir, 'app.js')).ino;
    await cli(['--fix'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'app.js'), 'utf8')).toBe(FIXED);
    expect(readFileSync(path.join(dir, 'old-inode.js.txt'), 'utf8')).toBe(FIXABLE);
    expect(statSync(path.join(dir, 'app.js')).ino).not.toBe(inode);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
