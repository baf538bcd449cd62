#!/usr/bin/env node
// The screenshot of the default terminal output in docs/cli.md: the CLI run in tmux (a real
// terminal, 100 columns) on the bundled vulnerable app, the pane captured with its colours
// (capture-pane -e), turned into HTML (ansi-to-html) and photographed by headless Chromium
// (playwright-core with Debian's chromium, as the HTML report's test does).
//
//   node scripts/terminal-screenshot.js [out.png]   (default docs/images/terminal-output.png)
//
// Needs tmux and chromium (CHROMIUM_PATH to name another); run `npm run build` first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Convert from 'ansi-to-html';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs/images/terminal-output.png'));
const APP = path.join(ROOT, 'fixtures/apps/vulnerable-express');
const SESSION = `session-audit-shot-${process.pid}`;
const COLUMNS = 100;
const tmux = (...args) => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

tmux('new-session', '-d', '-s', SESSION, '-x', String(COLUMNS), '-y', '400', '-c', APP, 'bash --norc --noprofile');
let ansi;
try {
  tmux('send-keys', '-t', SESSION, "export PS1='$ ' TERM=xterm-256color; unset NO_COLOR CI; clear", 'Enter');
  await sleep(300);
  tmux('send-keys', '-t', SESSION, `node ${path.join(ROOT, 'bin/session-audit.js')}; echo __done__`, 'Enter');
  for (let i = 0; i < 120 && !tmux('capture-pane', '-t', SESSION, '-p').includes('\n__done__'); i++) await sleep(250);
  ansi = tmux('capture-pane', '-t', SESSION, '-p', '-e', '-S', '0', '-E', '399');
} finally {
  tmux('kill-session', '-t', SESSION);
}
const lines = ansi.split('\n');
const end = lines.findIndex((l) => l.replace(/\x1b\[[0-9;]*m/g, '').trim() === '__done__');
if (end < 0) throw new Error(`the run did not finish in the pane:\n${ansi}`);
// The command as a user types it (the pane ran the build of this checkout).
const shown = ['$ npx session-audit', ...lines.slice(1, end)].join('\n');
const convert = new Convert({ fg: '#d0d0d0', bg: '#1e1e1e', escapeXML: true, colors: { 1: '#ff6b6b', 2: '#8fd16a', 3: '#f0c36b' } });
const html = `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: #1e1e1e; }
pre { margin: 0; padding: 16px 20px; color: #d0d0d0; font: 13px/1.35 "DejaVu Sans Mono", "Liberation Mono", monospace; white-space: pre; width: ${COLUMNS}ch; }
</style><pre>${convert.toHtml(shown)}</pre>`;
const page = path.join(path.dirname(OUT), '.terminal-output.html');
mkdirSync(path.dirname(OUT), { recursive: true });
writeFileSync(page, html);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const tab = await browser.newPage({ viewport: { width: 900, height: 600 }, deviceScaleFactor: 1 });
  await tab.goto(`file://${page}`);
  await tab.locator('pre').screenshot({ path: OUT });
} finally {
  await browser.close();
  execFileSync('rm', ['-f', page]);
}
process.stdout.write(`${path.relative(process.cwd(), OUT)}\n`);
