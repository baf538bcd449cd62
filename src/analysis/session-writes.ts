/**
 * Session writes: `req.session.user = ...`, `ctx.session.token = ...`,
 * `Object.assign(req.session, {...})`, and what surrounds them in the request
 * handler (was the session regenerated first? does the handler already read the
 * identity, i.e. is the user logged in already?).
 *
 * Also the writes into a session object a library handed out (session-objects.ts), in the forms its
 * `sessionObjects` entry lists: `session.user = ...` (iron-session), `session.set('userId', id)` and
 * `session.unset('userId')` (React Router), `session.update({ user })` (h3). Such a write carries its
 * `store`: where the session lives, which the rules read instead of the file's session libraries.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { IDENTITY_KEYS, LIBRARIES } from './libraries.js';
import type { Evaluator } from './evaluate.js';
import { type CallbackSession, type SessionStore, type WriteCallShape, WRITE_CALLS, librarySessionOf, returnedObjects, unbound, writeCallStore } from './session-objects.js';
import { type SessionRef, type SessionRefKind, declarationOf, sessionRefOf } from './session-refs.js';
import { skipWrappers, symbolAt } from './syntax.js';
import { walk } from './walk.js';
import { type ValuePart, valueParts } from './written-values.js';

/**
 * What a written value holds: `clear` (null, undefined, `void x`, false: nothing, as a
 * logout writes), `flag` (true, a number: a flag or a count), `data` (anything else).
 */
export type WrittenValueKind = 'clear' | 'flag' | 'data';

export interface SessionWrite {
  /** The assignment, or the property inside an `Object.assign(req.session, {...})` source. */
  readonly node: TS.Node;
  /** The session expression written to: `req.session`, or a local name for it (see `via`). */
  readonly session: TS.Expression;
  /** How the code reaches the session: `req.session` itself, a local alias, or a helper's parameter (session-refs.ts). */
  readonly via: SessionRefKind;
  /** The request the session hangs off (`req`), when the code shows it. */
  readonly request: TS.Expression | undefined;
  /** First-level key written (`user` in `req.session.user.id = ...`). */
  readonly key: string;
  /** Keys below the first (`['id']` in `req.session.user.id = ...`). */
  readonly subPath: readonly string[];
  /** The value written (undefined for a `delete`). */
  readonly value: TS.Expression | undefined;
  /** The function that receives the request object (`req`/`ctx`), when found. */
  readonly handler: TS.SignatureDeclaration | undefined;
  /** The place written, where a finding about the write is reported (`req.session.user`, or `user` in `Object.assign`). */
  readonly target: TS.Node;
  /** Its text on one line. */
  readonly targetText: string;
  /** What the value holds (undefined for a `delete`). */
  readonly valueKind: WrittenValueKind | undefined;
  /** The property name the value is read from: `password` in `req.body.password`, `body['password']` or `password`. */
  readonly source: string | undefined;
  /** Names inside the value, each with how it is there (written-values.ts; on first read). */
  readonly parts: readonly ValuePart[];
  /** For a write into a library's session object (`via: 'library'`): where that session lives and how it was obtained. */
  readonly store?: SessionStore;
}

/** `ev` (the production evaluator) finds sessions that library calls hand out and the keys they are written under; without it, only `req.session`. */
export function findSessionWrites(
  sf: TS.SourceFile,
  ts: TSModule,
  checker: TS.TypeChecker,
  ev?: Evaluator,
  callbacks: readonly CallbackSession[] = [],
  /** The functions that write their argument into the session without an import here (nuxt-auth-utils' `setUserSession` in Nuxt server files). */
  writeCalls: readonly WriteCallShape[] = [],
  /** Methods of the request's session that write a key (@fastify/session `request.session.set('user', u)`), from the app's session libraries. */
  requestMethods: RequestSessionMethods = NO_REQUEST_METHODS,
): SessionWrite[] {
  const out: SessionWrite[] = [];
  const write = (node: TS.Node, target: TS.Node, ref: SessionRef, path: readonly string[], value: TS.Expression | undefined, text?: string): SessionWrite => {
    let parts: ValuePart[] | undefined;
    const w: SessionWrite = {
      node,
      session: ref.expression,
      via: ref.kind,
      request: ref.request,
      key: path[0]!,
      subPath: path.slice(1),
      value,
      handler: handlerOf(ref, node, ts, checker),
      target,
      targetText: text ?? target.getText(sf).replace(/\s+/g, ' '),
      valueKind: value && valueKind(value, ts),
      source: value && sourceName(value, ts),
      get parts() {
        return (parts ??= value ? valueParts(value, w.handler, ts, checker) : []);
      },
      ...(ref.store ? { store: ref.store } : {}),
    };
    return w;
  };
  const library = (e: TS.Expression): SessionRef | undefined => {
    const store = librarySessionOf(e, ts, checker, ev, writeCalls) ?? callbackOf(e, callbacks, ts, checker)?.store;
    return store && { kind: 'library', expression: e, request: undefined, store };
  };
  // What a session callback returns is the session: each key of a returned object literal is a write (`...token` is not).
  for (const cb of callbacks) {
    const ref: SessionRef = { kind: 'library', expression: cb.binding.name as TS.Identifier, request: undefined, store: cb.store };
    for (const obj of returnedObjects(cb.fn, ts)) {
      for (const p of obj.properties) {
        if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
          out.push(write(p, p, ref, [p.name.text], ts.isPropertyAssignment(p) ? p.initializer : p.name));
        }
      }
    }
  }
  const visit = (n: TS.Node): void => {
    if (requestMethods.set.size > 0 && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && requestMethods.set.has(n.expression.name.text) && n.arguments.length >= 2) {
      // `request.session.set('user', user)` (also through a local name or a helper's parameter): a write of that key.
      const ref = sessionRefOf(n.expression.expression, ts, checker);
      const key = ref && (ev ? keyOf(n.arguments[0]!, ev) : ts.isStringLiteralLike(n.arguments[0]!) ? n.arguments[0].text : undefined);
      if (ref && key !== undefined) {
        const shown = `${n.expression.getText(sf)}(${n.arguments[0]!.getText(sf).replace(/\s+/g, ' ')}, …)`;
        out.push(write(n, n, ref, [key], n.arguments[1], shown));
        return;
      }
    }
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && WRITE_CALL_NAMES.has(n.expression.text)) {
      // `setUserSession(event, { user, secure })` where the framework provides the function, `updateSession(event, config, { user })`
      // imported from h3: each key is a write.
      const callee = n.expression;
      const w = writeCallOf(callee, writeCalls, checker, ev);
      const data = w && n.arguments[w.shape.writeCall!.dataArg];
      const obj = data && skipWrappers(data, ts);
      if (w && obj && ts.isObjectLiteralExpression(obj)) {
        for (const p of obj.properties) {
          if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
            const store = writeCallStore(w, n, p.name.text);
            out.push(write(p, p, { kind: 'library', expression: n.expression, request: undefined, store }, [p.name.text], ts.isPropertyAssignment(p) ? p.initializer : p.name));
          }
        }
        return;
      }
    }
    if (ts.isBinaryExpression(n) && isAssignment(ts, n.operatorToken.kind)) {
      const target = sessionPath(n.left, ts, checker, library, (e) => callbackParamOf(e, callbacks, ts, checker));
      if (target) out.push(write(n, n.left, target.session, target.path, n.right));
    } else if (ev && ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && SESSION_METHOD_NAMES.has(n.expression.name.text) && ts.isIdentifier(skipWrappers(n.expression.expression, ts))) {
      // `session.set('userId', id)`, `session.unset('userId')`, `session.update({ user })` on a library's session object.
      const method = n.expression.name.text;
      const writes = library(n.expression.expression);
      const forms = writes?.store?.shape.writes;
      if (!writes || !forms) return;
      const shown = `${n.expression.getText(sf)}(${n.arguments[0] ? n.arguments[0].getText(sf).replace(/\s+/g, ' ') : ''}${n.arguments.length > 1 ? ', …' : ''})`;
      if (forms.set?.includes(method) || forms.unset?.includes(method)) {
        const key = n.arguments[0] && keyOf(n.arguments[0], ev);
        const value = forms.set?.includes(method) ? n.arguments[1] : undefined;
        if (key !== undefined && (value || forms.unset?.includes(method))) out.push(write(n, n, writes, [key], value, shown));
      } else if (forms.update?.includes(method) && n.arguments[0]) {
        const src = skipWrappers(n.arguments[0], ts);
        if (ts.isObjectLiteralExpression(src)) {
          for (const p of src.properties) {
            if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
              out.push(write(p, p, writes, [p.name.text], ts.isPropertyAssignment(p) ? p.initializer : p.name));
            }
          }
        }
      }
    } else if (ts.isCallExpression(n) && isObjectAssign(n.expression, ts) && n.arguments.length >= 2) {
      const target = sessionRefOf(n.arguments[0]!, ts, checker);
      if (target) {
        for (const src of n.arguments.slice(1)) {
          if (!ts.isObjectLiteralExpression(src)) continue;
          for (const p of src.properties) {
            if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) {
              out.push(write(p, p, target, [p.name.text], ts.isPropertyAssignment(p) ? p.initializer : p.name));
            }
          }
        }
      }
    }
  };
  walk(ts, sf, visit);
  return out;
}

/** Methods of a request's session that write (`set`) or read (`reads`) one key by name. */
export interface RequestSessionMethods {
  readonly set: ReadonlySet<string>;
  readonly reads: ReadonlySet<string>;
}

const NO_REQUEST_METHODS: RequestSessionMethods = { set: new Set(), reads: new Set() };

/** The request-session methods of the session libraries among `modules` (the libraries table's `requestSessionMethods`). */
export function requestSessionMethodsOf(modules: ReadonlySet<string>): RequestSessionMethods {
  const libs = LIBRARIES.filter((l) => l.requestSessionMethods && l.modules.some((m) => modules.has(m)));
  if (libs.length === 0) return NO_REQUEST_METHODS;
  return { set: new Set(libs.flatMap((l) => l.requestSessionMethods!.set)), reads: new Set(libs.flatMap((l) => l.requestSessionMethods!.reads)) };
}

const WRITE_CALL_NAMES: ReadonlySet<string> = new Set(WRITE_CALLS.flatMap((w) => w.shape.writeCall!.names));

/** The write call `callee` names: one the framework provides here without an import (unbound), or one imported from its library's module. */
function writeCallOf(callee: TS.Identifier, autoImported: readonly WriteCallShape[], checker: TS.TypeChecker, ev: Evaluator | undefined): WriteCallShape | undefined {
  const name = callee.text;
  const auto = autoImported.find((c) => c.shape.writeCall?.names.includes(name));
  if (auto && unbound(callee, checker)) return auto;
  if (!ev) return undefined;
  const values = ev.evaluate(callee);
  return WRITE_CALLS.find((c) => c.shape.writeCall!.names.includes(name) && values.some((v) => v.kind === 'module' && c.library.modules.includes(v.module) && v.path.length === 1 && v.path[0] === name));
}

/** The session callback whose data binding `e` names (`token` in `jwt({ token })`). */
function callbackOf(e: TS.Expression, callbacks: readonly CallbackSession[], ts: TSModule, checker: TS.TypeChecker): CallbackSession | undefined {
  if (callbacks.length === 0) return undefined;
  const id = skipWrappers(e, ts);
  if (!ts.isIdentifier(id)) return undefined;
  const decl = declarationOf(id, ts, checker);
  return decl ? callbacks.find((c) => c.binding === decl && c.property === undefined) : undefined;
}

/** The session callback whose plain first parameter `e` names (`params` in `jwt(params)`, whose `token` holds the data). */
function callbackParamOf(e: TS.Expression, callbacks: readonly CallbackSession[], ts: TSModule, checker: TS.TypeChecker): CallbackSession | undefined {
  if (callbacks.length === 0 || !ts.isIdentifier(e)) return undefined;
  const decl = declarationOf(e, ts, checker);
  return decl ? callbacks.find((c) => c.binding === decl && c.property !== undefined) : undefined;
}

/** Method names some library's session object writes through (a cheap test before the evaluator runs). */
const SESSION_METHOD_NAMES: ReadonlySet<string> = new Set(
  LIBRARIES.flatMap((l) => (l.sessionObjects ?? []).flatMap((o) => [...(o.writes.set ?? []), ...(o.writes.update ?? []), ...(o.writes.unset ?? [])])),
);

/** The key a `set(key, value)` writes: a string, also through a constant (`USER_SESSION_KEY`). */
function keyOf(arg: TS.Expression, ev: Evaluator): string | undefined {
  const values = ev.evaluate(arg);
  return values.length === 1 && values[0]!.kind === 'literal' && typeof values[0]!.value === 'string' ? values[0]!.value : undefined;
}

/**
 * `X.session.a.b` → session `X.session`, path ['a','b']; `s.a` where `s` is an alias of a session → session `s`, path ['a'];
 * `s.a` where `s` is a library's session object written by property assignment (iron-session) → session `s`, path ['a'].
 */
function sessionPath(
  e: TS.Expression,
  ts: TSModule,
  checker: TS.TypeChecker,
  library: (e: TS.Expression) => SessionRef | undefined,
  callbackParam: (e: TS.Expression) => CallbackSession | undefined,
): { session: SessionRef; path: string[] } | undefined {
  const path: string[] = [];
  let cur = e;
  while (ts.isPropertyAccessExpression(cur) || (ts.isElementAccessExpression(cur) && ts.isStringLiteralLike(cur.argumentExpression))) {
    if (isSessionObject(cur, ts)) break;
    path.unshift(ts.isPropertyAccessExpression(cur) ? cur.name.text : (cur.argumentExpression as TS.StringLiteral).text);
    cur = cur.expression;
  }
  // TypeScript wrappers around the session: `req.session!.user`, `(req.session as any).user`.
  if (path.length > 0) cur = skipWrappers(cur, ts);
  if (path.length === 0) return undefined;
  // `params.token.x = …` / `params.session.x = …` in a session callback whose first parameter is not destructured.
  const holder = ts.isPropertyAccessExpression(cur) ? cur : undefined;
  const viaParam = holder ? callbackParam(skipWrappers(holder.expression, ts)) : ts.isIdentifier(cur) ? callbackParam(cur) : undefined;
  if (viaParam) {
    const data = holder ? holder.name.text : path[0];
    const rest = holder ? path : path.slice(1);
    if (data !== viaParam.property || rest.length === 0) return undefined;
    return { session: { kind: 'library', expression: holder ?? cur, request: undefined, store: viaParam.store }, path: rest };
  }
  if (isSessionObject(cur, ts)) return { session: { kind: 'direct', expression: cur, request: (cur as TS.PropertyAccessExpression).expression }, path };
  const ref = ts.isIdentifier(cur) ? sessionRefOf(cur, ts, checker) : undefined;
  if (ref) return { session: ref, path };
  const lib = ts.isIdentifier(cur) ? library(cur) : undefined;
  return lib?.store?.shape.writes.assign ? { session: lib, path } : undefined;
}

/** `X.session` where X is a plain name or property chain (`req`, `ctx`, `this.req`). */
export function isSessionObject(e: TS.Expression, ts: TSModule): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'session' && (ts.isIdentifier(e.expression) || ts.isPropertyAccessExpression(e.expression) || e.expression.kind === ts.SyntaxKind.ThisKeyword);
}

function isObjectAssign(callee: TS.Expression, ts: TSModule): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object';
}

function isAssignment(ts: TSModule, kind: TS.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken;
}

/** The function whose parameter is the request object the session hangs off. */
function handlerOf(ref: SessionRef, at: TS.Node, ts: TSModule, checker: TS.TypeChecker): TS.SignatureDeclaration | undefined {
  // A library's session: the function that obtained it (a loader, an action, a route handler).
  if (ref.store) {
    if (ts.isFunctionLike(ref.store.origin)) return ref.store.origin;
    for (let p = ref.store.origin.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return p;
    return undefined;
  }
  let root: TS.Expression | undefined = ref.request;
  while (root && ts.isPropertyAccessExpression(root)) root = root.expression;
  if (root && ts.isIdentifier(root)) {
    // The request's leftmost name (`req` of `req.session`): an expression, never a shorthand property's name.
    const sym = symbolAt(checker, root);
    const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
    if (decl && ts.isParameter(decl) && ts.isFunctionLike(decl.parent)) return decl.parent;
  }
  // A helper's parameter: the helper is not the request's handler.
  if (ref.kind === 'parameter') return undefined;
  // Fallback: the nearest enclosing function with two or more parameters.
  for (let p = at.parent; p; p = p.parent) {
    if (ts.isFunctionLike(p) && p.parameters.length >= 2) return p;
  }
  return undefined;
}

/** Is `key` a name that stores who the user is? */
export function isIdentityKey(key: string): boolean {
  return IDENTITY_KEYS.test(key);
}

function valueKind(value: TS.Expression, ts: TSModule): WrittenValueKind {
  const k = value.kind;
  if (k === ts.SyntaxKind.NullKeyword || k === ts.SyntaxKind.FalseKeyword || ts.isVoidExpression(value) || (ts.isIdentifier(value) && value.text === 'undefined')) return 'clear';
  if (k === ts.SyntaxKind.TrueKeyword || ts.isNumericLiteral(value)) return 'flag';
  return 'data';
}

/** The property name a value is read from: `password` in `req.body.password`, `await body['password']`, `password`. */
function sourceName(value: TS.Expression, ts: TSModule): string | undefined {
  let v = skipWrappers(value, ts);
  while (ts.isAwaitExpression(v)) v = skipWrappers(v.expression, ts);
  if (ts.isPropertyAccessExpression(v)) return v.name.text;
  if (ts.isElementAccessExpression(v) && ts.isStringLiteralLike(v.argumentExpression)) return v.argumentExpression.text;
  if (ts.isIdentifier(v)) return v.text;
  return undefined;
}
