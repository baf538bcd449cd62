// `--format html` in a real browser: the CLI writes the report of fixtures/report/app,
// headless Chromium (Debian's `chromium`, driven by playwright-core) opens the file with
// JavaScript disabled, and the test reads what a person sees: the summary, a scorecard per
// session configuration (settings with their values and origins, pass/fail per rule, the
// remedies as diffs), the other findings. It saves a screenshot under test-output/ and
// checks that the page made no request besides itself.
//
// Chromium is installed by .ci/run when missing. This file runs in the full suite
// (`npm run test:all`), where a missing browser is a failure, as in CI; run alone without
// Chromium, it is skipped with a message.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/cli/reporters/html.js';
import { run } from '../../src/cli/run.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'fixtures/report/app');
const OUT = path.join(ROOT, 'test-output');
const REPORT = path.join(OUT, 'session-audit-report.html');
const SCREENSHOT = path.join(OUT, 'session-audit-report.png');

function findChromium(): string | undefined {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

const executablePath = findChromium();
const inCI = Boolean(process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0');
// `npm run test:all` (vitest.config.ts's slow suite) and CI run the browser tests; nowhere else are they skipped silently.
const required = inCI || process.env.SESSION_AUDIT_FULL_SUITE === '1';
if (!executablePath) {
  console.warn('test/report/html.test.ts: skipped, no Chromium found (install Debian\'s `chromium`, as .ci/run does, or set CHROMIUM_PATH)');
}

it.runIf(required)('Chromium is installed (the full suite and CI need it; .ci/run installs it)', () => {
  expect(executablePath, "no chromium: install Debian's `chromium` (.ci/run does) or set CHROMIUM_PATH").toBeDefined();
});

/** Runs the CLI in-process; the report goes to a file, as in CI. */
async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: { write: (s: string) => (stdout += s), isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, cwd, env: {} });
  return { code, stdout, stderr };
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<script>alert("x")</script>&co'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;co&#39;');
  });
});

describe.skipIf(!executablePath)('--format html in headless Chromium (JavaScript disabled)', () => {
  let browser: Browser;
  let page: Page;
  let html: string;
  const requests: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const r = await cli(['--format', 'html', '--output-file', REPORT, '--no-progress'], APP);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // it has findings
    html = readFileSync(REPORT, 'utf8');

    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 900 } });
    page = await context.newPage();
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(REPORT).href, { waitUntil: 'load' });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('is one self-contained file: no script, no external stylesheet, image or font', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
  });

  it('made no request besides the page itself, and has no script element', async () => {
    expect(requests).toEqual([pathToFileURL(REPORT).href]);
    expect(await page.locator('script').count()).toBe(0);
    expect(existsSync(SCREENSHOT)).toBe(true);
  });

  it('shows the project summary', async () => {
    expect(await page.title()).toBe('session-audit report');
    expect(await page.locator('h1').innerText()).toBe('session-audit report');
    expect(await page.locator('.verdict').innerText()).toBe('4 problems (4 errors, 0 warnings).');
    const tiles = await page.locator('.tile').allInnerTexts();
    expect(tiles.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      '3 session configurations',
      '2 with failed checks',
      '4 errors',
      '0 warnings',
      '0 files not checked',
    ]);
    const rows = await page.locator('table.sites tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['express-session', 'src/dev-server.js:8:13', '0', '1', '0'],
      ['cookie-session', 'src/prefs.js:5:18', '4', '0', '0'],
      ['express-session', 'src/session.js:11:10', '5', '2', '0'],
    ]);
    expect(await page.locator('table.rules tbody tr td:first-child').allInnerTexts()).toEqual(['no-hardcoded-secret', 'no-httponly-false', 'handle-session-errors']);
  });

  it('has a scorecard per configuration: library, place, badge', async () => {
    const headings = await page.locator('section.site > h2').allInnerTexts();
    expect(headings.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'express-session src/dev-server.js:8:13 1 failed',
      'cookie-session src/prefs.js:5:18 all checks pass',
      'express-session src/session.js:11:10 2 failed',
    ]);
  });

  // Not judged as production runs it, but its literal secret is what a server started without NODE_ENV uses (issue #12).
  it('does not judge a configuration that never runs in production, but its secret, and shows its values outside production', async () => {
    const dev = page.locator('section.site', { hasText: 'src/dev-server.js:8:13' });
    // The world it is judged in is named: a server started without NODE_ENV runs it (issue #15 follow-up).
    expect(await dev.locator('.meta').first().innerText()).toMatch(/^Runs in production: no · outside production: yes · with NODE_ENV unset: yes ·/);
    expect(await dev.locator('table.settings thead').innerText()).toContain('Value outside production, also with NODE_ENV unset unless shown (this configuration does not run in production)');
    expect((await dev.locator('li.check.fail').innerText()).replace(/\s+/g, ' ')).toMatch(/^✖ fail with NODE_ENV unset no-hardcoded-secret /);
    expect((await dev.locator('table.settings tbody tr').first().innerText()).replace(/\s+/g, ' ').trim()).toBe('secret "lo•••••••" (9 characters) src/dev-server.js:8');
    const statuses = await dev.locator('li.check .status').allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['✖ fail', 'error', '– not judged']));
    expect(statuses.filter((s) => s === '✖ fail')).toHaveLength(1);
  });

  it('shows each setting with its value in production and where it comes from (file:line, env var, production only)', async () => {
    const site = page.locator('section.site', { hasText: 'src/session.js:11:10' });
    const row = async (option: string) => (await site.locator('table.settings tr', { has: page.locator(`th code:text-is("${option}")`) }).innerText()).replace(/\s+/g, ' ').trim();

    // An env read with a literal fallback in another module; the literal is masked.
    expect(await row('secret')).toBe(
      'secret process.env.SESSION_SECRET env SESSION_SECRET src/config.js:4 "key•••••••••" (12 characters) fallback when SESSION_SECRET is not set src/config.js:4',
    );
    expect(await site.locator('table.settings').innerText()).not.toContain('keyboard cat');
    // A value that holds only in production.
    // Outside production and on a server started without NODE_ENV alike (`NODE_ENV === 'production' ? true : false`).
    expect(await row('cookie.secure')).toBe('cookie.secure production only true src/session.js:7 Outside production and with NODE_ENV unset: false src/session.js:7');
    expect(await row('cookie.httpOnly')).toBe('cookie.httpOnly false src/session.js:17');
    expect(await row('store')).toBe('store new RedisStore(…) src/session.js:12');
    // Not set: the library's default, and where the options lack it.
    expect(await row('cookie.expires')).toBe('cookie.expires not set not set in the options at src/session.js:17');
    const prefs = page.locator('section.site', { hasText: 'cookie-session' });
    expect((await prefs.locator('table.settings tr', { has: page.locator('th code:text-is("secure")') }).innerText()).replace(/\s+/g, ' ').trim()).toBe(
      'secure "auto" library default not set in the options at src/prefs.js:5',
    );
    // Scanned text is text: the hostile cookie name shows literally and made no element.
    expect(await row('name')).toBe('name "<script>alert(\\"x\\")</script>&co" src/config.js:6');
  });

  it('says pass or fail per rule, with the finding and its remedy as a diff', async () => {
    const site = page.locator('section.site', { hasText: 'src/session.js:11:10' });
    const statuses = await site.locator('li.check').evaluateAll((lis) => lis.map((li) => `${li.className.replace('check ', '')} ${li.querySelector('.rule')?.textContent}`));
    expect(statuses).toEqual([
      'fail no-hardcoded-secret',
      'pass no-memory-store',
      'pass no-hardcoded-store-credentials',
      'pass require-secure-cookie',
      'fail no-httponly-false',
      'pass require-same-site',
      'pass explicit-save-options',
    ]);
    const secret = site.locator('li.check', { has: page.locator('.rule:text-is("no-hardcoded-secret")') });
    expect(await secret.locator('.status').first().innerText()).toBe('✖ fail');
    expect(await secret.locator('.message').innerText()).toContain('src/session.js:13:5 error The session secret falls back to a hardcoded value when SESSION_SECRET is not set (from ./config.js:4)');
    // The remedy edits the module the value comes from; the diff is visible (an open <details>).
    const diff = secret.locator('pre.diff');
    expect(await diff.isVisible()).toBe(true);
    expect(await diff.locator('.file').allInnerTexts()).toEqual(['--- a/src/config.js', '+++ b/src/config.js']);
    expect(await diff.locator('.del').allInnerTexts()).toEqual(["-  secret: process.env.SESSION_SECRET || 'key•••••••••',"] /* masked: secrets.ts */);
    expect(await diff.locator('.add').allInnerTexts()).toEqual(['+  secret: process.env.SESSION_SECRET,']);
    expect(await secret.locator('summary').innerText()).toBe('Suggested fix (applied by --fix): Remove the fallback and use process.env.SESSION_SECRET alone.');

    const httpOnly = site.locator('li.check', { has: page.locator('.rule:text-is("no-httponly-false")') });
    expect(await httpOnly.locator('pre.diff .add').allInnerTexts()).toEqual(["+    cookie: { secure: isProduction, httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 1000 },"]);

    const prefs = page.locator('section.site', { hasText: 'cookie-session' });
    expect(await prefs.locator('li.check.fail').count()).toBe(0);
    expect(await prefs.locator('li.check.pass').count()).toBe(4);
  });

  it('lists findings outside any configuration, by file', async () => {
    const other = page.locator('section#other');
    expect(await other.locator('h3').allInnerTexts()).toEqual(['src/routes.js']);
    expect(await other.locator('.message').innerText()).toMatch(/^src\/routes\.js:8:3 handle-session-errors error req\.session\.destroy\(\) is called without a callback/);
    expect(await other.locator('pre.diff .add').count()).toBeGreaterThan(0);
  });

  it('reads well at a phone width too (no horizontal overflow of the page)', async () => {
    await page.setViewportSize({ width: 420, height: 900 });
    const overflow = await page.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(OUT, 'session-audit-report-narrow.png'), fullPage: true });
  });
});
