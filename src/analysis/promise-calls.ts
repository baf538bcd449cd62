/**
 * Promise methods of a session object (iron-session's `save()`, the libraries table's
 * `promiseMethods`) called as a statement: nothing waits on the promise, so a failure (a cookie over
 * 4096 bytes, headers already sent) is an unhandled rejection and the response goes out as if the
 * session had been saved. Which library a session object belongs to is decided by the object, not by
 * the call's shape:
 * - by types: the method's declaration is in the library's package (or its `@types` package);
 * - by data flow: the object is the result of the library's factory (`await getIronSession(...)`),
 *   directly or through a function of the same file that returns it; or it is `req.session` in a file
 *   that loads the library (iron-session 6's `withIronSessionApiRoute`), or in a file that loads no
 *   session library of an app whose only session library it is (a tRPC or Next.js context).
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { LIBRARIES, type LibraryInfo } from './libraries.js';
import { declarationOf, sessionRefOf } from './session-refs.js';
import { outermostWrapper, skipWrappers } from './syntax.js';
import { walk } from './walk.js';

export interface UnawaitedPromiseCall {
  readonly call: TS.CallExpression;
  readonly method: string;
  /** The library whose method returns the promise. */
  readonly library: string;
}

const PROMISE_LIBRARIES = LIBRARIES.filter((l) => (l.promiseMethods?.length ?? 0) > 0);
const METHODS = new Set(PROMISE_LIBRARIES.flatMap((l) => l.promiseMethods!));

export function findUnawaitedPromiseCalls(
  sf: TS.SourceFile,
  ts: TSModule,
  checker: TS.TypeChecker,
  modules: ReadonlySet<string>,
  appSessionModules: () => ReadonlySet<string>,
  factoryLibrary: (call: TS.CallExpression) => LibraryInfo | undefined,
): UnawaitedPromiseCall[] {
  if (METHODS.size === 0 || ![...METHODS].some((m) => sf.text.includes(`.${m}`))) return [];
  const out: UnawaitedPromiseCall[] = [];
  walk(ts, sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || !METHODS.has(n.expression.name.text)) return true;
    if (!ts.isExpressionStatement(outermostWrapper(n, ts).parent)) return true; // awaited, returned, chained, `void`-ed, stored
    const method = n.expression.name.text;
    const lib = libraryOf(n, skipWrappers(n.expression.expression, ts), ts, checker, modules, appSessionModules, factoryLibrary);
    if (lib?.promiseMethods?.includes(method)) out.push({ call: n, method, library: lib.displayName });
    return true;
  });
  return out;
}

function libraryOf(
  call: TS.CallExpression,
  receiver: TS.Expression,
  ts: TSModule,
  checker: TS.TypeChecker,
  modules: ReadonlySet<string>,
  appSessionModules: () => ReadonlySet<string>,
  factoryLibrary: (call: TS.CallExpression) => LibraryInfo | undefined,
): LibraryInfo | undefined {
  // Types: where the method is declared decides (another package's declaration: not a promise library's session).
  const declFile = declarationFile(call, ts, checker);
  if (declFile !== undefined) return PROMISE_LIBRARIES.find((l) => l.modules.some((m) => declFile.includes(`/node_modules/${m.split('/')[0]}/`) || declFile.includes(`/node_modules/@types/${m.split('/')[0]}/`)));
  // The result of the library's factory, directly or through a function of this file.
  if (ts.isIdentifier(receiver)) {
    const decl = declarationOf(receiver, ts, checker);
    const init = decl && ts.isVariableDeclaration(decl) && decl.initializer ? unwrap(decl.initializer, ts) : undefined;
    if (init && ts.isCallExpression(init)) return factoryLibrary(init) ?? returnedFactory(init, ts, checker, factoryLibrary);
    return undefined;
  }
  // `req.session`: the library the file loads, else the app's only session library.
  if (!sessionRefOf(receiver, ts, checker)) return undefined;
  const loaded = PROMISE_LIBRARIES.find((l) => l.modules.some((m) => modules.has(m)));
  if (loaded) return loaded;
  if (LIBRARIES.some((l) => l.modules.some((m) => modules.has(m)))) return undefined;
  const app = appSessionModules();
  const appLibraries = LIBRARIES.filter((l) => l.factories.every((f) => f.via !== 'keys') && l.options.cookie !== null && l.modules.some((m) => app.has(m)));
  return appLibraries.length === 1 && PROMISE_LIBRARIES.includes(appLibraries[0]!) ? appLibraries[0] : undefined;
}

function unwrap(e: TS.Expression, ts: TSModule): TS.Expression {
  let v = skipWrappers(e, ts);
  while (ts.isAwaitExpression(v)) v = skipWrappers(v.expression, ts);
  return v;
}

/** `getSession()` where `async function getSession() { return getIronSession(...) }` is in this file. */
function returnedFactory(call: TS.CallExpression, ts: TSModule, checker: TS.TypeChecker, factoryLibrary: (call: TS.CallExpression) => LibraryInfo | undefined): LibraryInfo | undefined {
  const callee = skipWrappers(call.expression, ts);
  if (!ts.isIdentifier(callee)) return undefined;
  const decl = declarationOf(callee, ts, checker);
  let fn: TS.Node | undefined = decl;
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer) fn = skipWrappers(decl.initializer, ts);
  if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn) || ts.isArrowFunction(fn)) || !fn.body) return undefined;
  if (!ts.isBlock(fn.body)) {
    const e = unwrap(fn.body, ts);
    return ts.isCallExpression(e) ? factoryLibrary(e) : undefined;
  }
  let found: LibraryInfo | undefined;
  walk(ts, fn.body, (n) => {
    if (found) return false;
    if (n !== fn && ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) && n.expression) {
      const e = unwrap(n.expression, ts);
      if (ts.isCallExpression(e)) found = factoryLibrary(e);
    }
    return true;
  });
  return found;
}

/** The file the called method is declared in, when the checker knows it. */
function declarationFile(call: TS.CallExpression, ts: TSModule, checker: TS.TypeChecker): string | undefined {
  try {
    const decl = checker.getResolvedSignature(call)?.getDeclaration();
    return decl && ts.isFunctionLike(decl) ? decl.getSourceFile().fileName : undefined;
  } catch {
    return undefined;
  }
}
