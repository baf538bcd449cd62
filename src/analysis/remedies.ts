/**
 * Mechanical remedies shared by rules: the edits, computed on the text where the
 * value is written (which may be another file than the finding's; the ESLint
 * front end then drops the suggestion, the CLI can still apply it).
 */
import type * as TS from 'typescript';
import type { TSModule } from './host.js';
import type { TextEdit } from '../rule.js';
import { type InsertStyle, insertArgument, insertProperty, replaceNode } from './edits.js';
import type { OptionValue, SessionSite } from './sites.js';
import { outermostWrapper } from './syntax.js';
import type { LiteralValue } from './values.js';

function isTypeScriptFile(fileName: string): boolean {
  return /\.(c|m)?tsx?$/i.test(fileName);
}

/** `process.env.NAME`, asserted non-null in TypeScript where the option wants a string. */
function envRead(name: string, fileName: string): string {
  const id = /^[A-Za-z_$][\w$]*$/.test(name) ? `process.env.${name}` : `process.env[${JSON.stringify(name)}]`;
  return isTypeScriptFile(fileName) ? `${id}!` : id;
}

/**
 * Replaces a hardcoded literal with an environment read: for a fallback
 * (`process.env.S || 'dev'`, `?? 'dev'`, `S ? S : 'dev'`, `{ S = 'dev' } = process.env`)
 * the fallback is removed; for a plain literal, the literal becomes `process.env.NAME` (or `readText`,
 * the runtime's read of it: runtime.ts).
 * Undefined when there is no safe mechanical edit (JSON, arrays, a literal in a larger expression).
 */
export function insertOrReplaceEnv(ts: TSModule, literal: LiteralValue, envName: string, readText?: string): TextEdit[] | undefined {
  const node = literal.node;
  const sf = node.getSourceFile();
  if (sf.fileName.endsWith('.json')) return undefined;
  if (!ts.isStringLiteralLike(node)) return undefined;
  const outer = outermostWrapper(node, ts);
  const parent = outer.parent;
  if (literal.fallbackOf) {
    if (ts.isBinaryExpression(parent) && parent.right === outer) {
      const left = parent.left.getText(sf);
      return [replaceNode(parent, isTypeScriptFile(sf.fileName) && !left.endsWith('!') ? `${left}!` : left)];
    }
    if (ts.isConditionalExpression(parent) && parent.whenFalse === outer) {
      const env = parent.whenTrue.getText(sf);
      return [replaceNode(parent, isTypeScriptFile(sf.fileName) && !env.endsWith('!') ? `${env}!` : env)];
    }
    if (ts.isBindingElement(parent) && parent.initializer === outer) {
      return [{ file: sf.fileName, start: parent.name.getEnd(), end: parent.getEnd(), text: '' }];
    }
    return undefined;
  }
  // A plain literal, as an option's or a variable's whole value, or a call's argument (`cookieParser('...')`).
  const isArgument = (ts.isCallExpression(parent) || ts.isNewExpression(parent)) && (parent.arguments ?? []).some((a) => a === outer);
  if (ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent) || ts.isBinaryExpression(parent) || ts.isExportAssignment(parent) || ts.isReturnStatement(parent) || isArgument) {
    return [replaceNode(node, readText ?? envRead(envName, sf.fileName))];
  }
  return undefined;
}

/** Sets a boolean option: replaces the written value, or adds the property (and the cookie object) where it is missing. */
export function setOption(ts: TSModule, ov: OptionValue, key: string, valueText: string, style?: InsertStyle): TextEdit[] | undefined {
  if (ov.missingPath) {
    const obj = ov.holder?.literal;
    if (!obj) return undefined;
    // missingPath is relative to the holder: ['cookie','secure'] or ['secure'].
    const path = ov.missingPath;
    if (path[path.length - 1] !== key) return undefined;
    // A property that is present but `undefined` is replaced rather than duplicated.
    if (ov.site && ts.isPropertyAssignment(ov.site) && ov.site.parent === obj) return [replaceNode(ov.site.initializer, valueText)];
    return insertProperty(obj, [{ path, value: valueText }], style);
  }
  const site = ov.site;
  if (site && ts.isPropertyAssignment(site)) return [replaceNode(site.initializer, valueText)];
  if (site && ts.isShorthandPropertyAssignment(site)) return [replaceNode(site, `${key}: ${valueText}`)];
  if (site && ts.isBinaryExpression(site)) return [replaceNode(site.right, valueText)]; // sess.cookie.secure = false
  return undefined;
}

/**
 * Sets an option of a call that takes no options argument at all (`res.cookie('token', jwt)`,
 * `ctx.cookies.set(name, v)`, `setCookie(event, name, v)`): a new last argument `{ key: value }`
 * (nested where the library keeps the option below a key: `{ cookie: { secure: true } }`).
 * Only where the options argument is the next one by position (the call passes every argument
 * before it, and no spread); undefined otherwise. Insertions of several rules into the one new
 * argument compose into one object (compose.ts), as insertions into an existing object do.
 */
export function addOptionsArgument(ts: TSModule, site: SessionSite, ov: OptionValue, key: string, valueText: string): TextEdit[] | undefined {
  const path = ov.missingPath;
  if (!path || ov.holder || site.optionsNode || site.declared || path[path.length - 1] !== key) return undefined;
  const shape = site.shape;
  const call = site.call;
  // Plain calls only: a plugin registration or a strategy keeps its options elsewhere.
  if (!shape || typeof shape.optionsArg !== 'number' || (shape.via !== undefined && shape.via !== 'call' && shape.via !== 'method')) return undefined;
  if (!ts.isCallExpression(call) || call.arguments.length !== shape.optionsArg) return undefined;
  return insertArgument(ts, call, [{ path, value: valueText }]);
}

/**
 * Sets options that are missing from one options object to the same value, in one edit:
 * undefined unless every option is missing from the same object literal, directly in it.
 * An option written there as `undefined` is replaced, not duplicated.
 */
export function setMissingOptions(ts: TSModule, targets: readonly { readonly key: string; readonly ov: OptionValue }[], valueText: string, style?: InsertStyle): TextEdit[] | undefined {
  const holder = targets[0]?.ov.holder?.literal;
  if (!holder || !targets.every((t) => t.ov.holder?.literal === holder && t.ov.missingPath?.length === 1)) return undefined;
  const writtenUndefined = (t: (typeof targets)[number]) => t.ov.site !== undefined && ts.isPropertyAssignment(t.ov.site) && t.ov.site.parent === holder;
  const toInsert = targets.filter((t) => !writtenUndefined(t));
  return [
    ...targets.filter(writtenUndefined).map((t) => replaceNode((t.ov.site as TS.PropertyAssignment).initializer, valueText)),
    ...(toInsert.length > 0 ? insertProperty(holder, toInsert.map((t) => ({ path: [t.key], value: valueText })), style) : []),
  ];
}

/** Replaces the property that wrote a value (`key: 'connect.sid'`) with `text`; undefined unless it is a property assignment. */
export function replaceProperty(ts: TSModule, ov: OptionValue, text: string): TextEdit[] | undefined {
  return !ov.missingPath && ov.site && ts.isPropertyAssignment(ov.site) ? [replaceNode(ov.site, text)] : undefined;
}
