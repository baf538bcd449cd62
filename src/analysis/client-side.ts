/**
 * Where a session library keeps the session when that depends on its configuration: koa-session
 * keeps the whole session in a signed (readable) cookie unless an external store is given
 * (`store`, `ContextStore`: the libraries table's `clientSideUnless`). Read from the syntax of the
 * factory calls in a file, for the app facts (which keep strings, not trees):
 * - `client`: a call whose options are an object literal (written in the call, or in a `const` of
 *   the same file) with no spread and none of those options;
 * - `server`: any other call of the factory (a store given, or options the file does not show).
 * A library is client-side in an app when some call says so and none says otherwise.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { LIBRARIES } from './libraries.js';
import { isModuleLoad, skipWrappers } from './syntax.js';
import { walk } from './walk.js';

export interface SessionPlacement {
  readonly client: ReadonlySet<string>;
  readonly server: ReadonlySet<string>;
}

const CONDITIONAL = LIBRARIES.filter((l) => l.clientSideUnless !== undefined);

export function sessionPlacement(sf: TS.SourceFile, ts: TSModule, imported: ReadonlySet<string>): SessionPlacement {
  const client = new Set<string>();
  const server = new Set<string>();
  for (const lib of CONDITIONAL) {
    const module = lib.modules.find((m) => imported.has(m));
    if (!module) continue;
    const factoryNames = new Set(lib.factories.filter((f) => f.export.length === 1).map((f) => f.export[0]!));
    const bound = new Set<string>();
    const isLoad = (e: TS.Expression | undefined) => e !== undefined && isModuleLoad(skipWrappers(e, ts), ts) && lib.modules.includes(((skipWrappers(e, ts) as TS.CallExpression).arguments[0] as TS.StringLiteralLike).text ?? '');
    walk(ts, sf, (n) => {
      if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && lib.modules.includes(n.moduleSpecifier.text) && n.importClause) {
        const c = n.importClause;
        if (c.name) bound.add(c.name.text);
        if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) bound.add(c.namedBindings.name.text);
        if (c.namedBindings && ts.isNamedImports(c.namedBindings)) {
          for (const e of c.namedBindings.elements) if (factoryNames.has((e.propertyName ?? e.name).text) || (e.propertyName ?? e.name).text === 'default') bound.add(e.name.text);
        }
        return false;
      }
      if (ts.isVariableDeclaration(n) && isLoad(n.initializer)) {
        if (ts.isIdentifier(n.name)) bound.add(n.name.text);
        else if (ts.isObjectBindingPattern(n.name)) for (const e of n.name.elements) if (ts.isIdentifier(e.name)) bound.add(e.name.text);
      }
      return true;
    });
    walk(ts, sf, (n) => {
      if (!ts.isCallExpression(n)) return true;
      const callee = skipWrappers(n.expression, ts);
      const named = (ts.isIdentifier(callee) && bound.has(callee.text)) || (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && bound.has(callee.expression.text)) || isLoad(callee);
      if (!named) return true;
      (clientSideOptions(n, lib.clientSideUnless!, sf, ts) ? client : server).add(module);
      return true;
    });
  }
  return { client, server };
}

/** The call's options are an object literal the file shows, without a spread and without any of `storeOptions`. */
function clientSideOptions(call: TS.CallExpression, storeOptions: readonly string[], sf: TS.SourceFile, ts: TSModule): boolean {
  let objects = 0;
  for (const a of call.arguments) {
    let arg = skipWrappers(a, ts);
    if (ts.isIdentifier(arg)) {
      const decl = constInitializer(arg.text, sf, ts);
      if (decl === undefined) continue; // `app`, or options the file does not show: see below
      arg = decl;
    }
    if (!ts.isObjectLiteralExpression(arg)) continue;
    objects++;
    for (const p of arg.properties) {
      if (ts.isSpreadAssignment(p)) return false;
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (name === undefined || storeOptions.includes(name)) return false;
    }
  }
  // No options at all (`session(app)`): the defaults, a cookie session. An identifier the file does not bind to
  // an object literal may be the options: only `app`-like names (bound to a call, `new Koa()`) are known not to be.
  return objects > 0 || call.arguments.every((a) => isNotOptions(skipWrappers(a, ts), sf, ts));
}

/** `app` bound to `new X()` or a call in this file: not an options object. */
function isNotOptions(e: TS.Expression, sf: TS.SourceFile, ts: TSModule): boolean {
  if (!ts.isIdentifier(e)) return false;
  let found = false;
  walk(ts, sf, (n) => {
    if (found) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === e.text && n.initializer) {
      const init = skipWrappers(n.initializer, ts);
      found = ts.isNewExpression(init) || (ts.isCallExpression(init) && !isModuleLoad(init, ts));
    }
    return !found;
  });
  return found;
}

/** The object literal a `const name = {...}` of the file holds (top level or anywhere: the first such const). */
function constInitializer(name: string, sf: TS.SourceFile, ts: TSModule): TS.Expression | undefined {
  let out: TS.Expression | undefined;
  walk(ts, sf, (n) => {
    if (out) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name && n.initializer && ts.isVariableDeclarationList(n.parent) && n.parent.flags & ts.NodeFlags.Const) {
      const init = skipWrappers(n.initializer, ts);
      if (ts.isObjectLiteralExpression(init)) out = init;
    }
    return out === undefined;
  });
  return out;
}
