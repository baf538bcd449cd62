#!/usr/bin/env node
/**
 * What the ESLint plugin costs an editor on a JavaScript-only project (issue 13, item 4):
 * the time to `import` the plugin, and the time of the first lint of a file without
 * session code, each in a fresh process, with the real ESLint API (`Linter`, flat config,
 * `configs.recommended`), then of a session file (which loads TypeScript). Prints medians of N runs (interleaved with a bare-ESLint
 * baseline), and whether TypeScript was loaded.
 *
 *   node scripts/bench/eslint-startup.js [--runs 15]
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;

// One child: import ESLint's Linter (always), then (unless bare) the plugin, then lint one file.
const CHILD = `
const t0 = performance.now();
const { Linter } = await import(${JSON.stringify(path.join(ROOT, 'node_modules/eslint/lib/api.js'))});
const t1 = performance.now();
const plugin = process.env.BARE ? undefined : (await import(${JSON.stringify(path.join(ROOT, 'dist/src/eslint/index.js'))})).default;
const t2 = performance.now();
const linter = new Linter({ configType: 'flat' });
const code = "import express from 'express';\\nconst app = express();\\napp.get('/', (req, res) => res.send('hello'));\\nexport default app;\\n";
const config = plugin ? [{ files: ['**/*.js'], ...plugin.configs.recommended }] : [{ files: ['**/*.js'], rules: {} }];
const messages = linter.verify(code, config, 'src/app.js');
const t3 = performance.now();
const loaded0 = Object.keys((await import('node:module')).createRequire(import.meta.url).cache).some((k) => /[\\/]typescript[\\/]lib[\\/]typescript\.js$/.test(k));
const session = "import session from 'express-session';\\nexport default session({ secret: 'keyboard cat', resave: false, saveUninitialized: false });\\n";
const sessionMessages = plugin ? linter.verify(session, config, 'src/session.js') : [];
const t4 = performance.now();
const loaded = Object.keys((await import('node:module')).createRequire(import.meta.url).cache).some((k) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(k));
console.log(JSON.stringify({ eslint: t1 - t0, importPlugin: t2 - t1, firstLint: t3 - t2, messages: messages.length, typescriptLoaded: loaded0, sessionLint: t4 - t3, sessionMessages: sessionMessages.length, typescriptLoadedAfter: loaded }));
`;

function once(bare) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], { encoding: 'utf8', env: { ...process.env, BARE: bare ? '1' : '' }, cwd: ROOT });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = [];
const ours = [];
once(false); // warm the page cache
for (let i = 0; i < runs; i++) {
  bare.push(once(true));
  ours.push(once(false));
}
const f = (x) => x.toFixed(1);
console.log(`runs: ${runs} (interleaved); medians in ms`);
console.log(`import the plugin:               ${f(median(ours.map((r) => r.importPlugin)))}`);
console.log(`first lint, no session code:     ${f(median(ours.map((r) => r.firstLint)))} (bare ESLint: ${f(median(bare.map((r) => r.firstLint)))})`);
console.log(`import + first lint over bare:   ${f(median(ours.map((r) => r.importPlugin + r.firstLint)) - median(bare.map((r) => r.firstLint)))}`);
console.log(`TypeScript loaded by then:       ${ours.some((r) => r.typescriptLoaded) ? 'yes' : 'no'}`);
console.log(`then lint a session file:        ${f(median(ours.map((r) => r.sessionLint)))} (${ours[0].sessionMessages} messages; TypeScript loaded: ${ours.every((r) => r.typescriptLoadedAfter) ? 'yes' : 'no'})`);
