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
import { CSRF_MODULES, LIBRARIES, PREFILTER_WORDS, anyWord, mayHoldSessionCode } from '../../src/analysis/libraries.js';
import { ANY_PREFILTER, prefilter } from '../../src/analysis/prefilter.js';
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

describe('anyWord (one expression for many words, factored by their beginnings)', () => {
  /** The answer word by word: a word ending in `'` occurs followed by a quote or a slash. */
  function naive(words: readonly string[], text: string): boolean {
    return words.some((w) => {
      if (!w.endsWith("'")) return text.includes(w);
      const stem = w.slice(0, -1);
      for (let i = text.indexOf(stem); i !== -1; i = text.indexOf(stem, i + 1)) if (`'"\`/`.includes(text[i + stem.length] ?? 'x')) return true;
      return false;
    });
  }

  it('factors shared beginnings and reads a trailing quote as a lookahead', () => {
    expect(anyWord(['cookie', 'cors', 'csrf', 'csurf', "h3'", 'h3-nightly']).source).toBe('c(?:o(?:okie|rs)|s(?:rf|urf))|h3(?:(?=[\'"`/])|-nightly)');
    // A word that another one contains covers it; a quote inside a word is a quote.
    expect(anyWord(['session', 'express-session', "express')("]).source).toBe("session|express'\\)\\(");
  });

  it('matches exactly the texts where some word occurs (the prefilter words, on texts made of their pieces)', () => {
    const words = [...new Set(['session', ...PREFILTER_WORDS, '.keys', '.post', '.del', 'proxy', 'express(', "express')("])];
    const re = anyWord(words);
    const pieces = words.flatMap((w) => [w, w.slice(0, -1), w.slice(1), w.slice(0, 2)]).concat(["'", '"', '`', '/', ' ', '<h3>', 'x']);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let j = 0; j <= i % 5; j++) text += pieces[Math.floor(next() * pieces.length)];
      const expected = naive(words, text);
      if (expected) matched++;
      expect(re.test(text), text).toBe(expected);
    }
    // Both answers come up often (the test can fail either way).
    expect(matched).toBeGreaterThan(2_000);
    expect(matched).toBeLessThan(18_000);
    expect(ANY_PREFILTER.test("import { H3 } from 'h3';")).toBe(true);
  });
});
