/**
 * Signed tokens as cookie values: whether a hand-set cookie's value is a JWT made by a known signer
 * (libraries-web.ts `TOKEN_SIGNERS`), and whether that token carries its own expiry (jsonwebtoken's
 * `expiresIn`, jose's `setExpirationTime`, an `exp` claim in the payload), with its lifetime when it is
 * written as a duration.
 */
import ms from 'ms';
import type * as TS from 'typescript';
import type { Evaluator } from './evaluate.js';
import type { TSModule } from './host.js';
import { TOKEN_SIGNERS, type TokenSigner } from './libraries-web.js';
import { skipWrappers } from './syntax.js';
import type { Value } from './values.js';

/** Where a token's expiry is written, and its lifetime in milliseconds when every possible value is a known duration. */
export interface TokenExpiry {
  readonly node: TS.Node;
  /** As messages name it: `expiresIn`, `setExpirationTime()`, the `exp` claim. */
  readonly option: string;
  readonly lifetimeMs?: number;
}

export interface SignedToken {
  readonly signer: TokenSigner;
  /** Undefined: the token never expires (no expiry option, no `exp` claim), or the code does not say (a payload built elsewhere). */
  readonly expiry?: TokenExpiry;
}

/** Each possible value of a cookie's value as a signed token, or undefined where that value is not known to be one. */
export function signedTokens(valueArg: TS.Expression, ev: Evaluator, ts: TSModule): (SignedToken | undefined)[] {
  return ev.evaluate(valueArg).map((v) => calledSigner(v, ev) ?? chainedSigner(v, ev, ts));
}

/** `jwt.sign(payload, key, { expiresIn })`, `sign(payload, secret)` of hono/jwt. */
function calledSigner(v: Value, ev: Evaluator): SignedToken | undefined {
  if (v.kind !== 'instance' || v.constructed) return undefined;
  const signer = TOKEN_SIGNERS.find((s) => !s.chain && s.module === v.of.module && samePath(s.path, v.of.path));
  if (!signer) return undefined;
  const option = signer.expiryOption && v.args[signer.expiryOption.arg];
  const fromOption = option && propertyExpiry(option, signer.expiryOption!.name, `\`${signer.expiryOption!.name}\``, ev, 1000);
  const payload = v.args[signer.payloadArg];
  const expiry = fromOption ?? (payload && propertyExpiry(payload, 'exp', 'the `exp` claim', ev, undefined));
  return { signer, ...(expiry ? { expiry } : {}) };
}

/** `new SignJWT(payload).setProtectedHeader(h).setExpirationTime('2h').sign(key)` (jose): a method chain from a constructed signer. */
function chainedSigner(v: Value, ev: Evaluator, ts: TSModule): SignedToken | undefined {
  let e = v.node as TS.Expression;
  while (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression)) return undefined;
  const signMethod = e.expression.name.text;
  const calls: TS.CallExpression[] = [];
  let x: TS.Expression = skipWrappers(e.expression.expression, ts);
  while (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) {
    calls.push(x);
    x = skipWrappers(x.expression.expression, ts);
  }
  if (!ts.isNewExpression(x)) return undefined;
  const base = ev.evaluate(x).find((b) => b.kind === 'instance' && b.constructed);
  if (base?.kind !== 'instance') return undefined;
  const signer = TOKEN_SIGNERS.find((s) => s.chain?.sign === signMethod && s.module === base.of.module && samePath(s.path, base.of.path));
  if (!signer) return undefined;
  const method = signer.chain!.expiryMethod;
  const set = calls.find((c) => (c.expression as TS.PropertyAccessExpression).name.text === method);
  const arg = set?.arguments[0];
  // jose: a string is a duration from now, a number a timestamp (the lifetime is not known).
  const expiry = arg ? { node: arg, option: `\`${method}()\``, ...durationOf(ev.evaluate(arg), undefined) } : undefined;
  const payload = base.args[signer.payloadArg];
  const claim = payload && propertyExpiry(payload, 'exp', 'the `exp` claim', ev, undefined);
  const found = expiry ?? claim;
  return { signer, ...(found ? { expiry: found } : {}) };
}

/**
 * An expiry an object argument sets: the property is written in every possible object, with a value that is not
 * `undefined` or `null` (an env read or a value built elsewhere counts: the code sets one).
 */
function propertyExpiry(arg: TS.Expression, name: string, option: string, ev: Evaluator, numberUnitMs: number | undefined): TokenExpiry | undefined {
  const objects = ev.evaluate(arg);
  if (objects.length === 0 || objects.some((o) => o.kind !== 'object')) return undefined;
  const values: Value[] = [];
  let site: TS.Node | undefined;
  for (const o of objects) {
    if (o.kind !== 'object') return undefined;
    const prop = o.props.get(name);
    if (!prop || prop.values.length === 0) return undefined;
    if (prop.values.some((p) => p.kind === 'missing' || (p.kind === 'literal' && (p.value === undefined || p.value === null)))) return undefined;
    values.push(...prop.values);
    site ??= prop.site;
  }
  return { node: site ?? arg, option, ...durationOf(values, numberUnitMs) };
}

/** The longest lifetime the values give: numbers in `numberUnitMs` (undefined: a timestamp), strings read by `ms` ('1d', '2 hours'). */
function durationOf(values: readonly Value[], numberUnitMs: number | undefined): { lifetimeMs?: number } {
  let longest = 0;
  for (const v of values) {
    if (v.kind !== 'literal') return {};
    const t = typeof v.value === 'number' && numberUnitMs !== undefined ? v.value * numberUnitMs : typeof v.value === 'string' ? parseDuration(v.value) : undefined;
    if (t === undefined || !Number.isFinite(t) || t <= 0) return {};
    longest = Math.max(longest, t);
  }
  return values.length > 0 ? { lifetimeMs: longest } : {};
}

function parseDuration(text: string): number | undefined {
  // jsonwebtoken reads a string of digits as milliseconds (ms('120') === 120); `ms` returns undefined for what it cannot read.
  const t = ms(text as ms.StringValue);
  return typeof t === 'number' ? t : undefined;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
