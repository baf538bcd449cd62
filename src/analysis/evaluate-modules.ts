/**
 * The evaluator's modules: import bindings, the value of a module specifier (a package, or
 * a project file's exports when the host resolves it), and a file's exports (CommonJS
 * `module.exports`/`exports.x`, ESM exports and re-exports, JSON), read lazily.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import { implementationsBeside } from './evaluate-paths.js';
import { normalizeModule } from './libraries.js';
import { aliasModule } from './library-aliases.js';
import { symbolAt } from './syntax.js';
import { type ObjectValue, type Prop, type Value, unknown } from './values.js';

export function importBinding(ev: Evaluator, decl: TS.ImportClause | TS.ImportSpecifier | TS.NamespaceImport | TS.ImportEqualsDeclaration, id: TS.Identifier): Value[] {
  const ts = ev.ts;
  let specifierNode: TS.Expression | undefined;
  let exportName: string | undefined; // undefined: the whole module (namespace / CJS)
  if (ts.isImportEqualsDeclaration(decl)) {
    if (!ts.isExternalModuleReference(decl.moduleReference)) return [unknown(id, 'an import alias')];
    specifierNode = decl.moduleReference.expression;
  } else if (ts.isImportClause(decl)) {
    specifierNode = decl.parent.moduleSpecifier;
    exportName = 'default';
  } else if (ts.isNamespaceImport(decl)) {
    specifierNode = decl.parent.parent.moduleSpecifier;
  } else {
    specifierNode = decl.parent.parent.parent.moduleSpecifier;
    exportName = (decl.propertyName ?? decl.name).text;
  }
  if (!specifierNode || !ts.isStringLiteralLike(specifierNode)) return [unknown(id, 'an import')];
  const mod = moduleValue(ev, specifierNode, id);
  if (exportName === undefined) return mod;
  return exportOf(ev, mod, exportName, id);
}

/** Property `name` of a module's exports; `default` of a package is the package itself. */
export function exportOf(ev: Evaluator, mod: Value[], name: string, node: TS.Node): Value[] {
  const out: Value[] = [];
  for (const m of mod) {
    if (m.kind === 'module' && name === 'default' && m.path.length === 0) out.push({ ...m, node });
    else if (m.kind === 'object' && name === 'default' && !m.props.has('default')) out.push(m); // CommonJS module imported as default
    else out.push(...ev.getProperty([m], name, node));
  }
  return out;
}

/** The value of a module specifier: a package (ModuleValue) or the evaluated exports of a project file. */
export function moduleValue(ev: Evaluator, specifier: TS.StringLiteralLike, node: TS.Node): Value[] {
  const text = aliasModule(normalizeModule(specifier.text), ev.host.libraryAliases?.(specifier.getSourceFile()));
  const file = resolveModuleFile(ev, specifier);
  if (file) return moduleExports(ev, file);
  if (text.startsWith('.') || text.startsWith('/')) {
    return [unknown(node, ev.host.crossModule ? `module '${text}' could not be resolved` : `imported from '${text}' (another file)`)];
  }
  return [{ kind: 'module', module: text, path: [], node }];
}

function resolveModuleFile(ev: Evaluator, specifier: TS.StringLiteralLike): TS.SourceFile | undefined {
  if (!ev.host.crossModule) return undefined;
  if (ev.host.resolveModule) return ev.host.resolveModule(specifier);
  // A module specifier (a string literal): the module's symbol.
  const sym = symbolAt(() => ev.checkerOf(specifier), specifier);
  const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
  if (!decl || !ev.ts.isSourceFile(decl)) return undefined;
  if (/[\\/]node_modules[\\/]/.test(decl.fileName)) return undefined;
  // A declaration file beside its implementation (`config.d.ts` + `config.js`): the values are in the implementation.
  if (decl.isDeclarationFile) return implementationsBeside(decl.fileName).map((f) => ev.host.loadFile?.(f)).find((f) => f !== undefined);
  return decl;
}

/** What a project file exports, as one object (CommonJS `module.exports`, ESM exports, or JSON). */
export function moduleExports(ev: Evaluator, file: TS.SourceFile): Value[] {
  const cached = ev.exportsCache.get(file);
  if (cached) return cached;
  if (ev.active.has(file)) return [unknown(file, 'a circular import')];
  ev.active.add(file);
  try {
    const result = computeExports(ev, file);
    ev.exportsCache.set(file, result);
    return result;
  } finally {
    ev.active.delete(file);
  }
}

/**
 * A module's exports, read lazily: each export's value is evaluated when it is first read,
 * and a module re-exported from (`export { x } from`, `export * from`) is only loaded when
 * a name is looked up in it. Reading one export of a package's index must not evaluate
 * (or, in the CLI, load) everything the index re-exports.
 */
function computeExports(ev: Evaluator, file: TS.SourceFile): Value[] {
  const ts = ev.ts;
  if (file.fileName.endsWith('.json')) {
    const first = file.statements[0];
    return first && ts.isExpressionStatement(first) ? ev.evaluate(first.expression) : [unknown(file, 'an empty JSON file')];
  }
  let whole: (() => Value[]) | undefined; // module.exports = X / export = X
  const props = new Map<string, Prop>();
  const stars: (() => Value[])[] = [];
  let open = false;
  const lazy = (name: string, site: TS.Node, compute: () => Value[]) => props.set(name, lazyProp(site, compute));
  for (const st of file.statements) {
    if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const assignment = st.expression;
      const target = commonJsTarget(ev, assignment.left);
      if (target === 'module.exports') whole = () => ev.evaluate(assignment.right);
      else if (target) lazy(target, assignment, () => ev.evaluate(assignment.right));
      continue;
    }
    if (ts.isExportAssignment(st)) {
      if (st.isExportEquals) whole = () => ev.evaluate(st.expression);
      else lazy('default', st, () => ev.evaluate(st.expression));
      continue;
    }
    const modifiers = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
    const exported = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (exported && ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const name = d.name;
        if (ts.isIdentifier(name)) lazy(name.text, d, () => ev.identifier(name));
        // `export const { getSession, commitSession } = createCookieSessionStorage(...)`: each name bound at the top of the pattern.
        else if (ts.isObjectBindingPattern(name)) {
          for (const el of name.elements) {
            const bound = el.name;
            if (ts.isIdentifier(bound) && !el.dotDotDotToken) lazy(bound.text, el, () => ev.identifier(bound));
            else open = true;
          }
        } else open = true;
      }
    } else if (exported && (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st))) {
      const name = isDefault ? 'default' : st.name?.text;
      if (name) lazy(name, st, () => ev.evaluate(st));
    } else if (ts.isExportDeclaration(st)) {
      const spec = st.moduleSpecifier && ts.isStringLiteralLike(st.moduleSpecifier) ? st.moduleSpecifier : undefined;
      let fromCache: Value[] | undefined;
      const from = () => (fromCache ??= moduleValue(ev, spec!, st));
      if (!st.exportClause) {
        // export * from './x'
        if (spec) stars.push(from);
        else open = true;
      } else if (ts.isNamedExports(st.exportClause)) {
        for (const el of st.exportClause.elements) {
          const local = (el.propertyName ?? el.name) as TS.Identifier;
          lazy(el.name.text, el, () => (spec ? exportOf(ev, from(), local.text, el) : ev.identifier(local)));
        }
      } else open = true;
    }
  }
  if (whole) {
    const values = whole();
    // `module.exports = {...}` then `module.exports.x = ...`: the object wins, additions merge in.
    if (props.size === 0) return values;
    return values.map((w) => (w.kind === 'object' ? { ...w, props: new Map([...w.props, ...props]) } : w));
  }
  if (stars.length === 0) return [{ kind: 'object', props, open, node: file }];
  const exportMap = new ExportMap(props, stars);
  const value: ObjectValue = {
    kind: 'object',
    props: exportMap,
    get open() {
      return open || exportMap.open;
    },
    node: file,
  };
  return [value];
}

/** `module.exports`, `module.exports.x`, `exports.x`: the export it assigns. */
function commonJsTarget(ev: Evaluator, left: TS.Expression): string | undefined {
  const ts = ev.ts;
  if (!ts.isPropertyAccessExpression(left)) return undefined;
  const base = left.expression;
  if (ts.isIdentifier(base) && base.text === 'module' && left.name.text === 'exports') return 'module.exports';
  if (ts.isIdentifier(base) && base.text === 'exports') return left.name.text;
  if (ts.isPropertyAccessExpression(base) && ts.isIdentifier(base.expression) && base.expression.text === 'module' && base.name.text === 'exports') {
    return left.name.text;
  }
  return undefined;
}

/** A property whose value is computed when first read (a circular read gives an unknown value). */
function lazyProp(site: TS.Node, compute: () => Value[]): Prop {
  let values: readonly Value[] | undefined;
  let computing = false;
  return {
    site,
    get values(): readonly Value[] {
      if (values) return values;
      if (computing) return [unknown(site, 'a circular import')];
      computing = true;
      try {
        values = compute();
      } finally {
        computing = false;
      }
      return values;
    },
  };
}

/**
 * The exports of a module with `export * from` re-exports: its own exports first, then each
 * re-exported module's, loaded in order only as far as a looked-up name needs. Enumerating
 * (a spread of the module object) loads them all.
 */
class ExportMap implements ReadonlyMap<string, Prop> {
  private readonly loaded: Value[][] = [];
  private merged: Map<string, Prop> | undefined;
  private anyOpen = false;

  constructor(
    private readonly own: ReadonlyMap<string, Prop>,
    private readonly stars: readonly (() => Value[])[],
  ) {}

  private star(i: number): Value[] {
    let v = this.loaded[i];
    if (!v) {
      v = this.stars[i]!();
      this.loaded[i] = v;
      if (!(v.length === 1 && v[0]!.kind === 'object')) this.anyOpen = true;
    }
    return v;
  }

  get(key: string): Prop | undefined {
    const own = this.own.get(key);
    if (own || key === 'default') return own;
    if (this.merged) return this.merged.get(key);
    for (let i = 0; i < this.stars.length; i++) {
      const v = this.star(i);
      if (v.length === 1 && v[0]!.kind === 'object') {
        const p = v[0].props.get(key);
        if (p) return p;
      }
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Whether a name may be exported that is not known (a re-exported module that could not be read). */
  get open(): boolean {
    this.all();
    return this.anyOpen;
  }

  private all(): Map<string, Prop> {
    if (this.merged) return this.merged;
    const out = new Map(this.own);
    for (let i = 0; i < this.stars.length; i++) {
      const v = this.star(i);
      if (v.length === 1 && v[0]!.kind === 'object') {
        const obj = v[0];
        for (const [key, prop] of obj.props) if (key !== 'default' && !out.has(key)) out.set(key, prop);
        if (obj.open) this.anyOpen = true;
      }
    }
    this.merged = out;
    return out;
  }

  get size(): number {
    return this.all().size;
  }
  forEach(fn: (value: Prop, key: string, map: ReadonlyMap<string, Prop>) => void): void {
    for (const [k, v] of this.all()) fn(v, k, this);
  }
  entries(): MapIterator<[string, Prop]> {
    return this.all().entries();
  }
  keys(): MapIterator<string> {
    return this.all().keys();
  }
  values(): MapIterator<Prop> {
    return this.all().values();
  }
  [Symbol.iterator](): MapIterator<[string, Prop]> {
    return this.all().entries();
  }
}

// ───────────────────────── start-up modules that write to an imported object ─────────────────────────

/** Which export of which project file a binding holds ('default' for a CommonJS module or a default import). */
export interface BindingOrigin {
  readonly file: TS.SourceFile;
  readonly name: string;
}

/**
 * `import config from './config'`, `import { session } from './config'`, `import config = require('./config')`,
 * `const config = require('./config')`, `const session = require('./config').session`: the file and export
 * the binding holds. Undefined for anything else (a package, a destructuring, a computed path).
 */
export function bindingOrigin(ev: Evaluator, decl: TS.Declaration): BindingOrigin | undefined {
  const ts = ev.ts;
  let spec: TS.Expression | undefined;
  let name = 'default';
  if (ts.isImportClause(decl)) spec = decl.parent.moduleSpecifier;
  else if (ts.isNamespaceImport(decl)) spec = decl.parent.parent.moduleSpecifier;
  else if (ts.isImportSpecifier(decl)) {
    spec = decl.parent.parent.parent.moduleSpecifier;
    name = (decl.propertyName ?? decl.name).text;
  } else if (ts.isImportEqualsDeclaration(decl)) {
    spec = ts.isExternalModuleReference(decl.moduleReference) ? decl.moduleReference.expression : undefined;
  } else if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer) {
    let init = skipOuter(ts, decl.initializer);
    if (ts.isPropertyAccessExpression(init)) {
      name = init.name.text;
      init = skipOuter(ts, init.expression);
    }
    spec = requireSpecifier(ts, init);
  }
  if (!spec || !ts.isStringLiteralLike(spec)) return undefined;
  const file = resolveModuleFile(ev, spec);
  return file ? { file, name } : undefined;
}

function skipOuter(ts: Evaluator['ts'], e: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** The specifier of `require('x')` (the global require only: a local function of that name is not one). */
function requireSpecifier(ts: Evaluator['ts'], e: TS.Expression): TS.Expression | undefined {
  if (!ts.isCallExpression(e) || !ts.isIdentifier(e.expression) || e.expression.text !== 'require' || e.arguments.length !== 1) return undefined;
  return e.arguments[0];
}

/** How many modules a file loads before a use whose top-level writes are looked at. */
const MAX_STARTUP_MODULES = 32;

/**
 * The project files `sf` loads at its top level before the statement that holds `use`: every ESM
 * import (they all run before the module's body), and each `require('x')` statement or declaration
 * written before it. Their top-level code has run when `use` is evaluated.
 */
export function modulesLoadedBefore(ev: Evaluator, use: TS.Node): TS.SourceFile[] {
  const ts = ev.ts;
  const sf = use.getSourceFile();
  let top: TS.Node = use;
  while (top.parent && top.parent !== sf) top = top.parent;
  const out: TS.SourceFile[] = [];
  for (const st of sf.statements) {
    if (out.length >= MAX_STARTUP_MODULES) break;
    let spec: TS.Expression | undefined;
    if (ts.isImportDeclaration(st)) spec = st.importClause?.isTypeOnly ? undefined : st.moduleSpecifier;
    else if (st.pos >= top.pos) continue;
    else if (ts.isExpressionStatement(st)) spec = requireSpecifier(ts, skipOuter(ts, st.expression));
    else if (ts.isVariableStatement(st) && st.declarationList.declarations.length === 1) {
      const init = st.declarationList.declarations[0]!.initializer;
      spec = init ? requireSpecifier(ts, skipOuter(ts, init)) : undefined;
    } else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) spec = st.moduleReference.expression;
    if (!spec || !ts.isStringLiteralLike(spec)) continue;
    const file = resolveModuleFile(ev, spec);
    if (file && file !== sf && !out.includes(file)) out.push(file);
  }
  return out;
}
