// action.yml (the first-party GitHub Action) and .pre-commit-hooks.yaml stay true: the YAML
// parses and has the shape GitHub and pre-commit expect, and the action's shell steps are run
// with bash, as the runner would run them (inputs through the step's `env`, GITHUB_OUTPUT,
// RUNNER_TEMP), on a sample app with a real git history: a pull request and a push. Each file
// they write is checked against its schema or contract: SARIF 2.1.0 (what upload-sarif reads),
// the Reviewdog Diagnostic Format (what reviewdog reads, plus: only what the pull request
// touches). reviewdog itself cannot be built here (only the npm and Debian registries are
// reachable), so its step is checked by its command line, not run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RDJSON_SCHEMA, sarifValidator } from './schemas.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}
const ACTION = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

const tmp = mkdtempSync(path.join(tmpdir(), 'session-audit-action-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

const CONFIG = "module.exports = {\n  cookie: { httpOnly: true, secure: true, sameSite: 'lax' },\n};\n";
const APP = [
  "const session = require('express-session');",
  "const config = require('./config');",
  '',
  'module.exports = session({ secret: process.env.SESSION_SECRET, cookie: config.cookie });',
  '',
].join('\n');
const ROUTES = ["const router = require('express').Router();", '', "router.post('/logout', (req, res) => {", '  req.session.destroy();', "  res.redirect('/');", '});', '', 'module.exports = router;', ''].join('\n');

/** A repository: main has the app (one finding: the logout); the branch `pr` turns `secure` off in config.js (a cause) and adds a file. */
function sampleRepo(name: string, pr: Record<string, string>): { dir: string; base: string } {
  const dir = path.join(tmp, name);
  const rules = { 'require-secure-cookie': 'error', 'no-hardcoded-secret': 'error', 'handle-session-errors': 'error', 'no-httponly-false': 'error' };
  write(dir, { 'package.json': JSON.stringify({ name: 'app', private: true }), 'session-audit.config.json': JSON.stringify({ preset: 'none', rules }), 'src/config.js': CONFIG, 'src/app.js': APP, 'src/routes.js': ROUTES });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const base = git(dir, 'rev-parse', 'HEAD').trim();
  git(dir, 'checkout', '-q', '-b', 'pr');
  write(dir, pr);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'pr');
  return { dir, base };
}

/** `${{ ... }}` expressions of the action, evaluated as GitHub does for the few forms it uses. */
function evaluate(expr: string, ctx: Record<string, string>): string | boolean {
  if (/^(inputs|github|runner|steps)\.[\w.-]+$/.test(expr)) return ctx[expr] ?? '';
  const js = expr
    .replace(/\b(inputs|github|runner|steps)\.[\w.-]+/g, (name) => JSON.stringify(ctx[name] ?? ''))
    .replace(/==/g, '===');
  expect(js, `an expression the test understands: ${expr}`).toMatch(/^[\s"'\w./:@$-]*(?:(?:===|&&|\|\|)[\s"'\w./:@$-]*)*$/);
  return new Function(`return (${js.replace(/'/g, '"')});`)() as string | boolean;
}

function substitute(text: string, ctx: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, e: string) => String(evaluate(e, ctx)));
}

interface StepRun {
  readonly step: Step;
  readonly ran: boolean;
  readonly code?: number;
  readonly stdout?: string;
  readonly outputs?: Record<string, string>;
}

/**
 * Runs the action's steps for an event: `uses` steps and the install step are recorded (the
 * checkout's own install already built session-audit), every other step with `shell: bash`
 * runs as the runner runs it.
 */
function runAction(dir: string, event: { name: string; baseSha?: string }, inputs: Record<string, string> = {}): StepRun[] {
  const runnerTemp = mkdtempSync(path.join(tmp, 'runner-'));
  const ctx: Record<string, string> = {
    'github.action_path': ROOT,
    'github.event_name': event.name,
    'github.event.pull_request.base.sha': event.baseSha ?? '',
    'github.token': 'token',
    'runner.temp': runnerTemp,
  };
  for (const [name, input] of Object.entries(ACTION.inputs)) ctx[`inputs.${name}`] = inputs[name] ?? (input.default !== undefined ? substitute(input.default, ctx) : '');
  const out: StepRun[] = [];
  let failed = false;
  for (const step of ACTION.runs.steps) {
    // After a failed step the runner skips the rest (none of them asks for failure() or always()).
    if (failed || (step.if !== undefined && !evaluate(step.if, ctx))) {
      out.push({ step, ran: false });
      continue;
    }
    if (step.uses || step.name === 'Install session-audit' || step.name === 'reviewdog') {
      out.push({ step, ran: false });
      continue;
    }
    const output = path.join(runnerTemp, `output-${out.length}`);
    writeFileSync(output, '');
    const env: Record<string, string> = { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmp, GITHUB_OUTPUT: output, NO_COLOR: '1', CI: 'true' };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(v, ctx);
    const cwd = path.resolve(dir, substitute(step['working-directory'] ?? '.', ctx));
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
    const outputs: Record<string, string> = {};
    for (const line of readFileSync(output, 'utf8').split('\n')) {
      const m = /^([\w-]+)=(.*)$/.exec(line);
      if (!m) continue;
      outputs[m[1]!] = m[2]!;
      if (step.id) ctx[`steps.${step.id}.outputs.${m[1]}`] = m[2]!;
    }
    const code = r.status ?? -1;
    failed = code !== 0;
    out.push({ step, ran: true, code, stdout: r.stdout + r.stderr, outputs });
  }
  return out;
}

const byName = (runs: StepRun[], name: string) => runs.find((r) => r.step.name === name || r.step.uses?.startsWith(name))!;

describe('action.yml', () => {
  it('is a composite action whose scripts take inputs only through env, and which installs from its own lockfile', () => {
    expect(ACTION.runs.using).toBe('composite');
    expect(ACTION.name).toBe('session-audit');
    const steps = ACTION.runs.steps;
    for (const s of steps) {
      expect((s.uses === undefined) !== (s.run === undefined), JSON.stringify(s)).toBe(true);
      if (s.run === undefined) continue;
      expect(s.shell, `${s.name}: composite run steps need a shell`).toBe('bash');
      // No expression is pasted into a script (script injection from a branch name or an input).
      expect(s.run, s.name).not.toContain('${{');
    }
    // Every input and step output an expression names exists.
    const text = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    for (const m of text.matchAll(/\binputs\.([\w-]+)/g)) expect(Object.keys(ACTION.inputs)).toContain(m[1]);
    for (const m of text.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const step = steps.find((s) => s.id === m[1]);
      expect(step, m[0]).toBeDefined();
      expect(step!.run, m[0]).toContain(`echo "${m[2]}=`);
    }
    // Installed from the action's lockfile, and the bin it runs is the package's.
    const install = steps.find((s) => s.name === 'Install session-audit')!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run!.trim()).toBe('npm ci --no-audit --no-fund');
    expect(existsSync(path.join(ROOT, 'package-lock.json'))).toBe(true);
    for (const s of steps.filter((x) => x.env?.SESSION_AUDIT)) expect(s.env!.SESSION_AUDIT).toBe(`\${{ github.action_path }}/${PKG.bin['session-audit']!.replace(/^\.\//, '')}`);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with).toEqual({ sarif_file: '${{ steps.scan.outputs.sarif-file }}', category: '${{ inputs.sarif-category }}' });
    const reviewdog = steps.find((s) => s.name === 'reviewdog')!;
    expect(reviewdog.run).toBe('reviewdog -f=rdjson -name=session-audit -reporter=github-pr-review -filter-mode=diff_context -fail-level=none < "$RDJSON_FILE"');
    expect(reviewdog.env).toEqual({ REVIEWDOG_GITHUB_API_TOKEN: '${{ inputs.github-token }}', RDJSON_FILE: '${{ steps.review.outputs.rdjson-file }}' });
    expect(steps.findIndex((s) => s.uses?.startsWith('reviewdog/action-setup@'))).toBeLessThan(steps.indexOf(reviewdog));
  });

  it('on a pull request: SARIF of the whole scan, rdjson of what the pull request touches (a changed cause included), and the job fails', () => {
    const added = ["const session = require('express-session');", "module.exports = session({ secret: 'keyboard cat', cookie: { secure: true } });", ''].join('\n');
    const { dir, base } = sampleRepo('pr', { 'src/config.js': CONFIG.replace('secure: true', 'secure: false'), 'src/admin.js': added });
    const runs = runAction(dir, { name: 'pull_request', baseSha: base }, { paths: 'src\n' });
    const scan = byName(runs, 'session-audit (SARIF, the whole scan)');
    expect(scan.code, scan.stdout).toBe(0);
    // upload-sarif gets a valid SARIF log of the whole scan (the old logout finding included).
    const upload = byName(runs, 'github/codeql-action/upload-sarif@');
    expect(upload.step.if).toBe("inputs.upload-sarif == 'true'");
    const sarifPath = outputOf(runs, 'scan', 'sarif-file');
    const log = JSON.parse(readFileSync(sarifPath!, 'utf8'));
    const v = sarifValidator(require, (f) => readFileSync(f, 'utf8'));
    expect(v.validate(log), v.errors()).toBe(true);
    expect((log.runs[0].results as { ruleId: string }[]).map((r) => r.ruleId).sort()).toEqual(['handle-session-errors', 'no-hardcoded-secret', 'require-secure-cookie']);
    // The review step writes rdjson of what the pull request touches, for reviewdog.
    const review = byName(runs, 'session-audit (rdjson, the pull request)');
    expect(review.code, review.stdout).toBe(0);
    const rdjsonPath = outputOf(runs, 'review', 'rdjson-file');
    const doc = JSON.parse(readFileSync(rdjsonPath, 'utf8'));
    const Ajv = require('ajv').default as typeof import('ajv').default;
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile(RDJSON_SCHEMA);
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    const diagnostics = doc.diagnostics as { message: string; code: { value: string }; location: { path: string; range: { start: { line: number } } } }[];
    expect(diagnostics.map((d) => `${d.location.path}:${d.location.range.start.line} ${d.code.value}`).sort()).toEqual(['src/admin.js:2 no-hardcoded-secret', 'src/app.js:4 require-secure-cookie']);
    expect(diagnostics.find((d) => d.location.path === 'src/app.js')!.message).toContain(`Reported because its cause changed since ${base}: src/config.js:2.`);
    // The same findings in the job's log, readable.
    expect(review.stdout).toContain('src/admin.js');
    expect(review.stdout).not.toContain('src/routes.js');
    expect(byName(runs, 'reviewdog').ran).toBe(false); // not runnable here; its command line is checked above
    const fail = byName(runs, 'Fail on findings');
    expect(fail.code).toBe(1);
    expect(fail.stdout).toContain('::error title=session-audit::');
  });

  it('a pull request that touches no finding passes, though the whole scan has one (hard negative); on push the whole scan decides', () => {
    const { dir, base } = sampleRepo('quiet', { 'src/app.js': APP.replace("require('./config');", "require('./config'); // settings") });
    const runs = runAction(dir, { name: 'pull_request', baseSha: base });
    const doc = JSON.parse(readFileSync(outputOf(runs, 'review', 'rdjson-file'), 'utf8'));
    expect(doc.diagnostics).toEqual([]);
    expect(byName(runs, 'Fail on findings').code).toBe(0);
    expect(outputOf(runs, 'scan', 'exit-code')).toBe('1');

    const push = runAction(dir, { name: 'push' });
    expect(push.filter((r) => r.step.if?.includes("github.event_name == 'pull_request'")).every((r) => !r.ran)).toBe(true);
    expect(byName(push, 'Fail on findings').code).toBe(1);
    expect(byName(runAction(dir, { name: 'push' }, { 'fail-on-findings': 'false' }), 'Fail on findings').ran).toBe(false);
  });

  it('a run that fails (a bad base commit) fails its step with session-audit’s message', () => {
    const { dir } = sampleRepo('bad', {});
    const runs = runAction(dir, { name: 'pull_request', baseSha: '0123456789012345678901234567890123456789' });
    const review = byName(runs, 'session-audit (rdjson, the pull request)');
    expect(review.code).toBe(2);
    expect(byName(runs, 'Fail on findings').ran).toBe(false);
    expect(review.stdout).toContain("session-audit: --changed-since: '0123456789012345678901234567890123456789' is not a commit in this repository");
  });
});

/** A step's output (what it wrote to GITHUB_OUTPUT). */
function outputOf(runs: StepRun[], id: string, key: string): string {
  const r = runs.find((x) => x.step.id === id);
  expect(r?.ran, `step ${id} ran`).toBe(true);
  const value = r!.outputs![key];
  expect(value, `${id}.outputs.${key}`).toBeDefined();
  return value!;
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; name: string; entry: string; language: string; files: string; exclude: string; require_serial: boolean }[];

  it('one node hook whose entry is the package’s bin, for exactly the files the CLI scans', () => {
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook).toMatchObject({ id: 'session-audit', language: 'node', require_serial: true });
    expect(Object.keys(PKG.bin)).toContain(hook!.entry);
    // pre-commit matches with Python's re.search; these patterns mean the same in JavaScript.
    const files = new RegExp(hook!.files);
    const exclude = new RegExp(hook!.exclude);
    const hooked = (name: string) => files.test(name) && !exclude.test(name);
    for (const name of ['a.js', 'a.cjs', 'a.mjs', 'a.jsx', 'src/a.ts', 'a.cts', 'a.mts', 'a.tsx']) expect(hooked(name), name).toBe(true);
    for (const name of ['a.d.ts', 'a.d.mts', 'a.json', 'a.js.map', 'a.css', 'README.md']) expect(hooked(name), name).toBe(false);
  });

  it('run as pre-commit runs it (the bin with the staged files): 1 on a finding, 0 on clean files', () => {
    const { dir } = sampleRepo('pre-commit', { 'src/admin.js': "const session = require('express-session');\nmodule.exports = session({ secret: 'keyboard cat', cookie: { secure: true } });\n" });
    const bin = path.join(ROOT, PKG.bin['session-audit']!);
    const bad = spawnSync(process.execPath, [bin, 'src/admin.js', 'src/config.js'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('src/admin.js');
    expect(bad.stdout).toContain('no-hardcoded-secret');
    const clean = spawnSync(process.execPath, [bin, 'src/config.js', 'src/app.js'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(clean.stderr).toBe('');
    expect(clean.status).toBe(0);
  });
});

describe('docs/ci.md: the action and pre-commit examples', () => {
  const blocks = [...readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]!) as Record<string, unknown>);

  it('the workflow checks out the whole history, grants what the action needs, and passes only inputs the action has', () => {
    const workflow = blocks.find((b) => JSON.stringify(b).includes('session-audit/session-audit@')) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
    };
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write', 'pull-requests': 'write' });
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const checkout = steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'));
    const action = steps.findIndex((s) => s.uses?.startsWith('session-audit/session-audit@'));
    expect(checkout).toBeGreaterThanOrEqual(0);
    expect(checkout).toBeLessThan(action);
    expect(steps[checkout]!.with).toEqual({ 'fetch-depth': 0 });
    for (const key of Object.keys(steps[action]!.with ?? {})) expect(Object.keys(ACTION.inputs)).toContain(key);
  });

  it('the pre-commit config names the hook this repository defines', () => {
    const config = blocks.find((b) => 'repos' in b) as { repos: { repo: string; hooks: { id: string }[] }[] };
    const ids = (parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);
    expect(config.repos[0]!.hooks.map((h) => h.id).every((id) => ids.includes(id))).toBe(true);
  });
});
