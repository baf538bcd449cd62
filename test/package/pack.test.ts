// The package as npm users get it: `npm pack`, installed into a fresh project next to
// ESLint 10, used from an ESM `eslint.config.js` and a CommonJS `eslint.config.cjs` by the
// real `eslint` binary, and as `npx session-audit`. Three more fresh projects lint the bundled
// example app with the README's one-line config: in JavaScript, in TypeScript without
// typescript-eslint, and in TypeScript with typescript-eslint's recommended config and typed
// linting (`projectService`). publint and @arethetypeswrong/cli check
// the package's metadata and types; the consumer's own `tsc` checks that the plugin fits
// ESLint's `defineConfig` from ESM and CommonJS TypeScript.
//
// Needs a build (npm test builds first) and the npm registry or a warm npm cache
// (`--prefer-offline`: packages already in the cache are not fetched again).
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'node_modules/.bin');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; never throws on a non-zero exit (the tests look at the code). */
function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', npm_config_update_notifier: 'false', ...env }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Each step spawns Node.js programs that load TypeScript: slow on a busy 2-core CI machine. */
const STEP = 90_000;

const shown = (r: Run) => `exit ${r.code}\nstdout:\n${r.stdout.slice(0, 4000)}\nstderr:\n${r.stderr.slice(0, 4000)}`;

// The sample app: two findings ESLint sees in the file itself, and a hardcoded secret
// fallback in another module, which only the whole-program CLI (or typed linting) follows.
const SAMPLE: Record<string, string> = {
  'src/config.js': "export const sessionSecret = process.env.SESSION_SECRET || 'dev-secret';\n",
  'src/app.js': `import express from 'express';
import session from 'express-session';
import { RedisStore } from 'connect-redis';
import { sessionSecret } from './config.js';

const app = express();
app.use(
  session({
    store: new RedisStore({ client: app.locals.redis }),
    secret: sessionSecret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: false, secure: true, sameSite: 'lax' },
  }),
);

app.post('/logout', (req, res) => {
  req.session.destroy();
  res.redirect('/');
});

export default app;
`,
  'eslint.config.js': `import sessionAudit from 'session-audit';

export default [sessionAudit.configs.recommended];
`,
  'eslint.config.cjs': `const sessionAudit = require('session-audit');

module.exports = [sessionAudit.configs.recommended];
`,
  // Type-level use, as users write it (compiled with the consumer's tsc, --noEmit).
  'types/config.ts': `import { defineConfig } from 'eslint/config';
import sessionAudit from 'session-audit';
import { analyzeText, type Finding } from 'session-audit/api';

export default defineConfig([
  sessionAudit.configs.recommended,
  { ...sessionAudit.configs.strict, files: ['src/**/*.ts'] },
  { plugins: { 'session-audit': sessionAudit }, rules: { 'session-audit/no-memory-store': 'warn' } },
]);

export const findings: Finding[] = analyzeText('', 'app.js');

// @ts-expect-error: a config is an object (fails if the types were lost to \`any\`).
export const notAString: string = sessionAudit.configs.recommended;
`,
  'types/config.cts': `import sessionAudit = require('session-audit');
import api = require('session-audit/api');
import eslintConfig = require('eslint/config');

const findings: api.Finding[] = api.analyzeText('', 'app.js');
// @ts-expect-error: a config is an object (fails if the types were lost to \`any\`).
const notAString: string = sessionAudit.configs.all;

export = { config: eslintConfig.defineConfig([sessionAudit.configs.recommended]), findings, notAString };
`,
  'types/tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2023', strict: true, noEmit: true, skipLibCheck: true, types: [] },
    files: ['config.ts', 'config.cts'],
  }),
  // require() and import of the package give the same plugin object (no dual-package hazard).
  'check-require.cjs': `const plugin = require('session-audit');
const api = require('session-audit/api');
import('session-audit').then((esm) => {
  process.stdout.write(JSON.stringify({
    same: esm.default === plugin,
    configs: Object.keys(plugin.configs),
    rules: Object.keys(plugin.rules).length,
    meta: plugin.meta,
    api: api.analyzeText("const session = require('express-session');\\nsession({ secret: 'x', store: x, resave: false, saveUninitialized: false });\\n", 'a.js').map((f) => f.ruleId),
  }));
});
`,
};

let temp: string;
let app: string;
let tarball: string;

beforeAll(async () => {
  expect(existsSync(path.join(ROOT, 'dist/src/eslint/index.js')), 'run `npm run build` first').toBe(true);
  temp = mkdtempSync(path.join(tmpdir(), 'session-audit-pack-'));
  const packDir = path.join(temp, 'pack');
  mkdirSync(packDir);
  // --ignore-scripts: pack the build that is there (`prepare` would rebuild it).
  const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], ROOT);
  expect(pack.code, shown(pack)).toBe(0);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(packDir, info!.filename);

  app = path.join(temp, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
  for (const [name, text] of Object.entries(SAMPLE)) {
    mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    writeFileSync(path.join(app, name), text);
  }
  const install = await run('npm', ['install', tarball, 'eslint@10', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], app);
  expect(install.code, shown(install)).toBe(0);
}, 180_000);

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('the packed package', { timeout: STEP }, () => {
  it('ships the build, the CommonJS entry, the bin and the docs, and nothing else', async () => {
    const listing = await run('tar', ['-tzf', tarball], temp);
    const files = listing.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/session-audit.js', 'cjs/index.cjs', 'cjs/index.d.cts', 'dist/src/eslint/index.js', 'dist/src/eslint/index.d.ts', 'dist/src/cli/run.js', 'docs/rules/no-hardcoded-secret.md']));
    expect(files.filter((f) => /^(src|test|fixtures|rules|scripts|dist\/test)\//.test(f))).toEqual([]);
  });

  it('passes publint (strict)', async () => {
    const r = await run(path.join(BIN, 'publint'), ['run', tarball, '--strict'], temp);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toContain('All good!');
  });

  it('passes @arethetypeswrong/cli: types resolve for node10, node16 (ESM and CJS) and bundlers', async () => {
    const r = await run(path.join(BIN, 'attw'), [tarball, '--format', 'json'], temp);
    expect(r.code, shown(r)).toBe(0);
    const report = JSON.parse(r.stdout) as { analysis: { entrypoints: Record<string, unknown> }; problems?: unknown };
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './api', './package.json']);
    expect(report.problems ?? {}).toEqual({});
  });
});

describe('installed next to ESLint 10 in a fresh project', { timeout: STEP }, () => {
  const expected = [
    { ruleId: 'session-audit/no-httponly-false', line: 13, column: 15, suggestions: ['Set `httpOnly: true` (or remove the option: the default is true).'] },
    { ruleId: 'session-audit/handle-session-errors', line: 18, column: 3, suggestions: ['Handle the error: pass it to next(err), and run the rest of the handler in the callback, once the session is destroyed.'] },
  ];

  async function eslint(args: string[]) {
    const r = await run(path.join(app, 'node_modules/.bin/eslint'), ['--format', 'json', ...args, 'src'], app);
    expect(r.code, shown(r)).toBe(1); // errors found
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; suggestions?: { desc: string }[] }[] }[];
    return results.flatMap((res) =>
      res.messages.map((m) => ({ file: path.relative(app, res.filePath), ruleId: m.ruleId, line: m.line, column: m.column, suggestions: (m.suggestions ?? []).map((s) => s.desc) })),
    );
  }

  it('eslint.config.js (ESM): the real eslint binary reports the findings with suggestions', async () => {
    expect(await eslint([])).toEqual(expected.map((e) => ({ file: 'src/app.js', ...e })));
  });

  it('eslint.config.cjs (CommonJS): require("session-audit") gives the same plugin, same findings', async () => {
    expect(await eslint(['--config', 'eslint.config.cjs'])).toEqual(expected.map((e) => ({ file: 'src/app.js', ...e })));
    const r = await run(process.execPath, ['check-require.cjs'], app);
    expect(r.code, shown(r)).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ same: true, configs: ['recommended', 'strict', 'all'], meta: { name: 'session-audit', version: VERSION, namespace: 'session-audit' } });
    expect(out.rules).toBeGreaterThan(10);
    expect(out.api).toContain('no-hardcoded-secret');
  });

  it('npx session-audit: the CLI from the same install also follows the secret into ./config.js', async () => {
    const json = await run('npx', ['--no', '--', 'session-audit', '--format', 'json', 'src'], app);
    expect(json.code, shown(json)).toBe(1);
    const report = JSON.parse(json.stdout) as { tool: { version: string }; findings: { rule: string; file: string; line: number; message: string; suggestions: { edits: { file: string }[] }[] }[] };
    expect(report.tool.version).toBe(VERSION);
    expect(report.findings.map((f) => [f.rule, f.file, f.line])).toEqual([
      ['no-hardcoded-secret', 'src/app.js', 10],
      ['no-httponly-false', 'src/app.js', 13],
      ['handle-session-errors', 'src/app.js', 18],
    ]);
    expect(report.findings[0]!.message).toMatch(/^The session secret falls back to a hardcoded value when SESSION_SECRET is not set \(from \.\/config\.js:1\)/);
    // The remedy of the secret edits the module the value comes from.
    expect(report.findings[0]!.suggestions[0]!.edits[0]!.file).toBe('src/config.js');

    const version = await run(path.join(app, 'node_modules/.bin/session-audit'), ['--version'], app);
    expect(version.stdout.trim()).toBe(VERSION);
  });

  it("types: the plugin fits ESLint's defineConfig from ESM and CommonJS TypeScript (the consumer's tsc)", async () => {
    const tsc = await run(path.join(app, 'node_modules/.bin/tsc'), ['-p', 'types/tsconfig.json'], app);
    expect(tsc.code, shown(tsc)).toBe(0);
  });
});

/** A session-audit message of the eslint binary's JSON output: `file:line rule`. */
type Row = string;

interface EslintJson {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }[];
}

describe('installed as the README says, fresh projects lint the bundled example', { timeout: STEP }, () => {
  const EXAMPLE = path.join(ROOT, 'fixtures/apps/vulnerable-express');
  const EXAMPLE_TS = path.join(ROOT, 'fixtures/apps/vulnerable-express-ts');
  // The README as written: its install line (a tarball in vendor/, the package not being on the
  // registry yet) and its two ESLint configs, the one-line one and the typescript-eslint one.
  const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const INSTALL = /^npm install --save-dev \.\/vendor\/(session-audit-[\w.-]+\.tgz) eslint$/m.exec(README);
  const jsBlocks = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const README_CONFIG = jsBlocks.find((b) => b.includes('export default [') && b.includes('sessionAudit.configs.recommended'))!;
  const TSESLINT_CONFIG = jsBlocks.find((b) => b.includes('tseslint.configs.recommended'))!;
  const projects = {
    js: { from: EXAMPLE, config: README_CONFIG, packages: [] as string[] },
    ts: { from: EXAMPLE_TS, config: README_CONFIG, packages: [] as string[] },
    tseslint: { from: EXAMPLE_TS, config: TSESLINT_CONFIG, packages: ['typescript-eslint@8.72.0'] },
  };
  const dirs: Record<string, string> = {};

  beforeAll(async () => {
    expect(INSTALL, 'the README installs a tarball from vendor/').not.toBeNull();
    expect(INSTALL![1], "the README's tarball name is the one npm pack writes").toBe(path.basename(tarball));
    expect(README_CONFIG).toBeDefined();
    expect(TSESLINT_CONFIG).toBeDefined();
    await Promise.all(
      Object.entries(projects).map(async ([name, p]) => {
        const dir = path.join(temp, `example-${name}`);
        dirs[name] = dir;
        mkdirSync(path.join(dir, 'vendor'), { recursive: true });
        cpSync(tarball, path.join(dir, 'vendor', path.basename(tarball)));
        cpSync(path.join(p.from, 'src'), path.join(dir, 'src'), { recursive: true });
        if (existsSync(path.join(p.from, 'tsconfig.json'))) cpSync(path.join(p.from, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
        // The example's own dependencies (express, ...) are not installed: session-audit never needs them.
        writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `example-${name}`, version: '1.0.0', private: true, type: 'module' }, null, 2));
        writeFileSync(path.join(dir, 'eslint.config.js'), p.config);
        const words = INSTALL![0].split(' ').slice(1); // the README's line, then what a test needs (no network when the cache has it)
        const install = await run('npm', [...words, ...p.packages, '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], dir);
        expect(install.code, shown(install)).toBe(0);
      }),
    );
    // The lockfile records the tarball: `npm ci` (as CI runs it) installs it again from vendor/.
    const js = dirs.js!;
    expect((JSON.parse(readFileSync(path.join(js, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['session-audit']).toBe(`file:vendor/${path.basename(tarball)}`);
    rmSync(path.join(js, 'node_modules'), { recursive: true, force: true });
    const ci = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], js);
    expect(ci.code, shown(ci)).toBe(0);
  }, 300_000);

  async function eslintRows(dir: string): Promise<Row[]> {
    const r = await run(path.join(dir, 'node_modules/.bin/eslint'), ['--format', 'json', 'src'], dir);
    expect(r.code, shown(r)).toBe(1); // errors found
    const results = JSON.parse(r.stdout) as EslintJson[];
    const rows: Row[] = [];
    for (const res of results) {
      for (const m of res.messages) {
        expect(m.fatal, `${res.filePath}: ${m.message}`).toBeFalsy(); // every file parses
        if (m.ruleId?.startsWith('session-audit/')) rows.push(`${path.relative(dir, res.filePath)}:${m.line} ${m.ruleId.slice('session-audit/'.length)}`);
      }
    }
    return rows.sort();
  }

  async function cliRows(dir: string): Promise<Row[]> {
    const r = await run('npx', ['--no', '--', 'session-audit', '--format', 'json', 'src'], dir);
    expect(r.code, shown(r)).toBe(1);
    return (JSON.parse(r.stdout) as { findings: { rule: string; file: string; line: number }[] }).findings.map((f) => `${f.file}:${f.line} ${f.rule}`).sort();
  }

  // fixtures/apps/vulnerable-express/README.md, `recommended` rows: each file alone (no types),
  // so the secret that app.js reads from ./config.js is unknown, and unknown is never a finding.
  const fileByFile = (ext: 'js' | 'ts', lines: Record<string, number>) =>
    [
      `src/admin.${ext}:${lines.admin} no-hardcoded-secret`,
      `src/admin.${ext}:${lines.admin} no-memory-store`,
      `src/admin.${ext}:${lines.admin} require-same-site`,
      `src/admin.${ext}:${lines.admin} require-secure-cookie`,
      `src/app.${ext}:${lines.call} no-memory-store`,
      `src/app.${ext}:${lines.save} explicit-save-options`,
      `src/app.${ext}:${lines.cookie} no-httponly-false`,
      `src/app.${ext}:${lines.cookie} require-same-site`,
      `src/app.${ext}:${lines.cookie} require-secure-cookie`,
      `src/routes/auth.${ext}:${lines.login} regenerate-on-login`,
      `src/routes/auth.${ext}:${lines.saveCb} handle-session-errors`,
      `src/routes/auth.${ext}:${lines.destroy} handle-session-errors`,
    ].sort();
  const JS_LINES = { admin: 10, call: 18, save: 21, cookie: 22, login: 18, saveCb: 41, destroy: 50 };
  const TS_LINES = { admin: 9, call: 16, save: 19, cookie: 20, login: 16, saveCb: 39, destroy: 48 };

  it('JavaScript: the README config reports the example findings of each file', async () => {
    const rows = await eslintRows(dirs.js!);
    expect(rows).toEqual(fileByFile('js', JS_LINES));
    // The CLI of the same install also follows the secret into ./config.js.
    expect(await cliRows(dirs.js!)).toEqual([...rows, 'src/app.js:19 no-hardcoded-secret'].sort());
  });

  it('TypeScript without typescript-eslint: the same config parses .ts and reports the same findings', async () => {
    expect(existsSync(path.join(dirs.ts!, 'node_modules/typescript-eslint'))).toBe(false);
    expect(await eslintRows(dirs.ts!)).toEqual(fileByFile('ts', TS_LINES));
  });

  it("TypeScript with typescript-eslint's recommended config and projectService: typed linting follows the secret into ./config.ts, as the CLI does", async () => {
    const rows = await eslintRows(dirs.tseslint!);
    expect(rows).toEqual([...fileByFile('ts', TS_LINES), 'src/app.ts:17 no-hardcoded-secret'].sort());
    // Parity with the whole-program CLI (the recommended preset has no whole-app rule that typed linting lacks).
    expect(await cliRows(dirs.tseslint!)).toEqual(rows);
    // typescript-eslint's own rules ran too (the config composes).
    const r = await run(path.join(dirs.tseslint!, 'node_modules/.bin/eslint'), ['--format', 'json', 'src'], dirs.tseslint!);
    const others = (JSON.parse(r.stdout) as EslintJson[]).flatMap((res) => res.messages.map((m) => m.ruleId)).filter((id) => id && !id.startsWith('session-audit/'));
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((id) => id!.startsWith('@typescript-eslint/'))).toBe(true);
  });
});
