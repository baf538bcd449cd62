import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules as catalog } from '../../rules/index.js';
import { escapeData, escapeProperty } from '../../src/cli/reporters/github.js';
import { docsUrl } from '../../src/rule.js';
import { PACKAGE } from '../../src/version.js';
import { PROJECTS, cli, tempProject, onlyRules } from './helpers.js';

const cwd = path.join(PROJECTS, 'formats');
const SECRET = 'The session secret is hardcoded. Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.';
const HTTPONLY = "The session cookie's `httpOnly` is false in production: any script on the page, including an injected one (XSS), can read the cookie and take over the session.";

describe('--format stylish', () => {
  it('groups by file, aligns columns and ends with a summary (no colour off a terminal)', async () => {
    const r = await cli([], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        '',
        'src/server.js',
        `  9:13   error    ${SECRET.padEnd(HTTPONLY.length)}  no-hardcoded-secret`,
        `  10:36  warning  ${HTTPONLY}  no-httponly-false`,
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '  2 findings have a suggested fix: run with --fix to apply, --fix-dry-run to preview.',
        '',
      ].join('\n'),
    );
  });

  it('colours: --color > NO_COLOR > FORCE_COLOR > terminal', async () => {
    const red = '\x1b[31merror\x1b[39m';
    expect((await cli(['--color'], { cwd, env: { NO_COLOR: '1' } })).stdout).toContain(red);
    expect((await cli([], { cwd, stdoutTTY: true })).stdout).toContain('\x1b[4msrc/server.js\x1b[24m');
    expect((await cli([], { cwd, stdoutTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await cli([], { cwd, stdoutTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await cli([], { cwd, env: { FORCE_COLOR: '1' } })).stdout).toContain(red);
    expect((await cli([], { cwd, stdoutTTY: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain('\x1b[');
    expect((await cli(['--color', '--no-color'], { cwd, stdoutTTY: true })).stdout).not.toContain('\x1b[');
    expect((await cli(['--no-color', '--color'], { cwd })).stdout).toContain(red);
  });

  it('says so when there is nothing to report', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'app.js': "const session = require('express-session');\nsession({ secret: process.env.S });\n" });
    expect(await cli([], { cwd: dir })).toEqual({ code: 0, stdout: '✔ No problems found (1 file checked).\n', stderr: '' });
  });
});

describe('--format json', () => {
  it('has the documented shape', async () => {
    const r = await cli(['--format', 'json'], { cwd });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      tool: { name: 'session-audit', version: PACKAGE.version },
      findings: [
        {
          rule: 'no-hardcoded-secret',
          severity: 'error',
          file: 'src/server.js',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 30,
          message: SECRET,
          messageId: 'hardcoded',
          fingerprint: '8dfd961ce770630d',
          identity: '29ad6b2981fde7b4',
          suggestions: [
            {
              message: 'Read the secret from process.env.SESSION_SECRET.',
              edits: [{ file: 'src/server.js', line: 9, column: 21, endLine: 9, endColumn: 30, text: 'process.env.SESSION_SECRET' }],
            },
          ],
        },
        {
          rule: 'no-httponly-false',
          severity: 'warning',
          file: 'src/server.js',
          line: 10,
          column: 36,
          endLine: 10,
          endColumn: 51,
          message: HTTPONLY,
          messageId: 'httpOnlyFalse',
          fingerprint: 'd30d0fe284c44622',
          identity: '4e03dd7bfb8ceb6d',
          suggestions: [
            {
              message: 'Set `httpOnly: true` (or remove the option: the default is true).',
              edits: [{ file: 'src/server.js', line: 10, column: 46, endLine: 10, endColumn: 51, text: 'true' }],
            },
          ],
        },
      ],
      fileErrors: [],
      stats: { files: 1, analyzedFiles: 1, errors: 1, warnings: 1, fileErrors: 0, suppressed: 0, baselined: 0, fixed: 0 },
    });
    // Columns are UTF-16 units: "/* 🍪 */" counts the emoji as two.
    const line10 = readFileSync(path.join(cwd, 'src/server.js'), 'utf8').split('\n')[9]!;
    expect(line10.slice(35, 50)).toBe('httpOnly: false');
  });
});

describe('--format github', () => {
  it('prints one workflow command per finding', async () => {
    const r = await cli(['-f', 'github'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `::error file=src/server.js,line=9,endLine=9,col=13,endColumn=30,title=session-audit/no-hardcoded-secret::${SECRET}\n` +
        `::warning file=src/server.js,line=10,endLine=10,col=36,endColumn=51,title=session-audit/no-httponly-false::${HTTPONLY}\n`,
    );
  });

  it('escapes %, CR and LF in messages and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('C:\\a,b%\n')).toBe('C%3A\\a%2Cb%25%0A');
  });

  it('annotates files that could not be checked, and leaves columns out of multi-line ranges', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-memory-store': 'error' }),
      'a,b.js': "const session = require('express-session');\nsession({\n  secret: process.env.S,\n});\n",
      'bad.js': "const session = require('express-session');\nsession({ secret: process.env.S ",
    });
    const r = await cli(['-f', 'github'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe("::error file=bad.js,line=2,col=33,title=session-audit%3A cannot check bad.js::Parsing error: '}' expected.");
    expect(lines[1]).toMatch(/^::error file=a%2Cb\.js,line=2,endLine=2,col=1,endColumn=8,title=session-audit\/no-memory-store::No session store is set/);
  });
});

describe('--format rdjson', () => {
  it('counts columns in UTF-8 bytes and carries one suggestion per diagnostic', async () => {
    const r = await cli(['-f', 'rdjson'], { cwd });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      source: { name: 'session-audit', url: 'https://github.com/session-audit/session-audit' },
      diagnostics: [
        {
          message: SECRET,
          location: { path: 'src/server.js', range: { start: { line: 9, column: 14 }, end: { line: 9, column: 31 } } },
          severity: 'ERROR',
          code: { value: 'no-hardcoded-secret', url: docsUrl('no-hardcoded-secret') },
          suggestions: [{ range: { start: { line: 9, column: 22 }, end: { line: 9, column: 31 } }, text: 'process.env.SESSION_SECRET' }],
        },
        {
          message: HTTPONLY,
          // "é" is 2 bytes, "🍪" is 4 bytes (2 UTF-16 units): +1 and +2 against the UTF-16 columns.
          location: { path: 'src/server.js', range: { start: { line: 10, column: 38 }, end: { line: 10, column: 53 } } },
          severity: 'WARNING',
          code: { value: 'no-httponly-false', url: docsUrl('no-httponly-false') },
          suggestions: [{ range: { start: { line: 10, column: 48 }, end: { line: 10, column: 53 } }, text: 'true' }],
        },
      ],
    });
  });

  it('merges a remedy of several edits into one replacement', async () => {
    const dir = tempProject({
      ...onlyRules({ 'handle-session-errors': 'error' }),
      'routes.js': "router.post('/prefs', (req, res) => {\n  req.session.save(() => res.redirect('/'));\n});\n",
    });
    const r = await cli(['-f', 'rdjson'], { cwd: dir });
    const [d] = JSON.parse(r.stdout).diagnostics;
    expect(d.suggestions).toEqual([
      {
        range: { start: { line: 1, column: 32 }, end: { line: 2, column: 43 } },
        text: ", next) => {\n  req.session.save((err) => { if (err) return next(err); return res.redirect('/'); }",
      },
    ]);
  });
});

describe('--format rdjson: findings whose fix is part of another finding\'s change (issue #11)', () => {
  it('every finding of a group gets the combined suggestion or a pointer to it', async () => {
    // Three findings insert into one options object: one combined change, on the first of them.
    const dir = tempProject({
      'package.json': '{ "name": "app", "private": true, "type": "module" }',
      'session-audit.config.json': '{ "preset": "all" }',
      'app.js': [
        "import express from 'express';",
        "import session from 'express-session';",
        'const app = express();',
        'app.use(session({',
        '  secret: process.env.SESSION_SECRET,',
        '  resave: false,',
        '  saveUninitialized: false,',
        "  name: 'sid',",
        '}));',
        '',
      ].join('\n'),
    });
    const json = JSON.parse((await cli(['-f', 'json'], { cwd: dir })).stdout) as { findings: { rule: string; suggestions: unknown[] }[] };
    const rd = JSON.parse((await cli(['-f', 'rdjson'], { cwd: dir })).stdout) as { diagnostics: { message: string; code: { value: string }; suggestions?: { range: { start: { line: number } } }[] }[] };
    const withFix = json.findings.filter((f) => f.suggestions.length > 0).map((f) => f.rule).sort();
    expect(withFix).toEqual(['require-cookie-expiry', 'require-same-site', 'require-secure-cookie']);
    const shown = rd.diagnostics.filter((d) => d.suggestions?.length);
    expect(shown).toHaveLength(1);
    const line = shown[0]!.suggestions![0]!.range.start.line;
    const lead = shown[0]!.code.value;
    for (const d of rd.diagnostics.filter((x) => withFix.includes(x.code.value) && !x.suggestions)) {
      expect(d.message).toMatch(new RegExp(` The suggested change on line ${line} \\(${lead}\\) fixes this too\\.$`));
    }
    expect(rd.diagnostics.filter((x) => / fixes this too\.$/.test(x.message))).toHaveLength(2);
    // The JSON report keeps each finding's own message (an editor applies one suggestion, then lints again).
    expect(JSON.stringify(json)).not.toContain('fixes this too');
  });
});

describe('--format sarif', () => {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // The schema's formats, checked rather than ignored.
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/[\s#]/.test(s.replace(/#[^#]*$/, '')));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s));
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema and describes every rule of the catalog', async () => {
    const r = await cli(['-f', 'sarif'], { cwd });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'session-audit', version: PACKAGE.version, informationUri: 'https://github.com/session-audit/session-audit' });
    expect(run.tool.driver.rules.map((d: { id: string }) => d.id)).toEqual(catalog.map((c) => c.id));
    for (const [i, d] of run.tool.driver.rules.entries()) {
      const rule = catalog[i]!;
      expect(d.shortDescription.text).toBe(`${rule.meta.description}.`);
      expect(d.fullDescription.text.startsWith(`${rule.meta.description}.`)).toBe(true);
      expect(d.help.text).toContain(`Documentation: ${docsUrl(rule.id)}`);
      expect(d.help.markdown).toContain(`# session-audit/${rule.id}`); // the shipped docs page
      expect(d.helpUri).toBe(docsUrl(rule.id));
      expect(d.defaultConfiguration.level).toBe(rule.meta.severity === 'error' ? 'error' : 'warning');
      expect(d.properties.tags).toEqual(['security', ...rule.meta.cwe, ...rule.meta.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)]);
      // A string with one decimal, as code scanning reads it (CodeQL writes the same form).
      expect(d.properties['security-severity']).toBe(rule.meta.securitySeverity.toFixed(1));
    }
    const severityOf = (id: string) => run.tool.driver.rules.find((d: { id: string }) => d.id === id).properties['security-severity'];
    expect(severityOf('no-hardcoded-secret')).toBe('9.8'); // critical, as CodeQL's js/hardcoded-credentials
    expect(severityOf('require-secure-cookie')).toBe('5.0'); // medium, as CodeQL's js/clear-text-cookie
    expect(severityOf('no-default-cookie-name')).toBe('3.1'); // low: fingerprinting
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `file://${cwd}/` } });
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    // The reported line as a snippet: the secret ('hunter2') masked.
    const loc = (startLine: number, startColumn: number, endLine: number, endColumn: number, snippet: string) => ({
      physicalLocation: { artifactLocation: { uri: 'src/server.js', uriBaseId: '%SRCROOT%' }, region: { startLine, startColumn, endLine, endColumn }, contextRegion: { startLine, snippet: { text: snippet } } },
    });
    const change = (startLine: number, startColumn: number, endColumn: number, text: string) => [
      { artifactLocation: { uri: 'src/server.js', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { startLine, startColumn, endLine: startLine, endColumn }, insertedContent: { text } }] },
    ];
    expect(run.results).toEqual([
      {
        ruleId: 'no-hardcoded-secret',
        ruleIndex: catalog.findIndex((c) => c.id === 'no-hardcoded-secret'),
        level: 'error',
        message: { text: SECRET },
        locations: [loc(9, 13, 9, 30, "  /* clé */ secret: 'h••••••',")],
        partialFingerprints: { primaryLocationLineHash: '8dfd961ce770630d:1', 'sessionAuditIdentity/v1': '29ad6b2981fde7b4' },
        fixes: [{ description: { text: 'Read the secret from process.env.SESSION_SECRET.' }, artifactChanges: change(9, 21, 30, 'process.env.SESSION_SECRET') }],
      },
      {
        ruleId: 'no-httponly-false',
        ruleIndex: catalog.findIndex((c) => c.id === 'no-httponly-false'),
        level: 'warning',
        message: { text: HTTPONLY },
        locations: [loc(10, 36, 10, 51, '  cookie: { secure: true, /* 🍪 */ httpOnly: false },')],
        partialFingerprints: { primaryLocationLineHash: 'd30d0fe284c44622:1', 'sessionAuditIdentity/v1': '4e03dd7bfb8ceb6d' },
        fixes: [{ description: { text: 'Set `httpOnly: true` (or remove the option: the default is true).' }, artifactChanges: change(10, 46, 51, 'true') }],
      },
    ]);
  });

  it('reports unparseable files as tool execution notifications, and stays valid', async () => {
    const r = await cli(['-f', 'sarif'], { cwd: path.join(PROJECTS, 'broken') });
    const log = JSON.parse(r.stdout);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'Parsing error: Merge conflict marker encountered.' },
        descriptor: { id: 'parse-error' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'src/broken.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 6, startColumn: 1 } } }],
      },
    ]);
    expect(log.runs[0].results.map((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [x.ruleId, x.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([
      ['no-hardcoded-secret', 'src/ok.js'],
    ]);
  });

  it('counts repeated lines in primaryLocationLineHash and encodes paths as URIs', async () => {
    const line = "session({ secret: 'same' });\n";
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'my app/a#1.js': `const session = require('express-session');\n${line}${line}\tsession({  secret:   'same' });  \n` });
    const log = JSON.parse((await cli(['-f', 'sarif'], { cwd: dir })).stdout);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    const results = log.runs[0].results;
    expect(results.map((x: { partialFingerprints: { primaryLocationLineHash: string } }) => x.partialFingerprints.primaryLocationLineHash.split(':')[1])).toEqual(['1', '2', '3']);
    // Lines that differ only in whitespace are the same line: one hash, counted together.
    expect(new Set(results.map((x: { partialFingerprints: { primaryLocationLineHash: string } }) => x.partialFingerprints.primaryLocationLineHash.split(':')[0])).size).toBe(1);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20app/a%231.js');
  });
});

describe('--output-file', () => {
  it('writes the report to a file and nothing to stdout', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'src/app.js': "require('express-session')({ secret: 'x' });\n" });
    const r = await cli(['-f', 'json', '-o', 'reports/out.json'], { cwd: dir });
    expect(r).toEqual({ code: 1, stdout: '', stderr: '' });
    const written = JSON.parse(readFileSync(path.join(dir, 'reports/out.json'), 'utf8'));
    expect(written.findings.map((f: { rule: string; file: string; line: number }) => [f.rule, f.file, f.line])).toEqual([['no-hardcoded-secret', 'src/app.js', 1]]);
  });
});
