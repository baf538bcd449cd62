/**
 * Everything a rule may use, in one module: rules (rules/*.ts) import this and
 * nothing else of the project (types included). A rule is a short file of decisions
 * over the engine's model (src/analysis): it walks no tree, tests no node kind and
 * names no library; the engine finds, evaluates and plans remedies, the libraries
 * table holds what is known about each library.
 */
import type * as TS from 'typescript';
import type { FileModel } from './analysis/index.js';
import { noteDefinition, noteRead } from './analysis/causes.js';
import { LIBRARIES, describeDefault } from './analysis/libraries.js';
import { isBefore, lacksBehaviour } from './analysis/package-versions.js';
import { listensOnlyOnLoopback } from './analysis/app-facts.js';
import { contextOf, uniqueEnvName } from './analysis/env-names.js';
import { commentBeside, renderInsertion } from './analysis/edits.js';
import { FRAMEWORKS } from './analysis/libraries-frameworks.js';
import { definitionNode, reportNode, reportNodeOfValue } from './analysis/locate.js';
import { productionTest } from './analysis/production-test.js';
import { type CodeStyle, inFileQuotes, styleOf } from './analysis/style.js';
import { classify } from './analysis/locate.js';
import { addOptionsArgument, insertOrReplaceEnv, replaceProperty, setMissingOptions, setOption } from './analysis/remedies.js';
import type { LibraryInfo } from './analysis/libraries.js';
import type { OptionValue, SessionSite, SiteView } from './analysis/sites.js';
import { classifyStore, type StoreKind } from './analysis/stores.js';
import { type Runtime, envReadAt, runtimeOf } from './analysis/runtime.js';
import { type StoreCredential, hardcodedSecret, storeCredential } from './analysis/credentials.js';
import type { LiteralValue, Primitive, Value } from './analysis/values.js';
import { type Suggestion, type TextEdit, originSuffix } from './rule.js';

export { defineRule, lineOf, originSuffix } from './rule.js';
export type { FileModel } from './analysis/index.js';
export type { LibraryInfo } from './analysis/libraries.js';
export type { OptionValue } from './analysis/sites.js';
export { cookieAttribute, describeDefault, isDeprecatedCsrfModule, isOwnSessionCredentialName, isSessionStateName, isTokenName, RECOMMENDED_CSRF_MODULES, RECOMMENDED_STORES, secretDataOf } from './analysis/libraries.js';
export type { TS, Primitive };

/** How a value reads in a message: a literal as JSON (`false`, `"none"`), anything else as "not set". */
export function describe(v: Value): string {
  return v.kind === 'literal' ? (JSON.stringify(v.value) ?? 'undefined') : 'not set';
}

/** A list in a message: "a, b or c". */
export function oneOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** How the app tells a framework to trust its proxy (`ProductionSite.frameworkProxy`). */
export interface FrameworkTrust {
  readonly framework: string;
  readonly how: string;
  readonly option?: string;
  readonly edits?: TextEdit[];
}

/** How suggestions name the runtime a secret is read on (runtime.ts). */
const RUNTIME_NAMES = { node: 'Node', deno: 'Deno', workers: 'a Cloudflare Workers binding' } as const;

/**
 * One session site as production sees it: its options' possible values there, the
 * certainly-bad test, where to report and the remedies, all in the site's terms.
 */
export class ProductionSite {
  readonly view: SiteView;

  constructor(
    readonly site: SessionSite,
    private readonly model: FileModel,
    /** The world the site is judged in: production, or a server started without NODE_ENV (`unset`). */
    readonly world: 'production' | 'unset' = 'production',
  ) {
    this.view = site.view(world);
  }

  get library(): LibraryInfo {
    return this.site.library;
  }

  /** The factory's name when it keeps sessions in the process memory whatever its options (`createMemorySessionStorage`). */
  get memoryFactory(): string | undefined {
    return this.site.shape?.memoryStore ? this.site.shape.export.join('.') : undefined;
  }

  /** Whether the file sets the cookie's expiry where it writes the cookie (`commitSession(session, { maxAge })`). */
  get expiryAtCommit(): boolean {
    return this.site.expiryAtCommit;
  }

  /**
   * Whether the app's handlers set each session's cookie expiry at run time (`req.session.cookie.maxAge = ...`,
   * `req.sessionOptions.maxAge = ...` anywhere in the app: the app facts' `runtimeExpiry`).
   */
  get expiryAtRuntime(): boolean {
    const written = this.model.appFacts.runtimeExpiry;
    return this.site.library.modules.some((m) => written.has(m));
  }

  /**
   * A hand-set cookie whose value is always a signed token with its own expiry (`jwt.sign(p, key, { expiresIn: '1d' })`,
   * jose `setExpirationTime`, an `exp` claim): the token's expiries, and the longest lifetime when every one is a known duration.
   */
  get tokenExpiry(): { readonly option: string; readonly lifetimeMs?: number } | undefined {
    const all = this.site.tokenExpiry;
    if (!all || all.length === 0) return undefined;
    const known = all.every((e) => e.lifetimeMs !== undefined);
    return { option: all[0]!.option, ...(known ? { lifetimeMs: Math.max(...all.map((e) => e.lifetimeMs!)) } : {}) };
  }

  /** The library's own expiry option(s), as the noExpiry message names them: "neither `maxAge` nor `expires`", "no `session.expiresIn`". */
  get expiryOptions(): string {
    const paths = [...new Set([this.site.cookiePath('maxAge'), this.site.cookiePath('expires')].filter((p) => p !== undefined))];
    const parents = new Set(paths.map((p) => p.split('.').slice(0, -1).join('.')));
    // One option: its whole path (`session.expiresIn`); two under one object: their names (`maxAge`, `expires`).
    const names = paths.map((p) => `\`${parents.size > 1 || paths.length === 1 ? p : p.split('.').pop()}\``);
    return names.length === 2 ? `neither ${names[0]} nor ${names[1]}` : `no ${names[0] ?? '`maxAge`'}`;
  }

  /** A value the library reads as "never expire" (iron-session `ttl: 0`, from the libraries table), when production certainly has it. */
  expiryOff(): { readonly ov: OptionValue; readonly option: string; readonly value: string; readonly meaning: string } | undefined {
    for (const e of this.library.expiryOff ?? []) {
      const ov = this.certainly(e.option, (v) => v === e.value, { value: undefined })?.[0];
      if (ov) return { ov, option: e.option, value: String(e.value), meaning: e.meaning };
    }
    return undefined;
  }

  /** The `maxAge` a remedy sets, as code in the library's unit: a day, or `maxMs` when shorter. */
  maxAgeText(maxMs: number | undefined): { readonly value: string; readonly ms: number } {
    const DAY = 24 * 60 * 60 * 1000;
    const unit = this.library.options.maxAgeInSeconds ? 1000 : 1;
    const ms = maxMs && maxMs < DAY ? maxMs : DAY;
    return { ms, value: ms === DAY ? (unit === 1 ? '24 * 60 * 60 * 1000' : '24 * 60 * 60') : String(Math.max(1, Math.floor(ms / unit))) };
  }

  /** Whether the factory keeps the session data in a cookie that is unsigned without a secret. */
  get unsignedWithoutSecret(): boolean {
    return this.site.shape?.unsignedWithoutSecret === true;
  }

  /** Possible production values of an option path ('cookie.secure', library-relative). */
  option(path: string): readonly OptionValue[] {
    const values = this.view.option(path);
    // What the rule read decides its findings here: their causes (for --changed-since).
    noteRead(this.site, values);
    return values;
  }

  /** The path of a session cookie attribute ('cookie.secure', 'secure'); undefined when the library sets no session cookie. */
  cookie(attr: string): string | undefined {
    return this.site.cookiePath(attr);
  }

  /**
   * Splits an option's possibilities by a test on their value, a missing option taking the
   * library's default (or `ifMissing`): `bad` are known to pass it; `other` do not or are unknown.
   */
  classify(path: string, isBad: (v: Primitive) => boolean, ifMissing: { value: Primitive } = { value: this.library.defaults[path] }) {
    return classify(this.option(path), ifMissing.value, isBad);
  }

  /** The possibilities, when every one is certainly bad in production (and there is one); else undefined. */
  certainly(path: string, isBad: (v: Primitive) => boolean, ifMissing?: { value: Primitive }): OptionValue[] | undefined {
    const { bad, other } = this.classify(path, isBad, ifMissing);
    return bad.length > 0 && other.length === 0 ? bad : undefined;
  }

  /** Whether the option is left out in every production possibility. */
  missing(path: string): boolean {
    const values = this.option(path);
    return values.length > 0 && values.every((ov) => ov.missingPath);
  }

  /** The narrowest node inside the call to report an option on (or, given `written`, the property that writes that value). */
  reportNode(ov?: OptionValue, written?: TS.Node): TS.Node {
    const ts = this.model.host.ts;
    const node = written && ov ? reportNodeOfValue(this.site, ov, written, ts) : reportNode(this.site, ov, ts);
    // A value defined in another file (a shared options module): the CLI reports a value many calls share once, there.
    const definition = definitionNode(this.site, ov, written, ts);
    if (definition) noteDefinition(node, definition);
    return node;
  }

  /** " (from ./config.js:3)" when a node lies in another file than the one checked. */
  origin(node: TS.Node): string {
    return originSuffix(node, this.model.sourceFile);
  }

  /** Sets an option: replaces the written value, or adds the property where it is missing. */
  setOption(ov: OptionValue, key: string, valueText: string): TextEdit[] | undefined {
    const at = ov.missingPath ? ov.holder?.literal : ov.site;
    const style = this.styleAt(at);
    // A cookie attribute the library spells its own way (hapi's `isSecure`, `ttl`): the key written is the library's.
    const mapped = this.library.options.cookieAttributes?.[key as keyof NonNullable<LibraryInfo['options']['cookieAttributes']>]?.split('.').pop();
    const ts = this.model.host.ts;
    return setOption(ts, ov, mapped ?? key, inFileQuotes(valueText, style), style) ?? addOptionsArgument(ts, this.site, ov, mapped ?? key, inFileQuotes(valueText, style));
  }

  /**
   * Sets an option in every given possibility (each object that lacks it or writes it), so
   * that no possibility stays bad and a second `--fix` has nothing left to do; undefined
   * unless every one can be edited.
   */
  setEverywhere(ovs: readonly OptionValue[], key: string, valueText: string): TextEdit[] | undefined {
    const out: TextEdit[] = [];
    for (const ov of ovs) {
      const edits = this.setOption(ov, key, valueText);
      if (!edits) return undefined;
      for (const e of edits) {
        if (out.some((o) => o.file === e.file && o.start === e.start && o.end === e.end && o.text === e.text)) continue;
        if (out.some((o) => o.file === e.file && o.start < e.end && e.start < o.end)) return undefined;
        out.push(e);
      }
    }
    return out;
  }

  /**
   * The app's own test for "in production" (`isProduction`, `app.get('env') === 'production'`,
   * a config flag), usable where the option is written or inserted; else
   * `process.env.NODE_ENV === 'production'` (see production-test.ts).
   */
  productionTest(ov: OptionValue): string {
    const at = ov.missingPath ? (ov.holder?.literal ?? this.site.call) : (ov.site ?? this.site.call);
    const { ts, checker } = this.model.host;
    return productionTest(at, ts, checker, (w) => this.model.evaluator(w), this.model.style);
  }

  /**
   * The production test for a remedy where the app runs: undefined on Deno or Cloudflare Workers when the
   * app has no test of its own, since `process.env.NODE_ENV` is no test there (runtime.ts).
   */
  productionTestHere(ov: OptionValue): string | undefined {
    const test = this.productionTest(ov);
    if (!/^process\.env\.NODE_ENV === /.test(test)) return test;
    return this.runtime === 'node' ? test : undefined;
  }

  /**
   * Whether the library refuses a secret this short (iron's 32 characters, in the app's version): such a value
   * can sign nothing, the app fails when it is used, so it is no weakness as a fallback.
   */
  tooShortForLibrary(value: Primitive): boolean {
    const min = this.library.secretMinLength;
    if (!min || typeof value !== 'string' || value.length >= min.length) return false;
    return !min.before || isBefore(this.model.versions.get(min.before.module), min.before.version) === true;
  }

  /** The runtime the site's file runs on (runtime.ts). */
  get runtime(): Runtime {
    return runtimeOf(this.model.sourceFile, this.model.importedModules, (p) => this.model.versions.has(p));
  }

  /**
   * The elements that pass `test`, when every production possibility of an array option holds one
   * (`trustedOrigins: ['*']`); undefined when some possibility is no array or holds none for certain.
   */
  certainlyHolds(path: string, test: (v: Primitive) => boolean): { readonly ov: OptionValue; readonly element: TS.Node }[] | undefined {
    const values = this.option(path);
    if (values.length === 0) return undefined;
    const out: { ov: OptionValue; element: TS.Node }[] = [];
    for (const ov of values) {
      const v = ov.value;
      if (v.kind !== 'array') return undefined;
      // An element every possibility of which passes the test.
      const hit = v.elements.find((alts) => alts.length > 0 && alts.every((a) => a.kind === 'literal' && test(a.value)));
      if (!hit) return undefined;
      out.push({ ov, element: hit[0]!.node });
    }
    return out;
  }

  /** Whether a comment stands beside the property that wrote the value (a deliberate choice, explained). */
  commented(ov: OptionValue): boolean {
    return !ov.missingPath && ov.site !== undefined && commentBeside(ov.site, this.model.host.ts);
  }

  /** Sets options missing from one options object, in one edit (undefined unless they all miss from the same literal). */
  setMissing(keys: readonly string[], valueText: string): TextEdit[] | undefined {
    const targets = keys.map((key) => ({ key, ov: this.option(key)[0]! }));
    const style = this.styleAt(targets[0]?.ov.holder?.literal);
    return setMissingOptions(this.model.host.ts, targets, inFileQuotes(valueText, style), style);
  }

  /** Replaces the property that wrote a value with `text` (a rename), when it is a property assignment. */
  replaceProperty(ov: OptionValue, text: string): TextEdit[] | undefined {
    return replaceProperty(this.model.host.ts, ov, inFileQuotes(text, this.styleAt(ov.site)));
  }

  /** Renames the property that wrote a value (`key: 'app'` → `name: 'app'`), keeping its value; a property assignment with a plain name only. */
  renameProperty(ov: OptionValue, name: string): TextEdit[] | undefined {
    const ts = this.model.host.ts;
    const p = ov.site;
    if (ov.missingPath || !p || !ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return undefined;
    const sf = p.getSourceFile();
    const start = p.name.getStart(sf);
    const end = p.name.getEnd();
    // The edit runs to the colon (a reader of the change sees `key:` become `name:`). Aligned colons
    // (`key    : 'app'` under `secret : s`) stay aligned: the spaces before the colon absorb the change of length.
    const gap = /^[ \t]*(?=:)/.exec(sf.text.slice(end, end + 80))?.[0];
    if (gap === undefined) return undefined;
    const spaces = /^ {2,}$/.test(gap) ? ' '.repeat(Math.max(1, gap.length - (name.length - (end - start)))) : gap;
    return [{ file: sf.fileName, start, end: end + gap.length + 1, text: `${name}${spaces}:` }];
  }

  /** The code style of the file a node is in (the file checked when there is no node): code a remedy writes there follows it. */
  private styleAt(node: TS.Node | undefined): CodeStyle {
    const sf = node?.getSourceFile();
    if (!sf || sf === this.model.sourceFile) return this.model.style;
    return styleOf(sf, this.model.host.ts, this.model.host.codeStyle?.(sf));
  }

  /** Replaces a hardcoded literal with an environment read (or removes its fallback). */
  useEnv(literal: LiteralValue, env: string): TextEdit[] | undefined {
    return insertOrReplaceEnv(this.model.host.ts, literal, env);
  }

  /**
   * The remedy for a hardcoded secret where the app runs (runtime.ts): a fallback removed, or the literal
   * replaced by the runtime's read of `env` (`process.env.S`, `Deno.env.get('S')`, `c.env.S` on Workers);
   * on Workers with no environment in scope, no edit and the reason.
   */
  secretRemedy(literal: LiteralValue, env: string): { edits?: TextEdit[]; read?: string; runtime: Runtime; reason?: string } {
    const { ts } = this.model.host;
    const runtime = this.runtime;
    // A reader's or a schema's default: the edit (or the reason there is none) comes with the value.
    if (literal.fallbackFix) return 'reason' in literal.fallbackFix ? { runtime, reason: literal.fallbackFix.reason } : { edits: [...literal.fallbackFix.edits], runtime };
    if (literal.fallbackOf) return { edits: insertOrReplaceEnv(ts, literal, env), runtime };
    const read = envReadAt(ts, literal.node, env, runtime, this.model.importedModules);
    if (read.text === undefined) return { runtime, reason: read.reason };
    const text = inFileQuotes(read.text, this.styleAt(literal.node));
    return { edits: insertOrReplaceEnv(ts, literal, env, text), read: text.replace(/!$/, ''), runtime };
  }

  /**
   * A hardcoded secret's suggestion (`secretRemedy`'s edits, with the message that names them):
   * remove the fallback of `env`, or read `env` where the app runs (`useEnv` on Node, else
   * `useRuntimeEnv` naming the runtime); none with the reason when the runtime has no environment in scope.
   */
  secretSuggestion(literal: LiteralValue, env: string): { suggestion?: Suggestion<'removeFallback' | 'removeDefault' | 'useEnv' | 'useRuntimeEnv'>; reason?: string } {
    const { edits, read, runtime, reason } = this.secretRemedy(literal, env);
    if (!edits) return reason === undefined ? {} : { reason };
    // A reader's or a schema's default is removed in its own way (the env-reader table, evaluate-schemas.ts).
    if (literal.fallbackOf && literal.fallbackVia) return { suggestion: { messageId: 'removeDefault', data: { env, via: literal.fallbackVia }, edits } };
    if (literal.fallbackOf) return { suggestion: { messageId: 'removeFallback', data: { env }, edits } };
    if (runtime === 'node') return { suggestion: { messageId: 'useEnv', data: { env }, edits } };
    return { suggestion: { messageId: 'useRuntimeEnv', data: { read: read ?? env, runtime: RUNTIME_NAMES[runtime] }, edits } };
  }

  /**
   * Each secret option of the library (those `only` keeps, unread otherwise) with a hardcoded string literal in a
   * possibility (`hardcodedSecret`): the first such possibility and its literal.
   */
  hardcodedSecrets(only: (option: string) => boolean = () => true): { option: string; ov: OptionValue; literal: LiteralValue }[] {
    return this.library.options.secrets.flatMap((option) => {
      const ov = only(option) ? this.option(option).find((x) => hardcodedSecret(x)) : undefined;
      return ov ? [{ option, ov, literal: hardcodedSecret(ov)! }] : [];
    });
  }

  /** What a store option's possibility is: the library's memory store, a persistent one, or unknown. */
  store(ov: OptionValue): StoreKind {
    return classifyStore(ov, this.library);
  }

  /** A password (or a URL carrying one) written in the source for a store possibility's connection. */
  storeCredential(ov: OptionValue): StoreCredential | undefined {
    return storeCredential(ov.value, this.model.evaluator(this.world));
  }

  /**
   * The environment variable for this configuration's `base` (SESSION_SECRET): with its context
   * (ADMIN_SESSION_SECRET), numbered when another configuration of the app has the same name or
   * the app already reads that variable.
   * A value written outside the call (a constant or config module several calls may share) gets
   * the plain name: it is one value, whichever call reads it.
   */
  envName(base: string, written?: TS.Node): string {
    const sf = this.model.sourceFile;
    const call = this.site.call;
    if (written && !(written.getSourceFile() === sf && written.getStart(sf) >= call.getStart(sf) && written.getEnd() <= call.getEnd())) return base;
    const nameOptions = [this.library.options.name, ...(this.library.options.nameAliases ?? [])].filter((n): n is string => n !== undefined);
    const here = { file: sf.fileName, line: sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1, context: contextOf(call, this.model.host.ts, nameOptions), secretEnv: this.library.secretEnv ?? 'SESSION_SECRET' };
    return uniqueEnvName(base, here, this.model.appFacts.sessionConfigs, this.model.appFacts.envReads);
  }

  /**
   * The framework whose trust in its proxy decides whether the library sees HTTPS (the library's
   * `httpsFromFramework`, unless the app's version predates that): how the app sets it, as code
   * for a message (`trustProxy: true` in the `fastify()` options, `app.proxy = true`), and the edits
   * that set it to `valueText` in the app's one instance of that framework (undefined when the app
   * makes none or several, or its options are built elsewhere: the message says what to do).
   */
  frameworkProxy(valueText: string): FrameworkTrust | undefined {
    const name = this.library.httpsFromFramework;
    const framework = name === undefined || this.site.lacks('frameworkHttps') ? undefined : FRAMEWORKS.find((f) => f.name === name);
    if (!framework) return undefined;
    const t = framework.trustProxy;
    const how = t.option ? `\`${t.option}: true\` in the \`${framework.name}\` app's options${t.property ? ` (or \`app.${t.property} = true\`)` : ''}` : t.property ? `\`app.${t.property} = true\`` : `\`app.set('${t.setting}', 1)\``;
    const places = this.model.appFacts.appOptions.filter((o) => o.framework === framework.name);
    const place = places.length === 1 ? places[0]! : undefined;
    const edits = place && t.option ? renderInsertion(place.layout, [{ path: [t.option], value: inFileQuotes(valueText, { ...this.model.style, quote: place.quote }) }]) : undefined;
    return { framework: framework.name, how, ...(t.option ? { option: t.option } : {}), ...(edits ? { edits } : {}) };
  }

  /**
   * The pair of remedies that make `framework` (`frameworkProxy('true')`) trust the proxy: in production only
   * (the plain production test, valid in any file: the app's options may be in another file than the session),
   * then everywhere; each when the app's options can take it.
   */
  frameworkTrustSuggestions(framework: FrameworkTrust): Suggestion<'trustProxyInProduction' | 'trustProxy'>[] {
    const test = "process.env.NODE_ENV === 'production'";
    const inProd = this.frameworkProxy(test)?.edits;
    const option = framework.option ?? '';
    return [
      ...(inProd ? [{ messageId: 'trustProxyInProduction' as const, data: { option, test }, edits: inProd }] : []),
      ...(framework.edits ? [{ messageId: 'trustProxy' as const, data: { option }, edits: framework.edits }] : []),
    ];
  }

  /**
   * The pair of remedies that set the session's own proxy `option` in every possibility that lacks it (a second
   * --fix then has nothing to add): trusting the proxy in production only first, as the secure cookie rules do
   * (docs/fixes.md), then everywhere. None when no possibility lacks it.
   */
  proxyOptionSuggestions(option: string): Suggestion<'setProxyInProduction' | 'setProxy'>[] {
    const missing = this.option(option).filter((ov) => ov.missingPath);
    if (missing.length === 0) return [];
    const test = this.productionTest(missing[0]!);
    const inProd = this.setEverywhere(missing, option, test);
    const always = this.setEverywhere(missing, option, 'true');
    return [
      ...(inProd ? [{ messageId: 'setProxyInProduction' as const, data: { option, test }, edits: inProd }] : []),
      ...(always ? [{ messageId: 'setProxy' as const, data: { option }, edits: always }] : []),
    ];
  }

  /** The name the library gives a cookie attribute ('isSecure' for hapi's secure, 'ttl' for its maxAge), as messages show it. */
  attributeName(attr: string): string {
    return this.site.cookiePath(attr)?.split('.').pop() ?? attr;
  }

  /** A `sameSite` value as code the library accepts: `'lax'`, or `'Lax'` where it takes only capitalized values. */
  sameSiteText(value: 'lax' | 'strict' | 'none'): string {
    return `'${this.library.options.sameSiteCapitalized ? value[0]!.toUpperCase() + value.slice(1) : value}'`;
  }

  /** The library's documented default of an option, as docs and messages show it. */
  default(path: string): string {
    return describeDefault(this.library.defaults[path]);
  }
}

/**
 * Where an app trusts its proxy, for a library whose HTTPS test is its framework's
 * (`httpsFromFramework`), as docs show it: `fastify({ trustProxy })`, `new Koa({ proxy })`,
 * `app.set('trust proxy')`; undefined for other libraries.
 */
export function frameworkTrustSetting(lib: LibraryInfo): string | undefined {
  const framework = FRAMEWORKS.find((f) => f.name === lib.httpsFromFramework);
  if (!framework) return undefined;
  const t = framework.trustProxy;
  const app = framework.apps[0];
  if (t.option && app) return `${app.via === 'new' ? `new ${framework.name[0]!.toUpperCase()}${framework.name.slice(1)}` : framework.name}({ ${t.option} })${t.property ? ` or app.${t.property}` : ''}`;
  return t.property ? `app.${t.property}` : `app.set('${t.setting}')`;
}

/**
 * The app listens, and only on a loopback address (a local demo, an installer): its cookie
 * travels over plain HTTP, so no remedy may make it secure-only.
 */
export function localhostOnly(model: FileModel): boolean {
  return listensOnlyOnLoopback(model.appFacts);
}

/** The factories of a library that keep sessions in the process memory whatever their options, for docs. */
export function memoryFactories(lib: LibraryInfo): string[] {
  return lib.factories.filter((f) => f.memoryStore).map((f) => f.export.join('.'));
}

/**
 * The file's session sites as they run on a server started without NODE_ENV (NODE_ENV unset is not
 * 'production': `NODE_ENV === 'production' ? process.env.S : 'dev'` is then 'dev'). The secret rules
 * judge these too, for what production does not already show (a literal reachable only under
 * `NODE_ENV === 'test'` or `'development'` stays out).
 */
export function sitesWithoutNodeEnv(model: FileModel): ProductionSite[] {
  return model.sites.map((site) => new ProductionSite(site, model, 'unset')).filter((s) => s.view.reachable !== false);
}

/** The file's session sites whose call may run in production (one not reached there is not judged). */
export function productionSites(model: FileModel): ProductionSite[] {
  return model.sites.map((site) => new ProductionSite(site, model)).filter((s) => s.view.reachable !== false);
}

/**
 * Whether an origin pattern matches every website: '*', 'https://*', '*://*:*' (a wildcard host, any
 * scheme or port). better-auth's `*` matches any run of characters but '/' (utils/wildcard.ts).
 */
export function matchesEveryOrigin(v: Primitive): boolean {
  return typeof v === 'string' && /^(?:[a-z*][a-z0-9+.*-]*:\/\/)?\*+(?::(?:\*|\d+))?\/?$/i.test(v.trim());
}

/** A duration as people say it: "1 day", "30 minutes", "1500 ms". */
export function humanDuration(ms: number): string {
  const units: [number, string][] = [
    [24 * 60 * 60 * 1000, 'day'],
    [60 * 60 * 1000, 'hour'],
    [60 * 1000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms} ms`;
}

/**
 * Logins through a library whose version in the app does not renew the session (passport
 * before 0.6.0), with what a message says about it.
 */
export function libraryLoginsWithoutRenewal(model: FileModel): { node: TS.Node; data: { library: string; version: string; source: string; since: string; advisory: string } }[] {
  return model.libraryLogins.map((l) => ({
    node: l.node,
    data: { library: l.library, version: l.version.version ?? l.version.range ?? '', source: l.version.source, since: l.renewsSince, advisory: l.advisory },
  }));
}

/** Whether the app's session library has `session.regenerate()` (false only when its version is known to predate it). */
function sessionCanRegenerate(model: FileModel): boolean {
  return !lacksBehaviour(model.versions, LIBRARIES, 'regenerate');
}

/**
 * Options of the site's library that the app's version no longer reads and that `option`
 * replaced (cookie-session 2.0's `key`, replaced by `name`), with the fact; an app whose
 * version is certainly older than the removal still reads them (none then).
 */
export function removedOptionsFor(model: FileModel, library: LibraryInfo, option: string): { name: string; version: string; source: string }[] {
  return Object.entries(library.removedOptions ?? {})
    .filter(([, r]) => r.replacedBy === option && !library.modules.some((m) => isBefore(model.versions.get(m), r.version) === true))
    .map(([name, r]) => ({ name, version: r.version, source: r.source }));
}

/**
 * Why there is no `regenerate()` to call, for a message: "koa-session 6.2.0 (from
 * pnpm-lock.yaml) has no `regenerate()`: it arrived in 6.4.0; upgrade koa-session to
 * call it". Undefined when the app's library has it (or its version is unknown).
 */
export function regenerateMissing(model: FileModel): string | undefined {
  if (sessionCanRegenerate(model)) return undefined;
  for (const l of LIBRARIES) {
    const since = l.since?.regenerate;
    const v = since && l.modules.map((m) => model.versions.get(m)).find((pv) => pv !== undefined && isBefore(pv, since.version) === true);
    if (v && since) return `${v.name} ${v.version ?? v.range ?? ''} (from ${v.source}) has no \`regenerate()\`: it arrived in ${since.version}; upgrade ${v.name} to call it`;
  }
  return 'the installed session library has no `regenerate()`';
}

/** How the docs name a secret given as an argument itself: Koa's `app.keys`, cookie-parser's first argument, jsonwebtoken's second. */
export function secretArgumentName(factory: { readonly via?: string; readonly optionsArg: number | string } | undefined): string {
  if (factory?.via === 'keys') return 'app.keys';
  const index = typeof factory?.optionsArg === 'number' ? factory.optionsArg : 0;
  return `${['first', 'second', 'third'][index] ?? `argument ${index + 1} of the`} argument`;
}
