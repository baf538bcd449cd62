// App facts in the engine: rules that need the whole app (secure-cookie-needs-trust-proxy,
// require-csrf-protection) run over a real multi-file program, built with the installed
// `typescript` over a temporary folder, with `appFiles` grouping files by package.json as both
// front ends do. Each true positive has its hard negative beside it; findings are asserted with
// their position, message data and each suggestion's full output.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/analysis/index.js';
import type { TSModule } from '../../src/analysis/host.js';
import { checkModel, type Finding } from '../../src/api.js';
import { programAppFacts } from '../../src/app-root.js';
import plugin from '../../src/eslint/index.js';
import { code } from '../rules/_util.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

const PACKAGE = JSON.stringify({ name: 'app', private: true, type: 'module' });

/** A temporary folder with the given files (removed after the test). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'session-audit-facts-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

interface Shown {
  file: string;
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  data: Record<string, string>;
  suggestions: { messageId: string; output: string }[];
}

/**
 * A program over every script in the folder (as the CLI builds one), an Analyzer whose
 * `appFiles` groups the program's files by package root, and a function that runs one rule
 * over one file and shows its findings as ESLint would (1-based lines and columns).
 */
function app(files: Record<string, string>) {
  const dir = folder(files);
  const rootNames = Object.keys(files)
    .filter((f) => /\.[cm]?[jt]sx?$/.test(f))
    .map((f) => path.join(dir, f));
  const program = ts.createProgram({
    rootNames,
    options: { allowJs: true, checkJs: false, noEmit: true, noLib: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  });
  const checker = program.getTypeChecker();
  const facts = programAppFacts(ts, program);
  const analyzer = new Analyzer({ ts, checkerFor: () => checker, crossModule: true, appFacts: (sf) => facts.of(sf.fileName) });
  const sourceFile = (name: string) => {
    const sf = program.getSourceFile(path.join(dir, name));
    if (!sf) throw new Error(`${name} is not in the program`);
    return sf;
  };
  return {
    dir,
    model: (name: string) => analyzer.analyze(sourceFile(name)),
    check(name: string, rule: string): Shown[] {
      const sf = sourceFile(name);
      return checkModel(analyzer.analyze(sf), { rules: { [rule]: true } }).map((f) => show(f, sf, dir));
    },
  };
}

function show(f: Finding, sf: ts.SourceFile, dir: string): Shown {
  const start = sf.getLineAndCharacterOfPosition(f.start);
  const end = sf.getLineAndCharacterOfPosition(f.end);
  return {
    file: path.relative(dir, f.file).split(path.sep).join('/'),
    messageId: f.messageId,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    text: sf.text.slice(f.start, f.end),
    data: { ...f.data },
    suggestions: f.suggestions.map((s) => {
      let output = sf.text;
      for (const e of [...s.edits].sort((a, b) => b.start - a.start)) {
        expect(e.file).toBe(f.file);
        output = output.slice(0, e.start) + e.text + output.slice(e.end);
      }
      return { messageId: s.messageId, output };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// secure-cookie-needs-trust-proxy
// ---------------------------------------------------------------------------------------------

const TRUST = 'secure-cookie-needs-trust-proxy';

const serverJs = code`
  import express from 'express';
  import { sessionMiddleware } from './session.js';
  export const app = express();
  app.use(sessionMiddleware);
  app.listen(3000);
`;

const secureSessionJs = code`
  import session from 'express-session';
  export const sessionMiddleware = session({
    secret: process.env.SESSION_SECRET,
    cookie: { secure: true, sameSite: 'lax' },
  });
`;

describe(`${TRUST}: the whole app is seen`, () => {
  it('reports a secure cookie in an app that never sets trust proxy, with a fix that trusts the proxy in production, then one that sets proxy: true', () => {
    const a = app({ 'package.json': PACKAGE, 'src/server.js': serverJs, 'src/session.js': secureSessionJs });
    expect(a.check('src/session.js', TRUST)).toEqual([
      {
        file: 'src/session.js', messageId: 'noTrustProxy', line: 4, column: 13, endLine: 4, endColumn: 25,
        text: 'secure: true', data: { library: 'express-session' },
        suggestions: [
          { messageId: 'setProxyInProduction', output: code`
              import session from 'express-session';
              export const sessionMiddleware = session({
                secret: process.env.SESSION_SECRET,
                cookie: { secure: true, sameSite: 'lax' },
                proxy: process.env.NODE_ENV === 'production',
              });
            ` },
          { messageId: 'setProxy', output: code`
              import session from 'express-session';
              export const sessionMiddleware = session({
                secret: process.env.SESSION_SECRET,
                cookie: { secure: true, sameSite: 'lax' },
                proxy: true,
              });
            ` },
        ],
      },
    ]);
    // the other files of the app have no session site: nothing to report there
    expect(a.check('src/server.js', TRUST)).toEqual([]);
  });

  it('hard negative: trust proxy set in ANOTHER file of the app', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/server.js': code`
        import express from 'express';
        import { sessionMiddleware } from './session.js';
        export const app = express();
        app.set('trust proxy', 1);
        app.use(sessionMiddleware);
      `,
      'src/session.js': secureSessionJs,
    });
    expect(a.check('src/session.js', TRUST)).toEqual([]);
  });

  it("hard negative: app.enable('trust proxy'), or a value read from the environment", () => {
    for (const line of ["app.enable('trust proxy');", "app.set('trust proxy', process.env.TRUST_PROXY);", "app.set('trust proxy', 'loopback');"]) {
      const a = app({ 'package.json': PACKAGE, 'src/server.js': `${serverJs}${line}\n`, 'src/session.js': secureSessionJs });
      expect(a.check('src/session.js', TRUST), line).toEqual([]);
    }
  });

  it("trust proxy set to false (or 0) is not set", () => {
    for (const line of ["app.set('trust proxy', false);", "app.set('trust proxy', 0);"]) {
      const a = app({ 'package.json': PACKAGE, 'src/server.js': `${serverJs}${line}\n`, 'src/session.js': secureSessionJs });
      expect(a.check('src/session.js', TRUST).map((f) => f.messageId), line).toEqual(['noTrustProxy']);
    }
  });

  it('hard negative: the session sets proxy: true (X-Forwarded-Proto is read whatever trust proxy says)', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/server.js': serverJs,
      'src/session.js': code`
        import session from 'express-session';
        export const sessionMiddleware = session({
          secret: process.env.SESSION_SECRET,
          proxy: true,
          cookie: { secure: true },
        });
      `,
    });
    expect(a.check('src/session.js', TRUST)).toEqual([]);
  });

  it('proxy: false is certainly not true: reported, without a fix (the option is written)', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/server.js': serverJs,
      'src/session.js': code`
        import session from 'express-session';
        export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET, proxy: false, cookie: { secure: true } });
      `,
    });
    expect(a.check('src/session.js', TRUST)).toEqual([
      {
        file: 'src/session.js', messageId: 'noTrustProxy', line: 2, column: 104, endLine: 2, endColumn: 116,
        text: 'secure: true', data: { library: 'express-session' }, suggestions: [],
      },
    ]);
  });

  it('hard negative: the app serves HTTPS itself', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/server.js': code`
        import https from 'node:https';
        import { readFileSync } from 'node:fs';
        import express from 'express';
        import { sessionMiddleware } from './session.js';
        const app = express();
        app.use(sessionMiddleware);
        https.createServer({ key: readFileSync('key.pem'), cert: readFileSync('cert.pem') }, app).listen(443);
      `,
      'src/session.js': secureSessionJs,
    });
    expect(a.check('src/session.js', TRUST)).toEqual([]);
  });

  it("secure: 'auto' behind a proxy never sees HTTPS either; a production-only secure is secure in production (CJS)", () => {
    const a = app({
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'server.cjs': code`
        const express = require('express');
        const app = express();
        app.use(require('./session.cjs'));
        app.post('/login', (req, res) => res.end());
      `,
      'session.cjs': code`
        const session = require('express-session');
        module.exports = session({
          secret: process.env.SESSION_SECRET,
          cookie: { secure: 'auto' },
        });
      `,
      'prod.cjs': code`
        const expressSession = require('express-session');
        module.exports = expressSession({
          secret: process.env.SESSION_SECRET,
          cookie: { secure: process.env.NODE_ENV === 'production' },
        });
      `,
    });
    expect(a.check('session.cjs', TRUST).map((f) => [f.messageId, f.line, f.column, f.text])).toEqual([['noTrustProxy', 4, 13, "secure: 'auto'"]]);
    expect(a.check('prod.cjs', TRUST).map((f) => [f.messageId, f.line, f.column, f.text])).toEqual([['noTrustProxy', 4, 13, "secure: process.env.NODE_ENV === 'production'"]]);
  });

  it('hard negative: a cookie that is not secure (default false) is sent over HTTP anyway', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/server.js': serverJs,
      'src/session.js': code`
        import session from 'express-session';
        export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true } });
      `,
    });
    expect(a.check('src/session.js', TRUST)).toEqual([]);
  });

  it('TypeScript: secure set through a variable in another module of the app', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/server.ts': code`
        import express from 'express';
        import { sessionMiddleware } from './session.js';
        export const app = express();
        app.use(sessionMiddleware);
      `,
      'src/config.ts': code`
        export const cookieOptions = { secure: true, sameSite: 'strict' } as const;
      `,
      'src/session.ts': code`
        import session from 'express-session';
        import { cookieOptions } from './config.js';
        export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: cookieOptions });
      `,
    });
    // a value from another file is reported at the inline property that takes it; the fix still adds proxy: true here
    expect(a.check('src/session.ts', TRUST)).toEqual([
      {
        file: 'src/session.ts', messageId: 'noTrustProxy', line: 3, column: 81, endLine: 3, endColumn: 87,
        text: 'cookie', data: { library: 'express-session' },
        suggestions: [
          { messageId: 'setProxyInProduction', output: code`
              import session from 'express-session';
              import { cookieOptions } from './config.js';
              export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: cookieOptions, proxy: process.env.NODE_ENV === 'production' });
            ` },
          { messageId: 'setProxy', output: code`
              import session from 'express-session';
              import { cookieOptions } from './config.js';
              export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: cookieOptions, proxy: true });
            ` },
        ],
      },
    ]);
  });

  it('each package.json makes its own app: trust proxy in a sibling package does not count', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['packages/*'] }),
      'packages/web/package.json': PACKAGE,
      'packages/web/src/server.js': code`
        import express from 'express';
        const app = express();
        app.set('trust proxy', 1);
        app.use(session({ secret: process.env.S, cookie: { secure: true } }));
      `,
      'packages/api/package.json': PACKAGE,
      'packages/api/src/server.js': serverJs,
      'packages/api/src/session.js': secureSessionJs,
    };
    const a = app(files);
    expect(a.check('packages/api/src/session.js', TRUST).map((f) => [f.file, f.messageId])).toEqual([['packages/api/src/session.js', 'noTrustProxy']]);
    expect(a.model('packages/api/src/session.js').appFacts).toMatchObject({ complete: true, trustProxy: false });
    expect(a.model('packages/web/src/server.js').appFacts).toMatchObject({ complete: true, trustProxy: true });
    // hard negative: the same api package with trust proxy set in its own other file
    const b = app({ ...files, 'packages/api/src/proxy.js': "import { app } from './server.js';\napp.set('trust proxy', true);\n" });
    expect(b.check('packages/api/src/session.js', TRUST)).toEqual([]);
  });

  it('a file whose facts are incomplete (no appFacts: seen alone) stays silent', () => {
    const dir = folder({ 'package.json': PACKAGE, 'session.js': secureSessionJs });
    const file = path.join(dir, 'session.js');
    const program = ts.createProgram({ rootNames: [file], options: { allowJs: true, noLib: true, noEmit: true } });
    const checker = program.getTypeChecker();
    const analyzer = new Analyzer({ ts, checkerFor: () => checker, crossModule: true });
    const model = analyzer.analyze(program.getSourceFile(file)!);
    expect(model.appFacts.complete).toBe(false);
    expect(checkModel(model, { rules: { [TRUST]: true } })).toEqual([]);
  });
});

describe(`${TRUST}: frameworks whose own trust in the proxy decides (Fastify trustProxy, Koa app.proxy)`, () => {
  // @fastify/session >= 10.7.1 asks Fastify's request.protocol, which reads X-Forwarded-Proto only with trustProxy.
  const fastifyApp = (factory: string, extra = '') => code`
    import Fastify from 'fastify';
    import fastifyCookie from '@fastify/cookie';
    import fastifySession from '@fastify/session';
    const app = ${factory};
    app.register(fastifyCookie);
    app.register(fastifySession, { secret: process.env.SESSION_SECRET, cookie: { sameSite: 'lax'${extra} } });
    app.listen({ port: 3000, host: '0.0.0.0' });
  `;

  it('@fastify/session (secure by default) in a Fastify app without trustProxy: the fix adds the option to the app', () => {
    const a = app({ 'package.json': PACKAGE, 'src/server.js': fastifyApp('Fastify({ logger: true })') });
    const out = (factory: string) => fastifyApp(factory);
    expect(a.check('src/server.js', TRUST)).toEqual([
      {
        file: 'src/server.js', messageId: 'noFrameworkTrustProxy', line: 6, column: 68, endLine: 6, endColumn: 74,
        text: 'cookie', data: { library: '@fastify/session', framework: 'fastify', how: "`trustProxy: true` in the `fastify` app's options" },
        suggestions: [
          { messageId: 'trustProxyInProduction', output: out("Fastify({ logger: true, trustProxy: process.env.NODE_ENV === 'production' })") },
          { messageId: 'trustProxy', output: out('Fastify({ logger: true, trustProxy: true })') },
        ],
      },
    ]);
  });

  it('an app made without options gets an options argument', () => {
    const a = app({ 'package.json': PACKAGE, 'src/server.js': fastifyApp('Fastify()', ", secure: 'auto'") });
    const [f] = a.check('src/server.js', TRUST);
    expect([f!.messageId, f!.text]).toEqual(['noFrameworkTrustProxy', "secure: 'auto'"]);
    expect(f!.suggestions.map((x) => x.output.split('\n')[3])).toEqual(["const app = Fastify({ trustProxy: process.env.NODE_ENV === 'production' });", 'const app = Fastify({ trustProxy: true });']);
  });

  it('hard negatives: trustProxy set (in the factory or in options built elsewhere), secure: false, HTTPS served by the app', () => {
    for (const [name, files] of [
      ['trustProxy in the factory', { 'src/server.js': fastifyApp('Fastify({ trustProxy: true })') }],
      ['trustProxy in options of another module', { 'src/options.js': 'export const serverOptions = { logger: true, trustProxy: 1 };\n', 'src/server.js': `import { serverOptions } from './options.js';\n${fastifyApp('Fastify(serverOptions)')}` }],
      ['secure: false', { 'src/server.js': fastifyApp('Fastify()', ', secure: false') }],
      ['HTTPS served', { 'src/server.js': `import https from 'https';\nhttps.createServer({}, () => {});\n${fastifyApp('Fastify()')}` }],
    ] as const) {
      const a = app({ 'package.json': PACKAGE, ...files });
      expect(a.check('src/server.js', TRUST), name).toEqual([]);
    }
  });

  it('@fastify/secure-session sets its cookie whatever the protocol: not reported', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/server.js': code`
        import Fastify from 'fastify';
        import secureSession from '@fastify/secure-session';
        const app = Fastify();
        app.register(secureSession, { key: Buffer.from(process.env.SESSION_KEY, 'hex'), cookie: { secure: true, httpOnly: true } });
      `,
    });
    expect(a.check('src/server.js', TRUST)).toEqual([]);
  });

  it('two Fastify apps in one package: reported, without a fix (which app is the one behind the proxy is not known)', () => {
    const a = app({ 'package.json': PACKAGE, 'src/server.js': fastifyApp('Fastify()'), 'src/admin.js': "import Fastify from 'fastify';\nexport const admin = Fastify();\nadmin.register(import('./server.js'));\n" });
    const found = a.check('src/server.js', TRUST);
    expect(found.map((f) => [f.messageId, f.suggestions.length])).toEqual([['noFrameworkTrustProxy', 0]]);
  });

  it("Koa: a secure koa-session cookie without app.proxy (the cookies module throws on a request it thinks is HTTP); the default 'auto' is not judged", () => {
    const koa = (opts: string, extra = '') => code`
      import Koa from 'koa';
      import session from 'koa-session';
      const app = new Koa();
      app.keys = [process.env.KEY];${extra}
      app.use(session(${opts}, app));
      app.listen(3000);
    `;
    const a = app({ 'package.json': PACKAGE, 'src/server.js': koa("{ secure: true, sameSite: 'lax' }") });
    expect(a.check('src/server.js', TRUST)).toEqual([
      {
        file: 'src/server.js', messageId: 'noFrameworkTrustProxy', line: 5, column: 19, endLine: 5, endColumn: 31,
        text: 'secure: true', data: { library: 'koa-session', framework: 'koa', how: "`proxy: true` in the `koa` app's options (or `app.proxy = true`)" },
        suggestions: [
          { messageId: 'trustProxyInProduction', output: koa("{ secure: true, sameSite: 'lax' }").replace('new Koa()', "new Koa({ proxy: process.env.NODE_ENV === 'production' })") },
          { messageId: 'trustProxy', output: koa("{ secure: true, sameSite: 'lax' }").replace('new Koa()', 'new Koa({ proxy: true })') },
        ],
      },
    ]);
    for (const [name, text] of [
      ['app.proxy = true', koa("{ secure: true, sameSite: 'lax' }", '\napp.proxy = true;')],
      ["the default secure: 'auto'", koa("{ sameSite: 'lax' }")],
    ] as const) {
      expect(app({ 'package.json': PACKAGE, 'src/server.js': text }).check('src/server.js', TRUST), name).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// require-csrf-protection
// ---------------------------------------------------------------------------------------------

const CSRF = 'require-csrf-protection';

const routesJs = code`
  import { Router } from 'express';
  export const router = Router();
  router.get('/account', (req, res) => res.render('account'));
  router.post('/transfer', (req, res) => res.redirect('/account'));
`;

const appJs = code`
  import express from 'express';
  import session from 'express-session';
  import { router } from './routes.js';
  const app = express();
  app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));
  app.use(router);
`;

describe(`${CSRF}: the whole app is seen`, () => {
  it('reports a session cookie without lax/strict sameSite when another file has POST routes and no CSRF middleware', () => {
    const a = app({ 'package.json': PACKAGE, 'src/app.js': appJs, 'src/routes.js': routesJs });
    expect(a.check('src/app.js', CSRF)).toEqual([
      {
        file: 'src/app.js', messageId: 'noCsrf', line: 5, column: 55, endLine: 5, endColumn: 61,
        text: 'cookie', data: { route: 'POST at ./routes.js:4', modules: 'csrf-csrf, csrf-sync, lusca' }, suggestions: [],
      },
    ]);
    // the routes file has no session site: nothing to report there
    expect(a.check('src/routes.js', CSRF)).toEqual([]);
  });

  it("sameSite 'none' is reported at the property", () => {
    const a = app({
      'package.json': PACKAGE,
      'src/app.js': appJs.replace('secure: true', "secure: true, sameSite: 'none'"),
      'src/routes.js': routesJs,
    });
    expect(a.check('src/app.js', CSRF).map((f) => [f.messageId, f.line, f.column, f.text])).toEqual([['noCsrf', 5, 79, "sameSite: 'none'"]]);
  });

  it("hard negatives: sameSite 'lax', 'strict', 'Strict' or true", () => {
    for (const value of ["'lax'", "'strict'", "'Strict'", 'true']) {
      const a = app({ 'package.json': PACKAGE, 'src/app.js': appJs.replace('secure: true', `secure: true, sameSite: ${value}`), 'src/routes.js': routesJs });
      expect(a.check('src/app.js', CSRF), value).toEqual([]);
    }
  });

  it('hard negatives: CSRF middleware imported anywhere in the app (csrf-csrf, csrf-sync, lusca, tiny-csrf)', () => {
    const middleware = {
      'csrf-csrf': "import { doubleCsrf } from 'csrf-csrf';\nexport const { doubleCsrfProtection } = doubleCsrf({ getSecret: () => process.env.CSRF_SECRET });\n",
      'csrf-sync': "const { csrfSync } = require('csrf-sync');\nmodule.exports = csrfSync().csrfSynchronisedProtection;\n",
      lusca: "import lusca from 'lusca';\nexport const csrf = lusca.csrf();\n",
      'tiny-csrf': "import csurf from 'tiny-csrf';\nexport const csrf = csurf(process.env.CSRF_SECRET);\n",
    };
    for (const [name, text] of Object.entries(middleware)) {
      const a = app({ 'package.json': PACKAGE, 'src/app.js': appJs, 'src/routes.js': routesJs, [name === 'csrf-sync' ? 'src/csrf.cjs' : 'src/csrf.js']: text });
      expect(a.check('src/app.js', CSRF), name).toEqual([]);
    }
  });

  it('csurf still protects (no noCsrf), but its import is reported as deprecated', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/app.js': appJs,
      'src/routes.js': routesJs,
      'src/csrf.js': "import csrf from 'csurf';\nexport const csrfProtection = csrf();\n",
    });
    expect(a.check('src/app.js', CSRF)).toEqual([]);
    expect(a.check('src/csrf.js', CSRF).map((f) => [f.messageId, f.line, f.column, f.text, f.data])).toEqual([['deprecatedCsrf', 1, 18, "'csurf'", { module: 'csurf', alternatives: 'csrf-csrf, csrf-sync or lusca' }]]);
  });

  it('hard negative: no state-changing route anywhere in the app', () => {
    const a = app({ 'package.json': PACKAGE, 'src/app.js': appJs, 'src/routes.js': routesJs.replace("router.post('/transfer', (req, res) => res.redirect('/account'));\n", '') });
    expect(a.check('src/app.js', CSRF)).toEqual([]);
  });

  it('PUT, PATCH and DELETE routes are state-changing too (TypeScript, CJS routes)', () => {
    for (const method of ['put', 'patch', 'delete']) {
      const a = app({
        'package.json': JSON.stringify({ name: 'app', private: true }),
        'src/app.ts': code`
          import express from 'express';
          import session from 'express-session';
          const app = express();
          app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: false }));
          app.use(require('./routes.cjs'));
        `,
        'src/routes.cjs': `const router = require('express').Router();\nrouter.${method}('/items/:id', (req, res) => res.end());\nmodule.exports = router;\n`,
      });
      expect(a.check('src/app.ts', CSRF).map((f) => [f.messageId, f.line, f.column, f.text, f.data]), method).toEqual([
        ['noCsrf', 4, 9, 'session', { route: `${method.toUpperCase()} at ./routes.cjs:2`, modules: 'csrf-csrf, csrf-sync, lusca' }],
      ]);
    }
  });

  it('requests sent with an HTTP client (axios, got, request, supertest, an axios.create() instance) are no routes of the app', () => {
    const clients = code`
      import axios from 'axios';
      import got from 'got';
      const request = require('request');
      const supertest = require('supertest');
      const api = axios.create({ baseURL: process.env.API_URL });
      export async function removeItem(id, token) {
        await axios.delete(\`\${process.env.API_URL}/items/\${id}/\`, { headers: { Authorization: 'Bearer ' + token } });
        await api.post('/items', { id });
        await got.put('https://example.com/items', { json: { id } });
        request.post('https://example.com/hook', (err) => err);
        await supertest(app).patch('/items/1');
      }
    `;
    const a = app({ 'package.json': PACKAGE, 'src/app.js': appJs, 'src/routes.js': routesJs.replace("router.post('/transfer', (req, res) => res.redirect('/account'));\n", ''), 'src/clients.js': clients });
    expect(a.model('src/clients.js').appFacts.stateChangingRoutes).toEqual([]);
    expect(a.check('src/app.js', CSRF)).toEqual([]);
    // hard negative: a route registered on a router in the same file as a client is still a route
    const b = app({ 'package.json': PACKAGE, 'src/app.js': appJs, 'src/routes.js': `${routesJs}${clients.replace("import axios from 'axios';", "import axios from 'axios';\nimport { Router as R } from 'express';")}router.delete('/items/:id', (req, res) => res.end());\n` });
    expect(a.check('src/app.js', CSRF)).toEqual([]);
    expect(b.check('src/app.js', CSRF).map((f) => [f.messageId, f.data.route])).toEqual([['noCsrf', 'POST at ./routes.js:4']]);
    expect(b.model('src/routes.js').appFacts.stateChangingRoutes.map((r) => [r.method, r.line])).toEqual([['post', 4], ['delete', 18]]);
  });

  it("AdonisJS: shield's CSRF middleware protects only when the kernel registers it (v5 and v6); a configured but unregistered shield does not", () => {
    const v5 = {
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'config/session.ts': code`
        import { sessionConfig } from '@adonisjs/session/build/config';
        export default sessionConfig({ enabled: true, driver: 'cookie', cookieName: 'adonis-session', age: '2h', cookie: { path: '/', httpOnly: true, sameSite: false } });
      `,
      'config/shield.ts': code`
        import { ShieldConfig } from '@ioc:Adonis/Addons/Shield';
        export const csrf: ShieldConfig['csrf'] = { enabled: true, exceptRoutes: [], enableXsrfCookie: true, methods: ['POST', 'PUT', 'PATCH', 'DELETE'] };
      `,
      'start/routes.ts': code`
        import Route from '@ioc:Adonis/Core/Route';
        Route.post('/articles', 'ArticlesController.store');
      `,
      'start/kernel.ts': code`
        import Server from '@ioc:Adonis/Core/Server';
        Server.middleware.register([() => import('@ioc:Adonis/Core/BodyParser'), () => import('App/Middleware/SilentAuth')]);
      `,
    };
    // shield is configured (config/shield.ts imports its types) but not in the kernel: no token is checked
    expect(app(v5).check('config/session.ts', CSRF).map((f) => [f.messageId, f.text, f.data.route])).toEqual([['noCsrf', 'sameSite: false', 'POST at ../start/routes.ts:2']]);
    // hard negative: the kernel registers shield
    const registered = { ...v5, 'start/kernel.ts': v5['start/kernel.ts'].replace("() => import('App/Middleware/SilentAuth')", "() => import('@ioc:Adonis/Addons/Shield')") };
    expect(app(registered).check('config/session.ts', CSRF)).toEqual([]);
    // AdonisJS 6: the kernel's shield_middleware
    const v6 = {
      'package.json': JSON.stringify({ name: 'app', private: true }),
      'config/session.ts': code`
        import { defineConfig, stores } from '@adonisjs/session';
        export default defineConfig({ store: 'cookie', cookie: { path: '/', httpOnly: true, sameSite: 'none', secure: true }, stores: { cookie: stores.cookie() } });
      `,
      'config/shield.ts': "import { defineConfig } from '@adonisjs/shield';\nexport default defineConfig({ csrf: { enabled: true } });\n",
      'start/routes.ts': "import router from '@adonisjs/core/services/router';\nrouter.post('/articles', [ArticlesController, 'store']);\n",
      'start/kernel.ts': "import router from '@adonisjs/core/services/router';\nrouter.use([() => import('@adonisjs/core/bodyparser_middleware')]);\n",
    };
    expect(app(v6).check('config/session.ts', CSRF).map((f) => [f.messageId, f.text])).toEqual([['noCsrf', "sameSite: 'none'"]]);
    const v6registered = { ...v6, 'start/kernel.ts': v6['start/kernel.ts'].replace("() => import('@adonisjs/core/bodyparser_middleware')", "() => import('@adonisjs/core/bodyparser_middleware'), () => import('@adonisjs/shield/shield_middleware')") };
    expect(app(v6registered).check('config/session.ts', CSRF)).toEqual([]);
  });

  it('each package.json makes its own app: CSRF middleware or routes in a sibling package do not count', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'monorepo', private: true }),
      'packages/site/package.json': PACKAGE,
      'packages/site/src/app.js': appJs,
      'packages/site/src/routes.js': routesJs,
      'packages/admin/package.json': PACKAGE,
      'packages/admin/src/csrf.js': "import lusca from 'lusca';\nexport const csrf = lusca.csrf();\n",
    };
    const a = app(files);
    expect(a.check('packages/site/src/app.js', CSRF).map((f) => [f.file, f.messageId, f.data])).toEqual([['packages/site/src/app.js', 'noCsrf', { route: 'POST at ./routes.js:4', modules: 'csrf-csrf, csrf-sync, lusca' }]]);
    expect(a.model('packages/site/src/app.js').appFacts.csrfModules).toEqual(new Set());
    expect(a.model('packages/admin/src/csrf.js').appFacts.csrfModules).toEqual(new Set(['lusca']));
    // routes only in another package: this package has none
    const b = app({
      'package.json': JSON.stringify({ name: 'monorepo', private: true }),
      'packages/site/package.json': PACKAGE,
      'packages/site/src/app.js': appJs.replace("import { router } from './routes.js';\n", '').replace('app.use(router);\n', ''),
      'packages/api/package.json': PACKAGE,
      'packages/api/src/routes.js': routesJs,
    });
    expect(b.check('packages/site/src/app.js', CSRF)).toEqual([]);
    // hard negative: the same site package with lusca in its own folder
    const c = app({ ...files, 'packages/site/src/csrf.js': "import lusca from 'lusca';\nexport const csrf = lusca.csrf();\n" });
    expect(c.check('packages/site/src/app.js', CSRF)).toEqual([]);
  });

  it('client-side sessions: cookie-session without sameSite is reported; iron-session defaults to lax', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/app.js': code`
        import express from 'express';
        import cookieSession from 'cookie-session';
        const app = express();
        app.use(cookieSession({ name: 'sid', keys: [process.env.KEY] }));
        app.post('/settings', (req, res) => res.end());
      `,
      'src/iron.js': code`
        import { getIronSession } from 'iron-session';
        export const load = (req, res) => getIronSession(req, res, { password: process.env.PW, cookieName: 'app' });
      `,
    });
    expect(a.check('src/app.js', CSRF).map((f) => [f.messageId, f.line, f.column, f.text, f.data])).toEqual([['noCsrf', 4, 9, 'cookieSession', { route: 'POST at line 5', modules: 'csrf-csrf, csrf-sync, lusca' }]]);
    expect(a.check('src/iron.js', CSRF)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// App facts of one file
// ---------------------------------------------------------------------------------------------

describe('app facts: what each file contributes', () => {
  it('collects trust proxy forms (Express, Fastify, Koa), HTTPS servers, session and CSRF modules, routes', () => {
    // One app: the server imports the other modules (each form of trust proxy is checked alone below).
    const a = app({
      'package.json': PACKAGE,
      'server.js': "import express from 'express';\nimport './session.js';\nimport './routes.js';\nexport const app = express();\napp.set('trust proxy', 1);\n",
      'session.js': "import session from 'express-session';\nimport Koa from 'koa';\nexport const s = session({ secret: process.env.S, proxy: true });\n",
      'routes.js': "app.route('/x');\napp.post(handler);\napp.post('/a', h);\napp.del(`/b/${id}`, h);\n",
    });
    const facts = (f: string) => a.model(f).appFacts;
    // every file of the app shares the same facts
    expect(facts('server.js')).toBe(facts('routes.js'));
    expect(facts('session.js')).toBe(facts('routes.js'));
    expect(facts('session.js')).toMatchObject({ complete: true, trustProxy: true, servesHttps: false, apps: 1 });
    // Koa counts: app.keys signs its cookies (the libraries table lists it)
    expect(facts('session.js').sessionModules).toEqual(new Set(['express-session', 'koa']));
    expect(facts('routes.js').stateChangingRoutes.map((r) => r.method)).toEqual(['post', 'delete']);
  });

  it('trust proxy for every framework of the table, each with its hard negative', () => {
    const trusts: [string, string, boolean][] = [
      ['express set', "import express from 'express';\nconst app = express();\napp.set('trust proxy', 1);\n", true],
      ['express enable', "const express = require('express');\nconst app = express();\napp.enable('trust proxy');\n", true],
      ['express set false', "import express from 'express';\nconst app = express();\napp.set('trust proxy', false);\n", false],
      ['Koa option', "import Koa from 'koa';\nexport const app = new Koa({ proxy: true });\n", true],
      ['Koa option from a const', "const Koa = require('koa');\nconst options = { proxy: true, keys: [process.env.K] };\nconst app = new Koa(options);\n", true],
      ['Koa property', "import Koa from 'koa';\nconst app = new Koa();\napp.proxy = true;\n", true],
      ['Koa proxy: false', "import Koa from 'koa';\nexport const app = new Koa({ proxy: false });\n", false],
      // `proxy` is also an HTTP client's option: only the factory's own options count
      ['Koa, and an HTTP client proxy', "import Koa from 'koa';\nimport axios from 'axios';\nconst app = new Koa();\naxios.get(url, { proxy: { host: 'p' } });\nnew Agent({ proxy: true });\n", false],
      ['Fastify option', "import Fastify from 'fastify';\nexport const f = Fastify({ trustProxy: true, logger: true });\n", true],
      ['Fastify named export', "const { fastify } = require('fastify');\nconst f = fastify({ trustProxy: '10.0.0.0/8' });\n", true],
      ['Fastify option built elsewhere', "export const serverOptions = { logger: true, trustProxy: true };\nimport Fastify from 'fastify';\nFastify(serverOptions);\n", true],
      ['Fastify trustProxy: false', "import Fastify from 'fastify';\nexport const f = Fastify({ trustProxy: false });\n", false],
      ['Nest on express', "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule);\napp.set('trust proxy', 'loopback');\n", true],
      ['Nest without it', "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule);\napp.enableCors();\n", false],
    ];
    for (const [name, text, trusted] of trusts) {
      const a = app({ 'package.json': PACKAGE, 'main.js': text });
      expect(a.model('main.js').appFacts, name).toMatchObject({ complete: true, trustProxy: trusted, apps: 1 });
    }
  });
  it("the session's own proxy: true is not the app's trust proxy", () => {
    const a = app({ 'package.json': PACKAGE, 'session.js': "import session from 'express-session';\nexport const s = session({ secret: process.env.S, proxy: true });\n" });
    expect(a.model('session.js').appFacts).toMatchObject({ complete: true, trustProxy: false });
  });
});

// ---------------------------------------------------------------------------------------------
// The app model: an app is the module graph around one app instance, not the package
// ---------------------------------------------------------------------------------------------

/** An example app of a repository of examples: its server makes the app and imports its session module. */
function example(name: string, serverExtra = '', sessionFile = secureSessionJs): Record<string, string> {
  return {
    [`${name}/server.js`]: `${serverJs}${serverExtra}`,
    [`${name}/session.js`]: sessionFile,
  };
}

describe('the app model: one package.json, many apps', () => {
  it('trust proxy set by one example does not silence another (and each app shares its facts with its own files)', () => {
    const a = app({ 'package.json': PACKAGE, ...example('behind-proxy', "app.set('trust proxy', 1);\n"), ...example('plain') });
    expect(a.check('plain/session.js', TRUST).map((f) => [f.file, f.line, f.messageId])).toEqual([['plain/session.js', 4, 'noTrustProxy']]);
    expect(a.check('behind-proxy/session.js', TRUST)).toEqual([]);
    expect(a.model('plain/session.js').appFacts).toBe(a.model('plain/server.js').appFacts);
    expect(a.model('plain/session.js').appFacts).toMatchObject({ complete: true, trustProxy: false, apps: 1 });
  });

  it('hard negative: trust proxy set in a file that imports the app (the server that listens) or that the app imports', () => {
    const importer = app({
      'package.json': PACKAGE,
      ...example('one'),
      'one/bin/www.js': "import { app } from '../server.js';\napp.set('trust proxy', 1);\napp.listen(3000);\n",
      ...example('two'),
    });
    expect(importer.check('one/session.js', TRUST)).toEqual([]);
    expect(importer.check('two/session.js', TRUST).map((f) => f.messageId)).toEqual(['noTrustProxy']);
    const imported = app({
      'package.json': PACKAGE,
      ...example('one', "import { trust } from './proxy.js';\ntrust(app);\n"),
      'one/proxy.js': "export const trust = (app) => app.set('trust proxy', 'loopback');\n",
      ...example('two'),
    });
    expect(imported.check('one/session.js', TRUST)).toEqual([]);
    expect(imported.check('two/session.js', TRUST).map((f) => f.messageId)).toEqual(['noTrustProxy']);
  });

  it('a module shared by two apps gets the facts of both; a file in no app gets the whole package', () => {
    const a = app({
      'package.json': PACKAGE,
      'a/server.js': "import express from 'express';\nimport { sessionMiddleware } from '../shared/session.js';\nconst app = express();\napp.set('trust proxy', 1);\napp.use(sessionMiddleware);\n",
      'b/server.js': "import express from 'express';\nimport { sessionMiddleware } from '../shared/session.js';\nconst app = express();\napp.use(sessionMiddleware);\n",
      'shared/session.js': secureSessionJs,
      'lone/session.js': secureSessionJs,
    });
    // One of its apps trusts the proxy: the shared configuration may be fine there (precision before recall).
    expect(a.model('shared/session.js').appFacts).toMatchObject({ trustProxy: true, apps: 2 });
    expect(a.model('b/server.js').appFacts).toMatchObject({ trustProxy: false, apps: 1 });
    expect(a.check('lone/session.js', TRUST)).toEqual([]);
  });

  it('files that the graph does not reach (through a file read for no fact) count for every app of the package', () => {
    // No app that was read imports lib/csrf.js (its importer may be a file read for no fact): it cannot be placed, and protects both apps.
    const a = app({
      'package.json': PACKAGE,
      'a/app.js': appJs,
      'a/routes.js': routesJs,
      'b/app.js': appJs,
      'b/routes.js': routesJs,
      'lib/csrf.js': "import { doubleCsrf } from 'csrf-csrf';\nexport const { doubleCsrfProtection } = doubleCsrf({ getSecret: () => process.env.CSRF_SECRET });\n",
    });
    expect(a.check('a/app.js', CSRF)).toEqual([]);
    expect(a.check('b/app.js', CSRF)).toEqual([]);
  });

  it("an orphan's routes do not make another app's CSRF rule fire (only facts that silence rules are shared)", () => {
    const a = app({
      'package.json': PACKAGE,
      'a/app.js': appJs,
      'b/app.js': appJs,
      // an app this index cannot see as one (its framework comes through a file read for no fact): an orphan
      'c/app.js': "import { make } from './make.js';\nconst app = make();\napp.post('/transfer', (req, res) => res.end());\n",
    });
    expect(a.check('a/app.js', CSRF)).toEqual([]);
    expect(a.model('a/app.js').appFacts.stateChangingRoutes).toEqual([]);
  });

  it('a framework repository\'s own examples (the framework loaded by path) are apps of their own', () => {
    const own = (routes: string) => `const express = require('../../');\nconst session = require('express-session');\nconst app = module.exports = express();\napp.use(session({ secret: process.env.S, cookie: { secure: true } }));\n${routes}`;
    const a = app({
      'package.json': JSON.stringify({ name: 'express', private: true }),
      'index.js': "module.exports = require('./lib/express');\n",
      'examples/auth/index.js': own("app.post('/login', (req, res) => res.end());\n"),
      'examples/session/index.js': own("app.get('/', (req, res) => res.end());\n"),
    });
    expect(a.model('examples/auth/index.js').appFacts).toMatchObject({ apps: 1 });
    expect(a.check('examples/auth/index.js', CSRF).map((f) => f.messageId)).toEqual(['noCsrf']);
    expect(a.check('examples/session/index.js', CSRF)).toEqual([]);
    // hard negative: the same files in a package of another name are not apps (no framework is loaded)
    const b = app({
      'package.json': JSON.stringify({ name: 'not-express', private: true }),
      'examples/auth/index.js': own("app.post('/login', (req, res) => res.end());\n"),
    });
    expect(b.model('examples/auth/index.js').appFacts).toMatchObject({ apps: 0 });
  });

  it('CSRF middleware in one example does not protect another', () => {
    const a = app({
      'package.json': PACKAGE,
      'a/app.js': `${appJs}import { doubleCsrf } from 'csrf-csrf';\napp.use(doubleCsrf({ getSecret: () => process.env.CSRF_SECRET }).doubleCsrfProtection);\n`,
      'a/routes.js': routesJs,
      'b/app.js': appJs,
      'b/routes.js': routesJs,
    });
    expect(a.check('a/app.js', CSRF)).toEqual([]);
    expect(a.check('b/app.js', CSRF).map((f) => [f.file, f.messageId, f.data.route])).toEqual([['b/app.js', 'noCsrf', 'POST at ./routes.js:4']]);
  });
});

// ---------------------------------------------------------------------------------------------
// Typed ESLint: the same facts through typescript-eslint's program
// ---------------------------------------------------------------------------------------------

describe(`${TRUST} in typed ESLint`, () => {
  const tsconfig = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, include: ['src'] });
  const sessionTs = code`
    import session from 'express-session';
    export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET!, cookie: { secure: true } });
  `;
  const serverTs = code`
    import express from 'express';
    import { sessionMiddleware } from './session.js';
    export const app = express();
    app.use(sessionMiddleware);
  `;

  async function lint(dir: string, parserOptions: Record<string, unknown>) {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions } },
        { files: ['**/*.ts'], plugins: { 'session-audit': plugin }, rules: { [`session-audit/${TRUST}`]: 'warn' } },
      ] as never,
    });
    const [result] = await eslint.lintFiles(['src/session.ts']);
    return result!.messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, suggestions: m.suggestions?.length ?? 0 }));
  }

  it('reports when no file of the project sets trust proxy; silent without type information', async () => {
    const dir = folder({ 'package.json': PACKAGE, 'tsconfig.json': tsconfig, 'src/session.ts': sessionTs, 'src/server.ts': serverTs });
    expect(await lint(dir, { projectService: { allowDefaultProject: [] }, tsconfigRootDir: dir })).toEqual([
      { ruleId: `session-audit/${TRUST}`, messageId: 'noTrustProxy', line: 2, column: 91, endLine: 2, endColumn: 103, suggestions: 2 },
    ]);
    // the same file alone: the facts are incomplete, so the rule stays quiet
    expect(await lint(dir, {})).toEqual([]);
  });

  it('the app model holds in typed ESLint: trust proxy of another app of the package does not count', async () => {
    const other = "import express from 'express';\nconst admin = express();\nadmin.set('trust proxy', 1);\n";
    const dir = folder({ 'package.json': PACKAGE, 'tsconfig.json': tsconfig, 'src/session.ts': sessionTs, 'src/server.ts': serverTs, 'src/admin.ts': other });
    expect((await lint(dir, { projectService: { allowDefaultProject: [] }, tsconfigRootDir: dir })).map((m) => m.messageId)).toEqual(['noTrustProxy']);
  });

  it('hard negative: trust proxy set in another file of the project', async () => {
    const dir = folder({ 'package.json': PACKAGE, 'tsconfig.json': tsconfig, 'src/session.ts': sessionTs, 'src/server.ts': `${serverTs}app.set('trust proxy', 1);\n` });
    expect(await lint(dir, { projectService: { allowDefaultProject: [] }, tsconfigRootDir: dir })).toEqual([]);
  });

  it('Fastify: @fastify/session in a plugin file, the app in another; reported in the plugin file, the fix (in the app file) is the CLI\'s; trustProxy silences it', async () => {
    const plugin = "import fastifySession from '@fastify/session';\nimport type { FastifyInstance } from 'fastify';\nexport async function sessions(app: FastifyInstance) {\n  app.register(fastifySession, { secret: process.env.SESSION_SECRET!, cookie: { sameSite: 'lax' } });\n}\n";
    const server = (opts: string) => `import Fastify from 'fastify';\nimport { sessions } from './session.js';\nconst app = Fastify(${opts});\napp.register(sessions);\n`;
    const bad = folder({ 'package.json': PACKAGE, 'tsconfig.json': tsconfig, 'src/session.ts': plugin, 'src/server.ts': server('') });
    expect(await lint(bad, { projectService: { allowDefaultProject: [] }, tsconfigRootDir: bad })).toEqual([
      { ruleId: `session-audit/${TRUST}`, messageId: 'noFrameworkTrustProxy', line: 4, column: 71, endLine: 4, endColumn: 77, suggestions: 0 },
    ]);
    const good = folder({ 'package.json': PACKAGE, 'tsconfig.json': tsconfig, 'src/session.ts': plugin, 'src/server.ts': server('{ trustProxy: true }') });
    expect(await lint(good, { projectService: { allowDefaultProject: [] }, tsconfigRootDir: good })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// require-cookie-expiry: an expiry the app's handlers set on each session (real code: Grist)
// ---------------------------------------------------------------------------------------------

describe('require-cookie-expiry: the whole app is seen', () => {
  const EXPIRY = 'require-cookie-expiry';
  const sessionsJs = code`
    import session from 'express-session';
    export const sessionMiddleware = session({ secret: process.env.SESSION_SECRET, store, cookie: { sameSite: 'lax' } });
  `;

  it('reports options without an expiry when no handler of the app sets one (another cookie attribute is not one)', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/sessions.js': sessionsJs,
      'src/authorizer.js': code`
        export function addUser(req) {
          const session = req.session;
          session.cookie.sameSite = 'strict';
          session.users = [req.user];
        }
      `,
    });
    expect(a.check('src/sessions.js', EXPIRY)).toMatchObject([{ messageId: 'noExpiry', line: 2, text: 'cookie' }]);
  });

  it('hard negative: a handler in ANOTHER file sets the expiry on a local name for the session (no session import there)', () => {
    const a = app({
      'package.json': PACKAGE,
      'src/sessions.js': sessionsJs,
      'src/authorizer.js': code`
        export function addUser(req) {
          const session = req.session;
          if (session.cookie && !session.cookie.maxAge) session.cookie.maxAge = COOKIE_MAX_AGE;
        }
      `,
    });
    expect(a.check('src/sessions.js', EXPIRY)).toEqual([]);
  });

  it("hard negative: cookie-session's per-request options in another file; an expiry written for the other library does not count", () => {
    const cookieSessionJs = code`
      import cookieSession from 'cookie-session';
      export const sessions = cookieSession({ name: 'sid', keys: [process.env.KEY] });
    `;
    const quiet = app({
      'package.json': PACKAGE,
      'src/sessions.js': cookieSessionJs,
      'src/login.js': 'export const remember = (req) => { req.sessionOptions.maxAge = 30 * 24 * 60 * 60 * 1000; };\n',
    });
    expect(quiet.check('src/sessions.js', EXPIRY)).toEqual([]);
    const other = app({
      'package.json': PACKAGE,
      'src/sessions.js': cookieSessionJs,
      'src/login.js': 'export const remember = (req) => { req.session.cookie.maxAge = 30 * 24 * 60 * 60 * 1000; };\n',
    });
    expect(other.check('src/sessions.js', EXPIRY)).toMatchObject([{ messageId: 'noExpiry', line: 2 }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Packages handed to another module: `require('./config/session')(app, session)` (module-arguments.ts)
// ---------------------------------------------------------------------------------------------

describe("a package passed to a module's exported function is that package there", () => {
  const SECRET = 'no-hardcoded-secret';
  const CJS_PACKAGE = JSON.stringify({ name: 'app', private: true });
  const configJs = code`
    module.exports = function (app, session) {
      app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: false }));
    };
  `;
  const server = (extra: string) => code`
    const express = require('express');
    const session = require('express-session');
    const app = express();
    require('./config/session')(app, session);
    ${extra}
    app.listen(3000);
  `;

  it('finds the session site through the parameter when every call passes express-session', () => {
    const a = app({ 'package.json': CJS_PACKAGE, 'server.js': server(''), 'config/session.js': configJs });
    expect(a.check('config/session.js', SECRET)).toMatchObject([{ messageId: 'hardcoded', line: 2, text: "secret: 'keyboard cat'" }]);
  });

  it('hard negatives: another call passes something else; the module passed is a local function', () => {
    const twoCallers = app({
      'package.json': CJS_PACKAGE,
      'server.js': server("const setup = require('./config/session');\nsetup(app, (options) => options);"),
      'config/session.js': configJs,
    });
    expect(twoCallers.check('config/session.js', SECRET)).toEqual([]);
    const local = app({
      'package.json': CJS_PACKAGE,
      'server.js': code`
        const express = require('express');
        const session = (options) => options;
        const app = express();
        require('./config/session')(app, session);
      `,
      'config/session.js': configJs,
    });
    expect(local.check('config/session.js', SECRET)).toEqual([]);
  });
});
