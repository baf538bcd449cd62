/**
 * One safety boundary (runRule): a rule that throws, on its own or in a part of the
 * model it reads on first use, is one internal-error diagnostic for that rule and file,
 * and every other finding of the file is kept, in ESLint and in the CLI alike. And deep
 * expressions (a 3,500-term string concatenation) in every place a rule reads make no
 * rule fail: the findings are those of the same file with a short expression.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { rules as catalog, rulesById } from '../../rules/index.js';
import type { FileModel } from '../../src/analysis/index.js';
import { singleFileAnalyzer } from '../../src/analysis/index.js';
import type { TSModule } from '../../src/analysis/host.js';
import { runCatalog } from '../../src/catalog.js';
import { INTERNAL_ERROR, type RuleDefinition, defineRule, runRule } from '../../src/rule.js';
import { ROOT, cli, tempProject } from '../cli/helpers.js';

// Test-only catalog entries, added before the ESLint plugin builds its rules from the catalog
// (vitest gives each test file its own modules, so no other test sees them).
const meta = {
  type: 'problem',
  severity: 'error',
  configs: [], // in `all` only
  messages: { found: 'A session call.' },
  schema: [],
  defaultOptions: [] as [],
  hasSuggestions: false,
  cwe: ['CWE-0'],
  securitySeverity: 1,
  testFiles: 'check',
} as const;
const failsAfterReporting = defineRule<'found', []>({
  id: 'test-fails-after-reporting',
  meta: { ...meta, description: 'Reports each session site, then throws' },
  check({ model, report }) {
    for (const site of model.sites) report({ node: site.call, messageId: 'found' });
    throw new Error('a bug in a rule\nwith a second line');
  },
});
const overflows = defineRule<'found', []>({
  id: 'test-overflows',
  meta: { ...meta, description: 'Recurses without end' },
  check() {
    const down = (n: number): number => down(n + 1) + 1;
    down(0);
  },
});
const testRules = [failsAfterReporting, overflows] as unknown as RuleDefinition<string, readonly unknown[]>[];
(catalog as RuleDefinition<string, readonly unknown[]>[]).push(...testRules);
for (const r of testRules) (rulesById as Map<string, RuleDefinition<string, readonly unknown[]>>).set(r.id, r);
const { default: plugin } = await import('../../src/eslint/index.js');

const APP = `import session from 'express-session';
app.use(session({ secret: 'keyboard cat', cookie: { httpOnly: false } }));
app.post('/logout', (req, res) => { req.session.destroy(); res.end(); });
`;

function eslint(code: string, rules: Record<string, string>): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  const config = { files: ['**/*.js'], plugins: { 'session-audit': plugin }, rules, languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } };
  return linter.verify(code, [config as never], { filename: 'app.js' });
}
const show = (m: Linter.LintMessage) => `${m.line}:${m.column} ${m.ruleId} ${m.messageId}`;
const realRules = (rules: Record<string, string>) => Object.fromEntries(Object.entries(rules).filter(([id]) => !id.startsWith('session-audit/test-')));

describe('a rule that throws', () => {
  it('ESLint: one report at the file start naming the rule and the error; every other finding is kept', () => {
    const all = plugin.configs.all.rules;
    expect(Object.keys(all)).toContain('session-audit/test-overflows');
    const messages = eslint(APP, all);
    const expected = eslint(APP, realRules(all));
    expect(expected.length).toBeGreaterThan(4);
    const failures = messages.filter((m) => m.messageId === INTERNAL_ERROR);
    expect(failures.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual([
      [
        'session-audit/test-fails-after-reporting',
        1,
        1,
        'session-audit/test-fails-after-reporting failed on this file (Error: a bug in a rule): this is a bug in session-audit, please report it. The other findings for this file are kept.',
      ],
      ['session-audit/test-overflows', 1, 1, 'session-audit/test-overflows failed on this file (RangeError: Maximum call stack size exceeded): this is a bug in session-audit, please report it. The other findings for this file are kept.'],
    ]);
    // The failing rule's own findings before it threw are kept too.
    const others = messages.filter((m) => m.messageId !== INTERNAL_ERROR);
    expect(others.map(show).sort()).toEqual([...expected.map(show), '2:9 session-audit/test-fails-after-reporting found'].sort());
  });

  it('CLI: one file diagnostic per failing rule (exit 1), every other finding kept, the stack under --debug', async () => {
    const dir = tempProject({ 'package.json': '{"name":"app","private":true,"type":"module"}', 'app.js': APP });
    const all = await cli(['-f', 'json', '--no-progress', '--preset', 'all', '--debug'], { cwd: dir });
    const real = await cli(['-f', 'json', '--no-progress', '--preset', 'all', '--rule', 'test-overflows=off', '--rule', 'test-fails-after-reporting=off'], { cwd: dir });
    expect(all.code).toBe(1);
    const report = JSON.parse(all.stdout) as { findings: { rule: string; messageId: string; line: number }[]; fileErrors: { file: string; kind: string; message: string }[] };
    const expected = (JSON.parse(real.stdout) as typeof report).findings;
    expect(expected.length).toBeGreaterThan(4);
    expect(report.fileErrors.map((e) => [e.file, e.kind, e.message])).toEqual([
      ['app.js', 'rule', expect.stringMatching(/^session-audit\/test-fails-after-reporting failed on this file \(Error: a bug in a rule\)/)],
      ['app.js', 'rule', expect.stringMatching(/^session-audit\/test-overflows failed on this file \(RangeError: Maximum call stack size exceeded\)/)],
    ]);
    const row = (f: { rule: string; messageId: string; line: number }) => `${f.line} ${f.rule} ${f.messageId}`;
    expect(report.findings.map(row).sort()).toEqual([...expected.map(row), '2 test-fails-after-reporting found'].sort());
    expect(all.stderr).toContain('Error: a bug in a rule');
    expect(all.stderr).toMatch(/at Object\.check/);
    // Without --debug, no stack trace.
    const quiet = await cli(['--no-progress', '--preset', 'all'], { cwd: dir });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toContain('test-overflows failed on this file');
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
  });

  it('a part of the model read on first use that throws fails only the rule that reads it', () => {
    const { analyzer, sourceFile } = singleFileAnalyzer(ts as unknown as TSModule, 'app.js', `${APP}app.post('/login', async (req, res) => { req.session.userId = 1; });\n`);
    const healthy = analyzer.analyze(sourceFile);
    const broken: FileModel = Object.create(healthy, {
      logins: {
        get() {
          throw new RangeError('Maximum call stack size exceeded');
        },
      },
    });
    const ids = new Map(catalog.filter((r) => !r.id.startsWith('test-')).map((r) => [r.id, { options: r.meta.defaultOptions }]));
    const good = runCatalog(healthy, ids);
    const bad = runCatalog(broken, ids);
    expect(good.some((f) => f.ruleId === 'regenerate-on-login')).toBe(true);
    expect(bad.filter((f) => f.messageId === INTERNAL_ERROR).map((f) => f.ruleId)).toEqual(['regenerate-on-login']);
    expect(bad.filter((f) => f.messageId !== INTERNAL_ERROR)).toEqual(good.filter((f) => f.ruleId !== 'regenerate-on-login'));
    expect(runRule(rulesById.get('regenerate-on-login')!, broken, [])).toHaveLength(1);
  });
});

/** `'p0' + 'p1' + ...`: TypeScript parses it into a tree as deep as it is long. */
const concat = (n: number) => Array.from({ length: n }, (_, i) => `'p${i}'`).join(' + ');

/** Each place a rule reads, with an expression `X` in it, and a rule each place must still report. */
const PLACES: Record<string, { code: (x: string) => string; expect: string[] }> = {
  'a login handler': {
    code: (x) => `import session from 'express-session';
app.use(session({ secret: process.env.S }));
app.post('/login', async (req, res) => {
  const big = ${x};
  req.session.userId = await users.check(big);
  req.session.password = req.body.password;
});
`,
    expect: ['regenerate-on-login notRegenerated', 'no-sensitive-session-data secretData'],
  },
  'a file importing csurf': {
    code: (x) => `import csurf from 'csurf';
const big = ${x};
app.use(csurf());
`,
    expect: ['require-csrf-protection deprecatedCsrf'],
  },
  'session options': {
    code: (x) => `import session from 'express-session';
import RedisStore from 'connect-redis';
app.use(session({ secret: 'keyboard cat', name: ${x}, store: new RedisStore({ url: 'redis://app:hunter2@redis:6379', prefix: ${x} }), cookie: { httpOnly: false, domain: ${x} } }));
`,
    expect: ['no-hardcoded-secret hardcoded', 'no-httponly-false httpOnlyFalse', 'require-secure-cookie missing', 'no-hardcoded-store-credentials url'],
  },
  'a cors call and static files': {
    code: (x) => `import session from 'express-session';
import cors from 'cors';
import express from 'express';
app.use(session({ secret: process.env.S, store: store }));
app.use(cors({ origin: true, credentials: true, maxAge: ${x} }));
app.use(express.static(${x}));
`,
    expect: ['no-credentialed-wildcard-cors reflectAnyOrigin', 'no-static-after-session staticAfterSession'],
  },
  "a lifecycle call's callback": {
    code: (x) => `import session from 'express-session';
app.post('/logout', (req, res) => {
  req.session.destroy();
  res.send(${x});
});
app.post('/save', (req, res) => {
  req.session.save(() => { res.send(${x}); });
});
`,
    expect: ['handle-session-errors noCallback', 'handle-session-errors errorIgnored'],
  },
};

describe('deep expressions in every place a rule reads', () => {
  const strict = plugin.configs.strict.rules;
  const rows = (messages: Linter.LintMessage[]) => messages.map((m) => `${m.line} ${m.ruleId!.replace('session-audit/', '')} ${m.messageId} ${m.suggestions?.length ?? 0}`);

  it.each(Object.entries(PLACES))('ESLint: %s', (_name, place) => {
    const deep = eslint(place.code(concat(3500)), strict);
    const shallow = eslint(place.code(concat(2)), strict);
    expect(deep.filter((m) => m.fatal || m.messageId === INTERNAL_ERROR)).toEqual([]);
    expect(rows(deep)).toEqual(rows(shallow));
    for (const e of place.expect) expect(rows(deep).map((r) => r.split(' ').slice(1, 3).join(' '))).toContain(e);
  });

  it('CLI: every place, one run', async () => {
    const files: Record<string, string> = {};
    Object.values(PLACES).forEach((place, i) => {
      files[`deep/${i}/package.json`] = files[`shallow/${i}/package.json`] = '{"name":"app","private":true,"type":"module"}';
      files[`deep/${i}/app.js`] = place.code(concat(3500));
      files[`shallow/${i}/app.js`] = place.code(concat(2));
    });
    const dir = tempProject(files);
    const run = async (which: string) => {
      // The 3,500-term line is 30,000 characters long, which reads as minified code: checked all the same.
      const r = await cli(['-f', 'json', '--no-progress', '--preset', 'strict', '--include-generated', which], { cwd: dir });
      const report = JSON.parse(r.stdout) as { findings: { file: string; rule: string; messageId: string; line: number; suggestions: unknown[] }[]; fileErrors: unknown[] };
      return { code: r.code, fileErrors: report.fileErrors, findings: report.findings.map((f) => `${f.file.replace(`${which}/`, '')}:${f.line} ${f.rule} ${f.messageId} ${f.suggestions.length}`) };
    };
    const deep = await run('deep');
    const shallow = await run('shallow');
    expect(deep.fileErrors).toEqual([]);
    expect(deep).toEqual(shallow);
    Object.values(PLACES).forEach((place, i) => {
      for (const e of place.expect) expect(deep.findings.filter((f) => f.startsWith(`${i}/`)).map((f) => f.split(' ').slice(1, 3).join(' '))).toContain(e);
    });
  }, 60_000);
});

describe('the issue\'s reproductions, with the real eslint binary under configs.strict', () => {
  const ESLINT = path.join(ROOT, 'node_modules/eslint/bin/eslint.js');
  const PLUGIN = path.join(ROOT, 'dist/src/eslint/index.js');

  it.each([
    // a warning only: exit 0
    ['a file importing csurf', PLACES['a file importing csurf']!, 'require-csrf-protection', 0],
    ['a login handler', PLACES['a login handler']!, 'regenerate-on-login', 1],
  ])('%s with a 3,500-term concatenation: exit 0/1 with the findings, no stack overflow', (_name, place, rule, status) => {
    const dir = tempProject({ 'package.json': '{"name":"app","private":true,"type":"module"}', 'app.js': place.code(concat(3500)) });
    writeFileSync(path.join(dir, 'eslint.config.mjs'), `import plugin from ${JSON.stringify(PLUGIN)};\nexport default [plugin.configs.strict];\n`);
    const r = spawnSync(process.execPath, [ESLINT, '-f', 'json', 'app.js'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toMatch(/Maximum call stack/);
    expect(r.status, r.stderr).toBe(status);
    const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string; messageId: string }[] }[];
    expect(result!.messages.map((m) => m.ruleId)).toContain(`session-audit/${rule}`);
    expect(result!.messages.filter((m) => m.messageId === INTERNAL_ERROR)).toEqual([]);
  }, 60_000);
});
