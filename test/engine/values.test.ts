// The engine on its own: sites found through every import form, and what each option can be in
// the production and the development world, through singleFileAnalyzer and the installed TypeScript.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { TSModule } from '../../src/analysis/host.js';
import { type FileModel, singleFileAnalyzer } from '../../src/analysis/index.js';
import type { OptionValue } from '../../src/analysis/sites.js';
import { classifyStore } from '../../src/analysis/stores.js';
import type { Value, World } from '../../src/analysis/values.js';

function analyze(text: string, fileName = 'app.js'): FileModel {
  const { analyzer, sourceFile } = singleFileAnalyzer(ts as unknown as TSModule, fileName, text);
  return analyzer.analyze(sourceFile);
}

/** A possibility, readably: `true`, `"dev" (fallback of S)`, `env S`, `missing`, `unknown`, `new connect-redis()`. */
function show(v: Value): string {
  const fallback = v.fallbackOf ? ` (fallback of ${v.fallbackOf})` : '';
  switch (v.kind) {
    case 'literal':
      return `${v.value === undefined ? 'undefined' : JSON.stringify(v.value)}${fallback}`;
    case 'env':
      return `env ${v.name ?? '?'}`;
    case 'array':
      return `[${v.elements.map((e) => e.map(show).join(' | ')).join(', ')}${v.open ? ', ...' : ''}]${fallback}`;
    case 'instance':
      return `${v.constructed ? 'new ' : ''}${[v.of.module, ...v.of.path].join('.')}()`;
    case 'module':
      return `module ${[v.module, ...v.path].join('.')}`;
    default:
      return v.kind; // object, function, missing, unknown
  }
}

const showOption = (ov: OptionValue) => (ov.missingPath ? 'missing' : show(ov.value));

/** `import session from 'express-session'`, the prelude, then `app.use(session(<options>))`. */
function program(options: string, prelude = ''): string {
  return `import session from 'express-session';\n${prelude}\napp.use(session(${options}));\n`;
}

function option(text: string, path: string, world: World, fileName = 'app.js'): string[] {
  const model = analyze(text, fileName);
  expect(model.sites).toHaveLength(1);
  return model.sites[0]!.view(world).option(path).map(showOption);
}

describe('site discovery', () => {
  const cases: [string, string, number][] = [
    ['import session from', "import session from 'express-session';\napp.use(session({}));", 1],
    ['import * as s (called, and .default)', "import * as s from 'express-session';\napp.use(s({}));\napp.use(s.default({}));", 2],
    ['import { default as s }', "import { default as s } from 'express-session';\nconst m = s({});", 1],
    ['const session = require(...)', "const session = require('express-session');\nrouter.use(session({}));", 1],
    ['inline require', "app.use(require('express-session')({}));", 1],
    ['re-bound name', "const session = require('express-session');\nconst s = session;\nconst t = s;\nt({});", 1],
    ['inside a function, outside app.use', "import session from 'express-session';\nexport function make() {\n  return session({});\n}", 1],
    ['a local function named session', "function session(o) { return o; }\napp.use(session({}));", 0],
    ['a parameter named session', 'export function make(session) {\n  return session({});\n}', 0],
    ['a helper from another file', "import session from './session.js';\napp.use(session({}));", 0],
    ["another package's export", "import { session } from 'telegraf';\nbot.use(session({}));", 0],
    ['the library module itself, not called', "import session from 'express-session';\nconst Store = session.Store;\nnew session.MemoryStore();", 0],
  ];
  it.each(cases)('%s', (_title, text, count) => {
    expect(analyze(text).sites).toHaveLength(count);
  });

  it('records the call and the options argument', () => {
    const text = "import session from 'express-session';\napp.use(session({ secret: 's' }));\n";
    const [site] = analyze(text).sites;
    expect(site!.library.id).toBe('express-session');
    expect(site!.call.getText()).toBe("session({ secret: 's' })");
    expect(site!.optionsNode?.getText()).toBe("{ secret: 's' }");
  });

  it('a file without session code has an empty model', () => {
    const model = analyze("import express from 'express';\nexpress().listen(3000);\n");
    expect(model.sites).toEqual([]);
    expect(model.lifecycleCalls).toEqual([]);
  });
});

describe('option values per world', () => {
  // [title, program, option path, production, development]
  const cases: [string, string, string, string[], string[]][] = [
    ['NODE_ENV equality', program("{ cookie: { secure: process.env.NODE_ENV === 'production' } }"), 'cookie.secure', ['true'], ['false']],
    ['NODE_ENV inequality, inverted', program("{ cookie: { secure: process.env.NODE_ENV !== 'production' } }"), 'cookie.secure', ['false'], ['true']],
    // Outside production NODE_ENV is anything but 'production': 'test' is possible.
    ["NODE_ENV !== 'development'", program("{ cookie: { secure: process.env.NODE_ENV !== 'development' } }"), 'cookie.secure', ['true'], ['unknown']],
    ["app.get('env')", program("{ cookie: { secure: app.get('env') === 'production' } }"), 'cookie.secure', ['true'], ['false']],
    ['const isProd', program('{ cookie: { secure: isProd } }', "const isProd = process.env.NODE_ENV === 'production';"), 'cookie.secure', ['true'], ['false']],
    [
      'NODE_ENV with a default',
      program("{ cookie: { secure: env === 'production' } }", "const env = process.env.NODE_ENV || 'development';"),
      'cookie.secure',
      ['true'],
      ['false'],
    ],
    [
      "the express-session README: sess.cookie.secure = true under app.get('env')",
      program('sess', "var sess = { secret: 'keyboard cat', cookie: {} };\nif (app.get('env') === 'production') {\n  app.set('trust proxy', 1);\n  sess.cookie.secure = true;\n}"),
      'cookie.secure',
      ['true'],
      ['missing'],
    ],
    ['a write that may run adds a possibility', program('sess', 'const sess = { cookie: { secure: false } };\nif (flags.tls) sess.cookie.secure = true;'), 'cookie.secure', ['false', 'true'], ['false', 'true']],
    ['cookie options as a function', program('{ cookie: (req) => ({ secure: false }) }'), 'cookie.secure', ['false'], ['false']],
    ['a missing cookie object', program('{}'), 'cookie.secure', ['missing'], ['missing']],
    ['no options at all', program(''), 'cookie.secure', ['missing'], ['missing']],
    ['explicit undefined counts as missing', program('{ cookie: { secure: undefined } }'), 'cookie.secure', ['missing'], ['missing']],

    ['env read with || fallback', program("{ secret: process.env.S || 'dev' }"), 'secret', ['env S', '"dev" (fallback of S)'], ['env S', '"dev" (fallback of S)']],
    ['env read with ?? fallback', program("{ secret: process.env.S ?? 'dev' }"), 'secret', ['env S', '"dev" (fallback of S)'], ['env S', '"dev" (fallback of S)']],
    ['env read with a ternary fallback', program("{ secret: process.env.S ? process.env.S : 'dev' }"), 'secret', ['env S', '"dev" (fallback of S)'], ['env S', '"dev" (fallback of S)']],
    ["process.env['S']", program("{ secret: process.env['S'] || 'dev' }"), 'secret', ['env S', '"dev" (fallback of S)'], ['env S', '"dev" (fallback of S)']],
    ['process.env[computed]', program('{ secret: process.env[name] }', 'const name = pick();'), 'secret', ['env ?'], ['env ?']],
    ['destructured with a default', program('{ secret: S }', "const { S = 'dev' } = process.env;"), 'secret', ['env S', '"dev" (fallback of S)'], ['env S', '"dev" (fallback of S)']],
    ['destructured without a default', program('{ secret: SESSION_SECRET }', 'const { SESSION_SECRET } = process.env;'), 'secret', ['env SESSION_SECRET'], ['env SESSION_SECRET']],
    [
      'a production-conditional secret',
      program("{ secret: process.env.NODE_ENV === 'production' ? process.env.S : 'dev' }"),
      'secret',
      ['env S'],
      ['"dev"'],
    ],
    ['a template without substitutions', program('{ secret: `keyboard cat` }'), 'secret', ['"keyboard cat"'], ['"keyboard cat"']],
    ['a template of constants', program('{ secret: `${APP}-${VERSION}` }', "const APP = 'shop';\nconst VERSION = 2;"), 'secret', ['"shop-2"'], ['"shop-2"']],
    ['a template that reads the environment', program('{ secret: `v1:${process.env.S}` }'), 'secret', ['unknown'], ['unknown']],
    ['an array', program("{ secret: ['new', process.env.OLD] }"), 'secret', ['["new", env OLD]'], ['["new", env OLD]']],
    ['an array spread from a constant', program("{ secret: [...OLD, 'new'] }", "const OLD = ['a', 'b'];"), 'secret', ['["a", "b", "new"]'], ['["a", "b", "new"]']],
    ['a constant', program('{ secret: SECRET }', "const SECRET = 'keyboard cat';"), 'secret', ['"keyboard cat"'], ['"keyboard cat"']],
    ['a shorthand property', program('{ secret }', "const secret = 'keyboard cat';"), 'secret', ['"keyboard cat"'], ['"keyboard cat"']],
    [
      'let reassigned under a production check before use',
      program('{ secret }', "let secret = 'dev';\nif (process.env.NODE_ENV === 'production') {\n  secret = process.env.S;\n}"),
      'secret',
      ['env S'],
      ['"dev"'],
    ],
    ['let reassigned after use', program('{ secret }', "let secret = 'dev';\nsetTimeout(() => { secret = process.env.S; });"), 'secret', ['"dev"', 'env S'], ['"dev"', 'env S']],
    [
      'a factory with an early production return',
      program('{ secret: secret() }', "function secret() {\n  if (process.env.NODE_ENV === 'production') return process.env.S;\n  return 'dev';\n}"),
      'secret',
      ['env S'],
      ['"dev"'],
    ],
    [
      'let options replaced in production by a spread of themselves',
      program('opts', "let opts = { cookie: { secure: false } };\nif (process.env.NODE_ENV === 'production') opts = { ...opts, cookie: { secure: true } };"),
      'cookie.secure',
      ['true'],
      ['false'],
    ],
    ['a factory function returning the options', program('options()', "function options() {\n  return { secret: 'keyboard cat' };\n}"), 'secret', ['"keyboard cat"'], ['"keyboard cat"']],
    ['object spread', program('{ ...base, resave: false }', "const base = { secret: 'keyboard cat' };"), 'secret', ['"keyboard cat"'], ['"keyboard cat"']],
    ['a later inline property overrides a spread', program("{ ...base, secret: 'b' }", "const base = { secret: 'a' };"), 'secret', ['"b"'], ['"b"']],
    ['an unknown spread after a property may replace it', program('{ cookie: { secure: false, ...overrides } }', "import overrides from './overrides.js';"), 'cookie.secure', ['false', 'unknown'], ['false', 'unknown']],
    ['an unknown spread before a property does not', program('{ cookie: { ...overrides, secure: false } }', "import overrides from './overrides.js';"), 'cookie.secure', ['false'], ['false']],
    ['a conditional spread', program('{ ...(isProd ? { cookie: { secure: true } } : {}) }', "const isProd = process.env.NODE_ENV === 'production';"), 'cookie.secure', ['true'], ['missing']],
    ['Object.assign', program("Object.assign({}, { secret: 'a', cookie: { secure: false } }, { cookie: { secure: true } })"), 'cookie.secure', ['true'], ['true']],
    ['Object.assign onto the options after creation', program('opts', "const opts = { cookie: { secure: false } };\nObject.assign(opts.cookie, { secure: true });"), 'cookie.secure', ['true'], ['true']],
    ['Object.assign of an unknown source onto the options', program('opts', "import more from './more.js';\nconst opts = { cookie: { secure: false } };\nObject.assign(opts.cookie, more);"), 'cookie.secure', ['false', 'unknown'], ['false', 'unknown']],

    ['a parameter is unknown', 'import session from "express-session";\nexport const make = (secret) => session({ secret });\n', 'secret', ['unknown'], ['unknown']],
    ['a call result is unknown', program('{ secret: vault.read("session") }'), 'secret', ['unknown'], ['unknown']],
    ['an import from another file is unknown', program('{ secret: config.secret }', "import { config } from './config.js';"), 'secret', ['unknown'], ['unknown']],
    ['options from another file are unknown', program('config', "import config from './config.js';"), 'secret', ['unknown'], ['unknown']],
  ];
  it.each(cases)('%s', (_title, text, path, production, development) => {
    expect(option(text, path, 'production')).toEqual(production);
    expect(option(text, path, 'development')).toEqual(development);
  });

  it('sees through TypeScript wrappers: as, satisfies, !, <T>, parentheses', () => {
    const text = program(
      "({ secret: ('keyboard cat' as string)!, cookie: { secure: <boolean>false, httpOnly: (process.env.H as string)! } satisfies CookieOptions }) as SessionOptions",
      "import type { CookieOptions, SessionOptions } from 'express-session';",
    );
    expect(option(text, 'secret', 'production', 'app.ts')).toEqual(['"keyboard cat"']);
    expect(option(text, 'cookie.secure', 'production', 'app.ts')).toEqual(['false']);
    expect(option(text, 'cookie.httpOnly', 'production', 'app.ts')).toEqual(['env H']);
  });

  it('a declared constant is unknown (TypeScript)', () => {
    expect(option(program('{ secret: SECRET }', 'declare const SECRET: string;'), 'secret', 'production', 'app.ts')).toEqual(['unknown']);
  });

  it('remembers where a value was written', () => {
    const text = program('{ secret: SECRET }', "const SECRET = 'keyboard cat';");
    const [ov] = analyze(text).sites[0]!.view('production').option('secret');
    expect(ov!.value.node.getText()).toBe("'keyboard cat'");
    expect(ov!.site?.getText()).toBe('secret: SECRET');
  });
});

describe('reachability of a site per world', () => {
  const cases: [string, string, boolean | 'unknown', boolean | 'unknown'][] = [
    ['top level', program('{}'), true, true],
    ['only outside production', "import session from 'express-session';\nif (process.env.NODE_ENV !== 'production') app.use(session({}));\n", false, true],
    ['only in production', "import session from 'express-session';\nif (app.get('env') === 'production') app.use(session({}));\n", true, false],
    ['the else branch', "import session from 'express-session';\nconst isProd = process.env.NODE_ENV === 'production';\nif (isProd) {\n  start();\n} else {\n  app.use(session({}));\n}\n", false, true],
    ['&&', "import session from 'express-session';\nprocess.env.NODE_ENV === 'development' && app.use(session({}));\n", false, 'unknown'],
    ['a flag from the environment', "import session from 'express-session';\nif (process.env.USE_SESSIONS) app.use(session({}));\n", 'unknown', 'unknown'],
    ['inside a callback (it runs when called)', "import session from 'express-session';\nboot(() => app.use(session({})));\n", true, true],
    [
      'a switch case that does not match and cannot be fallen into',
      "import session from 'express-session';\nswitch (process.env.NODE_ENV) {\n  case 'development':\n  case 'test':\n    app.use(session({}));\n    break;\n  default:\n    start();\n}\n",
      false,
      'unknown',
    ],
    [
      'a switch case reached by fall-through',
      "import session from 'express-session';\nswitch (process.env.NODE_ENV) {\n  case 'production':\n    warm();\n  case 'development':\n    app.use(session({}));\n}\n",
      'unknown',
      'unknown',
    ],
    ['the matching switch case', "import session from 'express-session';\nswitch (process.env.NODE_ENV) {\n  case 'production':\n    app.use(session({}));\n    break;\n}\n", true, false],
  ];
  it.each(cases)('%s', (_title, text, production, development) => {
    const [site] = analyze(text).sites;
    expect(site!.view('production').reachable).toBe(production);
    expect(site!.view('development').reachable).toBe(development);
  });
});

describe('stores', () => {
  const store = (prelude: string, value: string, world: World = 'production') => {
    const [site] = analyze(program(`{ store: ${value} }`, prelude)).sites;
    return site!.view(world).option('store').map((ov) => classifyStore(ov, site!.library));
  };
  it.each([
    ['new session.MemoryStore()', '', 'new session.MemoryStore()', ['memory']],
    ['a named MemoryStore import', "import { MemoryStore } from 'express-session';", 'new MemoryStore()', ['memory']],
    ['undefined', '', 'undefined', ['memory']],
    ['connect-redis', "import RedisStore from 'connect-redis';", 'new RedisStore({ client })', ['persistent']],
    ['connect-pg-simple(session)', "const PgStore = require('connect-pg-simple')(session);", 'new PgStore({ pool })', ['persistent']],
    ["express-rate-limit's MemoryStore", "import { MemoryStore } from 'express-rate-limit';", 'new MemoryStore()', ['unknown']],
    ['a store from a factory call', "import MongoStore from 'connect-mongo';", 'MongoStore.create({ mongoUrl })', ['unknown']],
    ['a production-conditional store', "import RedisStore from 'connect-redis';\nconst isProd = process.env.NODE_ENV === 'production';", 'isProd ? new RedisStore({ client }) : new session.MemoryStore()', ['persistent']],
  ] as const)('%s', (_title, prelude, value, expected) => {
    expect(store(prelude, value)).toEqual(expected);
  });

  it('memorystore (an LRU store that prunes) is not the leaking default', () => {
    const prelude = "import createMemoryStore from 'memorystore';\nconst MemoryStore = createMemoryStore(session);";
    expect(store(prelude, 'new MemoryStore({ checkPeriod: 86400000 })')).not.toContain('memory');
  });

  it('a production-conditional store is the memory store outside production', () => {
    expect(store("import RedisStore from 'connect-redis';", "process.env.NODE_ENV === 'production' ? new RedisStore({ client }) : new session.MemoryStore()", 'development')).toEqual(['memory']);
  });
});

describe('lifecycle calls', () => {
  const handling = (body: string, fileName = 'app.js') => analyze(body, fileName).lifecycleCalls.map((c) => `${c.method}: ${c.handling}`);

  it('classifies how the error is handled', () => {
    const text = [
      "app.post('/a', (req, res, next) => {",
      '  req.session.destroy();',
      '  req.session.destroy(next);',
      '  req.session.save(() => res.end());',
      '  req.session.save((err) => res.end());',
      '  req.session.regenerate((err) => { if (err) return next(err); });',
      '  req.session.reload(onReload);',
      '});',
      "app.post('/b', async (req, res) => {",
      '  await req.session.save();',
      '  return req.session.reload();',
      '});',
      '',
    ].join('\n');
    expect(handling(text)).toEqual([
      'destroy: no-callback',
      'destroy: handled',
      'save: error-ignored',
      'save: error-ignored',
      'regenerate: handled',
      'reload: handled',
      'save: promise',
      'reload: promise',
    ]);
  });

  it('finds the handler whose first parameter is the request', () => {
    const text = "app.post('/a', (req, res) => {\n  return new Promise((resolve, reject) => req.session.save(() => resolve()));\n});\n";
    const [call] = analyze(text).lifecycleCalls;
    expect(call!.handler?.getText()).toMatch(/^\(req, res\) =>/);
  });

  it('is not fooled by an object written in the file', () => {
    expect(handling('const cache = { session: { destroy() {} } };\ncache.session.destroy();\n')).toEqual([]);
  });

  it('skips files that use a promise-based session library', () => {
    expect(handling("import { getIronSession } from 'iron-session';\nreq.session.destroy();\n")).toEqual([]);
  });
});
