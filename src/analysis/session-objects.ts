/**
 * Session objects handed out by a library call, written through methods or properties instead of
 * `req.session` (the libraries table's `sessionObjects`):
 *
 * - React Router / Remix: `const session = await getSession(request.headers.get('Cookie'))`, where
 *   `getSession` is a method of a storage (`createCookieSessionStorage(...)`, `createSessionStorage(...)`, ...),
 *   called on it, destructured from it, or imported from the module that does either (through the checker);
 * - iron-session: `const session = await getIronSession(cookies(), options)`;
 * - h3: `const session = await useSession(event, options)`.
 *
 * A local function whose returns are such calls is a getter too (`getSession(request)` that returns
 * `storage.getSession(request.headers.get('Cookie'))`), one level deep. The getter is found by the evaluator
 * (imports, re-exports, destructuring), never by its name alone: an unknown `getSession` is no session.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import { LIBRARIES, type LibraryInfo, type SessionObjectShape } from './libraries.js';
import { declarationOf } from './session-refs.js';
import { skipWrappers } from './syntax.js';
import type { SessionSite } from './sites.js';
import type { Value } from './values.js';
import { walk } from './walk.js';

/** Where a session object came from: the library, its shape, and the call that made it. */
export interface SessionStore {
  readonly library: LibraryInfo;
  readonly shape: SessionObjectShape;
  /** The module the getter (or its storage factory) was loaded from. */
  readonly module: string;
  /** The call that handed out the session (`getSession(...)`), in the file that uses it; or the callback the library calls with it. */
  readonly origin: TS.Node;
  /** The getter was called without the request's cookie: a new session, with no ID until it is committed. */
  readonly fresh: boolean;
  /** The data lives in the cookie (no server-side ID to fixate; the browser holds the data). */
  readonly clientSide: boolean;
  /** The cookie is encrypted, so the browser cannot read what it holds. */
  readonly encrypted: boolean;
  /** What made the session, for messages: "react-router's `createFileSessionStorage`", "iron-session's `getIronSession`". */
  readonly label: string;
}

const SHAPES = LIBRARIES.flatMap((library) => (library.sessionObjects ?? []).map((shape) => ({ library, shape })));

/** The library session `e` names: a `const` (or never reassigned variable) bound to a getter's result. */
export function librarySessionOf(e: TS.Expression, ts: TSModule, checker: TS.TypeChecker, ev: Evaluator | undefined, autoImported: readonly WriteCallShape[] = []): SessionStore | undefined {
  if (!ev || SHAPES.length === 0) return undefined;
  const id = skipWrappers(e, ts);
  if (!ts.isIdentifier(id)) return undefined;
  const decl = declarationOf(id, ts, checker);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name) || !decl.initializer) return undefined;
  const list = decl.parent;
  if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return undefined;
  const init = unwrap(decl.initializer, ts);
  return ts.isCallExpression(init) ? getterCallOf(init, ts, ev, 1, autoImported) : undefined;
}

function unwrap(e: TS.Expression, ts: TSModule): TS.Expression {
  let v = skipWrappers(e, ts);
  while (ts.isAwaitExpression(v)) v = skipWrappers(v.expression, ts);
  return v;
}

/** What session a call hands out, when it is a library's getter (or a local function returning one). */
function getterCallOf(call: TS.CallExpression, ts: TSModule, ev: Evaluator, depth: number, autoImported: readonly WriteCallShape[]): SessionStore | undefined {
  // A getter the framework provides without an import (h3's `useSession` in a Nuxt `server/` file): the name, unbound in the file.
  const callee = call.expression;
  if (autoImported.length > 0 && ts.isIdentifier(callee)) {
    const auto = autoImported.find(({ shape }) => shape.getter === callee.text && !shape.of);
    if (auto && unbound(callee, ev.checkerOf(callee))) return store(auto.library, auto.shape, auto.library.modules[0]!, call, fresh(call, auto.shape, ts));
  }
  for (const v of ev.evaluate(callee)) {
    const found = shapeOf(v);
    if (found) return store(found.library, found.shape, found.module, call, fresh(call, found.shape, ts));
    if (v.kind === 'function' && depth > 0) {
      const inner = returnedGetter(v.decl, ts, ev, depth - 1, autoImported);
      // A wrapper passes on what its caller gives: a new session only when the inner call is one.
      if (inner) return { ...inner, origin: call };
    }
  }
  return undefined;
}

/** A name the file does not declare (or declares only in type declarations): provided by the framework. */
export function unbound(id: TS.Identifier, checker: TS.TypeChecker): boolean {
  let sym: TS.Symbol | undefined;
  try {
    sym = checker.getSymbolAtLocation(id);
  } catch {
    return false;
  }
  return (sym?.declarations ?? []).every((d) => d.getSourceFile().isDeclarationFile);
}

function store(library: LibraryInfo, shape: SessionObjectShape, module: string, origin: TS.Node, isFresh: boolean, encrypted = shape.storage === 'sealed-cookie'): SessionStore {
  const made = shape.callback ? shape.callback.option : shape.of ? shape.of.join('.') : shape.getter;
  const label = `${module}'s \`${made}\``;
  return { library, shape, module, origin, fresh: isFresh, clientSide: shape.storage !== 'server', encrypted, label };
}

/** A getter export of a module, or a getter method of what a storage factory made. */
function shapeOf(v: Value): { library: LibraryInfo; shape: SessionObjectShape; module: string } | undefined {
  if (v.kind === 'module') {
    const hit = SHAPES.find(({ library, shape }) => !shape.of && library.modules.includes(v.module) && v.path.length === 1 && v.path[0] === shape.getter);
    return hit && { ...hit, module: v.module };
  }
  if (v.kind === 'unknown' && v.member && !v.member.of.constructed) {
    const made = v.member.of.of;
    const name = v.member.name;
    const hit = SHAPES.find(({ library, shape }) => shape.of && shape.getter === name && library.modules.includes(made.module) && samePath(shape.of, made.path));
    return hit && { ...hit, module: made.module };
  }
  return undefined;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** Called without the cookie argument, or with null/undefined there. */
function fresh(call: TS.CallExpression, shape: SessionObjectShape, ts: TSModule): boolean {
  if (shape.cookieArg === undefined) return false;
  const arg = call.arguments[shape.cookieArg];
  if (!arg) return true;
  const a = skipWrappers(arg, ts);
  return a.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(a) && a.text === 'undefined');
}

/** The getter a function returns on every return (an arrow's expression body, or its `return` statements). */
function returnedGetter(fn: TS.SignatureDeclaration, ts: TSModule, ev: Evaluator, depth: number, autoImported: readonly WriteCallShape[]): SessionStore | undefined {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (!body) return undefined;
  const returns: TS.Expression[] = [];
  if (!ts.isBlock(body)) returns.push(body as TS.Expression);
  else {
    let bare = false;
    walk(ts, body, (n) => {
      if (ts.isFunctionLike(n)) return false;
      if (ts.isReturnStatement(n)) {
        if (n.expression) returns.push(n.expression);
        else bare = true;
      }
      return true;
    });
    if (bare) return undefined;
  }
  let found: SessionStore | undefined;
  for (const r of returns) {
    const e = unwrap(r, ts);
    const s = ts.isCallExpression(e) ? getterCallOf(e, ts, ev, depth, autoImported) : undefined;
    if (!s || (found && (found.shape !== s.shape || found.fresh !== s.fresh))) return undefined;
    found = s;
  }
  return found;
}

/** A callback the library calls with the session data (Auth.js `callbacks.jwt({ token })`), with the name bound to it. */
export interface CallbackSession {
  readonly fn: TS.SignatureDeclaration;
  /**
   * `token` in `jwt({ token, user })`: the binding the callback's writes go through; or, for a first parameter that is
   * not destructured (`jwt(params)`), that parameter, whose property `property` holds the data (`params.token.x = …`).
   */
  readonly binding: TS.BindingElement | TS.ParameterDeclaration;
  readonly property?: string;
  readonly store: SessionStore;
}

/**
 * The session callbacks of the file's sites (`sessionObjects` with a `callback`), written in this file: the function
 * the option holds (an inline method, an arrow, a function of the file the option names), its first parameter
 * destructured with the data's property (`{ token }`), or a plain parameter whose property holds it (`params.token`).
 * One entry per function, however many sites share it.
 */
export function callbackSessions(sf: TS.SourceFile, sites: readonly SessionSite[], ts: TSModule): CallbackSession[] {
  const out: CallbackSession[] = [];
  for (const site of sites) {
    for (const shape of site.library.sessionObjects ?? []) {
      if (!shape.callback) continue;
      const view = site.view('production');
      // A custom encoder decides what the stored data looks like: whether the browser can read it is not known.
      const custom = (shape.storedBy ?? []).some((o) => view.option(o).some((v) => v.value.kind !== 'missing'));
      for (const { value } of view.option(shape.callback.option)) {
        if (value.kind !== 'function' || value.decl.getSourceFile() !== sf || out.some((c) => c.fn === value.decl)) continue;
        const first = value.decl.parameters[0];
        if (!first) continue;
        const module = site.library.modules[0]!;
        const made = () => store(site.library, shape, module, value.decl, false, custom || shape.storage === 'sealed-cookie');
        // `jwt(params) { params.token.x = … }`: the data is a property of the parameter.
        if (ts.isIdentifier(first.name) && !first.dotDotDotToken) {
          out.push({ fn: value.decl, binding: first, property: shape.callback.param, store: made() });
          continue;
        }
        if (!ts.isObjectBindingPattern(first.name)) continue;
        const binding = first.name.elements.find((el) => {
          const key = el.propertyName ?? el.name;
          return !el.dotDotDotToken && ts.isIdentifier(el.name) && (ts.isIdentifier(key) || ts.isStringLiteral(key)) && key.text === shape.callback!.param;
        });
        if (!binding) continue;
        out.push({ fn: value.decl, binding, store: made() });
      }
    }
  }
  return out;
}

/** The objects a function returns as written: an arrow's object body, the object literals of its `return`s (not in nested functions). */
export function returnedObjects(fn: TS.SignatureDeclaration, ts: TSModule): TS.ObjectLiteralExpression[] {
  const body = (fn as TS.FunctionLikeDeclaration).body;
  if (!body) return [];
  const exprs: TS.Expression[] = [];
  if (!ts.isBlock(body)) exprs.push(body as TS.Expression);
  else {
    walk(ts, body, (n) => {
      if (ts.isFunctionLike(n)) return false;
      if (ts.isReturnStatement(n) && n.expression) exprs.push(n.expression);
      return true;
    });
  }
  return exprs.map((e) => unwrap(e, ts)).filter((e): e is TS.ObjectLiteralExpression => ts.isObjectLiteralExpression(e));
}

/** A write call (`writeCall`) or a module getter of a library's session, as the libraries table lists it. */
export interface WriteCallShape {
  readonly library: LibraryInfo;
  readonly shape: SessionObjectShape;
}

/**
 * The write calls and getters the file may call without an import: its name matches the `autoImportedBy.files` of the
 * write call (else of its library) and the app depends on one of the packages (nuxt-auth-utils' `setUserSession`,
 * h3's `updateSession` and `useSession` in a Nuxt `server/` file).
 */
export function writeCallsOf(sf: TS.SourceFile, dependsOn: (pkg: string) => boolean): WriteCallShape[] {
  return SHAPES.filter(({ library, shape }) => {
    const auto = shape.writeCall ? (shape.writeCall.autoImportedBy ?? library.autoImportedBy) : shape.getter && !shape.of ? library.autoImportedBy : undefined;
    return auto !== undefined && auto.files.test(sf.fileName) && auto.packages.some(dependsOn);
  });
}

/** Every write call of the table, by name (`updateSession` imported from h3 is one wherever it is called). */
export const WRITE_CALLS: readonly WriteCallShape[] = SHAPES.filter(({ shape }) => shape.writeCall);

/** The store of a write call's key: its private keys live where `privateKeys` says (and are not where `lands` says). */
export function writeCallStore(w: WriteCallShape, call: TS.CallExpression, key: string): SessionStore {
  const priv = w.shape.privateKeys;
  const shape: SessionObjectShape = priv?.keys.includes(key) ? { ...w.shape, storage: priv.storage, lands: undefined } : w.shape;
  const module = w.shape.writeCall!.autoImportedBy?.packages[0] ?? w.library.modules[0]!;
  return { ...store(w.library, shape, module, call, false), label: `${module}'s \`${(call.expression as TS.Identifier).text}\`` };
}
