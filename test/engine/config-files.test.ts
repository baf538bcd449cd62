// Sessions configured by a framework config file rather than a call (LibraryInfo.configFile): Sails'
// config/session.js in an app that depends on sails, with the overrides Sails merges over it
// (config/env/production.js in production, config/local.js always: config-overrides.ts). The CLI, ESLint
// with types (a program that holds the app's files: the overrides are read) and ESLint without types (the
// file alone: the overrides are not read) on the same temporary apps, with the plugin's recommended config.
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { cli, parseJson, tempProject } from '../cli/helpers.js';

const SAILS_PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { sails: '^1.5.14' } });
const TSCONFIG = JSON.stringify({ compilerOptions: { allowJs: true, checkJs: false, noEmit: true, module: 'commonjs', target: 'es2022' }, include: ['**/*.js'] });

const generated = `/**
 * Session Configuration
 * (sails-generate: a secret made by \`sails new\`)
 */
module.exports.session = {
  secret: '5f5c8c1c2b36c3d3c0f1c3b2a3e7e0c1',
  cookie: { maxAge: 24 * 60 * 60 * 1000 },
};
`;

const fromEnv = `module.exports.session = {
  secret: process.env.SESSION_SECRET,
};
`;

/** config/env/production.js as \`sails new\` writes it, with the secret, a Redis adapter and a secure cookie set for production. */
const production = (cookie: string) => `module.exports = {
  session: {
    secret: process.env.SESSION_SECRET,
    adapter: '@sailshq/connect-redis',
    url: process.env.REDIS_URL,
    cookie: {
      ${cookie}
      maxAge: 24 * 60 * 60 * 1000,
    },
  },
};
`;

interface Found {
  cli: string[];
  eslint: string[];
  typed: string[];
}

async function findings(files: Record<string, string>): Promise<Found> {
  const dir = tempProject({ 'tsconfig.json': TSCONFIG, ...files });
  const r = await cli(['-f', 'json'], { cwd: dir });
  const fromCli = parseJson(r.stdout).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
  const lint = async (typed: boolean) => {
    const parser = typed ? [{ files: ['**/*.js'], languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: dir } } }] : [];
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [...parser, { ...plugin.configs.recommended, files: ['**/*.js'] }] as never });
    const results = await eslint.lintFiles(['**/*.js']);
    return results.flatMap((x) => x.messages.map((m) => `${x.filePath.slice(dir.length + 1)}:${m.line}:${m.column} ${m.ruleId?.replace('session-audit/', '')}`)).sort();
  };
  return { cli: fromCli.sort(), eslint: await lint(false), typed: await lint(true) };
}

describe('framework config files: Sails config/session.js', () => {
  it("reports the generated secret, the memory adapter and the cookie's express-session defaults of config/session.js alone, in every front end", async () => {
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/session.js': generated });
    // the secret at its property; the default adapter ('memory') and the cookie (not secure, no sameSite) at the assignment and the cookie
    expect(got.cli).toEqual(['config/session.js:5:1 no-memory-store', 'config/session.js:6:3 no-hardcoded-secret', 'config/session.js:7:3 require-same-site', 'config/session.js:7:3 require-secure-cookie']);
    expect(got.eslint).toEqual(got.cli);
    expect(got.typed).toEqual(got.cli);
  });

  it('reads config/env/production.js in production: its secret, adapter and secure cookie replace those of config/session.js', async () => {
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/session.js': generated, 'config/env/production.js': production('secure: true,') });
    // Production signs with the environment's secret; a server started without NODE_ENV uses the literal one.
    expect(got.cli).toEqual(['config/session.js:6:3 no-hardcoded-secret', 'config/session.js:7:3 require-same-site']);
    expect(got.typed).toEqual(got.cli);
    // Without types ESLint reads the file alone, as Sails would outside production.
    expect(got.eslint).toEqual(['config/session.js:5:1 no-memory-store', 'config/session.js:6:3 no-hardcoded-secret', 'config/session.js:7:3 require-same-site', 'config/session.js:7:3 require-secure-cookie']);
  });

  it("keeps what the override leaves out: sails new's commented-out `secure: true` leaves the cookie insecure in production", async () => {
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/session.js': fromEnv, 'config/env/production.js': production('// secure: true,') });
    expect(got.cli).toEqual(['config/session.js:1:1 require-same-site', 'config/session.js:1:1 require-secure-cookie']);
    expect(got.typed).toEqual(got.cli);
  });

  it('reads config/local.js in every world (it overrides the others)', async () => {
    const local = `module.exports = { session: { secret: 'local-dev-secret-in-the-repository' } };\n`;
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/session.js': fromEnv, 'config/env/production.js': production('secure: true,'), 'config/local.js': local });
    // reported at the configuration, the message naming where the value is written (from ./local.js:1)
    expect(got.cli).toEqual(['config/session.js:1:1 no-hardcoded-secret', 'config/session.js:1:1 require-same-site']);
    expect(got.typed).toEqual(got.cli);
  });

  it('does not report a secret read from the environment', async () => {
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/session.js': fromEnv, 'config/env/production.js': production('secure: true, sameSite: \'lax\',') });
    expect(got.cli).toEqual([]);
    expect(got.typed).toEqual([]);
  });

  it('does not treat the file as Sails configuration in an app that does not depend on sails', async () => {
    const got = await findings({ 'package.json': JSON.stringify({ name: 'app', private: true }), 'config/session.js': generated });
    expect(got).toEqual({ cli: [], eslint: [], typed: [] });
  });

  // pantsel/konga (Sails 0.12): `.sailsrc` turns the session hook off; the app logs in with passport and no session.
  const KONGA_PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { sails: '~0.12.14', passport: '^0.3.2' } });
  const login = `var passport = require('passport');
module.exports = {
  login: function (req, res) {
    var user = req.body;
    req.login(user, function (err) {
      if (err) return res.negotiate(err);
      return res.ok(user);
    });
  },
};
`;

  it("has no Sails session where .sailsrc turns the session hook off: no config/session.js site, and req.login is no session login", async () => {
    const files = { 'package.json': KONGA_PACKAGE, 'config/session.js': generated, 'api/controllers/AuthController.js': login };
    // (express-session installed as Sails' own dependency is not a session library of the app's)
    const installed = { 'node_modules/express-session/package.json': JSON.stringify({ name: 'express-session', version: '1.17.3' }) };
    const off = await findings({ ...files, ...installed, '.sailsrc': JSON.stringify({ generators: { modules: {} }, hooks: { session: false, grunt: false } }) });
    expect(off).toEqual({ cli: [], eslint: [], typed: [] });
    // hard negatives: the hook on (another hook off, or no .sailsrc): the session and the old passport's login are reported
    const on = await findings({ ...files, '.sailsrc': JSON.stringify({ hooks: { grunt: false } }) });
    expect(on.cli).toEqual(['api/controllers/AuthController.js:5:5 regenerate-on-login', 'config/session.js:5:1 no-memory-store', 'config/session.js:6:3 no-hardcoded-secret', 'config/session.js:7:3 require-same-site', 'config/session.js:7:3 require-secure-cookie']);
    expect(on.eslint).toEqual(on.cli);
    expect(on.typed).toEqual(on.cli);
    expect(await findings(files)).toEqual(on);
    // a session library of the app's own keeps its logins session logins
    const own = await findings({ ...files, 'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { sails: '~0.12.14', passport: '^0.3.2', 'express-session': '^1.17.0' } }), '.sailsrc': JSON.stringify({ hooks: { session: false } }) });
    expect(own.cli).toEqual(['api/controllers/AuthController.js:5:5 regenerate-on-login']);
  });

  it('reads only config/session.js, not the same export elsewhere', async () => {
    const got = await findings({ 'package.json': SAILS_PACKAGE, 'config/other.js': generated });
    expect(got).toEqual({ cli: [], eslint: [], typed: [] });
  });
});

const ADONIS4_PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { '@adonisjs/framework': '^5.0.9', '@adonisjs/session': '^1.0.27' } });

/** The AdonisJS 4 boilerplate's config/session.js (adonisjs/adonis-fullstack-app). */
const adonis4Session = (cookie: string) => `'use strict'

const Env = use('Env')

module.exports = {
  driver: Env.get('SESSION_DRIVER', 'cookie'),
  cookieName: 'app-session',
  clearWithBrowser: false,
  age: '2h',
  cookie: {
    ${cookie}
    path: '/'
  }
}
`;

const adonis4App = (appKey: string) => `'use strict'

const Env = use('Env')

module.exports = {
  name: Env.get('APP_NAME', 'AdonisJs'),
  appKey: ${appKey},
  cookie: { httpOnly: true, path: '/', maxAge: 7200 }
}
`;

describe('framework config files: AdonisJS 4 config/session.js and config/app.js', () => {
  it("reports the boilerplate's `sameSite: false` and `httpOnly: false`, and a literal appKey, in every front end", async () => {
    const got = await findings({ 'package.json': ADONIS4_PACKAGE, 'config/session.js': adonis4Session('httpOnly: false,\n    sameSite: false,'), 'config/app.js': adonis4App("'n96M1TPG821EdN4mMIjnGKxGytx9W2UJ'") });
    expect(got.cli).toEqual(['config/app.js:7:3 no-hardcoded-secret', 'config/session.js:11:5 no-httponly-false', 'config/session.js:12:5 require-same-site']);
    expect(got.eslint).toEqual(got.cli);
    expect(got.typed).toEqual(got.cli);
  });

  it('judges only what the file writes (the rest comes from config/app.js), and the key read from the environment', async () => {
    const got = await findings({ 'package.json': ADONIS4_PACKAGE, 'config/session.js': adonis4Session("httpOnly: true,\n    sameSite: 'lax',"), 'config/app.js': adonis4App("Env.getOrFail('APP_KEY')") });
    expect(got).toEqual({ cli: [], eslint: [], typed: [] });
  });

  it("a literal default of Env.get('APP_KEY', ...) is the key's fallback in every front end; the CLI's suggestion calls Env.getOrFail", async () => {
    const key = "Env.get('APP_KEY', 'n96M1TPG821EdN4mMIjnGKxGytx9W2UJ')";
    const files = { 'package.json': ADONIS4_PACKAGE, 'config/session.js': adonis4Session("httpOnly: true,\n    sameSite: 'lax',"), 'config/app.js': adonis4App(key) };
    const got = await findings(files);
    expect(got.cli).toEqual(['config/app.js:7:3 no-hardcoded-secret']);
    expect(got.eslint).toEqual(got.cli);
    expect(got.typed).toEqual(got.cli);
    const dir = tempProject({ 'tsconfig.json': TSCONFIG, ...files });
    const [f] = parseJson((await cli(['-f', 'json'], { cwd: dir })).stdout).findings;
    expect(f!.message.split('. ')[0]).toBe("The application key (APP_KEY) falls back to a hardcoded value (the default of AdonisJS's Env.get()) when APP_KEY is not set");
    expect(f!.suggestions.map((x) => x.message)).toEqual(["Remove the default (the default of AdonisJS's Env.get()) so that APP_KEY is required."]);
    // Hard negatives: no default; a default read from another variable.
    for (const quiet of ["Env.get('APP_KEY')", "Env.get('APP_KEY', Env.get('LEGACY_APP_KEY'))"]) {
      expect((await findings({ ...files, 'config/app.js': adonis4App(quiet) })).cli, quiet).toEqual([]);
    }
  });

  it('does not read these files in an app that is not AdonisJS 4', async () => {
    const got = await findings({ 'package.json': JSON.stringify({ name: 'app', private: true, dependencies: { '@adonisjs/core': '^6.0.0', '@adonisjs/session': '^7.0.0' } }), 'config/session.js': adonis4Session('sameSite: false,'), 'config/app.js': adonis4App("'n96M1TPG821EdN4mMIjnGKxGytx9W2UJ'") });
    expect(got).toEqual({ cli: [], eslint: [], typed: [] });
  });
});
