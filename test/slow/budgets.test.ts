/**
 * Issue 16, item 12: one time budget per file for the whole run (the modules it reads count
 * against it), one for the run, and fix planning linear in the number of findings.
 * (Slow suite: files with thousands of session calls, timed runs.)
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, onlyRules, parseJson, tempProject } from '../cli/helpers.js';

const HEAD = "import express from 'express';\nimport session from 'express-session';\nconst app = express();\n";

/** A file with n session() calls whose secret is `secret`, imported from `from`. */
function manyCalls(n: number, from: string): string {
  let s = `${HEAD}import { secret } from '${from}';\n`;
  for (let i = 0; i < n; i++) s += `app.use(session({ secret: secret || process.env.S${i}, resave: false, saveUninitialized: false }));\n`;
  return s;
}

async function timed(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const t0 = performance.now();
  const r = await cli(['-f', 'json', ...args], { cwd: dir, env });
  return { ...r, ms: performance.now() - t0 };
}

describe('one budget per file for the whole run', () => {
  it('a file behind a 15-module re-export chain is analyzed once (its time is about that of the same file without the chain)', async () => {
    const rules = onlyRules({ 'no-hardcoded-secret': 'error' });
    const chain: Record<string, string> = {};
    for (let i = 1; i < 15; i++) chain[`lib/m${i}.js`] = `export * from './m${i + 1}.js';\n`;
    chain['lib/m15.js'] = "export const secret = 'keyboard cat';\n";
    const behind = tempProject({ ...rules, 'app.js': manyCalls(3000, './lib/m1.js'), ...chain });
    const direct = tempProject({ ...rules, 'app.js': manyCalls(3000, './lib/m15.js'), 'lib/m15.js': chain['lib/m15.js']! });
    await timed(direct); // warm-up
    const a = await timed(direct);
    const b = await timed(behind);
    // The same 3,000 findings either way, the value found fifteen modules away.
    expect(parseJson(b.stdout).findings).toHaveLength(3000);
    expect(parseJson(a.stdout).findings).toHaveLength(3000);
    expect(parseJson(b.stdout).findings[0]!.message).toContain('lib/m15.js:1');
    // Before, each of the 15 rounds analyzed the file again with a fresh budget (about 15x).
    expect(b.ms).toBeLessThan(a.ms * 3 + 1000);
  }, 180_000);

  it('the run has a budget: files left when it runs out are reported, and the report is still written', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'a.js': `${HEAD}app.use(session({ secret: 'one' }));\n`,
      'b.js': `${HEAD}app.use(session({ secret: 'two' }));\n`,
    });
    const r = await timed(dir, [], { SESSION_AUDIT_RUN_TIMEOUT_MS: '1' });
    const out = parseJson(r.stdout);
    expect(out.findings).toEqual([]);
    expect(out.fileErrors.map((e) => `${e.file} ${e.kind}: ${e.message}`)).toEqual([
      'a.js analysis: not analyzed: the run reached its time limit of 1 ms (SESSION_AUDIT_RUN_TIMEOUT_MS raises the limit)',
      'b.js analysis: not analyzed: the run reached its time limit of 1 ms (SESSION_AUDIT_RUN_TIMEOUT_MS raises the limit)',
    ]);
    expect(r.code).toBe(1);
    // hard negative: with the default run budget both files are checked
    const ok = parseJson((await timed(dir)).stdout);
    expect(ok.fileErrors).toEqual([]);
    expect(ok.findings).toHaveLength(2);
  }, 60_000);

  it('a bad SESSION_AUDIT_RUN_TIMEOUT_MS is a usage error (exit 2, one line)', async () => {
    const dir = tempProject({ ...onlyRules({ 'no-hardcoded-secret': 'error' }), 'a.js': `${HEAD}app.use(session({ secret: 'one' }));\n` });
    const r = await cli(['-f', 'json'], { cwd: dir, env: { SESSION_AUDIT_RUN_TIMEOUT_MS: 'soon' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("session-audit: SESSION_AUDIT_RUN_TIMEOUT_MS expects a whole number of milliseconds > 0, got 'soon'\n");
  });
});

describe('fix planning is linear', () => {
  it('--fix on 4,000 session() calls in one file takes about as long as the scan, and a second --fix has nothing left', async () => {
    let text = "const session = require('express-session');\nconst express = require('express');\nconst app = express();\n";
    for (let i = 0; i < 4000; i++) text += `app.use(session({ secret: 'k${String(i).padStart(4, '0')}', resave: false }));\n`;
    const dir = tempProject({ 'package.json': JSON.stringify({ name: 'tmp', private: true }), 'app.js': text });
    await timed(dir); // warm-up
    const scan = await timed(dir);
    const fix = await timed(dir, ['--fix']);
    expect(parseJson(scan.stdout).findings).toHaveLength(20_000);
    expect(parseJson(fix.stdout).stats).toMatchObject({ fixed: 16_000, fileErrors: 0 });
    // Before: 85 s against 2.5 s for the scan (quadratic planning).
    expect(fix.ms).toBeLessThan(scan.ms * 4 + 2000);
    const fixed = readFileSync(path.join(dir, 'app.js'), 'utf8');
    // Each session reads a variable of its own (issue #11: SESSION_SECRET, SESSION_SECRET_2, ...), secure in production (the first suggestion).
    const line = /^app\.use\(session\(\{ secret: process\.env\.SESSION_SECRET(_\d+)?, resave: false, saveUninitialized: false, cookie: \{ sameSite: 'lax', secure: process\.env\.NODE_ENV === 'production' \} \}\)\);$/;
    expect(fixed.split('\n').filter((l) => line.test(l))).toHaveLength(4000);
    expect(new Set(fixed.match(/SESSION_SECRET(_\d+)?/g)).size).toBe(4000);
    const again = await timed(dir, ['--fix']);
    expect(parseJson(again.stdout).stats).toMatchObject({ fixed: 0 });
    expect(readFileSync(path.join(dir, 'app.js'), 'utf8')).toBe(fixed);
  }, 300_000);
});
