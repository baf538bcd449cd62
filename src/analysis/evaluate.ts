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
 *
 * This file holds the evaluator's state and its dispatch; each concern has a file:
 *
 * | file | concern |
 * | --- | --- |
 * | `evaluate-expressions.ts` | values and expressions: literals, operators, conditions, objects, arrays, property reads |
 * | `evaluate-names.ts` | names and variables (through the checker's symbols), assignments, property writes after creation |
 * | `evaluate-calls.ts` | calls: `require`/`import()`, instances of modules, function returns |
 * | `evaluate-modules.ts` | modules: import bindings, a specifier's value, a file's exports (lazy, `ExportMap`) |
| `evaluate-summaries.ts` | calls of functions with their arguments (a summary once per function, frames), library functions that hand a value through (data) |
| `evaluate-schemas.ts` | validated environments: a schema's default (zod, joi, yup, @t3-oss/env, envalid, convict) is the fallback of its variable (data: `SCHEMAS`) |
| `evaluate-paths.ts` | file paths (`__dirname`, `import.meta`, `process.cwd()`, `path.*`) and modules loaded by a computed path |
 * | `evaluate-reachability.ts` | whether a node runs in this world; exits; assignments that surely precede a read |
 *
 * The concerns call each other through the Evaluator's methods below (they import
 * only its type), so no module imports another in a cycle.
 */
import type * as TS from 'typescript';
import { call, construct, returnsOf } from './evaluate-calls.js';
import {
  arrayLiteral,
  binary,
  conditional,
  envNameOf,
  equal,
  getProperty,
  objectAssign,
  objectLiteral,
  propertyName,
  template,
  truth,
} from './evaluate-expressions.js';
import { importMeta } from './evaluate-paths.js';
import { type Frame, type Summary, frameHolding } from './evaluate-summaries.js';
import { exportOf, importBinding, moduleExports, moduleValue } from './evaluate-modules.js';
import { type Write, identifier, shorthand } from './evaluate-names.js';
import { exitsBefore, reachable, surelyPrecedes } from './evaluate-reachability.js';
import type { EngineHost, TSModule } from './host.js';
import { MAX_POSSIBILITIES, type ModuleValue, type Tri, type Value, type World, isEnvObject, unknown } from './values.js';

const MAX_DEPTH = 40;

export class Evaluator {
  readonly ts: TSModule;
  /** Values by node (for this world). */
  private readonly cache = new Map<TS.Node, Value[]>();
  /** Nodes (and module files) being evaluated: a value that refers to itself is unknown. @internal */
  readonly active = new Set<TS.Node>();
  private depth = 0;
  /** Per-file indexes the concerns build once: property writes and assignments by symbol, exports by file. @internal */
  readonly writesByFile = new Map<TS.SourceFile, Map<TS.Symbol, Write[]>>();
  /** @internal */
  readonly assignmentsByFile = new Map<TS.SourceFile, Map<TS.Symbol, TS.BinaryExpression[]>>();
  /** @internal */
  readonly exportsCache = new Map<TS.SourceFile, Value[]>();
  /** Variables with many assignments: their joined value (evaluate-names.ts). @internal */
  readonly joinedVariables = new Map<TS.Symbol, Value[]>();
  /** Project files by a computed absolute path (null: none), evaluate-paths.ts. @internal */
  readonly filesByPath = new Map<string, TS.SourceFile | null>();
  /** Calls being evaluated with their parameters bound (evaluate-summaries.ts). @internal */
  readonly frames: Frame[] = [];
  /** Function summaries, once per function (evaluate-summaries.ts). @internal */
  readonly summaries = new Map<TS.SignatureDeclaration, Summary>();

  constructor(
    readonly host: EngineHost,
    readonly world: World,
  ) {
    this.ts = host.ts;
  }

  /** The checker that binds the file a node is in (see `EngineHost.checkerFor`). */
  checkerOf(node: TS.Node): TS.TypeChecker {
    return this.host.checkerFor(node.getSourceFile());
  }

  // ───────────────────────────── expressions ─────────────────────────────

  evaluate(expr: TS.Node | undefined): Value[] {
    if (!expr) return [];
    // A node in the body of a call being evaluated with its arguments: that call's own cache.
    const cache = this.frames.length > 0 ? (frameHolding(this, expr)?.cache ?? this.cache) : this.cache;
    const cached = cache.get(expr);
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
    cache.set(expr, result);
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
        return template(this, node as TS.TemplateExpression);
      case k.ParenthesizedExpression:
      case k.AsExpression:
      case k.SatisfiesExpression:
      case k.NonNullExpression:
      case k.TypeAssertionExpression:
      case k.PartiallyEmittedExpression:
        return this.evaluate((node as TS.ParenthesizedExpression).expression);
      case k.Identifier:
        return identifier(this, node as TS.Identifier);
      case k.ObjectLiteralExpression:
        return [objectLiteral(this, node as TS.ObjectLiteralExpression)];
      case k.ArrayLiteralExpression:
        return [arrayLiteral(this, node as TS.ArrayLiteralExpression)];
      case k.PropertyAccessExpression: {
        const pa = node as TS.PropertyAccessExpression;
        return getProperty(this, this.evaluate(pa.expression), pa.name.text, node);
      }
      case k.ElementAccessExpression: {
        const ea = node as TS.ElementAccessExpression;
        const key = this.evaluate(ea.argumentExpression);
        if (key.length === 1 && key[0]!.kind === 'literal' && key[0]!.value !== undefined) {
          return getProperty(this, this.evaluate(ea.expression), String(key[0]!.value), node);
        }
        const base = this.evaluate(ea.expression);
        if (base.some((b) => isEnvObject(b))) return [{ kind: 'env', name: undefined, node }];
        return [unknown(node, 'a computed property')];
      }
      case k.ConditionalExpression: {
        const c = node as TS.ConditionalExpression;
        return conditional(this, c.condition, c.whenTrue, c.whenFalse);
      }
      case k.BinaryExpression:
        return binary(this, node as TS.BinaryExpression);
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
        return call(this, node as TS.CallExpression);
      case k.MetaProperty:
        return (node as TS.MetaProperty).keywordToken === k.ImportKeyword ? [importMeta(node as TS.MetaProperty)] : [unknown(node, 'new.target')];
      case k.NewExpression:
        return construct(this, node as TS.NewExpression);
      case k.ClassExpression:
      case k.ClassDeclaration:
        return [unknown(node, 'a class')];
      default:
        return [unknown(node, 'an expression session-audit does not evaluate')];
    }
  }

  // ───────────── what the concerns (and the engine) use of each other ─────────────

  /** Truthiness of a condition in this world. */
  truth(expr: TS.Expression): Tri {
    return truth(this, expr);
  }

  /** `a === b` for two possibilities, decided for this world when both are known. */
  equal(a: Value, b: Value, loose: boolean): Tri {
    return equal(this, a, b, loose);
  }

  envNameOf(expr: TS.Expression): string | undefined {
    return envNameOf(this, expr);
  }

  propertyName(name: TS.PropertyName | TS.BindingName): string | undefined {
    return propertyName(this, name);
  }

  /** Property `name` of each possible value. */
  getProperty(values: readonly Value[], name: string, node: TS.Node): Value[] {
    return getProperty(this, values, name, node);
  }

  objectAssign(args: readonly TS.Expression[], node: TS.Node): Value[] {
    return objectAssign(this, args, node);
  }

  identifier(id: TS.Identifier): Value[] {
    return identifier(this, id);
  }

  shorthand(p: TS.ShorthandPropertyAssignment): Value[] {
    return shorthand(this, p);
  }

  importBinding(decl: TS.ImportClause | TS.ImportSpecifier | TS.NamespaceImport | TS.ImportEqualsDeclaration, id: TS.Identifier): Value[] {
    return importBinding(this, decl, id);
  }

  /** The value of a module specifier: a package (ModuleValue) or the evaluated exports of a project file. */
  moduleValue(specifier: TS.StringLiteralLike, node: TS.Node): Value[] {
    return moduleValue(this, specifier, node);
  }

  /** What a project file exports, as one object (CommonJS `module.exports`, ESM exports, or JSON). */
  moduleExports(file: TS.SourceFile): Value[] {
    return moduleExports(this, file);
  }

  exportOf(mod: Value[], name: string, node: TS.Node): Value[] {
    return exportOf(this, mod, name, node);
  }

  /** Union of what a function can return (its parameters are unknown). */
  returnsOf(decl: TS.SignatureDeclaration, node: TS.Node): Value[] {
    return returnsOf(this, decl, node);
  }

  /**
   * Whether `node` runs in this world, judged from the conditions around it
   * (`if`, `switch`, `?:`, `&&`, `||`). With `functionsMayNotRun`, code inside a
   * nested function is only possibly run (a callback may never be called).
   */
  reachable(node: TS.Node, opts: { functionsMayNotRun: boolean; within?: TS.Node }): Tri {
    return reachable(this, node, opts);
  }

  /** Whether some statement before `node` (within `body`) surely returns or throws in this world. */
  exitsBefore(node: TS.Node, body: TS.Node): boolean {
    return exitsBefore(this, node, body);
  }

  /** Whether assignment `a` surely runs before `use` is read (see evaluate-reachability.ts). */
  surelyPrecedes(a: TS.BinaryExpression, use: TS.Node): boolean {
    return surelyPrecedes(this, a, use);
  }
}

function cap(values: Value[], node: TS.Node): Value[] {
  if (values.length <= MAX_POSSIBILITIES) return values;
  return [...values.slice(0, MAX_POSSIBILITIES - 1), unknown(node, 'too many possibilities')];
}

export type { ModuleValue };
