/**
 * Abstract evaluation of expressions, the way a reviewer reads them.
 *
 * `evaluate(expr)` answers "what can this be at run time, in this world?" as a
 * list of possibilities. It follows variables to their assignments, objects
 * through spreads, `Object.assign` and later property writes, functions to their
 * returns, imports and `require` to the other module (when the host's checker
 * sees it), and environment reads. Conditions are decided per world: in the
 * production world `process.env.NODE_ENV` is 'production'; elsewhere it is any
 * other value. Whatever cannot be known is `unknown` (never a finding by itself).
 */
import type * as TS from 'typescript';
import type { EngineHost, TSModule } from './host.js';
import { normalizeModule } from './libraries.js';
import {
  type ObjectValue,
  type Prop,
  type Tri,
  type Value,
  type World,
  type ModuleValue,
  truthiness,
} from './values.js';
import { walk, walkChildren } from './walk.js';

const MAX_DEPTH = 40;
const MAX_POSSIBILITIES = 24;

type Write = { path: string[]; value: TS.Expression | undefined; assign?: TS.Expression; node: TS.Node };

export class Evaluator {
  readonly ts: TSModule;
  readonly checker: TS.TypeChecker;
  private readonly cache = new Map<TS.Node, Value[]>();
  private readonly active = new Set<TS.Node>();
  private depth = 0;
  private readonly writesByFile = new Map<TS.SourceFile, Map<TS.Symbol, Write[]>>();
  private readonly assignmentsByFile = new Map<TS.SourceFile, Map<TS.Symbol, TS.BinaryExpression[]>>();
  private readonly exportsCache = new Map<TS.SourceFile, Value[]>();

  constructor(
    readonly host: EngineHost,
    readonly world: World,
  ) {
    this.ts = host.ts;
    this.checker = host.checker;
  }

  // ───────────────────────────── expressions ─────────────────────────────

  evaluate(expr: TS.Node | undefined): Value[] {
    if (!expr) return [];
    const cached = this.cache.get(expr);
    if (cached) return cached;
    if (this.active.has(expr)) return [unknown(expr, 'a value that refers to itself')];
    if (this.depth > MAX_DEPTH) return [unknown(expr, 'too deeply nested to follow')];
    this.host.checkBudget?.();
    this.active.add(expr);
    this.depth++;
    let result: Value[];
    try {
      result = cap(this.evaluateUncached(expr), expr);
    } finally {
      this.depth--;
      this.active.delete(expr);
    }
    this.cache.set(expr, result);
    return result;
  }

  private evaluateUncached(node: TS.Node): Value[] {
    const ts = this.ts;
    const k = ts.SyntaxKind;
    switch (node.kind) {
      case k.StringLiteral:
      case k.NoSubstitutionTemplateLiteral:
        return [{ kind: 'literal', value: (node as TS.StringLiteral).text, node }];
      case k.NumericLiteral:
        return [{ kind: 'literal', value: Number((node as TS.NumericLiteral).text), node }];
      case k.BigIntLiteral:
        return [{ kind: 'literal', value: (node as TS.BigIntLiteral).text, node }];
      case k.TrueKeyword:
        return [{ kind: 'literal', value: true, node }];
      case k.FalseKeyword:
        return [{ kind: 'literal', value: false, node }];
      case k.NullKeyword:
        return [{ kind: 'literal', value: null, node }];
      case k.TemplateExpression:
        return this.template(node as TS.TemplateExpression);
      case k.ParenthesizedExpression:
      case k.AsExpression:
      case k.SatisfiesExpression:
      case k.NonNullExpression:
      case k.TypeAssertionExpression:
      case k.PartiallyEmittedExpression:
        return this.evaluate((node as TS.ParenthesizedExpression).expression);
      case k.Identifier:
        return this.identifier(node as TS.Identifier);
      case k.ObjectLiteralExpression:
        return [this.objectLiteral(node as TS.ObjectLiteralExpression)];
      case k.ArrayLiteralExpression:
        return [this.arrayLiteral(node as TS.ArrayLiteralExpression)];
      case k.PropertyAccessExpression: {
        const pa = node as TS.PropertyAccessExpression;
        return this.getProperty(this.evaluate(pa.expression), pa.name.text, node);
      }
      case k.ElementAccessExpression: {
        const ea = node as TS.ElementAccessExpression;
        const key = this.evaluate(ea.argumentExpression);
        if (key.length === 1 && key[0]!.kind === 'literal' && key[0]!.value !== undefined) {
          return this.getProperty(this.evaluate(ea.expression), String(key[0]!.value), node);
        }
        const base = this.evaluate(ea.expression);
        if (base.some((b) => isEnvObject(b))) return [{ kind: 'env', name: undefined, node }];
        return [unknown(node, 'a computed property')];
      }
      case k.ConditionalExpression: {
        const c = node as TS.ConditionalExpression;
        return this.conditional(c.condition, c.whenTrue, c.whenFalse);
      }
      case k.BinaryExpression:
        return this.binary(node as TS.BinaryExpression);
      case k.PrefixUnaryExpression: {
        const p = node as TS.PrefixUnaryExpression;
        if (p.operator === k.ExclamationToken) {
          const t = this.truth(p.operand);
          return t === 'unknown' ? [unknown(node, 'a negated unknown')] : [{ kind: 'literal', value: !t, node }];
        }
        if (p.operator === k.MinusToken) {
          const v = this.evaluate(p.operand);
          if (v.length === 1 && v[0]!.kind === 'literal' && typeof v[0]!.value === 'number') {
            return [{ kind: 'literal', value: -v[0]!.value, node }];
          }
        }
        return [unknown(node, 'an arithmetic expression')];
      }
      case k.VoidExpression:
        return [{ kind: 'literal', value: undefined, node }];
      case k.AwaitExpression:
        return this.evaluate((node as TS.AwaitExpression).expression);
      case k.FunctionExpression:
      case k.ArrowFunction:
      case k.FunctionDeclaration:
      case k.MethodDeclaration:
        return [{ kind: 'function', decl: node as TS.SignatureDeclaration, node }];
      case k.CallExpression:
        return this.call(node as TS.CallExpression);
      case k.NewExpression:
        return this.construct(node as TS.NewExpression);
      case k.ClassExpression:
      case k.ClassDeclaration:
        return [unknown(node, 'a class')];
      default:
        return [unknown(node, 'an expression session-audit does not evaluate')];
    }
  }

  private template(node: TS.TemplateExpression): Value[] {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const v = this.evaluate(span.expression);
      if (v.length !== 1 || v[0]!.kind !== 'literal') return [unknown(node, 'a template with substitutions')];
      text += String(v[0]!.value) + span.literal.text;
    }
    return [{ kind: 'literal', value: text, node }];
  }

  private conditional(cond: TS.Expression, whenTrue: TS.Expression, whenFalse: TS.Expression): Value[] {
    const t = this.truth(cond);
    if (t === true) return this.evaluate(whenTrue);
    if (t === false) return this.evaluate(whenFalse);
    // `process.env.S ? process.env.S : 'dev'`: the other branch is the env read's fallback.
    const envName = this.envNameOf(cond);
    const a = this.evaluate(whenTrue);
    const b = this.evaluate(whenFalse);
    return envName ? [...a, ...b.map((v) => asFallback(v, envName))] : [...a, ...b];
  }

  private binary(node: TS.BinaryExpression): Value[] {
    const k = this.ts.SyntaxKind;
    const op = node.operatorToken.kind;
    switch (op) {
      case k.BarBarToken:
      case k.QuestionQuestionToken: {
        const nullish = op === k.QuestionQuestionToken;
        const left = this.evaluate(node.left);
        const out: Value[] = [];
        let needRight = false;
        for (const v of left) {
          const t = nullish ? notNullish(v) : truthiness(v);
          if (t === true) out.push(v);
          else if (t === false) needRight = true;
          else {
            out.push(v);
            needRight = true;
          }
        }
        if (needRight) {
          const envName = left.find((v) => v.kind === 'env')?.kind === 'env' ? (left.find((v) => v.kind === 'env') as { name?: string }).name : undefined;
          const right = this.evaluate(node.right);
          out.push(...(envName ? right.map((v) => asFallback(v, envName)) : right));
        }
        return out;
      }
      case k.AmpersandAmpersandToken: {
        const left = this.evaluate(node.left);
        const out: Value[] = [];
        let needRight = false;
        for (const v of left) {
          const t = truthiness(v);
          if (t === false) out.push(v);
          else if (t === true) needRight = true;
          else {
            out.push(v);
            needRight = true;
          }
        }
        if (needRight) out.push(...this.evaluate(node.right));
        return out;
      }
      case k.EqualsEqualsEqualsToken:
      case k.EqualsEqualsToken:
      case k.ExclamationEqualsEqualsToken:
      case k.ExclamationEqualsToken: {
        const t = this.compare(node);
        return t === 'unknown' ? [unknown(node, 'a comparison that depends on the environment')] : [{ kind: 'literal', value: t, node }];
      }
      case k.PlusToken: {
        const l = this.evaluate(node.left);
        const r = this.evaluate(node.right);
        if (l.length === 1 && r.length === 1 && l[0]!.kind === 'literal' && r[0]!.kind === 'literal') {
          const a = l[0]!.value as never;
          const b = r[0]!.value as never;
          return [{ kind: 'literal', value: (a as string) + (b as string), node }];
        }
        return [unknown(node, 'a computed string')];
      }
      // `30 * 24 * 60 * 60 * 1000`: lifetimes are written as products.
      case k.AsteriskToken:
      case k.SlashToken:
      case k.MinusToken: {
        const l = this.evaluate(node.left);
        const r = this.evaluate(node.right);
        if (l.length === 1 && r.length === 1 && l[0]!.kind === 'literal' && r[0]!.kind === 'literal' && typeof l[0]!.value === 'number' && typeof r[0]!.value === 'number') {
          const a = l[0]!.value;
          const b = r[0]!.value;
          return [{ kind: 'literal', value: op === k.AsteriskToken ? a * b : op === k.SlashToken ? a / b : a - b, node }];
        }
        return [unknown(node, 'an arithmetic expression')];
      }
      case k.CommaToken:
        return this.evaluate(node.right);
      case k.EqualsToken:
        return this.evaluate(node.right);
      default:
        return [unknown(node, 'an operator session-audit does not evaluate')];
    }
  }

  /** `a === b` and friends, decided for this world when both sides are known. */
  private compare(node: TS.BinaryExpression): Tri {
    const k = this.ts.SyntaxKind;
    const op = node.operatorToken.kind;
    const negate = op === k.ExclamationEqualsEqualsToken || op === k.ExclamationEqualsToken;
    const loose = op === k.EqualsEqualsToken || op === k.ExclamationEqualsToken;
    const left = this.evaluate(node.left);
    const right = this.evaluate(node.right);
    let result: Tri | undefined;
    for (const a of left) {
      for (const b of right) {
        const r = this.equal(a, b, loose);
        if (result === undefined) result = r;
        else if (result !== r) return 'unknown';
      }
    }
    if (result === undefined || result === 'unknown') return 'unknown';
    return negate ? !result : result;
  }

  private equal(a: Value, b: Value, loose: boolean): Tri {
    if (a.kind === 'literal' && b.kind === 'literal') {
      // eslint-disable-next-line eqeqeq
      return loose ? a.value == b.value : a.value === b.value;
    }
    if (a.kind === 'missing' && b.kind === 'literal') return loose ? b.value == null : b.value === undefined;
    if (b.kind === 'missing' && a.kind === 'literal') return loose ? a.value == null : a.value === undefined;
    // NODE_ENV outside production: never 'production', anything else is unknown.
    const env = a.kind === 'env' ? a : b.kind === 'env' ? b : undefined;
    const lit = a.kind === 'literal' ? a : b.kind === 'literal' ? b : undefined;
    if (env && lit && env.name === 'NODE_ENV' && this.world === 'development' && lit.value === 'production') return false;
    return 'unknown';
  }

  /** Truthiness of a condition in this world. */
  truth(expr: TS.Expression): Tri {
    const values = this.evaluate(expr);
    let result: Tri | undefined;
    for (const v of values) {
      const t = truthiness(v);
      if (result === undefined) result = t;
      else if (result !== t) return 'unknown';
    }
    return result ?? 'unknown';
  }

  /** `process.env.S` (or a name bound to it) as a condition: the variable's name. */
  private envNameOf(expr: TS.Expression): string | undefined {
    const v = this.evaluate(expr);
    return v.length === 1 && v[0]!.kind === 'env' ? v[0]!.name : undefined;
  }

  // ───────────────────────────── objects ─────────────────────────────

  private objectLiteral(node: TS.ObjectLiteralExpression): ObjectValue {
    const ts = this.ts;
    const props = new Map<string, Prop>();
    let open = false;
    for (const p of node.properties) {
      if (ts.isSpreadAssignment(p)) {
        const spread = this.evaluate(p.expression);
        const merged = mergeObjects(spread, p);
        if (!merged) {
          open = true;
          mayOverride(props, p); // `{ secure: false, ...overrides }`: the spread may replace what came before
          continue;
        }
        if (merged.open) {
          open = true;
          mayOverride(props, p, merged.props);
        }
        for (const [key, prop] of merged.props) props.set(key, prop);
        continue;
      }
      const name = this.propertyName(p.name);
      if (name === undefined) {
        open = true;
        continue;
      }
      if (ts.isPropertyAssignment(p)) props.set(name, { values: this.evaluate(p.initializer), site: p });
      else if (ts.isShorthandPropertyAssignment(p)) props.set(name, { values: this.shorthand(p), site: p });
      else if (ts.isMethodDeclaration(p)) props.set(name, { values: [{ kind: 'function', decl: p, node: p }], site: p });
      else open = true; // accessors
    }
    return { kind: 'object', props, open, literal: node, node };
  }

  private arrayLiteral(node: TS.ArrayLiteralExpression): Value {
    const elements: Value[][] = [];
    let open = false;
    for (const e of node.elements) {
      if (this.ts.isSpreadElement(e)) {
        const inner = this.evaluate(e.expression);
        if (inner.length === 1 && inner[0]!.kind === 'array') {
          elements.push(...inner[0]!.elements.map((x) => [...x]));
          if (inner[0]!.open) open = true;
        } else open = true;
        continue;
      }
      if (e.kind === this.ts.SyntaxKind.OmittedExpression) {
        elements.push([{ kind: 'literal', value: undefined, node: e }]);
        continue;
      }
      elements.push(this.evaluate(e));
    }
    return { kind: 'array', elements, open, node };
  }

  propertyName(name: TS.PropertyName | TS.BindingName): string | undefined {
    const ts = this.ts;
    if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
    if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
    if (ts.isComputedPropertyName(name)) {
      const v = this.evaluate(name.expression);
      if (v.length === 1 && v[0]!.kind === 'literal' && v[0]!.value !== undefined) return String(v[0]!.value);
    }
    return undefined;
  }

  /** Property `name` of each possible value. */
  getProperty(values: readonly Value[], name: string, node: TS.Node): Value[] {
    const out: Value[] = [];
    for (const v of values) {
      switch (v.kind) {
        case 'object': {
          const prop = v.props.get(name);
          if (prop) out.push(...prop.values);
          else out.push(v.open ? unknown(node, `property '${name}' of a partly known object`) : { kind: 'missing', node });
          break;
        }
        case 'module':
          if (v.module === 'process' && v.path.length === 1 && v.path[0] === 'env') out.push(this.envRead(name, node));
          else if (name === 'default' && v.path.length === 0) out.push({ ...v, node }); // interop: `s.default` of a CommonJS package
          else out.push({ kind: 'module', module: v.module, path: [...v.path, name], node });
          break;
        case 'array': {
          const i = Number(name);
          if (Number.isInteger(i) && i >= 0 && i < v.elements.length && !v.open) out.push(...v.elements[i]!);
          else out.push(unknown(node, 'an array element'));
          break;
        }
        case 'literal':
          if (v.value === null || v.value === undefined) out.push(unknown(node, 'a property of nothing'));
          else out.push(unknown(node, `property '${name}' of a primitive`));
          break;
        case 'missing':
          out.push(unknown(node, 'a property of a missing value'));
          break;
        default:
          out.push(unknown(node, `property '${name}' of ${describeKind(v)}`));
      }
    }
    return out;
  }

  /** `process.env[name]` in this world. */
  private envRead(name: string, node: TS.Node): Value {
    if (name === 'NODE_ENV' && this.world === 'production') return { kind: 'literal', value: 'production', node };
    return { kind: 'env', name, node };
  }

  // ───────────────────────────── names ─────────────────────────────

  private shorthand(p: TS.ShorthandPropertyAssignment): Value[] {
    const sym = this.checker.getShorthandAssignmentValueSymbol(p);
    const values = this.symbolValues(sym, p.name);
    if (p.objectAssignmentInitializer) return [...values, ...this.evaluate(p.objectAssignmentInitializer)];
    return values;
  }

  private identifier(id: TS.Identifier): Value[] {
    if (id.text === 'undefined') return [{ kind: 'literal', value: undefined, node: id }];
    let sym: TS.Symbol | undefined;
    try {
      sym = this.checker.getSymbolAtLocation(id);
    } catch {
      sym = undefined;
    }
    return this.symbolValues(sym, id);
  }

  /** Values a symbol can have, with later property writes to it applied. */
  private symbolValues(sym: TS.Symbol | undefined, id: TS.Identifier): Value[] {
    const ts = this.ts;
    const decl = sym && (sym.valueDeclaration ?? sym.declarations?.[0]);
    if (!sym || !decl) return this.globalName(id);
    const declFile = decl.getSourceFile();
    if (declFile.isDeclarationFile) return this.globalName(id);

    let values: Value[];
    if (ts.isVariableDeclaration(decl)) {
      values = this.variable(decl, sym, id);
    } else if (ts.isBindingElement(decl)) {
      values = this.bindingElement(decl);
    } else if (ts.isParameter(decl)) {
      values = [unknown(id, 'a parameter')];
    } else if (ts.isFunctionDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isArrowFunction(decl) || ts.isMethodDeclaration(decl)) {
      values = [{ kind: 'function', decl, node: decl }];
    } else if (ts.isImportClause(decl) || ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportEqualsDeclaration(decl)) {
      values = this.importBinding(decl, id);
    } else if (ts.isShorthandPropertyAssignment(decl)) {
      values = this.shorthand(decl);
    } else if (ts.isPropertyAssignment(decl)) {
      values = this.evaluate(decl.initializer);
    } else if (ts.isEnumMember(decl) && decl.initializer) {
      values = this.evaluate(decl.initializer);
    } else {
      values = [unknown(id, `a ${ts.SyntaxKind[decl.kind] ?? 'declaration'}`)];
    }
    return this.applyWrites(values, sym, decl.getSourceFile());
  }

  private globalName(id: TS.Identifier): Value[] {
    switch (id.text) {
      case 'process':
        return [{ kind: 'module', module: 'process', path: [], node: id }];
      case 'globalThis':
        return [{ kind: 'module', module: 'globalThis', path: [], node: id }];
      case 'module':
      case 'exports':
      case 'require':
        return [{ kind: 'module', module: `%${id.text}`, path: [], node: id }];
      default:
        return [unknown(id, `'${id.text}', defined outside the analyzed code`)];
    }
  }

  private variable(decl: TS.VariableDeclaration, sym: TS.Symbol, use?: TS.Node): Value[] {
    const ts = this.ts;
    const flags = ts.getCombinedNodeFlags(decl);
    if (decl.exclamationToken || isAmbient(ts, decl)) return [unknown(decl, 'a declared variable')];
    const isConst = (flags & ts.NodeFlags.Const) !== 0;
    const initial: Value[] = decl.initializer
      ? this.evaluate(decl.initializer)
      : [{ kind: 'literal', value: undefined, node: decl }];
    if (isConst) return initial;
    // `let`/`var`: the initializer and every assignment that can run in this world.
    const assignments = this.assignmentsTo(sym, decl.getSourceFile());
    if (assignments.length === 0) return initial;
    // `let s = 'dev'; if (isProd) s = process.env.S; use(s)`: an assignment that surely runs
    // before the read overwrites the initializer and the assignments before it.
    const last = use ? assignments.filter((a) => this.surelyPrecedes(a, use)).pop() : undefined;
    const out: Value[] = decl.initializer && !last ? [...initial] : [];
    for (const a of assignments) {
      if (last && a !== last && a.end <= last.pos && containerOf(this.ts, a) === containerOf(this.ts, last)) continue;
      const r = this.reachable(a, { functionsMayNotRun: false });
      if (r === false) continue;
      out.push(...this.evaluate(a.right));
    }
    return out.length > 0 ? out : initial;
  }

  private bindingElement(decl: TS.BindingElement): Value[] {
    const ts = this.ts;
    const pattern = decl.parent;
    const holder = pattern.parent; // VariableDeclaration | Parameter | BindingElement
    let source: Value[];
    if (ts.isVariableDeclaration(holder)) source = holder.initializer ? this.evaluate(holder.initializer) : [];
    else if (ts.isBindingElement(holder)) source = this.bindingElement(holder);
    else return [unknown(decl, 'a destructured parameter')];
    let values: Value[];
    if (ts.isObjectBindingPattern(pattern)) {
      const keyNode = decl.propertyName ?? decl.name;
      const key = ts.isIdentifier(keyNode) || ts.isStringLiteral(keyNode) ? keyNode.text : this.propertyName(keyNode as TS.PropertyName);
      if (decl.dotDotDotToken || key === undefined) return [unknown(decl, 'a rest element')];
      values = this.getProperty(source, key, decl);
    } else {
      const index = pattern.elements.indexOf(decl as never);
      if (decl.dotDotDotToken) return [unknown(decl, 'a rest element')];
      values = this.getProperty(source, String(index), decl);
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
        const defaults = this.evaluate(decl.initializer);
        out.push(...(env && env.kind === 'env' && env.name ? defaults.map((d) => asFallback(d, env.name!)) : defaults));
      }
      return out;
    }
    return values;
  }

  // ───────────────────────────── modules ─────────────────────────────

  private importBinding(decl: TS.ImportClause | TS.ImportSpecifier | TS.NamespaceImport | TS.ImportEqualsDeclaration, id: TS.Identifier): Value[] {
    const ts = this.ts;
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
    const mod = this.moduleValue(specifierNode, id);
    if (exportName === undefined) return mod;
    return this.exportOf(mod, exportName, id);
  }

  /** Property `name` of a module's exports; `default` of a package is the package itself. */
  private exportOf(mod: Value[], name: string, node: TS.Node): Value[] {
    const out: Value[] = [];
    for (const m of mod) {
      if (m.kind === 'module' && name === 'default' && m.path.length === 0) out.push({ ...m, node });
      else if (m.kind === 'object' && name === 'default' && !m.props.has('default')) out.push(m); // CommonJS module imported as default
      else out.push(...this.getProperty([m], name, node));
    }
    return out;
  }

  /** The value of a module specifier: a package (ModuleValue) or the evaluated exports of a project file. */
  moduleValue(specifier: TS.StringLiteralLike, node: TS.Node): Value[] {
    const text = normalizeModule(specifier.text);
    const file = this.resolveModuleFile(specifier);
    if (file) return this.moduleExports(file);
    if (text.startsWith('.') || text.startsWith('/')) {
      return [unknown(node, this.host.crossModule ? `module '${text}' could not be resolved` : `imported from '${text}' (another file)`)];
    }
    return [{ kind: 'module', module: text, path: [], node }];
  }

  private resolveModuleFile(specifier: TS.StringLiteralLike): TS.SourceFile | undefined {
    if (!this.host.crossModule) return undefined;
    if (this.host.resolveModule) return this.host.resolveModule(specifier);
    let sym: TS.Symbol | undefined;
    try {
      sym = this.checker.getSymbolAtLocation(specifier);
    } catch {
      return undefined;
    }
    const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
    if (!decl || !this.ts.isSourceFile(decl)) return undefined;
    if (decl.isDeclarationFile || /[\\/]node_modules[\\/]/.test(decl.fileName)) return undefined;
    return decl;
  }

  /** What a project file exports, as one object (CommonJS `module.exports`, ESM exports, or JSON). */
  moduleExports(file: TS.SourceFile): Value[] {
    const cached = this.exportsCache.get(file);
    if (cached) return cached;
    if (this.active.has(file)) return [unknown(file, 'a circular import')];
    this.active.add(file);
    try {
      const result = this.computeExports(file);
      this.exportsCache.set(file, result);
      return result;
    } finally {
      this.active.delete(file);
    }
  }

  /**
   * A module's exports, read lazily: each export's value is evaluated when it is first read,
   * and a module re-exported from (`export { x } from`, `export * from`) is only loaded when
   * a name is looked up in it. Reading one export of a package's index must not evaluate
   * (or, in the CLI, load) everything the index re-exports.
   */
  private computeExports(file: TS.SourceFile): Value[] {
    const ts = this.ts;
    if (file.fileName.endsWith('.json')) {
      const first = file.statements[0];
      return first && ts.isExpressionStatement(first) ? this.evaluate(first.expression) : [unknown(file, 'an empty JSON file')];
    }
    let whole: (() => Value[]) | undefined; // module.exports = X / export = X
    const props = new Map<string, Prop>();
    const stars: (() => Value[])[] = [];
    let open = false;
    const lazy = (name: string, site: TS.Node, compute: () => Value[]) => props.set(name, lazyProp(site, compute));
    for (const st of file.statements) {
      if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const assignment = st.expression;
        const target = this.commonJsTarget(assignment.left);
        if (target === 'module.exports') whole = () => this.evaluate(assignment.right);
        else if (target) lazy(target, assignment, () => this.evaluate(assignment.right));
        continue;
      }
      if (ts.isExportAssignment(st)) {
        if (st.isExportEquals) whole = () => this.evaluate(st.expression);
        else lazy('default', st, () => this.evaluate(st.expression));
        continue;
      }
      const modifiers = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined;
      const exported = modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const isDefault = modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      if (exported && ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const name = d.name;
          if (ts.isIdentifier(name)) lazy(name.text, d, () => this.identifier(name));
          else open = true;
        }
      } else if (exported && (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st))) {
        const name = isDefault ? 'default' : st.name?.text;
        if (name) lazy(name, st, () => this.evaluate(st));
      } else if (ts.isExportDeclaration(st)) {
        const spec = st.moduleSpecifier && ts.isStringLiteralLike(st.moduleSpecifier) ? st.moduleSpecifier : undefined;
        let fromCache: Value[] | undefined;
        const from = () => (fromCache ??= this.moduleValue(spec!, st));
        if (!st.exportClause) {
          // export * from './x'
          if (spec) stars.push(from);
          else open = true;
        } else if (ts.isNamedExports(st.exportClause)) {
          for (const el of st.exportClause.elements) {
            const local = (el.propertyName ?? el.name) as TS.Identifier;
            lazy(el.name.text, el, () => (spec ? this.exportOf(from(), local.text, el) : this.identifier(local)));
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
  private commonJsTarget(left: TS.Expression): string | undefined {
    const ts = this.ts;
    if (!ts.isPropertyAccessExpression(left)) return undefined;
    const base = left.expression;
    if (ts.isIdentifier(base) && base.text === 'module' && left.name.text === 'exports') return 'module.exports';
    if (ts.isIdentifier(base) && base.text === 'exports') return left.name.text;
    if (ts.isPropertyAccessExpression(base) && ts.isIdentifier(base.expression) && base.expression.text === 'module' && base.name.text === 'exports') {
      return left.name.text;
    }
    return undefined;
  }

  // ───────────────────────────── calls ─────────────────────────────

  private call(node: TS.CallExpression): Value[] {
    const ts = this.ts;
    const callee = node.expression;
    // require('x'), a require made by createRequire(import.meta.url), import('x')
    const specifier = node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!) ? (node.arguments[0] as TS.StringLiteralLike) : undefined;
    if (specifier && callee.kind === ts.SyntaxKind.ImportKeyword) return this.moduleValue(specifier, node);
    if (specifier && node.arguments.length === 1 && (ts.isIdentifier(callee) || ts.isPropertyAccessExpression(callee))) {
      const fn = this.evaluate(callee);
      if (fn.length === 1 && isRequire(fn[0]!)) return this.moduleValue(specifier, node);
    }
    // app.get('env'): express's NODE_ENV || 'development'
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'get' && node.arguments.length === 1) {
      const arg = node.arguments[0]!;
      if (ts.isStringLiteralLike(arg) && arg.text === 'env') {
        if (this.world === 'production') return [{ kind: 'literal', value: 'production', node }];
        return [{ kind: 'env', name: 'NODE_ENV', node }];
      }
    }
    const fns = this.evaluate(callee);
    // Object.assign(target, ...sources)
    if (fns.length === 1 && fns[0]!.kind === 'unknown' && isObjectAssign(ts, callee)) {
      return this.objectAssign(node.arguments, node);
    }
    const out: Value[] = [];
    for (const fn of fns) {
      if (fn.kind === 'function') out.push(...this.returnsOf(fn.decl, node));
      else if (fn.kind === 'module') out.push({ kind: 'instance', of: fn, constructed: false, args: node.arguments, node });
      else if (fn.kind === 'instance') out.push({ kind: 'instance', of: fn.of, constructed: false, args: node.arguments, node });
      else out.push(unknown(node, 'the result of a call'));
    }
    return out;
  }

  private construct(node: TS.NewExpression): Value[] {
    const out: Value[] = [];
    for (const c of this.evaluate(node.expression)) {
      if (c.kind === 'module') out.push({ kind: 'instance', of: c, constructed: true, args: node.arguments ?? [], node });
      else if (c.kind === 'instance') out.push({ kind: 'instance', of: c.of, constructed: true, args: node.arguments ?? [], node });
      else out.push(unknown(node, 'a constructed object'));
    }
    return out;
  }

  private objectAssign(args: readonly TS.Expression[], node: TS.Node): Value[] {
    const props = new Map<string, Prop>();
    let open = false;
    let literal: TS.ObjectLiteralExpression | undefined;
    for (const arg of args) {
      const merged = mergeObjects(this.evaluate(arg), arg);
      if (!merged) {
        open = true;
        mayOverride(props, arg);
        continue;
      }
      if (!literal && merged.literal) literal = merged.literal;
      if (merged.open) {
        open = true;
        mayOverride(props, arg, merged.props);
      }
      for (const [key, prop] of merged.props) props.set(key, prop);
    }
    return [{ kind: 'object', props, open, node, literal }];
  }

  /** Union of what a function can return (its parameters are unknown). */
  returnsOf(decl: TS.SignatureDeclaration, node: TS.Node): Value[] {
    const ts = this.ts;
    const body = (decl as TS.FunctionLikeDeclaration).body;
    if (!body) return [unknown(node, 'a function without a body')];
    if (!ts.isBlock(body)) return this.evaluate(body);
    const out: Value[] = [];
    const visit = (n: TS.Node): boolean => {
      if (ts.isReturnStatement(n)) {
        // A return this world never reaches (`if (!isProd) return 'dev'`, or after `if (isProd) return ...`) adds nothing.
        if (n.expression && this.reachable(n, { functionsMayNotRun: false, within: body }) !== false && !this.exitsBefore(n, body)) {
          out.push(...this.evaluate(n.expression));
        }
        return false;
      }
      return !(ts.isFunctionLike(n) || ts.isClassLike(n));
    };
    walkChildren(ts, body, visit);
    return out.length > 0 ? out : [{ kind: 'literal', value: undefined, node }];
  }

  // ───────────────────────────── writes and reachability ─────────────────────────────

  /**
   * Applies property writes made after creation (`sess.cookie.secure = true`,
   * `Object.assign(opts.cookie, {...})`) to the values of a variable. A write
   * that surely runs in this world replaces the property; one that may run adds a possibility.
   */
  private applyWrites(values: Value[], sym: TS.Symbol, file: TS.SourceFile): Value[] {
    const writes = this.writesIn(file).get(sym);
    if (!writes || writes.length === 0) return values;
    let result = values;
    // A write in the function that declares the variable runs when the declaration does;
    // one in a nested function (a callback) may never run.
    const decl = sym.valueDeclaration ?? sym.declarations?.[0];
    let scope: TS.Node | undefined = decl?.parent;
    while (scope && !this.ts.isFunctionLike(scope) && !this.ts.isSourceFile(scope)) scope = scope.parent;
    for (const w of writes) {
      const r = this.reachable(w.node, { functionsMayNotRun: true, within: scope });
      if (r === false) continue;
      const newValues: Value[] = w.assign
        ? [] // Object.assign(x.path, src): merged below
        : this.evaluate(w.value!);
      result = result.map((v) => this.writePath(v, w, newValues, r === true));
    }
    return result;
  }

  private writePath(v: Value, w: Write, newValues: Value[], certain: boolean): Value {
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
        const src = mergeObjects(this.evaluate(w.assign), w.assign);
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
      return { values: inner.map((iv) => this.writePath(iv, sub, newValues, certain)), site: old?.site };
    };
    if (head === undefined) {
      // Object.assign(x, src) on the variable itself
      if (!w.assign) return v;
      const src = mergeObjects(this.evaluate(w.assign), w.assign);
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
  private writesIn(file: TS.SourceFile): Map<TS.Symbol, Write[]> {
    let map = this.writesByFile.get(file);
    if (map) return map;
    map = new Map();
    this.writesByFile.set(file, map);
    const ts = this.ts;
    const add = (target: TS.Expression, w: Omit<Write, 'path'>, extra: string[] = []) => {
      const path: string[] = [];
      let e: TS.Expression = target;
      while (ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression))) {
        path.unshift(ts.isPropertyAccessExpression(e) ? e.name.text : (e.argumentExpression as TS.StringLiteral).text);
        e = e.expression;
      }
      if (!ts.isIdentifier(e)) return;
      if (path.length === 0 && !w.assign) return; // plain reassignment: handled by variable()
      let sym: TS.Symbol | undefined;
      try {
        sym = this.checker.getSymbolAtLocation(e);
      } catch {
        return;
      }
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

  private assignmentsTo(sym: TS.Symbol, file: TS.SourceFile): TS.BinaryExpression[] {
    let map = this.assignmentsByFile.get(file);
    if (!map) {
      map = new Map();
      this.assignmentsByFile.set(file, map);
      const ts = this.ts;
      const visit = (n: TS.Node): void => {
        if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(n.left)) {
          let s: TS.Symbol | undefined;
          try {
            s = this.checker.getSymbolAtLocation(n.left);
          } catch {
            s = undefined;
          }
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

  /**
   * Whether `node` runs in this world, judged from the conditions around it
   * (`if`, `switch`, `?:`, `&&`, `||`). With `functionsMayNotRun`, code inside a
   * nested function is only possibly run (a callback may never be called).
   */
  reachable(node: TS.Node, opts: { functionsMayNotRun: boolean; within?: TS.Node }): Tri {
    const ts = this.ts;
    let result: Tri = true;
    let child: TS.Node = node;
    for (let parent = node.parent; parent && parent !== opts.within; child = parent, parent = parent.parent) {
      let t: Tri = true;
      if (ts.isIfStatement(parent)) {
        if (child === parent.thenStatement) t = this.truth(parent.expression);
        else if (child === parent.elseStatement) t = not(this.truth(parent.expression));
      } else if (ts.isConditionalExpression(parent)) {
        if (child === parent.whenTrue) t = this.truth(parent.condition);
        else if (child === parent.whenFalse) t = not(this.truth(parent.condition));
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        const op = parent.operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken) t = this.truth(parent.left);
        else if (op === ts.SyntaxKind.BarBarToken) t = not(this.truth(parent.left));
      } else if (ts.isCaseClause(parent) && child !== parent.expression) {
        t = this.caseMatches(parent);
      } else if (opts.functionsMayNotRun && ts.isFunctionLike(parent) && child === (parent as TS.FunctionLikeDeclaration).body) {
        t = 'unknown';
      }
      if (t === false) return false;
      if (t === 'unknown') result = 'unknown';
    }
    return result;
  }

  private caseMatches(clause: TS.CaseClause): Tri {
    const a = this.evaluate(clause.parent.parent.expression);
    const b = this.evaluate(clause.expression);
    let result: Tri | undefined;
    for (const x of a)
      for (const y of b) {
        const r = this.equal(x, y, false);
        if (result === undefined) result = r;
        else if (result !== r) return 'unknown';
      }
    if (result === true) return true;
    if (result !== false) return 'unknown';
    // No match: the clause runs only by falling through from the one before it.
    const clauses = clause.parent.clauses;
    const prev = clauses[clauses.indexOf(clause) - 1];
    if (!prev) return false;
    const lastStatement = prev.statements[prev.statements.length - 1];
    if (lastStatement && endsAbruptly(this.ts, lastStatement)) return false;
    if (!lastStatement && this.ts.isCaseClause(prev)) return this.caseMatches(prev); // `case 'a': case 'b':`
    return 'unknown';
  }

  /** Whether some statement before `node` (within `body`) surely returns or throws in this world. */
  private exitsBefore(node: TS.Node, body: TS.Node): boolean {
    const ts = this.ts;
    for (let child = node, parent = node.parent; parent && child !== body; child = parent, parent = parent.parent) {
      if (ts.isIterationStatement(parent, false) || ts.isTryStatement(parent) || ts.isCatchClause(parent)) return false;
      if (!ts.isBlock(parent) && !ts.isCaseClause(parent) && !ts.isDefaultClause(parent)) continue;
      for (const st of parent.statements) {
        if (st === child) break;
        if (this.surelyExits(st)) return true;
      }
    }
    return false;
  }

  private surelyExits(st: TS.Statement): boolean {
    const ts = this.ts;
    if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
    if (ts.isBlock(st)) return st.statements.some((s) => this.surelyExits(s));
    if (ts.isIfStatement(st)) {
      const t = this.truth(st.expression);
      const then = this.surelyExits(st.thenStatement);
      const otherwise = st.elseStatement !== undefined && this.surelyExits(st.elseStatement);
      return (t === true && then) || (t === false && otherwise) || (then && otherwise);
    }
    return false;
  }

  /**
   * Whether assignment `a` surely runs before `use` is read: it runs in this world, in the
   * function that holds the read (or one enclosing it), textually before it, and not
   * inside a loop or `try` that may skip it.
   */
  private surelyPrecedes(a: TS.BinaryExpression, use: TS.Node): boolean {
    const ts = this.ts;
    const container = containerOf(ts, a);
    if (a.getSourceFile() !== use.getSourceFile() || a.end > use.getStart() || use.pos < container.pos || use.end > container.end) return false;
    for (let p = a.parent; p && p !== container; p = p.parent) {
      if (ts.isIterationStatement(p, false) || ts.isTryStatement(p) || ts.isCatchClause(p) || ts.isDefaultClause(p)) return false;
      if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return false;
    }
    return this.reachable(a, { functionsMayNotRun: false }) === true;
  }
}

// ───────────────────────────── helpers ─────────────────────────────

function unknown(node: TS.Node, reason: string): Value {
  return { kind: 'unknown', reason, node };
}

function not(t: Tri): Tri {
  return t === 'unknown' ? t : !t;
}

/** Props already set may be replaced by a source session-audit cannot see (all but `except`'s keys): one more, unknown, possibility. */
function mayOverride(props: Map<string, Prop>, node: TS.Node, except?: ReadonlyMap<string, Prop>): Map<string, Prop> {
  for (const [key, prop] of props) {
    if (except?.has(key)) continue;
    props.set(key, { values: [...prop.values, unknown(node, `'${key}' may be replaced by an object session-audit cannot see`)], site: prop.site });
  }
  return props;
}

/** The function (or file) whose body holds `node`. */
function containerOf(ts: TSModule, node: TS.Node): TS.Node {
  let p = node.parent;
  while (p && !ts.isFunctionLike(p) && !ts.isSourceFile(p) && !ts.isClassStaticBlockDeclaration(p)) p = p.parent;
  return p ?? node.getSourceFile();
}

/** `break`, `return`, `throw`, `continue`, or a block ending with one: control does not fall through. */
function endsAbruptly(ts: TSModule, st: TS.Statement): boolean {
  if (ts.isBreakStatement(st) || ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isContinueStatement(st)) return true;
  if (ts.isBlock(st)) {
    const last = st.statements[st.statements.length - 1];
    return last !== undefined && endsAbruptly(ts, last);
  }
  return false;
}

function asFallback(v: Value, envName: string): Value {
  return v.kind === 'literal' || v.kind === 'array' ? { ...v, fallbackOf: envName } : v;
}

function notNullish(v: Value): Tri {
  if (v.kind === 'literal') return v.value !== null && v.value !== undefined;
  if (v.kind === 'missing') return false;
  if (v.kind === 'env' || v.kind === 'unknown') return 'unknown';
  return true;
}

function notUndefined(v: Value): Tri {
  if (v.kind === 'literal') return v.value !== undefined;
  if (v.kind === 'missing') return false;
  if (v.kind === 'env' || v.kind === 'unknown') return 'unknown';
  return true;
}

function isEnvObject(v: Value): boolean {
  return v.kind === 'module' && v.module === 'process' && v.path.length === 1 && v.path[0] === 'env';
}

function describeKind(v: Value): string {
  switch (v.kind) {
    case 'env':
      return 'an environment variable';
    case 'function':
      return 'a function';
    case 'instance':
      return `a value made by '${v.of.module}'`;
    default:
      return 'an unknown value';
  }
}

/** Merges the object possibilities of a spread / Object.assign source into one; undefined when nothing is known. */
function mergeObjects(values: readonly Value[], node: TS.Node): ObjectValue | undefined {
  const objects = values.filter((v): v is ObjectValue => v.kind === 'object');
  const others = values.filter((v) => v.kind !== 'object' && !(v.kind === 'literal' && (v.value == null || v.value === false)) && v.kind !== 'missing');
  if (objects.length === 0) return others.length === 0 ? { kind: 'object', props: new Map(), open: false, node } : undefined;
  if (objects.length === 1 && others.length === 0) return objects[0];
  const keys = new Set(objects.flatMap((o) => [...o.props.keys()]));
  const props = new Map<string, Prop>();
  const partial = objects.length < values.length;
  for (const key of keys) {
    const vals: Value[] = [];
    let site: TS.Node | undefined;
    for (const o of objects) {
      const p = o.props.get(key);
      if (p) {
        vals.push(...p.values);
        site ??= p.site;
      } else vals.push(o.open ? unknown(node, 'a partly known object') : { kind: 'missing', node });
    }
    if (partial) vals.push({ kind: 'missing', node });
    props.set(key, { values: vals, site });
  }
  return { kind: 'object', props, open: others.length > 0 || objects.some((o) => o.open), node, literal: objects[0]!.literal };
}

/** Inside a `declare` statement or namespace: a type-level promise, not a value. */
function isAmbient(ts: TSModule, node: TS.Node): boolean {
  for (let n: TS.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    if (ts.canHaveModifiers(n) && ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return true;
  }
  return false;
}

/** The global `require`, or one made by `createRequire(import.meta.url)` (module 'module'). */
function isRequire(v: Value): boolean {
  if (v.kind === 'module') return v.module === '%require';
  return v.kind === 'instance' && !v.constructed && v.of.module === 'module' && v.of.path.length === 1 && v.of.path[0] === 'createRequire';
}

function isObjectAssign(ts: TSModule, callee: TS.Expression): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object';
}

function isAssignmentOperator(ts: TSModule, kind: TS.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken
  );
}

function cap(values: Value[], node: TS.Node): Value[] {
  if (values.length <= MAX_POSSIBILITIES) return values;
  return [...values.slice(0, MAX_POSSIBILITIES - 1), unknown(node, 'too many possibilities')];
}

export type { ModuleValue };

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
