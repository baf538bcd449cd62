/**
 * Remedies over whole apps in the CLI (issue #11): variable names unique per session
 * configuration across the app's files, the project's formatter settings (read as JSON and
 * INI, never executed) where the file does not tell its style, the app's production test
 * imported from a config module, and options built by functions: a second `--fix` changes
 * nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, onlyRules, parseJson, tempProject } from './helpers.js';

const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');

describe('remedies over a whole app', () => {
  it('a second session configuration in another file reads a variable of its own', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'src/a.js': "const session = require('express-session');\nmodule.exports = session({ secret: 'first' });\n",
      'src/b.js': "const session = require('express-session');\nmodule.exports = session({ secret: 'second' });\n",
    });
    const r = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(read(dir, 'src/a.js')).toContain('secret: process.env.SESSION_SECRET }');
    expect(read(dir, 'src/b.js')).toContain('secret: process.env.SESSION_SECRET_2 }');
  });

  it('a variable the app already reads is not given to another configuration; the app it is mounted on names it', async () => {
    const dir = tempProject({
      ...onlyRules({ 'no-hardcoded-secret': 'error' }),
      'src/config.js': "module.exports = { sessionSecret: process.env.SESSION_SECRET };\n",
      'src/app.js': "const session = require('express-session');\nconst config = require('./config');\napp.use(session({ secret: config.sessionSecret }));\nmodule.exports = session({ secret: 'other' });\n",
      'src/admin.js': "const express = require('express');\nconst admin = express();\nadmin.use(require('express-session')({ secret: 'super-secret-admin' }));\n",
    });
    await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(read(dir, 'src/admin.js')).toContain("admin.use(require('express-session')({ secret: process.env.ADMIN_SESSION_SECRET }));");
    expect(read(dir, 'src/app.js')).toContain('module.exports = session({ secret: process.env.SESSION_SECRET_2 });');
  });

  it("follows the project's .editorconfig where the file has no indentation to go by, and never runs a JavaScript config", async () => {
    const dir = tempProject({
      ...onlyRules({ 'handle-session-errors': 'error' }),
      '.editorconfig': 'root = true\n\n[*]\nindent_style = space\nindent_size = 4\n\n[*.md]\nindent_size = 8\n',
      'prettier.config.js': "require('fs').writeFileSync(require('path').join(__dirname, 'EXECUTED'), '');\nmodule.exports = { useTabs: true };\n",
      '.prettierrc.js': "require('fs').writeFileSync(require('path').join(__dirname, 'EXECUTED'), '');\nmodule.exports = { useTabs: true };\n",
      'src/app.js': "const express = require('express');\nconst app = express();\napp.post('/logout', (req, res) => { req.session.destroy(); });\n",
    });
    await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(read(dir, 'src/app.js')).toBe(
      "const express = require('express');\nconst app = express();\napp.post('/logout', (req, res, next) => { req.session.destroy((err) => {\n    if (err) return next(err);\n}); });\n",
    );
    expect(existsSync(path.join(dir, 'EXECUTED'))).toBe(false);
  });

  it("a JSON .prettierrc (tabs, no semicolons) where the file has neither evidence; the file's own style wins where it has some", async () => {
    const files = {
      ...onlyRules({ 'handle-session-errors': 'error' }),
      '.prettierrc': JSON.stringify({ useTabs: true, semi: false, singleQuote: false }),
    };
    const plain = tempProject({ ...files, 'src/app.js': 'app.post(`/logout`, (req, res) => req.session.destroy())\n' });
    await cli(['--fix', '-f', 'json'], { cwd: plain });
    expect(read(plain, 'src/app.js')).toBe('app.post(`/logout`, (req, res, next) => req.session.destroy((err) => {\n\tif (err) return next(err)\n}))\n');
    const styled = tempProject({ ...files, 'src/app.js': "app.post('/logout', (req, res) => {\n  req.session.destroy();\n});\n" });
    await cli(['--fix', '-f', 'json'], { cwd: styled });
    expect(read(styled, 'src/app.js')).toBe("app.post('/logout', (req, res, next) => {\n  req.session.destroy((err) => {\n    if (err) return next(err);\n  });\n});\n");
  });

  it("the app's production flag from its config module is the first suggestion's test", async () => {
    const dir = tempProject({
      ...onlyRules({ 'require-secure-cookie': 'error' }),
      'src/config.js': "module.exports = { isProduction: process.env.NODE_ENV === 'production' };\n",
      'src/app.js': "const session = require('express-session');\nconst { isProduction } = require('./config');\nmodule.exports = session({ secret: process.env.S, cookie: { httpOnly: true } });\n",
    });
    const r = await cli(['-f', 'json'], { cwd: dir });
    const [f] = parseJson(r.stdout).findings;
    expect(f!.suggestions.map((s) => s.message)).toEqual([
      'Set `secure: isProduction`: secure in production, while plain-HTTP development keeps working (behind a TLS-terminating proxy, also trust the proxy).',
      'Set `secure: true` everywhere (development then needs HTTPS too; behind a TLS-terminating proxy, also trust the proxy).',
    ]);
    await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(read(dir, 'src/app.js')).toContain('cookie: { httpOnly: true, secure: isProduction }');
  });

  it('options built by functions: everything is fixed in one run, and a second --fix changes nothing', async () => {
    const app = [
      "const express = require('express');",
      "const session = require('express-session');",
      'const app = express();',
      'function twice(flag) {',
      "  if (flag) return { secret: process.env.A, resave: false, saveUninitialized: false, name: 'a', cookie: { secure: true, sameSite: 'lax', maxAge: 1000 } };",
      "  return { secret: process.env.B, resave: false, saveUninitialized: false, name: 'b', cookie: { secure: true, sameSite: 'lax', maxAge: 1000 } };",
      '}',
      'app.use(session(twice(process.env.X)));',
      "function base() { return { secret: process.env.S, resave: false, saveUninitialized: false, name: 'x', cookie: { httpOnly: true, maxAge: 1000 } }; }",
      'app.use(session(base()));',
      'app.use(session({ ...base(), name: "y" }));',
      'app.listen(3000);',
      '',
    ].join('\n');
    const dir = tempProject({ 'package.json': JSON.stringify({ name: 'fx', private: true }), 'session-audit.config.json': JSON.stringify({ preset: 'all' }), 'src/app.js': app });
    const first = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(parseJson(first.stdout).stats.fixed).toBeGreaterThan(0);
    const after = read(dir, 'src/app.js');
    // both returns of twice() trust the proxy (every possibility that lacked it)
    const [, first1, first2] = after.split('\n').slice(3, 6);
    for (const line of [first1, first2]) expect(line).toContain("proxy: process.env.NODE_ENV === 'production' }");
    const second = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(parseJson(second.stdout).stats.fixed).toBe(0);
    expect(read(dir, 'src/app.js')).toBe(after);
  });

  it('a cookie set by hand without options: every rule adds to one new options argument, in one run; it parses and a second --fix changes nothing', async () => {
    const app = [
      "const express = require('express');",
      "const jwt = require('jsonwebtoken');",
      'const app = express();',
      "app.post('/login', (req, res) => {",
      '  const token = jwt.sign({ sub: req.body.user }, process.env.JWT_SECRET);',
      "  res.cookie('session', token);",
      "  res.redirect('/');",
      '});',
      'app.listen(3000);',
      '',
    ].join('\n');
    const dir = tempProject({ 'package.json': JSON.stringify({ name: 'hand', private: true }), 'session-audit.config.json': JSON.stringify({ preset: 'all' }), 'src/app.js': app });
    // In review, the findings at the call share one suggestion: one object with every attribute.
    const review = await cli(['-f', 'rdjson'], { cwd: dir });
    const diagnostics = (JSON.parse(review.stdout) as { diagnostics: { suggestions?: { text: string }[] }[] }).diagnostics;
    const suggested = diagnostics.flatMap((d) => d.suggestions ?? []).map((x) => x.text);
    expect(suggested).toEqual([", { httpOnly: true, maxAge: 24 * 60 * 60 * 1000, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' }"]);
    const first = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(parseJson(first.stdout).stats.fixed).toBe(4);
    const after = read(dir, 'src/app.js');
    expect(after).toBe(app.replace("res.cookie('session', token);", "res.cookie('session', token, { httpOnly: true, maxAge: 24 * 60 * 60 * 1000, sameSite: 'lax', secure: process.env.NODE_ENV === 'production' });"));
    const second = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(parseJson(second.stdout).stats.fixed).toBe(0);
    expect(parseJson(second.stdout).findings).toEqual([]);
    expect(read(dir, 'src/app.js')).toBe(after);
  });

  it('a cookie API that takes maxAge in seconds (Fastify) gets seconds; arguments one a line get the new one on its own line', async () => {
    const app = [
      "const fastify = require('fastify')();",
      "fastify.register(require('@fastify/cookie'));",
      "fastify.post('/login', async (req, reply) => {",
      '  reply.setCookie(',
      "    'auth',",
      '    req.body.token',
      '  );',
      "  return 'ok';",
      '});',
      '',
    ].join('\n');
    const dir = tempProject({ 'package.json': JSON.stringify({ name: 'fy', private: true }), 'session-audit.config.json': JSON.stringify({ preset: 'all' }), 'src/app.js': app });
    await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(read(dir, 'src/app.js')).toBe(app.replace('    req.body.token\n', "    req.body.token,\n    { httpOnly: true, maxAge: 24 * 60 * 60, secure: process.env.NODE_ENV === 'production' }\n"));
  });

  it('Fastify without trustProxy: the fix goes to the app file, where the app is made; an app on @fastify/session before 10.7.1 (which read X-Forwarded-Proto itself) is not reported', async () => {
    const files = (version: string) => ({
      ...onlyRules({ 'secure-cookie-needs-trust-proxy': 'error' }),
      'package.json': JSON.stringify({ name: 'fy', private: true, dependencies: { fastify: '5.2.0', '@fastify/session': version, '@fastify/cookie': '11.0.2' } }),
      // The app file holds no session code (the scan reads it for app facts only): the fix edits it all the same.
      'src/server.js': "const Fastify = require('fastify');\nconst app = Fastify({\n  logger: true,\n});\napp.register(require('./plugins'));\napp.listen({ port: 3000, host: '0.0.0.0' });\n",
      'src/plugins.js': "module.exports = async function sessions(app) {\n  app.register(require('@fastify/cookie'));\n  app.register(require('@fastify/session'), { secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax' } });\n};\n",
    });
    const dir = tempProject(files('11.1.2'));
    const first = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(parseJson(first.stdout).stats.fixed).toBe(1);
    expect(read(dir, 'src/server.js')).toBe("const Fastify = require('fastify');\nconst app = Fastify({\n  logger: true,\n  trustProxy: process.env.NODE_ENV === 'production',\n});\napp.register(require('./plugins'));\napp.listen({ port: 3000, host: '0.0.0.0' });\n");
    const second = await cli(['--fix', '-f', 'json'], { cwd: dir });
    expect(parseJson(second.stdout).findings).toEqual([]);
    const old = tempProject(files('10.4.0'));
    expect(parseJson((await cli(['-f', 'json'], { cwd: old })).stdout).findings).toEqual([]);
  });
});
