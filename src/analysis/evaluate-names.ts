/**
 * The evaluator's names: identifiers followed through the checker's symbols to their
 * declarations (const, let/var with every assignment that can run in this world,
 * destructuring with defaults, imports, globals), and property writes made after an
 * object was created (`sess.cookie.secure = true`, `Object.assign(opts, {...})`).
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import { isObjectAssign } from './evaluate-calls.js';
import { bindingOrigin, modulesLoadedBefore } from './evaluate-modules.js';
import { fileGlobal } from './evaluate-paths.js';
import { parameterValue } from './evaluate-summaries.js';
import { moduleArgument } from './module-arguments.js';
import { containerOf } from './evaluate-reachability.js';
import type { TSModule } from './host.js';
import { symbolAt } from './syntax.js';
import { MAX_POSSIBILITIES, type Prop, type Value, asFallback, mayOverride, mergeObjects, notUndefined, unknown } from './values.js';
import { walk } from './walk.js';

export type Write = { path: string[]; value: TS.Expression | undefined; assign?: TS.Expression; node: TS.Node };

export function shorthand(ev: Evaluator, p: TS.ShorthandPropertyAssignment): Value[] {
  const sym = ev.checkerOf(p).getShorthandAssignmentValueSymbol(p);
  const values = symbolValues(ev, sym, p.name);
  if (p.objectAssignmentInitializer) return [...values, ...ev.evaluate(p.objectAssignmentInitializer)];
  return values;
}

export function identifier(ev: Evaluator, id: TS.Identifier): Value[] {
  if (id.text === 'undefined') return [{ kind: 'literal', value: undefined, node: id }];
  // A shorthand property's name can come here (a write's value: `Object.assign(req.session, { user })`): the plain
  // lookup gives the property's symbol, whose declaration is the shorthand itself, which symbolValues evaluates with
  // `shorthand()` (the variable's values): the same values as the variable's symbol would give.
  return symbolValues(ev, symbolAt(() => ev.checkerOf(id), id), id);
}

/** Values a symbol can have, with later property writes to it applied. */
function symbolValues(ev: Evaluator, sym: TS.Symbol | undefined, id: TS.Identifier): Value[] {
  const ts = ev.ts;
  const decl = sym && (sym.valueDeclaration ?? sym.declarations?.[0]);
  if (!sym || !decl) return globalName(ev, id);
  const declFile = decl.getSourceFile();
  if (declFile.isDeclarationFile) return globalName(ev, id);
  // `export { x }` (no `from`): the checker names the export specifier; its value is the local `x`'s.
  if (ts.isExportSpecifier(decl) && !decl.parent.parent.moduleSpecifier) {
    let local: TS.Symbol | undefined;
    try {
      local = ev.checkerOf(decl).getExportSpecifierLocalTargetSymbol(decl);
    } catch {
      local = undefined;
    }
    if (local && local !== sym) return symbolValues(ev, local, id);
  }

  let values: Value[];
  if (ts.isVariableDeclaration(decl)) {
    values = variable(ev, decl, sym, id);
  } else if (ts.isBindingElement(decl)) {
    values = bindingElement(ev, decl);
  } else if (ts.isParameter(decl)) {
    values = (ts.isIdentifier(decl.name) ? (parameterValue(ev, decl) ?? moduleArgument(ev, decl)) : undefined) ?? [unknown(id, 'a parameter')];
  } else if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isArrowFunction(decl) || ts.isMethodDeclaration(decl)) {
    values = [{ kind: 'function', decl, node: decl }];
  } else if (ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl)) {
    values = ev.importBinding(decl, id);
  } else if (ts.isShorthandPropertyAssignment(decl)) {
    values = shorthand(ev, decl);
  } else if (ts.isPropertyAssignment(decl)) {
    values = ev.evaluate(decl.initializer);
  } else if (ts.isEnumMember(decl) && decl.initializer) {
    values = ev.evaluate(decl.initializer);
  } else {
    values = [unknown(id, `a ${ts.SyntaxKind[decl.kind] ?? 'declaration'}`)];
  }
  values = applyWrites(ev, values, sym, decl.getSourceFile());
  return ev.host.crossModule ? applyStartupWrites(ev, values, decl, id) : values;
}

/**
 * Writes that start-up modules make to an imported object before it is read: `id` holds an
 * export of a project file (`const config = require('./config')`), and a module this file loads
 * at its top level before the read (bootstrap.js: `config.secret = crypto.randomBytes(32)`) writes
 * to the same export at its own top level. Such a write runs before the read; one under a
 * condition adds a possibility. Writes inside functions of those modules are not applied (they
 * may run later, or never), nor are modules loaded elsewhere.
 */
function applyStartupWrites(ev: Evaluator, values: Value[], decl: TS.Declaration, id: TS.Identifier): Value[] {
  if (!values.some((v) => v.kind === 'object')) return values;
  const origin = bindingOrigin(ev, decl);
  if (!origin) return values;
  let result = values;
  for (const m of modulesLoadedBefore(ev, id)) {
    if (m === origin.file || m.fileName.endsWith('.json')) continue;
    for (const [s, writes] of writesIn(ev, m)) {
      const d = s.valueDeclaration ?? s.declarations?.[0];
      const o = d && d.getSourceFile() === m ? bindingOrigin(ev, d) : undefined;
      if (!o || o.file !== origin.file || o.name !== origin.name) continue;
      for (const w of writes) {
        if (containerOf(ev.ts, w.node) !== m) continue;
        const r = ev.reachable(w.node, { functionsMayNotRun: true });
        if (r === false) continue;
        const newValues: Value[] = w.assign ? [] : ev.evaluate(w.value!);
        result = result.map((v) => writePath(ev, v, w, newValues, r === true));
      }
    }
  }
  return result;
}

function globalName(ev: Evaluator, id: TS.Identifier): Value[] {
  switch (id.text) {
    case 'process':
      return [{ kind: 'module', module: 'process', path: [], node: id }];
    case 'globalThis':
      return [{ kind: 'module', module: 'globalThis', path: [], node: id }];
    case 'module':
    case 'exports':
    case 'require':
      return [{ kind: 'module', module: `%${id.text}`, path: [], node: id }];
    case '__dirname':
    case '__filename': {
      const v = fileGlobal(id);
      return v ? [v] : [unknown(id, `'${id.text}' of a file without a path`)];
    }
    default:
      return [unknown(id, `'${id.text}', defined outside the analyzed code`)];
  }
}

function variable(ev: Evaluator, decl: TS.VariableDeclaration, sym: TS.Symbol, use?: TS.Node): Value[] {
  const ts = ev.ts;
  const flags = ts.getCombinedNodeFlags(decl);
  if (decl.exclamationToken || isAmbient(ts, decl)) return [unknown(decl, 'a declared variable')];
  const isConst = (flags & ts.NodeFlags.Const) !== 0;
  const initial: Value[] = decl.initializer
    ? ev.evaluate(decl.initializer)
    : [{ kind: 'literal', value: undefined, node: decl }];
  if (isConst) return initial;
  // `let`/`var`: the initializer and every assignment that can run in this world.
  const assignments = assignmentsTo(ev, sym, decl.getSourceFile());
  if (assignments.length === 0) return initial;
  if (assignments.length > MANY_ASSIGNMENTS) return joinedAssignments(ev, decl, sym, initial, assignments);
  // `let s = 'dev'; if (isProd) s = process.env.S; use(s)`: an assignment that surely runs
  // before the read overwrites the initializer and the assignments before it.
  const last = use ? assignments.filter((a) => ev.surelyPrecedes(a, use)).pop() : undefined;
  const out: Value[] = decl.initializer && !last ? [...initial] : [];
  for (const a of assignments) {
    if (last && a !== last && a.end <= last.pos && containerOf(ev.ts, a) === containerOf(ev.ts, last)) continue;
    const r = ev.reachable(a, { functionsMayNotRun: false });
    if (r === false) continue;
    out.push(...ev.evaluate(a.right));
  }
  return out.length > 0 ? out : initial;
}

/**
 * Above this many assignments to one variable (generated code, a long chain of
 * `if (c) x = ...`), reads are not told apart: the variable's value is the join of its
 * initializer and every assignment that can run, computed once.
 */
const MANY_ASSIGNMENTS = 64;

/**
 * The join of a variable's initializer and assignments, once per variable (per world):
 * linear in the number of assignments, however many reads there are. It widens early:
 * once it holds as many possibilities as the evaluator keeps, the rest is one unknown
 * possibility and no further assignment is evaluated. A read of the variable inside its
 * own assignments (`x = x + 'a'`) is unknown.
 */
function joinedAssignments(ev: Evaluator, decl: TS.VariableDeclaration, sym: TS.Symbol, initial: Value[], assignments: readonly TS.BinaryExpression[]): Value[] {
  const cached = ev.joinedVariables.get(sym);
  if (cached) return cached;
  if (ev.active.has(decl)) return [unknown(decl, 'a value that refers to itself')];
  ev.active.add(decl);
  try {
    const out: Value[] = decl.initializer ? [...initial] : [];
    for (const a of assignments) {
      if (out.length >= MAX_POSSIBILITIES) {
        out.push(unknown(decl, 'too many possibilities'));
        break;
      }
      if (ev.reachable(a, { functionsMayNotRun: false }) === false) continue;
      out.push(...ev.evaluate(a.right));
    }
    const result = out.length > 0 ? out : initial;
    ev.joinedVariables.set(sym, result);
    return result;
  } finally {
    ev.active.delete(decl);
  }
}

function bindingElement(ev: Evaluator, decl: TS.BindingElement): Value[] {
  const ts = ev.ts;
  const pattern = decl.parent;
  const holder = pattern.parent; // VariableDeclaration | Parameter | BindingElement
  let source: Value[];
  if (ts.isVariableDeclaration(holder)) source = holder.initializer ? ev.evaluate(holder.initializer) : [];
  else if (ts.isBindingElement(holder)) source = bindingElement(ev, holder);
  else {
    // `function f({ secret }) {}` called with its argument (evaluate-summaries.ts)
    const bound = ts.isParameter(holder) ? parameterValue(ev, holder) : undefined;
    if (!bound) return [unknown(decl, 'a destructured parameter')];
    source = bound;
  }
  let values: Value[];
  if (ts.isObjectBindingPattern(pattern)) {
    const keyNode = decl.propertyName ?? decl.name;
    const key = ts.isIdentifier(keyNode) || ts.isStringLiteral(keyNode) ? keyNode.text : ev.propertyName(keyNode as TS.PropertyName);
    if (decl.dotDotDotToken || key === undefined) return [unknown(decl, 'a rest element')];
    values = ev.getProperty(source, key, decl);
  } else {
    const index = pattern.elements.indexOf(decl as never);
    if (decl.dotDotDotToken) return [unknown(decl, 'a rest element')];
    values = ev.getProperty(source, String(index), decl);
  }
  if (decl.initializer) {
    const out: Value[] = [];
    let needDefault = false;
    for (const v of values) {
      const n = notUndefined(v);
      if (n === true) out.push(v);
      else if (n === false) needDefault = true;
      else {
        out.push(v);
        needDefault = true;
      }
    }
    if (needDefault) {
      const env = values.find((v) => v.kind === 'env');
      const defaults = ev.evaluate(decl.initializer);
      out.push(...(env && env.kind === 'env' && env.name ? defaults.map((d) => asFallback(d, env.name!)) : defaults));
    }
    return out;
  }
  return values;
}

/**
 * Applies property writes made after creation (`sess.cookie.secure = true`,
 * `Object.assign(opts.cookie, {...})`) to the values of a variable. A write
 * that surely runs in this world replaces the property; one that may run adds a possibility.
 */
function applyWrites(ev: Evaluator, values: Value[], sym: TS.Symbol, file: TS.SourceFile): Value[] {
  const writes = writesIn(ev, file).get(sym);
  if (!writes || writes.length === 0) return values;
  let result = values;
  // A write in the function that declares the variable runs when the declaration does;
  // one in a nested function (a callback) may never run.
  const decl = sym.valueDeclaration ?? sym.declarations?.[0];
  let scope: TS.Node | undefined = decl?.parent;
  while (scope && !ev.ts.isFunctionLike(scope) && !ev.ts.isSourceFile(scope)) scope = scope.parent;
  for (const w of writes) {
    const r = ev.reachable(w.node, { functionsMayNotRun: true, within: scope });
    if (r === false) continue;
    const newValues: Value[] = w.assign
      ? [] // Object.assign(x.path, src): merged below
      : ev.evaluate(w.value!);
    result = result.map((v) => writePath(ev, v, w, newValues, r === true));
  }
  return result;
}

function writePath(ev: Evaluator, v: Value, w: Write, newValues: Value[], certain: boolean): Value {
  if (v.kind !== 'object') return v;
  const [head, ...rest] = w.path;
  const update = (old: Prop | undefined): Prop => {
    if (rest.length === 0 && !w.assign) {
      return { values: certain ? newValues : [...(old?.values ?? [{ kind: 'missing', node: w.node }]), ...newValues], site: w.node };
    }
    const inner = old?.values ?? [{ kind: 'missing', node: w.node } as Value];
    const sub: Write = { ...w, path: rest };
    if (rest.length === 0 && w.assign) {
      // Object.assign(x.a, src): merge src's properties into x.a
      const src = mergeObjects(ev.evaluate(w.assign), w.assign);
      return {
        values: inner.map((iv) => {
          if (iv.kind !== 'object') return iv;
          if (!src) return { ...iv, props: mayOverride(new Map(iv.props), w.node), open: true };
          const props = src.open ? mayOverride(new Map(iv.props), w.node, src.props) : new Map(iv.props);
          for (const [k, p] of src.props) props.set(k, certain ? p : { values: [...(props.get(k)?.values ?? [{ kind: 'missing', node: w.node }]), ...p.values], site: p.site });
          return { ...iv, props, open: iv.open || src.open };
        }),
        site: old?.site,
      };
    }
    return { values: inner.map((iv) => writePath(ev, iv, sub, newValues, certain)), site: old?.site };
  };
  if (head === undefined) {
    // Object.assign(x, src) on the variable itself
    if (!w.assign) return v;
    const src = mergeObjects(ev.evaluate(w.assign), w.assign);
    if (!src) return { ...v, props: mayOverride(new Map(v.props), w.node), open: true };
    const props = src.open ? mayOverride(new Map(v.props), w.node, src.props) : new Map(v.props);
    for (const [k, p] of src.props) props.set(k, certain ? p : { values: [...(props.get(k)?.values ?? [{ kind: 'missing', node: w.node }]), ...p.values], site: p.site });
    return { ...v, props, open: v.open || src.open };
  }
  const props = new Map(v.props);
  props.set(head, update(props.get(head)));
  return { ...v, props };
}

/** Every property write in a file, keyed by the root variable's symbol. */
function writesIn(ev: Evaluator, file: TS.SourceFile): Map<TS.Symbol, Write[]> {
  let map = ev.writesByFile.get(file);
  if (map) return map;
  map = new Map();
  ev.writesByFile.set(file, map);
  const ts = ev.ts;
  const checker = ev.host.checkerFor(file);
  const add = (target: TS.Expression, w: Omit<Write, 'path'>, extra: string[] = []) => {
    const path: string[] = [];
    let e: TS.Expression = target;
    while (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))) {
      path.unshift(ts.isPropertyAccessExpression(e) ? e.name.text : (e.argumentExpression as TS.StringLiteral).text);
      e = e.expression;
    }
    if (!ts.isIdentifier(e)) return;
    if (path.length === 0 && !w.assign) return; // plain reassignment: handled by variable()
    // The object written to (`e.x = …`, `Object.assign(e, …)`): an expression, never a shorthand property's name.
    const sym = symbolAt(checker, e);
    if (!sym) return;
    const list = map!.get(sym) ?? [];
    list.push({ ...w, path: [...path, ...extra] });
    map!.set(sym, list);
  };
  const visit = (n: TS.Node): void => {
    if (ts.isBinaryExpression(n) && isAssignmentOperator(ts, n.operatorToken.kind) && (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left))) {
      add(n.left, { value: n.right, node: n });
    } else if (ts.isCallExpression(n) && isObjectAssign(ts, n.expression) && n.arguments.length >= 2) {
      const [target, ...sources] = n.arguments;
      for (const s of sources) add(target!, { value: undefined, assign: s, node: n });
    }
  };
  walk(ts, file, visit);
  return map;
}

function assignmentsTo(ev: Evaluator, sym: TS.Symbol, file: TS.SourceFile): TS.BinaryExpression[] {
  let map = ev.assignmentsByFile.get(file);
  if (!map) {
    map = new Map();
    ev.assignmentsByFile.set(file, map);
    const ts = ev.ts;
    const checker = ev.host.checkerFor(file);
    const visit = (n: TS.Node): void => {
      if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
        // The left side of `x = …`: an expression, never a shorthand property's name.
        const s = symbolAt(checker, n.left);
        if (s) {
          const list = map!.get(s);
          if (list) list.push(n);
          else map!.set(s, [n]);
        }
      }
    };
    walk(ts, file, visit);
  }
  return map.get(sym) ?? [];
}

/** Inside a `declare` statement or namespace: a type-level promise, not a value. */
function isAmbient(ts: TSModule, node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return true;
  }
  return false;
}

function isAssignmentOperator(ts: TSModule, kind: TS.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken
  );
}
