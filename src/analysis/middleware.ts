/**
 * Middleware mounts and calls of known middleware: `app.use(...)` in source order,
 * with what each handler is (a session factory, static files, CORS), decided from the
 * libraries table by what the handler evaluates to (any import form, any local name).
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import { CORS_MIDDLEWARE, LIBRARIES, type LibraryInfo, type MiddlewareExport, STATIC_MIDDLEWARE, middlewareWords } from './libraries.js';
import { lineNumber, symbolAt } from './syntax.js';
import type { ModuleValue, Value } from './values.js';
import { walk } from './walk.js';

export interface Mount {
  /** The `X.use(...)` call. */
  readonly call: TS.CallExpression;
  /** 1-based line of the call. */
  readonly line: number;
  /** The object mounted on (`app`, `router`), by symbol when it resolves. */
  readonly receiver: TS.Symbol | string;
  /** The mount path, when the first argument is a string; undefined for the root. */
  readonly path: string | undefined;
  /** Mounted at the root (no path, or '/'): it sees every request. */
  readonly atRoot: boolean;
  readonly handlers: readonly MountedHandler[];
}

/** One middleware given to a mount. What it is is decided on first read (by evaluating it). */
export interface MountedHandler {
  readonly node: TS.Expression;
  /** The session libraries whose factory may have made it (`session({...})`, or a variable holding one). */
  readonly sessions: readonly LibraryInfo[];
  /** It serves static files (express.static, serve-static). */
  readonly servesStatic: boolean;
  /** It is a CORS middleware. */
  readonly cors: boolean;
}

const STATIC_WORDS = middlewareWords(STATIC_MIDDLEWARE);
const CORS_WORDS = middlewareWords(CORS_MIDDLEWARE);

/** Every `X.use(...)` call in the file, in source order. */
export function findMounts(sf: TS.SourceFile, ts: TSModule, checker: TS.TypeChecker, ev: Evaluator): Mount[] {
  const out: Mount[] = [];
  // A file that names no static (or CORS) middleware has none: its handlers are not evaluated for that.
  const mayServeStatic = STATIC_WORDS.some((w) => sf.text.includes(w));
  const mayBeCors = CORS_WORDS.some((w) => sf.text.includes(w));
  walk(ts, sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== 'use' || n.arguments.length === 0) return;
    const recv = n.expression.expression;
    let receiver: TS.Symbol | string = recv.getText(sf);
    // The receiver of `x.use(…)`: an expression, never a shorthand property's name; unknown to the checker: its text.
    if (ts.isIdentifier(recv)) receiver = symbolAt(checker, recv) ?? receiver;
    const [first, ...rest] = n.arguments;
    const path = first && ts.isStringLiteralLike(first) ? first.text : undefined;
    const nodes = path === undefined ? [...n.arguments] : rest;
    const handlers = nodes.map((node) => handler(node, ev, mayServeStatic, mayBeCors));
    out.push({ call: n, line: lineNumber(n), receiver, path, atRoot: path === undefined || path === '/', handlers });
  });
  return out;
}

function handler(node: TS.Expression, ev: Evaluator, mayServeStatic: boolean, mayBeCors: boolean): MountedHandler {
  let values: readonly Value[] | undefined;
  const made = (list: readonly MiddlewareExport[]) => madeBy((values ??= ev.evaluate(node)), (m) => list.some((x) => exportOf(x, m)));
  return {
    node,
    get sessions() {
      values ??= ev.evaluate(node);
      return LIBRARIES.filter((l) => madeBy(values!, (m) => l.modules.includes(m.module) && l.factories.some((f) => samePath(f.export, m.path))));
    },
    get servesStatic() {
      return mayServeStatic && made(STATIC_MIDDLEWARE);
    },
    get cors() {
      return mayBeCors && made(CORS_MIDDLEWARE);
    },
  };
}

/**
 * Calls of a middleware of the list (`cors(options)`, `app.register(fastifyCors, options)`),
 * found by what the callee (or the registered plugin) evaluates to, with the options argument.
 */
export function findMiddlewareCalls(sf: TS.SourceFile, ts: TSModule, ev: Evaluator, list: readonly MiddlewareExport[]): { call: TS.CallExpression; options: TS.Expression | undefined }[] {
  if (!middlewareWords(list).some((w) => sf.text.includes(w))) return [];
  const out: { call: TS.CallExpression; options: TS.Expression | undefined }[] = [];
  const isOne = (values: readonly Value[], via: MiddlewareExport['via']) =>
    values.find((v): v is ModuleValue => v.kind === 'module' && list.some((x) => x.via === via && exportOf(x, v)));
  walk(ts, sf, (n) => {
    if (!ts.isCallExpression(n) || (ts.isIdentifier(n.expression) && n.expression.text === 'require')) return;
    const called = isOne(ev.evaluate(n.expression), 'call');
    if (called) {
      out.push({ call: n, options: n.arguments[list.find((x) => x.via === 'call' && exportOf(x, called))!.optionsArg] });
      return;
    }
    if (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'register' && n.arguments.length >= 2) {
      const registered = isOne(ev.evaluate(n.arguments[0]!), 'register');
      if (registered) out.push({ call: n, options: n.arguments[list.find((x) => x.via === 'register' && exportOf(x, registered))!.optionsArg] });
    }
  });
  return out;
}

function exportOf(x: MiddlewareExport, m: ModuleValue): boolean {
  return x.module === m.module && x.exports.some((e) => samePath(e, m.path));
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** Whether a middleware expression is made by a module export (`session(...)`, a variable holding it). */
function madeBy(values: readonly Value[], match: (m: ModuleValue) => boolean): boolean {
  return values.length > 0 && values.some((v) => v.kind === 'instance' && !v.constructed && match(v.of));
}
