// The CLI loads imported modules on demand (docs/performance.md): only the files whose values
// the analysis reads are parsed (and bound), when the analysis asks for them, as deep as a value goes. A value four
// modules away through a package index (`export *`) is found; the index's other modules are
// never parsed (one of them could not be: it would warn); the hard negative beside it.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nested } from '../hostile/helpers.js';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const RULES = onlyRules({ 'no-hardcoded-secret': 'error' });

function project(vault: string) {
  return tempProject({
    ...RULES,
    'app.js': [
      "import express from 'express';",
      "import session from 'express-session';",
      "import { sessionSecret } from './lib/index.js';",
      'const app = express();',
      'app.use(session({ secret: sessionSecret, resave: false, saveUninitialized: false }));',
      '',
    ].join('\n'),
    'lib/index.js': "export * from './ports.js';\nexport * from './secrets.js';\nexport * from './generated.js';\n",
    'lib/ports.js': 'export const port = 3000;\n',
    'lib/secrets.js': "import { SECRET } from '../config/vault.js';\nexport const sessionSecret = SECRET;\n",
    'config/vault.js': vault,
    // Too deeply nested to parse: loading it would be reported.
    'lib/generated.js': `export const table = ${nested('paren', 20_000)};\n`,
  });
}

describe('imports loaded on demand', () => {
  it('follows a value through a package index and two more modules, and parses nothing else', async () => {
    const r = await cli(['-f', 'json'], { cwd: project("export const SECRET = 'keyboard cat';\n") });
    expect(r.stderr).toBe('');
    const out = parseJson(r.stdout);
    expect(out.fileErrors).toEqual([]);
    expect(out.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual(['app.js:5:19 no-hardcoded-secret']);
    expect(out.findings[0]!.message).toContain('config/vault.js:1');
    expect(r.code).toBe(1);
  });

  it('hard negative: the same chain ending in an environment variable', async () => {
    const r = await cli(['-f', 'json'], { cwd: project('export const SECRET = process.env.SESSION_SECRET;\n') });
    expect(r.stderr).toBe('');
    expect(parseJson(r.stdout)).toMatchObject({ findings: [], fileErrors: [] });
    expect(r.code).toBe(0);
  });

  it('resolves a relative module required through createRequire(import.meta.url)', async () => {
    const dir = tempProject({
      ...RULES,
      'app.mjs': [
        "import { createRequire } from 'node:module';",
        "import express from 'express';",
        'const require = createRequire(import.meta.url);',
        "const session = require('express-session');",
        "const cfg = require('./config.cjs');",
        'express().use(session({ secret: cfg.secret }));',
        '',
      ].join('\n'),
      'config.cjs': "module.exports = { secret: 'keyboard cat' };\n",
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    const out = parseJson(r.stdout);
    expect(out.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`)).toEqual(['app.mjs:6:25 no-hardcoded-secret']);
    expect(out.findings[0]!.message).toContain('(from ./config.cjs:1)');
    // hard negative: the same module reading the environment
    writeFileSync(path.join(dir, 'config.cjs'), 'module.exports = { secret: process.env.SESSION_SECRET };\n');
    const quiet = await cli(['-f', 'json'], { cwd: dir });
    expect(parseJson(quiet.stdout)).toMatchObject({ findings: [], fileErrors: [] });
    expect(quiet.code).toBe(0);
  });
});
