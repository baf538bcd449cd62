// Values across modules (issue #12): an implementation beside its declaration file, modules
// loaded by a computed path (followed per world, within the project), in the CLI and in
// typed ESLint; the same code without types (one file alone) reports nothing it cannot see.
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/api.js';
import plugin from '../../src/eslint/index.js';
import { cli, onlyRules, parseJson, tempProject } from '../cli/helpers.js';

const typedValues = join(import.meta.dirname, '../../fixtures/eslint/typed-values');

async function typedSecretFindings(parserOptions: Record<string, unknown>) {
  const eslint = new ESLint({
    cwd: typedValues,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions } },
      { plugins: { 'session-audit': plugin }, files: ['**/*.ts'], rules: { 'session-audit/no-hardcoded-secret': 'error' } },
    ] as never,
  });
  const [result] = await eslint.lintFiles(['src/app.ts']);
  return result!.messages.map((m) => `${m.line}:${m.column} ${m.message}`);
}

const secretRule = onlyRules({ 'no-hardcoded-secret': 'error' });

async function cliSecrets(cwd: string, args: string[] = []): Promise<string[]> {
  const r = await cli(['-f', 'json', ...args], { cwd });
  expect(r.stderr).toBe('');
  return parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);
}

describe('typed ESLint: an implementation beside its .d.ts, computed module paths, start-up writes', () => {
  it('reads settings.js behind settings.d.ts, the production file a computed path names, and writes of an imported start-up module', async () => {
    expect(await typedSecretFindings({ projectService: true, tsconfigRootDir: typedValues })).toEqual([
      '15:28 The session secret is hardcoded (from ../config/settings.js:2). Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.',
      '26:28 The session secret is hardcoded (from ../config/keys/production.js:1). Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.',
      // bootstrap.ts replaces startup.session.secret (line 29: quiet) and startup.admin.secret only under a condition.
      '31:28 The session secret is hardcoded (from ./startup-config.ts:2). Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.',
    ]);
  });

  it('hard negative: without types each file stands alone, so nothing from another module is reported', async () => {
    expect(await typedSecretFindings({})).toEqual([]);
  });
});

describe('CLI: a declaration file never hides its implementation', () => {
  it('config.d.ts beside config.js: the value is the implementation\'s', async () => {
    const cwd = tempProject({
      ...secretRule,
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true, module: 'commonjs' } }),
      'src/config.js': "module.exports = { secret: 'from-the-js' };\n",
      'src/config.d.ts': 'declare const config: { secret: string };\nexport = config;\n',
      'src/app.ts': "import session = require('express-session');\nimport config = require('./config');\nexport const mw = session({ secret: config.secret });\n",
    });
    expect(await cliSecrets(cwd)).toEqual([
      'src/app.ts:3:29 The session secret is hardcoded (from ./config.js:1). Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.',
    ]);
  });

  it('hard negatives: an implementation that reads the environment; a declaration file with no implementation beside it', async () => {
    const cwd = tempProject({
      ...secretRule,
      'src/config.js': 'module.exports = { secret: process.env.SESSION_SECRET };\n',
      'src/config.d.ts': 'declare const config: { secret: string };\nexport = config;\n',
      'src/types-only.d.ts': 'export declare const secret: string;\n',
      'src/app.ts': "import session = require('express-session');\nimport config = require('./config');\nimport { secret } from './types-only';\nexport const a = session({ secret: config.secret });\nexport const b = session({ secret });\n",
    });
    expect(await cliSecrets(cwd)).toEqual([]);
  });
});

describe('CLI: modules loaded by a computed path', () => {
  // meanjs/mean's layout: config/env/<NODE_ENV>.js chosen at start-up.
  const layered = (production: string, development: string) =>
    tempProject({
      ...secretRule,
      'config/env/production.js': `module.exports = { sessionSecret: ${production} };\n`,
      'config/env/development.js': `module.exports = { sessionSecret: ${development} };\n`,
      'config/config.js': "const path = require('path');\nconst name = process.env.NODE_ENV;\nmodule.exports = require(path.resolve(__dirname, './env/' + name));\n",
      'server.js': "const session = require('express-session');\nconst config = require('./config/config');\napp.use(session({ secret: config.sessionSecret }));\n",
    });

  it('follows the production file for the production world', async () => {
    expect(await cliSecrets(layered("'prod-secret'", 'process.env.S'))).toEqual([
      'server.js:3:19 The session secret is hardcoded (from ./config/env/production.js:1). Anyone who can read the source can forge session cookies; load it from the environment or a secret manager.',
    ]);
  });

  it('hard negative: the production file reads the environment; only the development file has a literal', async () => {
    expect(await cliSecrets(layered('process.env.S', "'dev-secret'"))).toEqual([]);
  });

  it('process.cwd(), path.join, template literals and import() of them', async () => {
    const cwd = tempProject({
      ...secretRule,
      'config/session.js': "module.exports = { secret: 'joined' };\n",
      'config/templated.mjs': "export const secret = 'templated';\n",
      'app.mjs': [
        "import session from 'express-session';",
        "import path from 'node:path';",
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        "const a = require(path.join(process.cwd(), 'config', 'session'));",
        "const dir = 'config';",
        'const b = await import(`./${dir}/templated.mjs`);',
        'app.use(session({ secret: a.secret }));',
        'app.use(session({ secret: b.secret }));',
        '',
      ].join('\n'),
    });
    expect((await cliSecrets(cwd)).map((f) => f.split(' ').slice(0, 1).concat(f.match(/\(from [^)]*\)/)![0]).join(' '))).toEqual([
      'app.mjs:8:19 (from ./config/session.js:1)',
      'app.mjs:9:19 (from ./config/templated.mjs:1)',
    ]);
  });

  it('hard negatives: a path outside the project, an unknown name, too many candidates', async () => {
    const dir = tempProject({
      'outside/secrets.js': "module.exports = { secret: 'outside-the-project' };\n",
      'app/package.json': JSON.stringify({ name: 'app', private: true }),
      'app/session-audit.config.json': JSON.stringify({ preset: 'none', rules: { 'no-hardcoded-secret': 'error' } }),
      'app/config/a.js': "module.exports = { secret: 'a' };\n",
      'app/server.js': [
        "const session = require('express-session');",
        "const path = require('path');",
        "const outside = require(path.join(__dirname, '../outside/secrets'));",
        'const unknownName = require(`./config/${process.env.CONFIG_NAME}`);',
        "const many = require('./config/' + ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'][process.env.I]);",
        'app.use(session({ secret: outside.secret }));',
        'app.use(session({ secret: unknownName.secret }));',
        'app.use(session({ secret: many.secret }));',
        '',
      ].join('\n'),
    });
    expect(await cliSecrets(join(dir, 'app'))).toEqual([]);
  });
});

describe('path values in one file', () => {
  const secrets = (code: string) => analyzeText(code, '/srv/app/server.js', { rules: { 'no-hardcoded-secret': true } }).map((f) => code.slice(f.start, f.end));

  it('__dirname, __filename, import.meta and path.* are known strings', () => {
    const code = [
      "const session = require('express-session');",
      "const path = require('path');",
      "const { fileURLToPath } = require('url');",
      "const s = path.basename(__filename, '.js') + path.join(__dirname, '..', 'x') + fileURLToPath(`file://${__dirname}/y`);",
      'app.use(session({ secret: s }));',
      '',
    ].join('\n');
    expect(secrets(code)).toEqual(['secret: s']);
  });

  it('hard negative: a path built from an environment variable is not a literal', () => {
    expect(secrets("const session = require('express-session');\nconst path = require('path');\napp.use(session({ secret: path.join(__dirname, process.env.S) }));\n")).toEqual([]);
  });
});

describe('typed ESLint: computed paths stay inside the project', () => {
  it('hard negative: a file above the project top (the git work tree) is never read; one inside is', async () => {
    const dir = tempProject({
      'outside/secrets.js': "module.exports = { secret: 'outside-the-project' };\n",
      'app/.git/HEAD': 'ref: refs/heads/main\n',
      'app/package.json': JSON.stringify({ name: 'app', private: true }),
      'app/tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true, module: 'commonjs', noEmit: true, types: [] }, include: ['src'] }),
      'app/config/inside.js': "module.exports = { secret: 'inside-the-project' };\n",
      'app/src/app.ts': [
        "import session = require('express-session');",
        "import path = require('path');",
        'declare const app: { use(h: unknown): void };',
        "const outside = require(path.join(__dirname, '../../outside/secrets'));",
        "const inside = require(path.join(__dirname, '../config/inside'));",
        'app.use(session({ secret: outside.secret }));',
        'app.use(session({ secret: inside.secret }));',
        '',
      ].join('\n'),
    });
    const cwd = join(dir, 'app');
    const eslint = new ESLint({
      cwd,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: cwd } } },
        { plugins: { 'session-audit': plugin }, files: ['**/*.ts'], rules: { 'session-audit/no-hardcoded-secret': 'error' } },
      ] as never,
    });
    const [result] = await eslint.lintFiles(['src/app.ts']);
    expect(result!.messages.map((m) => `${m.line}:${m.column} ${m.message.split('. ')[0]}`)).toEqual(['7:19 The session secret is hardcoded (from ../config/inside.js:1)']);
  });
});

describe('CLI: names exported by a list or a destructuring (issue #15)', () => {
  const config = (exports: string) => `const base = { secret: 'keyboard cat', resave: false, saveUninitialized: false };
const { options } = { options: base };
const plain = base;
${exports}
`;
  const app = (name: string) => `import session from 'express-session';
import { ${name} } from './config';
export default session(${name});
`;

  it('`const x = ...; export { x }` and `export const { x } = ...` carry the local value', async () => {
    for (const [exports, name] of [
      ['export { plain };', 'plain'],
      ['export { plain as renamed };', 'renamed'],
      ['export const { secretOptions } = { secretOptions: base };', 'secretOptions'],
      ['export { options };', 'options'],
    ] as const) {
      const cwd = tempProject({ ...secretRule, 'config.ts': config(exports), 'app.ts': app(name) });
      expect(await cliSecrets(cwd), exports).toEqual([
        expect.stringMatching(/^app\.ts:3:\d+ The session secret is hardcoded \(from \.\/config\.ts:1\)/) as unknown as string,
      ]);
    }
  });

  it('hard negative: a name exported from a value the file does not show stays unknown', async () => {
    const cwd = tempProject({ ...secretRule, 'config.ts': "declare const load: () => { secret: string };\nconst { opts } = { opts: load() };\nexport { opts };\n", 'app.ts': app('opts') });
    expect(await cliSecrets(cwd)).toEqual([]);
  });
});
