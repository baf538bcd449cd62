/**
 * Packages handed to another module of the app: `require('./routes')(app, passport)` in one
 * file, `module.exports = function (app, passport) { ... passport.authenticate(...) }` in the
 * other (the shape of passport's own examples and of the many apps built on them). Each file
 * says, by syntax, which of its calls of a relative module's export pass which package (an
 * argument bound in the file to `require('<package>')` or a default/namespace import of it):
 * an app fact (app-facts.ts). The evaluator reads it for a parameter of a module's exported
 * function when no call frame binds that parameter: the parameter is the package when every call
 * the app makes of that module passes the same package there (a call that passes something else,
 * or too few arguments, leaves it unknown).
 *
 * What it does not follow: a module's export called through a name passed around (`const r =
 * require('./routes'); setup(r)`), a named export (`require('./routes').init(app, passport)`),
 * or a package reached by property access (`require('passport').Passport`); and only files the
 * app facts read (`mayHoldAppFacts`) contribute calls.
 */
import * as path from 'node:path';
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import { isModuleLoad, skipWrappers } from './syntax.js';
import type { Value } from './values.js';
import { walk } from './walk.js';

/** One call of a relative module's export: the module (its path without extension) and, per argument, the package passed. */
export interface ModuleCallFact {
  /** `path.posix.join(dirname(caller), specifier)`, without a script extension. */
  readonly module: string;
  /** For each argument, the bare package it is bound to, else undefined. */
  readonly args: readonly (string | undefined)[];
}

/** A file that loads a relative module (the text test before the walk). */
const LOADS_RELATIVE = /(?:require\s*\(\s*|from\s*|import\s*\(\s*)['"`]\.{1,2}\//;
const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;

/** The file's calls of a relative module's export, with the packages they pass. */
export function moduleCallsOf(sf: TS.SourceFile, ts: TSModule): ModuleCallFact[] {
  if (!LOADS_RELATIVE.test(sf.text)) return [];
  // Names bound to a module load: `const x = require('y')`, `import x from 'y'`, `import * as x from 'y'`.
  const bound = new Map<string, string>();
  walk(ts, sf, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = skipWrappers(n.initializer, ts);
      if (isModuleLoad(init, ts) && ts.isStringLiteralLike(init.arguments[0]!)) bound.set(n.name.text, init.arguments[0].text);
    } else if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.importClause && !n.importClause.isTypeOnly) {
      const c = n.importClause;
      if (c.name) bound.set(c.name.text, n.moduleSpecifier.text);
      if (c.namedBindings && ts.isNamespaceImport(c.namedBindings)) bound.set(c.namedBindings.name.text, n.moduleSpecifier.text);
    }
  });
  const relative = (s: string) => s.startsWith('./') || s.startsWith('../');
  const dir = path.posix.dirname(sf.fileName);
  const out: ModuleCallFact[] = [];
  walk(ts, sf, (n) => {
    if (!ts.isCallExpression(n)) return;
    const callee = skipWrappers(n.expression, ts);
    const specifier = isModuleLoad(callee, ts) && ts.isStringLiteralLike(callee.arguments[0]!) ? callee.arguments[0].text : ts.isIdentifier(callee) ? bound.get(callee.text) : undefined;
    if (specifier === undefined || !relative(specifier)) return;
    const args = n.arguments.map((a) => {
      const e = skipWrappers(a, ts);
      const module = ts.isIdentifier(e) ? bound.get(e.text) : undefined;
      return module !== undefined && !relative(module) ? module : undefined;
    });
    out.push({ module: path.posix.join(dir, specifier).replace(SCRIPT_EXTENSION, ''), args });
  });
  return out;
}

/**
 * The package a parameter of the module's exported function is, when every call of that module the
 * app makes passes the same package there (see the file's comment); undefined otherwise.
 */
export function moduleArgument(ev: Evaluator, p: TS.ParameterDeclaration): Value[] | undefined {
  const ts = ev.ts;
  const fn = p.parent;
  if (!ts.isIdentifier(p.name) || p.initializer || p.dotDotDotToken || !isModuleExport(fn, ts)) return undefined;
  const sf = p.getSourceFile();
  const facts = ev.host.appFacts?.(sf);
  if (!facts?.complete || facts.moduleCalls.length === 0) return undefined;
  const me = sf.fileName.replace(SCRIPT_EXTENSION, '');
  const names = path.posix.basename(me) === 'index' ? [me, path.posix.dirname(me)] : [me];
  const calls = facts.moduleCalls.filter((c) => names.includes(c.module));
  const index = fn.parameters.indexOf(p);
  const passed = new Set(calls.map((c) => c.args[index]));
  const [module] = passed;
  if (calls.length === 0 || passed.size !== 1 || module === undefined) return undefined;
  return [{ kind: 'module', module, path: [], node: p.name }];
}

/** `module.exports = function (...) {}`, `module.exports = (...) => {}`, `export default function (...) {}`, `export = ...`. */
function isModuleExport(fn: TS.SignatureDeclaration, ts: TSModule): boolean {
  if (ts.isFunctionDeclaration(fn)) {
    const mods = ts.getModifiers?.(fn) ?? [];
    return mods.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  }
  if (!ts.isFunctionExpression(fn) && !ts.isArrowFunction(fn)) return false;
  let e: TS.Node = fn;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const parent = e.parent;
  if (ts.isExportAssignment(parent)) return true;
  return (
    ts.isBinaryExpression(parent) &&
    parent.right === e &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isPropertyAccessExpression(parent.left) &&
    ts.isIdentifier(parent.left.expression) &&
    parent.left.expression.text === 'module' &&
    parent.left.name.text === 'exports'
  );
}
