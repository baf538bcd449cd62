/**
 * The tool's own security: the CLI never executes scanned code or configuration and never
 * reaches the network. The CLI runs in a child process with a preload that records every
 * attempt to open a socket, resolve a name, fetch, or start a process, and every module
 * loaded from the scanned folder. The scanned project is built to tempt it: code that would
 * leave a marker when run, JavaScript configs beside the JSON one (`session-audit.config.js`,
 * `eslint.config.js`, a package.json `postinstall`), a remote `$schema`, an `extends` URL in
 * tsconfig, and imports of URLs. The preload is checked to record what it should.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';
import { tempProject } from './helpers.js';

const BIN = path.join(ROOT, 'bin/session-audit.js');

/** A CommonJS preload: wraps the ways out of the process and records each use in `log`. */
function preload(log: string, scanned: string): string {
  return `
const fs = require('node:fs');
const note = (what) => fs.appendFileSync(${JSON.stringify(log)}, what + '\\n');
const wrap = (mod, names, label) => {
  for (const n of names) {
    const orig = mod[n];
    if (typeof orig !== 'function') continue;
    mod[n] = function (...args) { note(label + '.' + n); return orig.apply(this, args); };
  }
};
const net = require('node:net');
wrap(net, ['connect', 'createConnection'], 'net');
wrap(net.Socket.prototype, ['connect'], 'net.Socket');
wrap(require('node:tls'), ['connect'], 'tls');
wrap(require('node:dns'), ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny'], 'dns');
wrap(require('node:dns').promises, ['lookup', 'resolve'], 'dns.promises');
wrap(require('node:http'), ['request', 'get'], 'http');
wrap(require('node:https'), ['request', 'get'], 'https');
wrap(require('node:child_process'), ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');
wrap(require('node:worker_threads'), ['Worker'], 'worker_threads');
if (typeof globalThis.fetch === 'function') { const f = globalThis.fetch; globalThis.fetch = (...a) => { note('fetch'); return f(...a); }; }
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  const r = load.call(this, request, parent, ...rest);
  try {
    const file = Module._resolveFilename(request, parent);
    if (file.startsWith(${JSON.stringify(scanned + path.sep)})) note('require ' + file);
  } catch {}
  return r;
};
try {
  require('node:module').register?.('data:text/javascript,' + encodeURIComponent(
    'export async function load(url, ctx, next) { if (url.startsWith(' + JSON.stringify('file://' + ${JSON.stringify(scanned)}) + ')) { (await import("node:fs")).appendFileSync(' + JSON.stringify(${JSON.stringify(log)}) + ', "import " + url + "\\\\n"); } return next(url, ctx); }'
  ));
} catch {}
`;
}

function runWithPreload(args: string[], cwd: string, log: string, pre: string) {
  const r = spawnSync(process.execPath, ['--require', pre, BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NO_COLOR: '1', CI: 'true' },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, log: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

const MARKER = 'executed.marker';
const RUN_ME = `require('node:fs').writeFileSync(require('node:path').join(__dirname, '${MARKER}'), 'ran');\n`;

function tempting(): string {
  return tempProject({
    'package.json': JSON.stringify({ name: 'tmp', private: true, scripts: { postinstall: `node -e "${RUN_ME.replace(/"/g, '\\"').trim()}"`, prepare: 'node run.js' } }),
    'session-audit.config.json': JSON.stringify({ $schema: 'https://example.com/schema.json', preset: 'recommended' }),
    'session-audit.config.js': RUN_ME,
    'eslint.config.js': RUN_ME,
    'tsconfig.json': JSON.stringify({ extends: 'https://example.com/tsconfig.json', compilerOptions: { allowJs: true } }),
    'run.js': RUN_ME,
    'app.js': [
      RUN_ME,
      "const session = require('express-session');",
      "const remote = require('https://example.com/config.js');",
      "import('http://example.com/other.mjs');",
      "const local = require('./run.js');",
      "app.use(session({ secret: 'keyboard cat', cookie: { secure: true } }));",
      '',
    ].join('\n'),
    'esm.mjs': `import session from 'express-session';\nimport './run.js';\nimport x from 'https://example.com/x.mjs';\nawait fetch('https://example.com');\napp.use(session({ secret: x }));\n`,
  });
}

describe("the tool's own security", () => {
  it('the preload records sockets, name lookups, fetch, processes and loading scanned code (positive control)', () => {
    const dir = tempting();
    const log = path.join(dir, '..', `${path.basename(dir)}.log`);
    const pre = path.join(dir, '..', `${path.basename(dir)}.preload.cjs`);
    writeFileSync(pre, preload(log, dir));
    const probe = path.join(dir, '..', `${path.basename(dir)}.probe.cjs`);
    writeFileSync(
      probe,
      `require(${JSON.stringify(path.join(dir, 'run.js'))});\nrequire('node:dns').lookup('localhost', () => {});\nrequire('node:child_process').spawnSync(process.execPath, ['-e', '0']);\nconst s = require('node:net').connect(9, '127.0.0.1'); s.on('error', () => {});\nfetch('http://127.0.0.1:9').catch(() => {});\n`,
    );
    const r = spawnSync(process.execPath, ['--require', pre, probe], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(0);
    const seen = readFileSync(log, 'utf8');
    expect(seen).toContain(`require ${path.join(dir, 'run.js')}`);
    expect(seen).toContain('dns.lookup');
    expect(seen).toContain('child_process.spawnSync');
    expect(seen).toContain('net.connect');
    expect(seen).toContain('fetch');
    expect(existsSync(path.join(dir, MARKER))).toBe(true);
  });

  it.each([
    ['a scan', ['-f', 'json']],
    ['--fix', ['--fix', '-f', 'json']],
    ['--format html', ['-f', 'html']],
    ['--format sarif with a baseline written', ['-f', 'sarif', '--baseline', 'b.json', '--update-baseline']],
  ])('%s never executes scanned code or config, never starts a process, never touches the network', (_name, args) => {
    const dir = tempting();
    const log = path.join(dir, '..', `${path.basename(dir)}.log`);
    const pre = path.join(dir, '..', `${path.basename(dir)}.preload.cjs`);
    writeFileSync(pre, preload(log, dir));
    const r = runWithPreload(args, dir, log, pre);
    expect(r.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(r.code);
    expect(r.log).toBe('');
    expect(existsSync(path.join(dir, MARKER))).toBe(false);
    // It did the work: the hardcoded secret was seen (in the report or the baseline), or fixed.
    if (args.includes('--fix')) {
      expect(JSON.parse(r.stdout).stats.fixed).toBeGreaterThan(0);
      expect(readFileSync(path.join(dir, 'app.js'), 'utf8')).toContain('process.env.SESSION_SECRET');
    } else {
      const report = args.includes('--update-baseline') ? readFileSync(path.join(dir, 'b.json'), 'utf8') : r.stdout;
      expect(report).toContain('no-hardcoded-secret');
    }
  });
});
