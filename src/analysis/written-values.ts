/**
 * What a value written into the session holds, beyond its own name (session-writes.ts gives the
 * key and the property the value is read from): the names inside it, each with how it got there.
 *
 * - an object literal: its property names and the properties their values are read from, a few
 *   levels deep (`req.session.user = { id, password: hash }`);
 * - a value whose declared type is known (TypeScript types, or a type declared in the file): the
 *   type's own property names (`req.session.user = user` where `user: User` has `passwordHash`);
 * - the whole request body (`req.body`, `ctx.request.body`, `{ ...req.body }`): the body fields the
 *   handler reads (`req.body.password`, `const { password } = req.body`);
 * - a parameter of the function around the write: the property each call in the file passes
 *   there (`remember(req, req.body.password)` for `function remember(req, value) {...}`), one level.
 * Walks are iterative and bounded.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { callsOfFunction, declarationOf } from './session-refs.js';
import { skipWrappers } from './syntax.js';
import { walk } from './walk.js';

export interface ValuePart {
  /** A property name inside the value, or a name the value is read from. */
  readonly name: string;
  /** How it is in the value, for messages: "in the object written", "the request body, whose `password` the handler reads". */
  readonly how: string;
  /** Where it was found: the code written (object literal, request body, a helper's call) or only the value's declared type. */
  readonly from: 'code' | 'type';
}

const MAX_DEPTH = 3;
const MAX_PARTS = 64;

export function valueParts(value: TS.Expression, handler: TS.SignatureDeclaration | undefined, ts: TSModule, checker: TS.TypeChecker): ValuePart[] {
  const out: ValuePart[] = [];
  const v = unwrap(value, ts);
  if (ts.isObjectLiteralExpression(v)) objectParts(v, ts, out);
  else if (isRequestBody(v, ts)) bodyParts(handler, ts, out);
  if (ts.isObjectLiteralExpression(v) && v.properties.some((p) => ts.isSpreadAssignment(p) && isRequestBody(unwrap(p.expression, ts), ts))) bodyParts(handler, ts, out);
  if (ts.isIdentifier(v)) {
    parameterParts(v, ts, checker, out);
    readParts(v, ts, checker, out);
  }
  if (!ts.isObjectLiteralExpression(v)) typeParts(v, ts, checker, out);
  return out.slice(0, MAX_PARTS);
}

function unwrap(e: TS.Expression, ts: TSModule): TS.Expression {
  let v = skipWrappers(e, ts);
  while (ts.isAwaitExpression(v)) v = skipWrappers(v.expression, ts);
  return v;
}

/** Property names of an object literal and the names their values are read from, a few levels down. */
function objectParts(obj: TS.ObjectLiteralExpression, ts: TSModule, out: ValuePart[]): void {
  const queue: { o: TS.ObjectLiteralExpression; path: string; depth: number }[] = [{ o: obj, path: '', depth: 0 }];
  while (queue.length > 0 && out.length < MAX_PARTS) {
    const { o, path, depth } = queue.shift()!;
    for (const p of o.properties) {
      if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) continue;
      const name = p.name.text;
      const here = path ? `${path}.${name}` : name;
      out.push({ name, how: `\`${here}\` in the object written`, from: 'code' });
      if (ts.isPropertyAssignment(p)) {
        const init = unwrap(p.initializer, ts);
        const src = readName(init, ts);
        if (src && src !== name) out.push({ name: src, how: `\`${here}\` in the object written, read from \`${src}\``, from: 'code' });
        if (ts.isObjectLiteralExpression(init) && depth + 1 < MAX_DEPTH) queue.push({ o: init, path: here, depth: depth + 1 });
      }
    }
  }
}

/** `x.name`, `x['name']`, `name`. */
function readName(e: TS.Expression, ts: TSModule): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  if (ts.isIdentifier(e)) return e.text;
  return undefined;
}

/** `req.body`, `request.body`, `ctx.request.body`: the parsed request body of a handler. */
function isRequestBody(e: TS.Expression, ts: TSModule): boolean {
  return ts.isPropertyAccessExpression(e) && e.name.text === 'body' && (ts.isIdentifier(e.expression) || (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'request'));
}

/** The fields of the request body the handler reads: `req.body.password`, `req.body['password']`, `const { password } = req.body`. */
function bodyParts(handler: TS.SignatureDeclaration | undefined, ts: TSModule, out: ValuePart[]): void {
  const body = handler && (handler as TS.FunctionLikeDeclaration).body;
  if (!body) return;
  const seen = new Set<string>();
  const add = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    out.push({ name, how: `the whole request body, whose \`${name}\` the handler reads`, from: 'code' });
  };
  walk(ts, body, (n) => {
    if (seen.size >= MAX_PARTS) return false;
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && isRequestBody(skipWrappers(n.expression, ts), ts)) {
      const name = readName(n, ts);
      if (name) add(name);
    }
    if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && isRequestBody(unwrap(n.initializer, ts), ts)) {
      for (const el of n.name.elements) {
        const key = el.propertyName ?? el.name;
        if (ts.isIdentifier(key) || ts.isStringLiteral(key)) add(key.text);
      }
    }
    return true;
  });
}

/** A parameter of the function around the write: what each call of that function in the file passes there. */
function parameterParts(id: TS.Identifier, ts: TSModule, checker: TS.TypeChecker, out: ValuePart[]): void {
  const decl = declarationOf(id, ts, checker);
  if (!decl || !ts.isParameter(decl) || !ts.isFunctionLike(decl.parent)) return;
  const fn = decl.parent;
  const index = fn.parameters.indexOf(decl);
  for (const call of callsOfFunction(fn, ts, checker)) {
    const arg = call.arguments[index];
    const name = arg && readName(unwrap(arg, ts), ts);
    if (name && name !== id.text) out.push({ name, how: `\`${name}\`, passed to \`${call.expression.getText()}\` as \`${id.text}\``, from: 'code' });
  }
}

/**
 * Properties the code reads off the written object in the function around the write, before or
 * after it (`bcrypt.compare(password, user.password)` then `req.session.user = user`): the object
 * holds them, whatever its type says.
 */
function readParts(id: TS.Identifier, ts: TSModule, checker: TS.TypeChecker, out: ValuePart[]): void {
  const decl = declarationOf(id, ts, checker);
  if (!decl) return;
  let fn: TS.Node | undefined = id.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  const body = fn && (fn as TS.FunctionLikeDeclaration).body;
  if (!body) return;
  const seen = new Set<string>();
  // `delete user.password`, `user.password = undefined`: the code takes it out (then it is not a part).
  const removed = new Set<string>();
  walk(ts, body, (n) => {
    if (seen.size >= MAX_PARTS) return false;
    if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === id.text && declarationOf(n.expression, ts, checker) === decl) {
      const name = readName(n, ts);
      const p = n.parent;
      if (name && (ts.isDeleteExpression(p) || (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken))) removed.add(name);
      else if (name) seen.add(name);
    }
    return true;
  });
  for (const name of seen) if (!removed.has(name)) out.push({ name, how: `\`${id.text}.${name}\`, which the code reads there`, from: 'code' });
}

/** The declared type's own property names (not of `any`, unions or primitives). */
function typeParts(v: TS.Expression, ts: TSModule, checker: TS.TypeChecker, out: ValuePart[]): void {
  let type: TS.Type;
  try {
    type = checker.getTypeAtLocation(v);
  } catch {
    return;
  }
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) || !(type.flags & ts.TypeFlags.Object)) return;
  let props: TS.Symbol[];
  try {
    props = checker.getPropertiesOfType(type);
  } catch {
    return;
  }
  const typeName = checker.typeToString(type);
  for (const p of props.slice(0, MAX_PARTS)) out.push({ name: p.name, how: `\`${p.name}\` of its type \`${typeName.length > 40 ? `${typeName.slice(0, 37)}...` : typeName}\``, from: 'type' });
}
