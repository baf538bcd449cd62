/**
 * Where a finding about a session site is reported, and how option values are
 * classified across their possibilities. Shared by every site rule so that the
 * "report at the call, in the call's file, on the narrowest node" contract holds.
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import { within } from './edits.js';
import { type OptionValue, type SessionSite, insideDeclaredOptions } from './sites.js';
import { isWrapper, skipWrappers } from './syntax.js';
import type { Primitive, Value } from './values.js';

/**
 * The narrowest node inside the call to report an option on: the property that
 * sets it when it is written inline; for a missing option, the nearest inline
 * property on its path (`cookie: {...}`) or the callee; the same for a value
 * spread into an inline object from elsewhere; for options built elsewhere, the
 * options argument.
 */
export function reportNode(site: SessionSite, ov: OptionValue | undefined, ts: TSModule): TS.Node {
  const call = site.call;
  if (ov?.site && within(ov.site, call)) return ov.site;
  // Missing, or set in an object spread into an inline one: the nearest inline property on the path.
  if (ov?.holder?.literal && within(ov.holder.literal, call)) {
    let parent = ov.holder.literal.parent;
    // `cookie: { ... } satisfies CookieOptions`: past the TypeScript wrappers to the property.
    while (parent && isWrapper(parent, ts)) parent = parent.parent;
    if (parent && ts.isPropertyAssignment(parent)) return parent.name;
  }
  // Built elsewhere but reached through an inline property (`cookie: cookieOptions`): that property's key.
  const inline = ov?.trail?.filter((n) => within(n, call)).pop();
  if (inline) return ts.isPropertyAssignment(inline) || ts.isShorthandPropertyAssignment(inline) ? inline.name : inline;
  if (ov?.holder?.literal && within(ov.holder.literal, call)) return calleeNode(site, ts);
  const arg = site.optionsNode;
  if (arg && !ts.isObjectLiteralExpression(skipWrappers(arg, ts))) return arg;
  return calleeNode(site, ts);
}

function calleeNode(site: SessionSite, ts: TSModule): TS.Node {
  if (ts.isBinaryExpression(site.call)) return site.call.left; // app.keys = ...
  if (ts.isVariableDeclaration(site.call)) return site.call.name; // const options: NextAuthOptions = {...}
  if (!ts.isCallExpression(site.call)) return site.call.type; // {...} satisfies NextAuthConfig
  // server.auth.strategy('session', 'cookie', {...}): the scheme names what the strategy is
  if (site.library.factories.some((f) => f.via === 'strategy') && site.call.arguments[1]) return site.call.arguments[1];
  const callee = site.call.expression;
  // fastify.register(plugin, opts): the plugin argument names what is registered
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'register' && site.call.arguments[0]) return site.call.arguments[0];
  if (ts.isPropertyAccessExpression(callee)) return callee.name;
  if (ts.isCallExpression(callee)) return callee; // require('express-session')({...})
  return callee;
}

/**
 * Where to report a value written inside the site's call: the property assignment that
 * writes it (`mongoUrl: '...'` around the literal); else where `reportNode` puts the option.
 */
export function reportNodeOfValue(site: SessionSite, ov: OptionValue, written: TS.Node, ts: TSModule): TS.Node {
  if (within(written, site.call)) {
    for (let n: TS.Node | undefined = written; n && n !== site.call; n = n.parent) if (ts.isPropertyAssignment(n)) return n;
  }
  return reportNode(site, ov, ts);
}

/**
 * Where the value of a possibility is defined, when that is outside the site's call (in another
 * file: a shared options module; or in the call's own file: `const opts = {...}; a(opts); b(opts)`),
 * or inside options declared by the library's type in any file (`shown`: that file shows them as session options, and its declared site reports the
 * value): the property that writes it, or, for a missing option, the name the object that
 * lacks it is declared under (its variable or property; the object itself when it has none).
 */
export function definitionNode(site: SessionSite, ov: OptionValue | undefined, written: TS.Node | undefined, ts: TSModule): { node: TS.Node; shown: boolean } | undefined {
  if (site.declared) return undefined; // a declared site's values are its own
  const explicit = written ?? ov?.site;
  // An explicit value inside options declared by the library's type: that file shows them as session options.
  // So is a key left out of an object there that the app's library version takes whole (next-auth 4's
  // `cookies.sessionToken`): the declared site reads it as unset as well and reports it.
  const wholeHolder = explicit === undefined && ov?.replacedDefault !== undefined ? ov.holder?.literal : undefined;
  const shown =
    (explicit !== undefined && !within(explicit, site.call) && insideDeclaredOptions(explicit, ts)) ||
    (wholeHolder !== undefined && !within(wholeHolder, site.call) && insideDeclaredOptions(wholeHolder, ts));
  const at = explicit ?? (ov?.missingPath ? ov.holder?.literal : undefined);
  // Inside the call it is the call's own value; outside it, in the call's file or another, several calls may share it.
  if (!at || (!shown && within(at, site.call))) return undefined;
  if (ts.isObjectLiteralExpression(at)) {
    let parent = at.parent;
    while (parent && isWrapper(parent, ts)) parent = parent.parent;
    if (parent && (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent))) return { node: parent.name, shown };
    return { node: at, shown };
  }
  // A written value: the property that writes it (where a declared site reports it too).
  for (let n: TS.Node | undefined = at; n && !ts.isSourceFile(n) && !ts.isStatement(n); n = n.parent) if (ts.isPropertyAssignment(n)) return { node: n, shown };
  return { node: at, shown };
}

/** A possibility's primitive value, with a missing option replaced by the library's default. */
function effectiveValue(ov: OptionValue, libraryDefault: Primitive): { known: true; value: Primitive; defaulted: boolean } | { known: false } {
  const v: Value = ov.value;
  if (v.kind === 'missing' || ov.missingPath) return { known: true, value: ov.replacedDefault !== undefined ? undefined : libraryDefault, defaulted: true };
  if (v.kind === 'literal') return { known: true, value: v.value, defaulted: false };
  return { known: false };
}

/**
 * Splits possibilities by a predicate on their effective value: `bad` are known
 * to satisfy it, `other` are known not to or unknown. Rules that fire only when
 * a bad value is certain check `other.length === 0`.
 */
export function classify(values: readonly OptionValue[], libraryDefault: Primitive, isBad: (v: Primitive) => boolean) {
  const bad: OptionValue[] = [];
  const other: OptionValue[] = [];
  for (const ov of values) {
    const e = effectiveValue(ov, libraryDefault);
    if (e.known && isBad(e.value)) bad.push(ov);
    else other.push(ov);
  }
  return { bad, other };
}
