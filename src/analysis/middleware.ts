/**
 * Middleware mounts and calls of known modules: `app.use(...)` in source order,
 * `cors({...})`, `express.static(...)`, found through whatever the callee
 * evaluates to (any import form, any local name).
 */
import type * as TS from 'typescript';
import type { FileModel } from './index.js';
import type { ModuleValue, Value } from './values.js';
import { walk } from './walk.js';

export interface Mount {
  /** The `X.use(...)` call. */
  readonly call: TS.CallExpression;
  /** The object mounted on (`app`, `router`), by symbol when it resolves. */
  readonly receiver: TS.Symbol | string;
  /** The mount path, when the first argument is a string; undefined for the root. */
  readonly path: string | undefined;
  readonly handlers: readonly TS.Expression[];
}

/** Every `X.use(...)` call in the file, in source order. */
export function findMounts(model: FileModel): Mount[] {
  const ts = model.host.ts;
  const out: Mount[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'use' && n.arguments.length > 0) {
      const recv = n.expression.expression;
      let receiver: TS.Symbol | string = recv.getText(model.sourceFile);
      if (ts.isIdentifier(recv)) {
        try {
          receiver = model.host.checker.getSymbolAtLocation(recv) ?? receiver;
        } catch {
          // keep the text
        }
      }
      const [first, ...rest] = n.arguments;
      const path = first && ts.isStringLiteralLike(first) ? first.text : undefined;
      out.push({ call: n, receiver, path, handlers: path === undefined ? [...n.arguments] : rest });
    }
  };
  walk(ts, model.sourceFile, visit);
  return out;
}

/** Calls whose callee evaluates to an export of a module (`cors`, `express.static`), with the export matched. */
export function findModuleCalls(model: FileModel, match: (m: ModuleValue) => boolean, words: readonly string[]): TS.CallExpression[] {
  const ts = model.host.ts;
  const text = model.sourceFile.text;
  if (!words.some((w) => text.includes(w))) return [];
  const ev = model.evaluator('production');
  const out: TS.CallExpression[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n) && !(ts.isIdentifier(n.expression) && n.expression.text === 'require')) {
      if (ev.evaluate(n.expression).some((v) => v.kind === 'module' && match(v))) out.push(n);
    }
  };
  walk(ts, model.sourceFile, visit);
  return out;
}

/** `X.register(plugin, options)` calls (fastify) whose plugin evaluates to an export of a module, with the export matched. */
export function findRegisterCalls(model: FileModel, match: (m: ModuleValue) => boolean, words: readonly string[]): TS.CallExpression[] {
  const ts = model.host.ts;
  const text = model.sourceFile.text;
  if (!words.some((w) => text.includes(w))) return [];
  const ev = model.evaluator('production');
  const out: TS.CallExpression[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'register' && n.arguments.length >= 2) {
      if (ev.evaluate(n.arguments[0]!).some((v) => v.kind === 'module' && match(v))) out.push(n);
    }
  };
  walk(ts, model.sourceFile, visit);
  return out;
}

/** Whether a middleware expression is made by a module export (`session(...)`, a variable holding it). */
export function madeBy(values: readonly Value[], match: (m: ModuleValue) => boolean): boolean {
  return values.length > 0 && values.some((v) => v.kind === 'instance' && !v.constructed && match(v.of));
}
