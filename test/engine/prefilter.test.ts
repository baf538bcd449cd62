// The text prefilters both front ends run before parsing (docs/performance.md): a file that
// fails `mayHoldSessionCode` is never analyzed, a file that fails `mayHoldAppFacts` never adds
// to its app's facts. They must never drop a file the engine would report on (recall), and
// should drop what is common in ordinary code (speed): each is checked both ways.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { globbySync } from 'globby';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fileFacts, mayHoldAppFacts, onlyRoutesIn } from '../../src/analysis/app-facts.js';
import type { TSModule } from '../../src/analysis/host.js';
import { importedModules } from '../../src/analysis/index.js';
import { CSRF_MODULES, LIBRARIES, mayHoldSessionCode } from '../../src/analysis/libraries.js';
import { prefilter } from '../../src/analysis/prefilter.js';
import { ROOT } from '../cli/helpers.js';

const tsm = ts as unknown as TSModule;

function factsOf(text: string) {
  const sf = ts.createSourceFile('/x/app.ts', text, ts.ScriptTarget.Latest, true);
  return fileFacts(sf, tsm, importedModules(sf, tsm));
}

/** Whether a file adds anything to its app's facts. */
function addsFacts(text: string): boolean {
  const f = factsOf(text);
  return f.trustProxy || f.servesHttps || f.apps > 0 || f.sessionModules.size > 0 || f.csrfModules.size > 0 || f.stateChangingRoutes.length > 0;
}

describe('mayHoldSessionCode', () => {
  it.each(LIBRARIES.flatMap((l) => l.modules))('keeps a file that imports %s', (m) => {
    expect(mayHoldSessionCode(`import x from '${m}';\n`)).toBe(true);
    expect(mayHoldSessionCode(`const x = require("${m}");\n`)).toBe(true);
  });

  it('keeps req.session use, Koa signing keys set on an app passed in, CORS and csurf', () => {
    expect(mayHoldSessionCode('export function login(req) { req.session.userId = 1; }')).toBe(true);
    expect(mayHoldSessionCode("export function setup(app) { app.keys = ['k1']; }")).toBe(true);
    expect(mayHoldSessionCode('server.keys= [process.env.K]')).toBe(true);
    expect(mayHoldSessionCode("app.use(cors({ origin: '*', credentials: true }))")).toBe(true);
    expect(mayHoldSessionCode("import csurf from 'csurf'")).toBe(true);
  });

  it("drops the browser's sessionStorage, unless the file has session code too", () => {
    expect(mayHoldSessionCode("const token = window.sessionStorage.getItem('t');\nsessionStorage.clear();")).toBe(false);
    expect(mayHoldSessionCode("sessionStorage.clear();\nexport function logout(req) { req.session.destroy(() => {}); }")).toBe(true);
    expect(mayHoldSessionCode("sessionStorage.clear();\nimport cookieSession from 'cookie-session';")).toBe(true);
  });

  it('drops ordinary code, Object.keys and comparisons of .keys included', () => {
    expect(mayHoldSessionCode('export const n = Object.keys(o).length;\nif (a.keys == b.keys) f();\nconst m = map.keys();')).toBe(false);
    expect(mayHoldSessionCode("export function add(a, b) { return a + b; }\nrouter.get('/x', h);")).toBe(false);
  });

  it("takes a short module name (h3, koa, yar) only as a specifier: JSX's <h3> or `yard` lets no file through", () => {
    const ordinary = 'export const Title = () => <h3>Orders</h3>;\nconst yard = 1, koala = 2, hyarn = 3;\n';
    expect(mayHoldSessionCode(ordinary)).toBe(false);
    expect(mayHoldAppFacts(ordinary)).toBe(false);
    expect(prefilter(ordinary)).toEqual({ analyze: false, facts: false });
    for (const specifier of ["'h3'", '"h3/utils"', '`koa`', "'@hapi/yar'"]) {
      expect(mayHoldSessionCode(`${ordinary}import x from ${specifier};\n`)).toBe(true);
      expect(prefilter(`${ordinary}import x from ${specifier};\n`).analyze).toBe(true);
    }
  });
});

describe('mayHoldAppFacts', () => {
  const adds: [string, string][] = [
    ['trust proxy', "app.set('trust proxy', 1);"],
    ['app.enable', "app.enable('trust proxy');"],
    ['fastify trustProxy', 'const app = fastify({ trustProxy: true });'],
    ['Koa proxy', "import Koa from 'koa';\nconst app = new Koa({ proxy: true });"],
    ['an app instance', "const app = require('express')();"],
    ['an HTTPS server', "import https from 'https';\nhttps.createServer(opts, app).listen(443);"],
    ['an HTTP/2 server', "import http2 from 'node:http2';\nhttp2.createSecureServer(opts, app);"],
    ['a route', "router.post('/login', handler);"],
    ['a route on the next line', "router\n  .delete(\n    `/items/${id}`,\n    handler,\n  );"],
    ['a route with type arguments', "router.put<Params>('/items/:id', handler);"],
    ['a route with a regex path', 'app.patch(/^\\/items/, handler);'],
    ['a route with several paths', "app.post(['/a', '/b'], handler);"],
    ['a session module', "const session = require('express-session');"],
    ['a CSRF module', "import { doubleCsrf } from 'csrf-csrf';"],
  ];
  it.each(adds)('keeps %s (and the file does add facts)', (_name, text) => {
    expect(addsFacts(text)).toBe(true);
    expect(mayHoldAppFacts(text)).toBe(true);
  });

  const none: [string, string][] = [
    ['a Map delete', 'cache.delete(key);'],
    ['an HTTP client call', 'await axios.post(url, body);'],
    ['a route read from a variable', 'router.post(ROUTES.login, handler);'],
    ['a GET route', "router.get('/items', handler);"],
    ['ordinary code', 'export const sum = (a, b) => a + b;'],
  ];
  it.each(none)('drops %s (which adds no facts either)', (_name, text) => {
    expect(addsFacts(text)).toBe(false);
    expect(mayHoldAppFacts(text)).toBe(false);
  });

  it('tells route-only files apart (they are skipped once an app has enough routes)', () => {
    expect(onlyRoutesIn("router.post('/a', h);")).toBe(true);
    expect(onlyRoutesIn("router.post('/a', h);\napp.set('trust proxy', 1);")).toBe(false);
    expect(onlyRoutesIn("import lusca from 'lusca';\nrouter.post('/a', h);")).toBe(false);
    for (const m of CSRF_MODULES) expect(onlyRoutesIn(`require('${m}')`), m).toBe(false);
  });

  it('never drops a file of the repository that adds facts (fixtures, examples, sources)', () => {
    const files = globbySync(['fixtures/**/*.{js,mjs,cjs,ts,tsx,jsx}', 'test/**/*.ts'], { cwd: ROOT, absolute: true });
    expect(files.length).toBeGreaterThan(50);
    let adding = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!addsFacts(text)) continue;
      adding++;
      expect(mayHoldAppFacts(text), path.relative(ROOT, file)).toBe(true);
    }
    expect(adding).toBeGreaterThan(10);
  });
});

describe('prefilter (both at once, one pass for most files)', () => {
  it('answers as the two tests do, on every source file of the repository and the benchmark words', () => {
    const files = globbySync(['fixtures/**/*.{js,mjs,cjs,ts,tsx,jsx}', 'test/**/*.ts', 'src/**/*.ts', 'rules/*.ts'], { cwd: ROOT, absolute: true });
    const texts = [
      ...files.map((f) => readFileSync(f, 'utf8')),
      'export const n = Object.keys(o).length;',
      "export function setup(app) { app.keys = ['k1']; }",
      "router.post('/a', h);",
      'const s = sessionStorage.getItem(k);',
      'export const sum = (a, b) => a + b;',
    ];
    let neither = 0;
    for (const text of texts) {
      const got = prefilter(text);
      expect(got).toEqual({ analyze: mayHoldSessionCode(text), facts: mayHoldAppFacts(text) });
      if (!got.analyze && !got.facts) neither++;
    }
    expect(neither).toBeGreaterThan(0);
  });
});
