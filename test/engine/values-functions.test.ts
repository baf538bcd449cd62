// Functions that hand a value through (issue #12): the app's own helpers are evaluated with
// their arguments (a summary per function says whether that is needed), library functions
// whose source we do not have (Object.freeze, structuredClone, lodash, deepmerge, deep-freeze)
// are data. In untyped ESLint (one file) and in the CLI (helpers in other modules).
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { cli, onlyRules, parseJson, tempProject } from '../cli/helpers.js';

/** The no-hardcoded-secret messages ESLint (no types: the file alone) reports, with the reported text. */
function eslintSecrets(code: string): string[] {
  const linter = new Linter({ configType: 'flat', cwd: '/srv/app' });
  const messages = linter.verify(
    code,
    [{ files: ['**/*.js'], plugins: { 'session-audit': plugin }, rules: { 'session-audit/no-hardcoded-secret': 'error' }, languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' } } as never],
    { filename: '/srv/app/server.js' },
  );
  const lines = code.split('\n');
  return messages.map((m) => `${lines[m.line - 1]!.slice(m.column - 1, (m.endLine === m.line ? m.endColumn : undefined)! - 1)} | ${m.message.split('.')[0]}`);
}

const head = "const session = require('express-session');\n";

describe('untyped ESLint: values through functions in one file', () => {
  it.each([
    ['Object.freeze', "const config = Object.freeze({ secret: 'abc' });"],
    ['structuredClone', "const config = structuredClone({ secret: 'abc' });"],
    ['an own deepFreeze that returns its argument', "function deepFreeze(o) { Object.freeze(o); Object.getOwnPropertyNames(o).forEach((p) => deepFreeze(o[p])); return o; }\nconst config = deepFreeze({ secret: 'abc' });"],
    ['lodash merge (deep)', "const _ = require('lodash');\nconst config = _.merge({}, { secret: 'abc', cookie: { a: 1 } }, { cookie: { b: 2 } });"],
    ['the deep-freeze package', "const freeze = require('deep-freeze');\nconst config = freeze({ secret: 'abc' });"],
    ['a helper that copies its argument', "const copy = (o) => ({ ...o });\nconst config = copy({ secret: 'abc' });"],
  ])('%s', (_name, def) => {
    expect(eslintSecrets(`${head}${def}\napp.use(session({ secret: config.secret }));\n`)).toEqual(['secret: config.secret | The session secret is hardcoded']);
  });

  it('a literal kept by a merge when the environment variable is not set is a fallback', () => {
    expect(eslintSecrets(`${head}const merge = require('lodash/merge');\nconst config = merge({ secret: 'dev' }, { secret: process.env.S });\napp.use(session({ secret: config.secret }));\n`)).toEqual([
      'secret: config.secret | The session secret falls back to a hardcoded value when S is not set',
    ]);
    expect(eslintSecrets(`${head}const _ = require('lodash');\nconst config = _.defaultsDeep({ secret: process.env.S }, { secret: 'dev' });\napp.use(session({ secret: config.secret }));\n`)).toEqual([
      'secret: config.secret | The session secret falls back to a hardcoded value when S is not set',
    ]);
    expect(eslintSecrets(`${head}function make(secret = 'dev') { return { secret }; }\napp.use(session(make(process.env.S)));\n`)).toEqual([
      'make(process.env.S) | The session secret falls back to a hardcoded value when S is not set',
    ]);
  });

  it('hard negatives: the argument reads the environment; a later source overrides; a local function named like a library one; a helper that ignores its argument', () => {
    for (const def of [
      'function deepFreeze(o) { Object.freeze(o); return o; }\nconst config = deepFreeze({ secret: process.env.S });',
      "const withDefaults = (opts) => ({ secret: 'base', ...opts });\nconst config = withDefaults({ secret: process.env.S });",
      "const merge = require('deepmerge');\nconst config = merge({ secret: 'dev' }, { secret: process.env.S ?? require('crypto').randomBytes(32).toString('hex') });",
      "const structuredClone = (x) => ({});\nconst config = structuredClone({ secret: 'abc' });",
      "const pick = (o) => ({ secret: process.env.S });\nconst config = pick({ secret: 'abc' });",
    ]) {
      expect(eslintSecrets(`${head}${def}\napp.use(session({ secret: config.secret }));\n`), def).toEqual([]);
    }
  });

  it('hard negative: recursion is bounded (no blow-up, parameters unknown beyond the bound)', () => {
    const code = `${head}function f(o, n) { return n ? f(o, n - 1) : o; }\napp.use(session(f({ secret: 'abc' }, 50)));\n`;
    expect(eslintSecrets(code)).toEqual([]);
  });
});

describe('CLI: helpers in other modules', () => {
  it('a config module exporting deepFreeze(config) from a helper module, and a session factory helper', async () => {
    const cwd = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'lib/freeze.js': 'module.exports = function deepFreeze(o) {\n  Object.values(o).forEach((v) => typeof v === "object" && deepFreeze(v));\n  return Object.freeze(o);\n};\n',
      'lib/options.js': "exports.sessionOptions = (overrides) => ({ resave: false, saveUninitialized: false, ...overrides });\n",
      'config/index.js': "const deepFreeze = require('../lib/freeze');\nmodule.exports = deepFreeze({ session: { secret: 'frozen-secret' }, safe: { secret: process.env.SESSION_SECRET } });\n",
      'server.js': [
        "const session = require('express-session');",
        "const config = require('./config');",
        "const { sessionOptions } = require('./lib/options');",
        'app.use(session({ secret: config.session.secret }));',
        'app.use(session(sessionOptions({ secret: config.safe.secret })));',
        "app.use(session(sessionOptions({ secret: 'inline' })));",
        '',
      ].join('\n'),
    });
    const r = await cli(['-f', 'json'], { cwd });
    expect(parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message.split('. ')[0]}`)).toEqual([
      'server.js:4:19 The session secret is hardcoded (from ./config/index.js:2)',
      'server.js:6:34 The session secret is hardcoded',
    ]);
  });
});
