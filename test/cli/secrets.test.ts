// Secrets never leave the code: a project with a hardcoded session secret, a secret's literal
// fallback in another module, a dev-only secret and store passwords (a key and a URL), run
// through every output: each format, --fix-dry-run's report on stderr, and the baseline file.
// None holds a secret; the places that show code or values show it masked, the same way.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/cli/args.js';
import { hashLine } from '../../src/cli/results.js';
import { SecretMask, describeSecret, maskSecret, maskText } from '../../src/cli/secrets.js';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const SECRETS = {
  inline: 'inline-Kx9-secret',
  fallback: 'Zq7-leaky-fallback',
  dev: 'dev-only-Wm4-secret',
  storePassword: 'pg-Leak-pass-93',
  urlPassword: 'Pw-Leak-77',
  cookieParser: 'cp-Sign-Hx2-secret',
};

const FILES = {
  'package.json': '{}',
  'session-audit.config.json': JSON.stringify({ preset: 'all' }),
  'src/config.js': `module.exports = { secret: process.env.SESSION_SECRET || '${SECRETS.fallback}' };\n`,
  'src/app.js': [
    "const session = require('express-session');",
    "const cookieParser = require('cookie-parser');",
    "const PgSession = require('connect-pg-simple')(session);",
    "const MongoStore = require('connect-mongo');",
    "const config = require('./config');",
    '',
    `app.use(cookieParser('${SECRETS.cookieParser}'));`,
    'app.use(session({ secret: config.secret, resave: false, saveUninitialized: false,',
    `  store: new PgSession({ conObject: { host: 'db', password: '${SECRETS.storePassword}' } }) }));`,
    `admin.use(session({ secret: '${SECRETS.inline}', resave: false, saveUninitialized: false, store: MongoStore.create({ mongoUrl: 'mongodb://app:${SECRETS.urlPassword}@mongo/sessions' }) }));`,
    "if (process.env.NODE_ENV !== 'production') {",
    `  dev.use(session({ secret: '${SECRETS.dev}', resave: false, saveUninitialized: false }));`,
    '}',
    '',
  ].join('\n'),
};

function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
}

describe('secrets never leave the code', () => {
  it('maskSecret: the first characters (a quarter, at most 3) and the length', () => {
    expect(maskSecret('keyboard cat')).toBe('key•••••••••');
    expect(maskSecret('hunter2')).toBe('h••••••');
    expect(maskSecret('dev')).toBe('•••');
    expect(maskSecret('')).toBe('');
    expect(describeSecret('keyboard cat')).toBe('"key•••••••••" (12 characters)');
    expect(maskText("secret: 'abcdefgh', x: 'y'", [{ start: 9, end: 17 }])).toBe("secret: 'ab••••••', x: 'y'");
  });

  it.each(FORMATS)('--format %s', async (format) => {
    const dir = tempProject(FILES);
    const r = await cli(['-f', format], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    if (format === 'html') {
      // The scorecards' settings and the remedies' diffs show the secrets masked.
      expect(r.stdout).toContain(describeSecret(SECRETS.inline).replace(/"/g, '&quot;'));
      expect(r.stdout).toContain(`|| &#39;${maskSecret(SECRETS.fallback)}&#39;`);
    }
    if (format === 'sarif') expect(r.stdout).toContain(`secret: '${maskSecret(SECRETS.inline)}'`);
  });

  it("the remedies' replacement texts never hold a secret (they read it from the environment)", async () => {
    const dir = tempProject(FILES);
    const out = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout);
    const texts = out.findings.flatMap((f) => f.suggestions.flatMap((s) => s.edits.map((e) => e.text)));
    expect(texts.length).toBeGreaterThan(3);
    expect(leaks(texts.join('\n'))).toEqual([]);
    expect(out.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['no-hardcoded-secret', 'no-hardcoded-store-credentials']));
  });

  it("--fix-dry-run: the report on stderr is masked (the diff on stdout is a patch of the code, for git apply)", async () => {
    const dir = tempProject(FILES);
    const r = await cli(['--fix-dry-run'], { cwd: dir });
    expect(r.stdout).toContain(`-module.exports = { secret: process.env.SESSION_SECRET || '${SECRETS.fallback}' };`);
    expect(r.stderr).toContain('problem');
    expect(leaks(r.stderr)).toEqual([]);
  });

  it('the baseline file', async () => {
    const dir = tempProject(FILES);
    await cli(['--baseline', 'baseline.json', '--update-baseline'], { cwd: dir });
    const text = readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    expect(JSON.parse(text).findings.length).toBeGreaterThan(3);
    expect(leaks(text)).toEqual([]);
    expect(text).toContain(maskSecret(SECRETS.inline));
  });
});

describe('SecretMask.scrub with many secrets', () => {
  // Twenty long secrets in one file, one of which contains another, and a short one.
  const long = Array.from({ length: 20 }, (_, i) => `hardcoded-secret-${String(i).padStart(2, '0')}`);
  const outer = 'prefix-hardcoded-secret-07-suffix';
  const secrets = [...long, outer, 'tiny'];
  const text = secrets.map((s) => `'${s}'`).join(',');
  const spans = secrets.map((s) => ({ file: 'a.js', start: text.indexOf(`'${s}'`) + 1, end: text.indexOf(`'${s}'`) + 1 + s.length }));
  const mask = new SecretMask(spans, () => text);

  it('masks every long secret in prose, the longest first, and a short one only where quoted', () => {
    expect(mask.scrub(`set ${long[3]} and ${long[19]}, not hardcoded-secret-2x`)).toBe(`set ${maskSecret(long[3]!)} and ${maskSecret(long[19]!)}, not hardcoded-secret-2x`);
    expect(mask.scrub(`was ${outer}.`)).toBe(`was ${maskSecret(outer)}.`);
    expect(mask.scrub(`${long[7]} twice: ${long[7]}`)).toBe(`${maskSecret(long[7]!)} twice: ${maskSecret(long[7]!)}`);
    expect(mask.scrub("a tiny word, a 'tiny' literal")).toBe(`a tiny word, a '${maskSecret('tiny')}' literal`);
  });

  it('hard negative: text holding no secret, or only their common beginning, is returned as is', () => {
    for (const t of ['nothing here', 'hardcoded-secret-', 'hard', '', 'hardcoded-secret-2']) expect(mask.scrub(t)).toBe(t);
  });
});

// A fingerprint is a hash of the reported line: made from the line as is, anyone holding an
// uploaded SARIF file could confirm a guessed secret by hashing the line with the guess in it.
describe('fingerprints hold no hash a guessed secret reproduces', () => {
  const report = async (dir: string) => {
    const sarif = JSON.parse((await cli(['-f', 'sarif'], { cwd: dir })).stdout);
    const json = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout);
    const results = sarif.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: { primaryLocationLineHash: string } }[];
    return {
      text: JSON.stringify(sarif) + JSON.stringify(json),
      sarif: results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine, r.partialFingerprints.primaryLocationLineHash] as const),
      json: json.findings.map((f) => [f.rule, f.file, f.line, f.fingerprint] as const),
    };
  };
  const rawLine = (file: string, line: number) => FILES[file as keyof typeof FILES].split('\n')[line - 1]!;
  /** The line with each secret in it masked, as the reports show it. */
  const maskedLine = (text: string) => Object.values(SECRETS).reduce((t, s) => t.split(s).join(maskSecret(s)), text);

  it('SARIF primaryLocationLineHash and JSON fingerprint are hashes of the masked line, stable across runs', async () => {
    const dir = tempProject(FILES);
    const first = await report(dir);
    const secretLines = first.json.filter(([, file, line]) => leaks(rawLine(file, line)).length > 0);
    expect(secretLines.length).toBeGreaterThan(3);
    for (const [, file, line, fingerprint] of first.json) {
      const raw = rawLine(file, line);
      // The hash the line as is gives (what the reports held before): nowhere in either report.
      if (leaks(raw).length > 0) expect(first.text, `${file}:${line}`).not.toContain(hashLine(raw));
      // Hard negative: a line without a secret hashes as before (its code scanning alert continues).
      expect(fingerprint, `${file}:${line}`).toBe(hashLine(maskedLine(raw)));
    }
    for (const [, uri, line, lineHash] of first.sarif) expect(lineHash.split(':')[0], `${uri}:${line}`).toBe(hashLine(maskedLine(rawLine(uri, line))));
    // The same findings, the same fingerprints, run after run.
    expect(await report(dir)).toEqual(first);
  });

  it('a secret across lines (a template literal) is masked without moving line boundaries or counts', async () => {
    const secret = 'first-half-Qx7\nsecond-half-Rz9';
    const line = 'app.use(session({ secret: `first-half-Qx7';
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'app.js': `const session = require('express-session');\n${line}\nsecond-half-Rz9\`, resave: false, saveUninitialized: false }));\n`,
    });
    const { sarif, text } = await report(dir);
    expect(text).not.toContain(hashLine(line));
    expect(text).not.toContain('first-half');
    // The reported line, cut where the code's line ends, masked as the whole secret is masked.
    const masked = `app.use(session({ secret: \`${maskSecret(secret).slice(0, 'first-half-Qx7'.length)}`;
    expect(sarif).toEqual([['no-hardcoded-secret', 'app.js', 2, `${hashLine(masked)}:1`]]);
  });
});
