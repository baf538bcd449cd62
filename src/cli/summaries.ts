/**
 * Site summaries: each session configuration the engine found (a SessionSite),
 * flattened into plain data for reporters that show configurations rather than
 * findings (`--format html`). Built from the site's views in the three worlds the engine
 * knows (production, development, and a server started without NODE_ENV: `unset`;
 * `site.view(world).option(path)`), so a reporter never touches the engine.
 *
 * Which settings are shown comes from the libraries table (secrets, store, cookie
 * attributes, name, proxy, the options whose defaults are deprecated); which rules
 * judge a site comes from the catalog (`libraryOption`). Nothing here names a rule.
 *
 * Secret values are masked (secrets.ts, the one masking function): a report is an artifact people pass around.
 */
import type * as TS from 'typescript';
import type { FileModel } from '../analysis/index.js';
import type { LibraryInfo } from '../analysis/libraries.js';
import type { OptionValue, SessionSite } from '../analysis/sites.js';
import type { Primitive, Tri, Value, World } from '../analysis/values.js';
import { rulesById } from '../../rules/index.js';
import type { EffectiveRules } from './config.js';
import { describeSecret } from './secrets.js';
import { relativePath } from './text.js';

/** A place in a scanned file (1-based line and UTF-16 column). */
export interface SourcePoint {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

export interface ValueSummary {
  /** literal: written in the code; env: read from the environment; default: the option is not set, the library's default applies; unknown: session-audit cannot tell. */
  readonly kind: 'literal' | 'env' | 'default' | 'unknown' | 'expression';
  /** How to show the value (secrets masked). */
  readonly text: string;
  /** The environment variable read, or whose fallback this literal is. */
  readonly env?: string;
  /** A literal used when `env` is not set (`process.env.X || 'dev'`). */
  readonly fallback?: boolean;
  /** Where the value (or the property that sets it) is written; for a default, the object that lacks it. */
  readonly from?: SourcePoint;
  /** Why the value is unknown. */
  readonly reason?: string;
  /** For an option that is not set: the library's documented default applies (`text` is that default). */
  readonly libraryDefault?: boolean;
}

export interface SettingSummary {
  /** Option path as written in the options (`cookie.secure`), or a label (`first argument`). */
  readonly option: string;
  /** The possibilities in production (NODE_ENV=production). */
  readonly production: readonly ValueSummary[];
  /** The possibilities outside production. */
  readonly development: readonly ValueSummary[];
  /**
   * The possibilities on a server started without NODE_ENV (not 'production' to the code: the
   * secret rules judge this world too, values/values.ts `World`).
   */
  readonly unset: readonly ValueSummary[];
  /** Whether those are production's values too, and development's (a server started without NODE_ENV often runs development's). */
  readonly unsetSameAs: { readonly production: boolean; readonly development: boolean };
  /** The setting depends on the environment: production and development differ. */
  readonly dependsOnEnvironment: boolean;
}

export interface SiteCheck {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: 'warn' | 'error';
  /** The option(s) the rule judges, as its documentation names them. */
  readonly option: string;
}

export interface SiteSummary {
  readonly library: string;
  readonly libraryDocs: string;
  readonly file: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  /** Offsets of the call in the file (findings inside it belong to this site). */
  readonly start: number;
  readonly end: number;
  /** Whether the call runs in each world (false: inside `if (NODE_ENV !== 'production')`; `unset`: NODE_ENV not set at all). */
  readonly runs: { readonly production: Tri; readonly development: Tri; readonly unset: Tri };
  readonly settings: readonly SettingSummary[];
  /** The rules that are on for this file and judge this library's configuration. */
  readonly checks: readonly SiteCheck[];
}

const COOKIE_ATTRIBUTES = ['secure', 'httpOnly', 'sameSite', 'maxAge', 'expires'];
const MAX_TEXT = 80;

function point(node: TS.Node, cwd: string): SourcePoint {
  const sf = node.getSourceFile();
  const at = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return { path: relativePath(cwd, sf.fileName), line: at.line + 1, column: at.character + 1 };
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_TEXT ? `${one.slice(0, MAX_TEXT - 1)}…` : one;
}

function primitiveText(v: Primitive): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'bigint') return `${v}n`;
  return JSON.stringify(v) ?? String(v);
}

function masked(v: Primitive): string {
  return typeof v === 'string' ? describeSecret(v) : primitiveText(v);
}

/** The source text of a call's or construction's callee: `new RedisStore(…)` (arguments left out: they may hold credentials). */
function calleeText(node: TS.Node, ts: FileModel['host']['ts']): string | undefined {
  if (ts.isNewExpression(node)) return `new ${shorten(node.expression.getText())}(…)`;
  if (ts.isCallExpression(node)) return `${shorten(node.expression.getText())}(…)`;
  return undefined;
}

function describe(v: Value, secret: boolean, ts: FileModel['host']['ts']): string {
  switch (v.kind) {
    case 'literal':
      return secret ? masked(v.value) : primitiveText(v.value);
    case 'env':
      return v.name ? `process.env.${v.name}` : 'process.env[…]';
    case 'array':
      return `[${v.elements.map((el) => el.map((e) => describe(e, secret, ts)).join(' | ')).join(', ')}${v.open ? ', …' : ''}]`;
    case 'object':
      return secret ? '{ … }' : `{ ${[...v.props.keys()].join(', ')}${v.open ? ', …' : ''} }`;
    case 'function':
      return 'a function';
    case 'module':
      return [v.module, ...v.path].join('.');
    case 'instance':
      return calleeText(v.node, ts) ?? `${v.constructed ? 'new ' : ''}${[v.of.module, ...v.of.path].join('.')}(…)`;
    case 'missing':
      return 'not set';
    case 'unknown':
      return 'unknown';
  }
}

function valueSummary(ov: OptionValue, library: LibraryInfo, option: string, secret: boolean, cwd: string, ts: FileModel['host']['ts']): ValueSummary {
  const v = ov.value;
  if (ov.missingPath || v.kind === 'missing' || (v.kind === 'literal' && v.value === undefined)) {
    const where = ov.holder?.node ?? v.node;
    const from = point(where, cwd);
    if (option === library.options.store && library.defaultStore) return { kind: 'default', text: library.defaultStore.name, libraryDefault: true, from };
    if (library.defaults[option] !== undefined) return { kind: 'default', text: primitiveText(library.defaults[option]), libraryDefault: true, from };
    return { kind: 'default', text: 'not set', from };
  }
  const from = point(ov.site ?? v.node, cwd);
  if (v.kind === 'unknown') return { kind: 'unknown', text: 'unknown', reason: v.reason, from };
  if (v.kind === 'env') return { kind: 'env', text: describe(v, secret, ts), ...(v.name ? { env: v.name } : {}), from: point(v.node, cwd) };
  if (v.kind === 'literal') {
    return { kind: 'literal', text: describe(v, secret, ts), ...(v.fallbackOf ? { env: v.fallbackOf, fallback: true } : {}), from: point(v.node, cwd) };
  }
  return { kind: 'expression', text: describe(v, secret, ts), ...(v.fallbackOf ? { env: v.fallbackOf, fallback: true } : {}), from };
}

function sameValues(a: readonly ValueSummary[], b: readonly ValueSummary[]): boolean {
  const key = (v: ValueSummary) => `${v.kind}\u0000${v.text}\u0000${v.from?.path}:${v.from?.line}:${v.from?.column}`;
  const ka = a.map(key).sort();
  const kb = b.map(key).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** Option paths to show for a library, in a reading order: secrets, store, cookie, name, the rest. */
function optionsOf(site: SessionSite): { path: string; label: string; secret: boolean }[] {
  const lib = site.library;
  const out: { path: string; label: string; secret: boolean }[] = [];
  const seen = new Set<string>();
  const add = (path: string | undefined, secret = false) => {
    if (path === undefined || seen.has(path)) return;
    seen.add(path);
    const label = path === '' ? (lib.factories[0]?.via === 'keys' ? 'app.keys' : 'first argument') : path;
    out.push({ path, label, secret });
  };
  for (const s of lib.options.secrets) add(s, true);
  add(lib.options.store);
  for (const attr of COOKIE_ATTRIBUTES) add(site.cookiePath(attr));
  add(lib.options.name);
  add(lib.options.proxy);
  for (const o of lib.explicitOptions) add(o);
  add(lib.options.saveUninitialized);
  return out;
}

function runs(site: SessionSite, world: World): Tri {
  return site.view(world).reachable;
}

/** Summaries of every session site in an analyzed file. */
export function summarizeSites(model: FileModel, rules: EffectiveRules, cwd: string): SiteSummary[] {
  const ts = model.host.ts;
  const sf = model.sourceFile;
  return model.sites.map((site) => {
    const start = site.call.getStart(sf);
    const at = sf.getLineAndCharacterOfPosition(start);
    const settings: SettingSummary[] = optionsOf(site).map(({ path, label, secret }) => {
      const production = site.view('production').option(path).map((ov) => valueSummary(ov, site.library, path, secret, cwd, ts));
      const development = site.view('development').option(path).map((ov) => valueSummary(ov, site.library, path, secret, cwd, ts));
      const unset = site.view('unset').option(path).map((ov) => valueSummary(ov, site.library, path, secret, cwd, ts));
      return { option: label, production, development, unset, dependsOnEnvironment: !sameValues(production, development), unsetSameAs: { production: sameValues(unset, production), development: sameValues(unset, development) } };
    });
    const checks: SiteCheck[] = [];
    for (const [id, { severity }] of rules) {
      const rule = rulesById.get(id);
      const judged = rule?.libraryOption?.(site.library);
      if (rule && judged) checks.push({ ruleId: id, description: rule.meta.description, severity, option: judged.option });
    }
    return {
      library: site.library.displayName,
      libraryDocs: site.library.docs,
      file: sf.fileName,
      path: relativePath(cwd, sf.fileName),
      line: at.line + 1,
      column: at.character + 1,
      start,
      end: site.call.getEnd(),
      runs: { production: runs(site, 'production'), development: runs(site, 'development'), unset: runs(site, 'unset') },
      settings,
      checks,
    };
  });
}
