/**
 * The remedy for an unhandled lifecycle error (`req.session.destroy()` without a callback,
 * or with one that ignores its error). Where the error goes is chosen from the code's own
 * context, innermost first (docs/fixes.md, "Where an error goes"):
 *
 * 1. `reject(err)` when the call sits directly in a promise executor that names `reject`;
 * 2. the framework's `next(err)` when the request's handler has one (or may get one: a
 *    registered express handler with `(req, res)`; see handlers.ts);
 * 3. an error response through the handler's response (`res.sendStatus(500)` in express,
 *    `reply.send(err)` in fastify, which hands an Error to its error handler);
 * 4. in an async function, a call without a callback becomes
 *    `await new Promise((resolve, reject) => ...)`, so a store error rejects the
 *    function's promise as its own errors do;
 * 5. else no remedy, with the reason (no parameter of another API's callback is ever
 *    added or renamed, and nothing that is not known to be a function is called).
 *
 * A call without a callback that is a statement of the handler's own body, with statements
 * after it (`req.session.destroy(); res.redirect('/')`), gets those statements moved into
 * the new callback: they must run once the store is done, and not at all when it failed
 * (else the error handler and the redirect both answer the request). Function declarations
 * stay where they are (they are hoisted: code before the call may use them); when a moved
 * statement declares a name that code outside the callback uses, or returns a value a caller
 * may read, nothing can move and there is no remedy.
 */
import type * as TS from 'typescript';
import type { TextEdit } from '../rule.js';
import { lineIndent, replaceNode } from './edits.js';
import { type RequestHandler, requestHandler } from './handlers.js';
import type { TSModule } from './host.js';
import type { LifecycleCall, LifecycleRemedy } from './lifecycle.js';
import { type CodeStyle, semi } from './style.js';
import { mentionsName, skipWrappers, valueSymbolOf } from './syntax.js';
import { walk } from './walk.js';

export interface RemedyContext {
  readonly ts: TSModule;
  readonly checker: TS.TypeChecker;
  /** Bare modules the file imports (the framework is read from them). */
  readonly modules: ReadonlySet<string>;
  readonly style: CodeStyle;
}

/** A remedy, or why there is none (a clause for the finding's message). */
export type Planned = { readonly remedy: LifecycleRemedy; readonly why?: undefined } | { readonly remedy?: undefined; readonly why: string };

/** Where the error goes: a call of a function that exists (or is added), or an answer through the response. */
interface Sink {
  /** The statement that hands the error over, for an error named `e` (`next(e)`, `res.sendStatus(500)`). */
  readonly call: (e: string) => string;
  /** For the message: "pass it to next(err)". */
  readonly how: string;
  /** An edit that adds the sink (`next` as the handler's third parameter). */
  readonly add?: TextEdit;
  /** Names the callback's error parameter must not take. */
  readonly names: readonly string[];
}

const NO_SINK = 'there is no `next`, response or promise here to pass the error to';

export function planLifecycleRemedy(lc: LifecycleCall, cx: RemedyContext): Planned {
  const { ts } = cx;
  const sf = lc.call.getSourceFile();
  const handler = lc.handler ? requestHandler(lc.handler, ts, cx.checker, cx.modules) : undefined;
  // `await req.session.save()` on a method that returns nothing: wait on a promise the callback settles.
  if (lc.handling === 'awaited-no-promise') return promiseForm(lc, cx, false) ?? { why: 'the call takes arguments a callback cannot follow' };
  const sink = sinkFor(lc, handler, cx);
  if (lc.handling === 'no-callback') {
    if (lc.call.arguments.length !== lc.callbackIndex) return { why: 'the callback would not be the argument the library reads' };
    const usedAfter = lc.method === 'destroy' && handler ? sessionUsedAfter(lc.call, handler.fn, ts) : undefined;
    if (usedAfter) return { why: `the handler uses \`${usedAfter}\` after destroying it, and once the store is done the session is gone (express-session deletes it, @fastify/session sets it to null): waiting for the store would make that use throw` };
    if (!sink) return (handler && awaitForm(lc, handler, cx)) || { why: NO_SINK };
    const planned = withCallback(lc, sink, handler, cx, sf);
    // Nothing may move into a callback: in the async handler itself, awaiting keeps everything in place.
    return planned.why && handler ? (awaitForm(lc, handler, cx) ?? planned) : planned;
  }
  if (!sink) return { why: NO_SINK };
  return checkInCallback(lc, sink, cx, sf);
}

/** The innermost place the error can go, from the call outwards. */
function sinkFor(lc: LifecycleCall, handler: RequestHandler | undefined, cx: RemedyContext): Sink | undefined {
  const { ts } = cx;
  // A promise executor between the call and the handler, with a `reject` parameter: the code waits on that promise.
  for (let n: TS.Node | undefined = lc.call.parent; n && n !== handler?.fn; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const reject = executorReject(n, ts);
    if (reject && !shadowed(lc.call, n, reject, ts)) return { call: (e) => `${reject}(${e})`, how: `reject the promise with it (${reject}(err))`, names: [reject] };
    break; // the innermost function is not an executor: the handler decides
  }
  if (!handler) return undefined;
  const fn = handler.fn;
  if (handler.next && !shadowed(lc.call, fn, handler.next, ts)) {
    const next = handler.next;
    return { call: (e) => `${next}(${e})`, how: `pass it to ${next}(err)`, names: [next] };
  }
  if (handler.canAddNext && !shadowed(lc.call, fn, 'next', ts)) {
    const second = fn.parameters[1]!;
    const sf = fn.getSourceFile();
    const text = second.type !== undefined ? ', next: (err?: unknown) => void' : ', next';
    return { call: (e) => `next(${e})`, how: 'pass it to next(err)', add: { file: sf.fileName, start: second.getEnd(), end: second.getEnd(), text }, names: ['next'] };
  }
  const response = handler.response;
  if (response && !shadowed(lc.call, fn, response, ts)) {
    const api = responseApi(handler, ts);
    if (api === 'express') return { call: () => `${response}.sendStatus(500)`, how: `answer the request with status 500 (${response}.sendStatus(500))`, names: [response] };
    if (api === 'fastify') return { call: (e) => `${response}.send(${e})`, how: `send it to fastify's error handler (${response}.send(err))`, names: [response] };
  }
  return undefined;
}

/**
 * `req.session.destroy(); req.session.user = null`: the first use of a member of the destroyed
 * session after the call, in the handler (`req.session.user`), or undefined. Once the store is
 * done the session is gone, so any remedy that waits for the store (a callback, an `await`)
 * would make that use throw. Optional chaining (`req.session?.user`) is safe; assigning the
 * session itself (`req.session = null`) is not a use of the old one.
 */
function sessionUsedAfter(call: TS.CallExpression, fn: TS.SignatureDeclaration, ts: TSModule): string | undefined {
  const callee = skipWrappers(call.expression, ts);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const sf = call.getSourceFile();
  const flat = (n: TS.Node) => n.getText(sf).replace(/\s+/g, '');
  const session = flat(callee.expression);
  const body = (fn as TS.FunctionLikeDeclaration).body;
  let found: string | undefined;
  if (!body) return undefined;
  walk(ts, body, (n) => {
    if (found || n.getEnd() <= call.getEnd()) return false; // found, or it runs before the call (the call's ancestors end later)
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && !n.questionDotToken && flat(n.expression) === session) {
      found = n.getText(sf).replace(/\s+/g, '');
      return false;
    }
    return true;
  });
  return found;
}

/** `new Promise((resolve, reject) => ...)`: the name of `reject`. */
function executorReject(fn: TS.SignatureDeclaration, ts: TSModule): string | undefined {
  const p = fn.parent;
  if (!p || !ts.isNewExpression(p) || !ts.isIdentifier(p.expression) || p.expression.text !== 'Promise' || p.arguments?.[0] !== fn) return undefined;
  const reject = fn.parameters[1];
  return reject && ts.isIdentifier(reject.name) && !reject.dotDotDotToken ? reject.name.text : undefined;
}

/** Which response API the handler's response parameter has: fastify's reply, express's res, or unknown. */
function responseApi(handler: RequestHandler, ts: TSModule): 'express' | 'fastify' | undefined {
  if (handler.framework) return handler.framework;
  // No framework import (a controller module): its own calls tell (`res.status(...)`, `res.redirect(...)` are express's).
  const name = handler.response!;
  const body = (handler.fn as TS.FunctionLikeDeclaration).body;
  let express = false;
  if (body) {
    walk(ts, body, (n) => {
      if (express) return false;
      if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name && EXPRESS_RESPONSE.has(n.name.text)) express = true;
      return true;
    });
  }
  return express ? 'express' : undefined;
}
const EXPRESS_RESPONSE = new Set(['status', 'sendStatus', 'redirect', 'render', 'json', 'locals']);

/** Whether a function between `from` and `fn` (or a catch clause) declares `name`, hiding `fn`'s. */
function shadowed(from: TS.Node, fn: TS.Node, name: string, ts: TSModule): boolean {
  for (let n: TS.Node | undefined = from.parent; n && n !== fn; n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters.some((p) => declares(p.name, name, ts))) return true;
    if (ts.isCatchClause(n) && n.variableDeclaration && declares(n.variableDeclaration.name, name, ts)) return true;
  }
  return false;
}

function declares(b: TS.BindingName, name: string, ts: TSModule): boolean {
  if (ts.isIdentifier(b)) return b.text === name;
  return b.elements.some((e) => !ts.isOmittedExpression(e) && declares(e.name, name, ts));
}

/** A name for the callback's error that the code around does not use. */
function errorName(taken: (name: string) => boolean): string {
  return ['err', 'sessionErr', 'storeErr'].find((n) => !taken(n)) ?? 'sessionError';
}

/** `req.session.destroy()` → `req.session.destroy((err) => { if (err) return next(err); ...rest })`. */
function withCallback(lc: LifecycleCall, sink: Sink, handler: RequestHandler | undefined, cx: RemedyContext, sf: TS.SourceFile): Planned {
  const { ts, style } = cx;
  const nl = style.eol;
  const indent = lineIndent(sf.text, lc.call.getStart(sf));
  const rest = handler ? statementsAfter(lc.call, handler, cx) : undefined;
  if (rest && 'why' in rest) return { why: rest.why };
  // A statement that followed on the call's line moves to a line of its own.
  const movedText = rest ? rest.pieces.map((p, i) => { const t = sf.text.slice(p.start, p.end); return i === 0 && !/^[ \t]*\r?\n/.test(t) ? `${nl}${indent}${t.trimStart()}` : t; }).join('') : '';
  const e = errorName((n) => sink.names.includes(n) || mentionsName(movedText, n) || declaredAround(lc.call, n, ts));
  const moved = rest ? reindent(movedText, nl, style.indent, rest.multilineLiteral) : '';
  const cb = `(${e}) => {${nl}${indent}${style.indent}if (${e}) return ${sink.call(e)}${semi(style)}${moved}${nl}${indent}}`;
  const args = lc.call.arguments;
  const insertAt = args.length === 0 ? args.end : args[args.length - 1]!.getEnd();
  const edits: TextEdit[] = [];
  if (sink.add) edits.push(sink.add);
  edits.push({ file: sf.fileName, start: insertAt, end: insertAt, text: args.length === 0 ? cb : `, ${cb}` });
  for (const p of rest?.pieces ?? []) edits.push({ file: sf.fileName, start: p.start, end: p.end, text: '' });
  return { remedy: { how: sink.how, edits, movedStatements: rest ? rest.count : 0 } };
}

/** `if (err) return next(err);` at the top of a callback that ignores its error (adding the parameter when it has none). */
function checkInCallback(lc: LifecycleCall, sink: Sink, cx: RemedyContext, sf: TS.SourceFile): Planned {
  const { ts, style } = cx;
  const fn = lc.callback && skipWrappers(lc.callback, ts);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return { why: 'its callback cannot be edited safely' };
  const file = sf.fileName;
  const edits: TextEdit[] = [];
  if (sink.add) edits.push(sink.add);
  const param = fn.parameters[0];
  let name: string;
  if (param) {
    if (!ts.isIdentifier(param.name)) return { why: 'its callback cannot be edited safely' };
    name = param.name.text;
    if (sink.names.includes(name)) return { why: `its error parameter hides \`${name}\`` };
  } else {
    // `() =>` / `function () {` gains the error parameter, under a name the body and the code around do not use.
    const body = fn.body.getText(sf);
    name = errorName((n) => sink.names.includes(n) || mentionsName(body, n) || declaredAround(lc.call, n, ts));
    const open = fn.getStart(sf) + fn.getText(sf).indexOf('(');
    if (open < fn.getStart(sf) || (ts.isArrowFunction(fn) && sf.text[open] !== '(')) return { why: 'its callback cannot be edited safely' };
    edits.push({ file, start: open + 1, end: open + 1, text: name });
  }
  const check = `if (${name}) return ${sink.call(name)}${semi(style)}`;
  if (ts.isBlock(fn.body)) {
    const first = fn.body.statements[0];
    const brace = fn.body.getStart(sf);
    if (first) {
      const indent = lineIndent(sf.text, first.getStart(sf));
      const sameLine = sf.getLineAndCharacterOfPosition(first.getStart(sf)).line === sf.getLineAndCharacterOfPosition(brace).line;
      edits.push({ file, start: first.getStart(sf), end: first.getStart(sf), text: sameLine ? `${check} ` : `${check}${style.eol}${indent}` });
    } else if (sf.text.slice(brace + 1, fn.body.getEnd() - 1).trim() === '') {
      edits.push({ file, start: brace + 1, end: fn.body.getEnd() - 1, text: ` ${check} ` }); // `{ }` becomes `{ check }`
    } else {
      edits.push({ file, start: brace + 1, end: brace + 1, text: ` ${check} ` }); // `{ /* comment */ }`
    }
  } else {
    const body = fn.body;
    edits.push(replaceNode(body, `{ ${check} return ${body.getText(sf)}${semi(style)} }`));
  }
  return { remedy: { how: sink.how, edits } };
}

/**
 * In an async function that receives the request (its caller waits on its promise, as it
 * waits on the function's own errors), a call statement without a callback becomes an awaited
 * promise: `await new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve(undefined))))`.
 * The statements after it stay where they are: the `await` already makes them wait. Not in
 * an async callback of another API (bcrypt's), whose promise nobody waits on.
 */
function awaitForm(lc: LifecycleCall, handler: RequestHandler, cx: RemedyContext): Planned | undefined {
  const { ts } = cx;
  const stmt = lc.call.parent;
  if (!ts.isExpressionStatement(stmt) || stmt.expression !== lc.call) return undefined;
  let fn: TS.Node | undefined = stmt.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const isAsync = fn && (ts.canHaveModifiers(fn) ? ts.getModifiers(fn) : undefined)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (!fn || fn !== handler.fn || !isAsync) return undefined;
  return promiseForm(lc, cx, true);
}

/**
 * `req.session.save()` → `new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve(undefined))))`
 * (with `await` in front when `addAwait`); undefined when a callback would not be the argument the library reads.
 */
function promiseForm(lc: LifecycleCall, cx: RemedyContext, addAwait: boolean): Planned | undefined {
  const { ts } = cx;
  if (lc.call.arguments.length !== lc.callbackIndex) return undefined;
  const sf = lc.call.getSourceFile();
  const callText = lc.call.getText(sf);
  const free = (names: readonly string[]) => names.find((n) => !mentionsName(callText, n))!;
  const resolve = free(['resolve', 'done', 'ok']);
  const reject = free(['reject', 'fail', 'failed']);
  const e = errorName((n) => mentionsName(callText, n) || n === resolve || n === reject || declaredAround(lc.call, n, ts));
  const callee = lc.call.expression.getText(sf);
  const args = lc.call.arguments.map((a) => a.getText(sf));
  const cb = `(${e}) => (${e} ? ${reject}(${e}) : ${resolve}(undefined))`;
  const text = `${addAwait ? 'await ' : ''}new Promise((${resolve}, ${reject}) => ${callee}(${[...args, cb].join(', ')}))`;
  const how = addAwait ? 'await it, so that a store error rejects the promise of the function around it' : 'await a promise that its callback settles, so that a store error rejects';
  return { remedy: { how, edits: [replaceNode(lc.call, text)] } };
}

/**
 * Whether `name` is declared where `node` is (a parameter of a function around it, a catch
 * variable, a variable or function of a block around it): a parameter of that name in a new
 * callback would hide it there.
 */
function declaredAround(node: TS.Node, name: string, ts: TSModule): boolean {
  for (let n: TS.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters.some((p) => declares(p.name, name, ts))) return true;
    if (ts.isCatchClause(n) && n.variableDeclaration && declares(n.variableDeclaration.name, name, ts)) return true;
    if (ts.isBlock(n) || ts.isSourceFile(n)) {
      for (const st of n.statements) {
        if (ts.isVariableStatement(st) && st.declarationList.declarations.some((d) => declares(d.name, name, ts))) return true;
        if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name?.text === name) return true;
      }
    }
  }
  return false;
}

interface Rest {
  /** Ranges of text to move, from the end of the previous statement to the end of a moved one (comments with them). */
  readonly pieces: readonly { readonly start: number; readonly end: number }[];
  readonly count: number;
  readonly multilineLiteral: boolean;
}

/**
 * The statements after the call's own statement in the handler's body, to move into the
 * callback. None when the call is not a statement of the handler's body itself (inside an
 * `if`, a loop, an expression), when nothing follows, or when what follows awaits or yields
 * (it cannot run in a plain callback). Function declarations are not moved. A reason instead
 * when moving would change what the code means.
 */
function statementsAfter(call: TS.CallExpression, handler: RequestHandler, cx: RemedyContext): Rest | { why: string } | undefined {
  const { ts } = cx;
  const stmt = call.parent;
  if (!ts.isExpressionStatement(stmt) || stmt.expression !== call) return undefined;
  const body = stmt.parent;
  if (!ts.isBlock(body) || body.parent !== handler.fn) return undefined;
  const i = body.statements.indexOf(stmt);
  const after = body.statements.slice(i + 1);
  const moved = after.filter((s) => !ts.isFunctionDeclaration(s));
  if (moved.length === 0) return undefined;
  let blocked = false;
  let returnsValue = false;
  let multilineLiteral = false;
  const declared: TS.Identifier[] = [];
  const sf = call.getSourceFile();
  for (const s of moved) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bindingNames(d.name, ts, declared);
    if (ts.isClassDeclaration(s) && s.name) declared.push(s.name);
    walk(ts, s, (n) => {
      if (blocked || ts.isFunctionLike(n) || ts.isClassLike(n)) return false; // a nested function's own awaits, yields and returns
      if (ts.isAwaitExpression(n) || ts.isYieldExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
        blocked = true;
        return false;
      }
      if (ts.isReturnStatement(n) && n.expression) returnsValue = true;
      // `var` in a nested block belongs to the function too.
      if (ts.isVariableDeclarationList(n) && !(n.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) for (const d of n.declarations) bindingNames(d.name, ts, declared);
      if ((ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) && n.getText(sf).includes('\n')) multilineLiteral = true;
      return true;
    });
    if (blocked) return undefined;
  }
  // A value returned from the handler is lost in a callback, unless the framework ignores it (express).
  if (returnsValue && !(handler.registered && handler.framework === 'express')) return { why: 'the statements after it return a value, which a callback would lose' };
  const pieces: { start: number; end: number }[] = [];
  let prev = stmt.getEnd();
  for (const s of after) {
    if (!ts.isFunctionDeclaration(s)) {
      const last = pieces[pieces.length - 1];
      if (last && last.end === prev) last.end = s.getEnd();
      else pieces.push({ start: prev, end: s.getEnd() });
    }
    prev = s.getEnd();
  }
  const inMoved = (n: TS.Node) => pieces.some((p) => n.getStart(sf) >= p.start && n.getEnd() <= p.end);
  const used = declared.find((d) => usedOutside(d, handler.fn, inMoved, cx));
  if (used) return { why: `the statements after it declare \`${used.text}\`, which code outside them uses` };
  return { pieces, count: moved.length, multilineLiteral };
}

function bindingNames(b: TS.BindingName, ts: TSModule, out: TS.Identifier[]): void {
  if (ts.isIdentifier(b)) out.push(b);
  else for (const e of b.elements) if (!ts.isOmittedExpression(e)) bindingNames(e.name, ts, out);
}

/** Whether a declared name is referenced in the function outside the moved text (by symbol; by name when unknown). */
function usedOutside(decl: TS.Identifier, fn: TS.SignatureDeclaration, inMoved: (n: TS.Node) => boolean, cx: RemedyContext): boolean {
  const { ts, checker } = cx;
  const symbolOf = (id: TS.Identifier) => valueSymbolOf(id, ts, checker);
  const target = symbolOf(decl);
  let found = false;
  walk(ts, fn, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n) && n !== decl && n.text === decl.text && !inMoved(n)) {
      const s = symbolOf(n);
      if (target === undefined || s === undefined || s === target) found = true;
    }
    return !found;
  });
  return found;
}

/** Moved text, one indentation level deeper on every line (not when a template literal spans lines: its text must not change). */
function reindent(text: string, nl: string, unit: string, keep: boolean): string {
  if (keep) return text;
  return text
    .split(nl)
    .map((line, i) => (i === 0 || line.trim() === '' ? line : `${unit}${line}`))
    .join(nl);
}

