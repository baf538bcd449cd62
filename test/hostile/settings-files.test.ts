/**
 * Settings files go through the one project boundary too (src/cli/boundary.ts
 * `ProjectFiles.readSmall`): the formatter settings that remedies follow (`.editorconfig`,
 * `.prettierrc`, package.json `prettier`: src/cli/style-settings.ts) and the `.gitignore` files
 * discovery honors (src/cli/walk-files.ts). Only regular files inside the project, of limited
 * size, are read: not one a symbolic link leads out of the project, not one above the project
 * (a folder above a repository, or above `--project-root`), never a FIFO. Hard negatives: the
 * same files inside the project are read, a link that stays inside included.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, onlyRules, parseJson, rows, tempProject } from './helpers.js';

const LOGOUT = "const express = require('express');\nconst app = express();\napp.post('/logout', (req, res) => { req.session.destroy(); });\n";
const FOUR = 'root = true\n\n[*]\nindent_style = space\nindent_size = 4\n';

/** The indentation of the line the handle-session-errors remedy adds (`if (err) return next(err);`), as the JSON report's suggestion writes it. */
async function remedyIndent(cwd: string, args: string[] = []): Promise<string> {
  const r = await cli(['-f', 'json', ...args, '.'], { cwd });
  const [f] = parseJson(r.stdout).findings.filter((x) => x.rule === 'handle-session-errors');
  const text = f!.suggestions[0]!.edits.map((e) => e.text).join('');
  return /\n([ \t]*)if \(err\)/.exec(text)![1]!;
}

/** `parent/repo` (a git work tree, the project) beside `parent/outside`. */
function repo(files: Record<string, string>) {
  const parent = tempProject({
    'repo/.git/HEAD': '',
    ...Object.fromEntries(Object.entries({ ...onlyRules({ 'handle-session-errors': 'error' }), 'src/app.js': LOGOUT, ...files }).map(([k, v]) => [`repo/${k}`, v])),
    'outside/editorconfig': FOUR,
  });
  return { parent, dir: path.join(parent, 'repo') };
}

describe('formatter settings are read inside the project only', () => {
  it('hard negative: the project\'s own .editorconfig is followed', async () => {
    const { dir } = repo({ '.editorconfig': FOUR });
    expect(await remedyIndent(dir)).toBe('    ');
  });

  it('an .editorconfig that is a symbolic link out of the project is not read', async () => {
    const { dir } = repo({});
    symlinkSync('../outside/editorconfig', path.join(dir, '.editorconfig'));
    expect(await remedyIndent(dir)).toBe('  ');
  });

  it('hard negative: an .editorconfig linked to a file inside the project is read (as every project file)', async () => {
    const { dir } = repo({ 'config/editorconfig': FOUR });
    symlinkSync('config/editorconfig', path.join(dir, '.editorconfig'));
    expect(await remedyIndent(dir)).toBe('    ');
  });

  it('an .editorconfig or a package.json `prettier` above the project (the folder holding the repository) is not read', async () => {
    // No package.json in the repository: the nearest one, the app's root, is above it.
    const { parent, dir } = repo({ 'package.json': '' });
    const config = path.join(dir, 'package.json');
    execFileSync('rm', [config]);
    writeFileSync(path.join(parent, '.editorconfig'), FOUR);
    writeFileSync(path.join(parent, 'package.json'), JSON.stringify({ name: 'home', prettier: { useTabs: true } }));
    expect(await remedyIndent(dir)).toBe('  ');
  });

  it('a .prettierrc above --project-root is not read; naming the folder above reads it', async () => {
    const { parent } = repo({ '.prettierrc': JSON.stringify({ useTabs: true }) });
    mkdirSync(path.join(parent, 'repo/src/inner'));
    writeFileSync(path.join(parent, 'repo/src/inner/app.js'), LOGOUT);
    const inner = path.join(parent, 'repo/src/inner');
    expect(await remedyIndent(inner, ['--project-root', '.'])).toBe('  ');
    expect(await remedyIndent(inner, ['--project-root', '../..'])).toBe('\t');
  });
});

describe('.gitignore files are read inside the project only', () => {
  const SECRET = "const session = require('express-session');\napp.use(session({ secret: 'hardcoded' }));\n";

  it('a .gitignore above --project-root is not read; without it, the repository\'s is', async () => {
    const config = Object.fromEntries(Object.entries(onlyRules({ 'no-hardcoded-secret': 'error' })).map(([k, v]) => [`app/${k}`, v]));
    const parent = tempProject({ '.git/HEAD': '', '.gitignore': 'app/ignored.js\n', ...config, 'app/ignored.js': SECRET, 'app/kept.js': SECRET });
    const app = path.join(parent, 'app');
    expect(rows((await cli(['-f', 'json', '.'], { cwd: app })).stdout)).toEqual(['kept.js:2:19 no-hardcoded-secret']);
    expect(rows((await cli(['-f', 'json', '--project-root', '.', '.'], { cwd: app })).stdout)).toEqual(['ignored.js:2:19 no-hardcoded-secret', 'kept.js:2:19 no-hardcoded-secret']);
  });

  it('a .gitignore that is a FIFO, in the scanned folder or above it, is never read: no hang, the files are scanned', () => {
    const parent = tempProject({ '.git/HEAD': '', ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'app/good.js': SECRET });
    execFileSync('mkfifo', [path.join(parent, '.gitignore')]);
    execFileSync('mkfifo', [path.join(parent, 'app/.gitignore')]);
    const r = bin(['-f', 'json', '.'], path.join(parent, 'app'), {}, 30_000);
    expect(r.code).toBe(1);
    expect(rows(r.stdout)).toEqual(['good.js:2:19 no-hardcoded-secret']);
  });

  it('a .gitignore that is a symbolic link out of the project is not read', async () => {
    const parent = tempProject({ 'outside/gitignore': 'ignored.js\n', 'repo/.git/HEAD': '', ...Object.fromEntries(Object.entries({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'ignored.js': SECRET }).map(([k, v]) => [`repo/${k}`, v])) });
    symlinkSync('../outside/gitignore', path.join(parent, 'repo/.gitignore'));
    expect(rows((await cli(['-f', 'json', 'repo'], { cwd: parent })).stdout)).toEqual(['repo/ignored.js:2:19 no-hardcoded-secret']);
  });
});
