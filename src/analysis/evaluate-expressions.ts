/**
 * The evaluator's values and expressions: literals, templates, `?:`, `||`/`??`/`&&`,
 * comparisons (decided per world), arithmetic, truthiness, object and array literals
 * (spreads, `Object.assign`), property reads, `process.env` reads.
 */
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import { type LiteralValue, type ObjectValue, type Primitive, type Prop, type Tri, type Value, asFallback, describeKind, mayOverride, mergeObjects, notNullish, truthiness, unknown } from './values.js';

export function template(ev: Evaluator, node: TS.TemplateExpression): Value[] {
  const parts: Value[][] = [[{ kind: 'literal', value: node.head.text, node }]];
  for (const span of node.templateSpans) {
    parts.push(ev.evaluate(span.expression), [{ kind: 'literal', value: span.literal.text, node }]);
  }
  return concatenations(parts, node, (a, b) => String(a) + String(b), 'a template with substitutions');
}

/** How many strings a concatenation of several possibilities may make before it is unknown. */
const MAX_CONCATENATIONS = 8;

/**
 * Every combination of the literal possibilities of `parts`, folded with `op` (a fallback
 * of an environment read stays one: `'x-' + (process.env.S || 'dev')`), and one unknown
 * possibility when some part may be something else. Too many combinations: unknown.
 */
function concatenations(parts: readonly Value[][], node: TS.Node, op: (a: Primitive, b: Primitive) => Primitive, reason: string): Value[] {
  let combos: { value: Primitive; fallbackOf?: string }[] | undefined;
  let partial = false;
  for (const part of parts) {
    const literals = part.filter((v): v is LiteralValue => v.kind === 'literal');
    if (literals.length === 0) return [unknown(node, reason)];
    if (literals.length < part.length) partial = true;
    combos = combos
      ? combos.flatMap((c) => literals.map((l) => ({ value: op(c.value, l.value), fallbackOf: c.fallbackOf ?? l.fallbackOf })))
      : literals.map((l) => ({ value: l.value, fallbackOf: l.fallbackOf }));
    if (combos.length > MAX_CONCATENATIONS) return [unknown(node, reason)];
  }
  const out: Value[] = (combos ?? []).map((c) => (c.fallbackOf ? { kind: 'literal', value: c.value, node, fallbackOf: c.fallbackOf } : { kind: 'literal', value: c.value, node }));
  if (partial) out.push(unknown(node, reason));
  return out;
}

export function conditional(ev: Evaluator, cond: TS.Expression, whenTrue: TS.Expression, whenFalse: TS.Expression): Value[] {
  const t = truth(ev, cond);
  if (t === true) return ev.evaluate(whenTrue);
  if (t === false) return ev.evaluate(whenFalse);
  // `process.env.S ? process.env.S : 'dev'`: the other branch is the env read's fallback.
  const envName = envNameOf(ev, cond);
  const a = ev.evaluate(whenTrue);
  const b = ev.evaluate(whenFalse);
  return envName ? [...a, ...b.map((v) => asFallback(v, envName))] : [...a, ...b];
}

export function binary(ev: Evaluator, node: TS.BinaryExpression): Value[] {
  const k = ev.ts.SyntaxKind;
  const op = node.operatorToken.kind;
  switch (op) {
    case k.BarBarToken:
    case k.QuestionQuestionToken: {
      const nullish = op === k.QuestionQuestionToken;
      const left = ev.evaluate(node.left);
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
        const right = ev.evaluate(node.right);
        out.push(...(envName ? right.map((v) => asFallback(v, envName)) : right));
      }
      return out;
    }
    case k.AmpersandAmpersandToken: {
      const left = ev.evaluate(node.left);
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
      if (needRight) out.push(...ev.evaluate(node.right));
      return out;
    }
    case k.EqualsEqualsEqualsToken:
    case k.EqualsEqualsToken:
    case k.ExclamationEqualsEqualsToken:
    case k.ExclamationEqualsToken: {
      const t = compare(ev, node);
      return t === 'unknown' ? [unknown(node, 'a comparison that depends on the environment')] : [{ kind: 'literal', value: t, node }];
    }
    case k.PlusToken: {
      // `'./env/' + (process.env.NODE_ENV || 'development')`: each known combination.
      return concatenations([ev.evaluate(node.left), ev.evaluate(node.right)], node, (a, b) => (a as string) + (b as string), 'a computed string');
    }
    // `30 * 24 * 60 * 60 * 1000`: lifetimes are written as products.
    case k.AsteriskToken:
    case k.SlashToken:
    case k.MinusToken: {
      const l = ev.evaluate(node.left);
      const r = ev.evaluate(node.right);
      if (l.length === 1 && r.length === 1 && l[0]!.kind === 'literal' && r[0]!.kind === 'literal' && typeof l[0]!.value === 'number' && typeof r[0]!.value === 'number') {
        const a = l[0]!.value;
        const b = r[0]!.value;
        return [{ kind: 'literal', value: op === k.AsteriskToken ? a * b : op === k.SlashToken ? a / b : a - b, node }];
      }
      return [unknown(node, 'an arithmetic expression')];
    }
    case k.CommaToken:
      return ev.evaluate(node.right);
    case k.EqualsToken:
      return ev.evaluate(node.right);
    default:
      return [unknown(node, 'an operator session-audit does not evaluate')];
  }
}

/** `a === b` and friends, decided for this world when both sides are known. */
function compare(ev: Evaluator, node: TS.BinaryExpression): Tri {
  const k = ev.ts.SyntaxKind;
  const op = node.operatorToken.kind;
  const negate = op === k.ExclamationEqualsEqualsToken || op === k.ExclamationEqualsToken;
  const loose = op === k.EqualsEqualsToken || op === k.ExclamationEqualsToken;
  const left = ev.evaluate(node.left);
  const right = ev.evaluate(node.right);
  let result: Tri | undefined;
  for (const a of left) {
    for (const b of right) {
      const r = equal(ev, a, b, loose);
      if (result === undefined) result = r;
      else if (result !== r) return 'unknown';
    }
  }
  if (result === undefined || result === 'unknown') return 'unknown';
  return negate ? !result : result;
}

export function equal(ev: Evaluator, a: Value, b: Value, loose: boolean): Tri {
  if (a.kind === 'literal' && b.kind === 'literal') {
    // eslint-disable-next-line eqeqeq
    return loose ? a.value == b.value : a.value === b.value;
  }
  if (a.kind === 'missing' && b.kind === 'literal') return loose ? b.value == null : b.value === undefined;
  if (b.kind === 'missing' && a.kind === 'literal') return loose ? a.value == null : a.value === undefined;
  // NODE_ENV outside production: never 'production', anything else is unknown.
  const env = a.kind === 'env' ? a : b.kind === 'env' ? b : undefined;
  const lit = a.kind === 'literal' ? a : b.kind === 'literal' ? b : undefined;
  if (env && lit && env.name === 'NODE_ENV' && ev.world === 'development' && lit.value === 'production') return false;
  return 'unknown';
}

/** Truthiness of a condition in this world. */
export function truth(ev: Evaluator, expr: TS.Expression): Tri {
  const values = ev.evaluate(expr);
  let result: Tri | undefined;
  for (const v of values) {
    const t = truthiness(v);
    if (result === undefined) result = t;
    else if (result !== t) return 'unknown';
  }
  return result ?? 'unknown';
}

/** `process.env.S` (or a name bound to it) as a condition: the variable's name. */
export function envNameOf(ev: Evaluator, expr: TS.Expression): string | undefined {
  const v = ev.evaluate(expr);
  return v.length === 1 && v[0]!.kind === 'env' ? v[0]!.name : undefined;
}

export function objectLiteral(ev: Evaluator, node: TS.ObjectLiteralExpression): ObjectValue {
  const ts = ev.ts;
  const props = new Map<string, Prop>();
  let open = false;
  for (const p of node.properties) {
    if (ts.isSpreadAssignment(p)) {
      const spread = ev.evaluate(p.expression);
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
    const name = propertyName(ev, p.name);
    if (name === undefined) {
      open = true;
      continue;
    }
    if (ts.isPropertyAssignment(p)) props.set(name, { values: ev.evaluate(p.initializer), site: p });
    else if (ts.isShorthandPropertyAssignment(p)) props.set(name, { values: ev.shorthand(p), site: p });
    else if (ts.isMethodDeclaration(p)) props.set(name, { values: [{ kind: 'function', decl: p, node: p }], site: p });
    else open = true; // accessors
  }
  return { kind: 'object', props, open, literal: node, node };
}

export function arrayLiteral(ev: Evaluator, node: TS.ArrayLiteralExpression): Value {
  const elements: Value[][] = [];
  let open = false;
  for (const e of node.elements) {
    if (ev.ts.isSpreadElement(e)) {
      const inner = ev.evaluate(e.expression);
      if (inner.length === 1 && inner[0]!.kind === 'array') {
        elements.push(...inner[0]!.elements.map((x) => [...x]));
        if (inner[0]!.open) open = true;
      } else open = true;
      continue;
    }
    if (e.kind === ev.ts.SyntaxKind.OmittedExpression) {
      elements.push([{ kind: 'literal', value: undefined, node: e }]);
      continue;
    }
    elements.push(ev.evaluate(e));
  }
  return { kind: 'array', elements, open, node };
}

export function propertyName(ev: Evaluator, name: TS.PropertyName | TS.BindingName): string | undefined {
  const ts = ev.ts;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const v = ev.evaluate(name.expression);
    if (v.length === 1 && v[0]!.kind === 'literal' && v[0]!.value !== undefined) return String(v[0]!.value);
  }
  return undefined;
}

/** Property `name` of each possible value. */
export function getProperty(ev: Evaluator, values: readonly Value[], name: string, node: TS.Node): Value[] {
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
        if (v.module === 'process' && v.path.length === 1 && v.path[0] === 'env') out.push(envRead(ev, name, node));
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
      case 'instance':
        // Not known, but which library object it is a member of is (session-objects.ts finds getters so).
        out.push({ kind: 'unknown', reason: `property '${name}' of ${describeKind(v)}`, node, member: { of: v, name } });
        break;
      default:
        out.push(unknown(node, `property '${name}' of ${describeKind(v)}`));
    }
  }
  return out;
}

/** `process.env[name]` in this world. */
function envRead(ev: Evaluator, name: string, node: TS.Node): Value {
  if (name === 'NODE_ENV' && ev.world === 'production') return { kind: 'literal', value: 'production', node };
  if (name === 'NODE_ENV' && ev.world === 'unset') return { kind: 'literal', value: undefined, node };
  return { kind: 'env', name, node };
}

export function objectAssign(ev: Evaluator, args: readonly TS.Expression[], node: TS.Node): Value[] {
  const props = new Map<string, Prop>();
  let open = false;
  let literal: TS.ObjectLiteralExpression | undefined;
  for (const arg of args) {
    const merged = mergeObjects(ev.evaluate(arg), arg);
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
