/**
 * Generated express-session configurations, and a reference oracle, written from
 * the rules' documentation (docs/rules/*.md) and not from the engine, that says
 * which site rules must fire in production.
 *
 * A configuration is a set of options (secret, store, cookie.secure, httpOnly,
 * sameSite, maxAge, resave, saveUninitialized), each left out or given in one
 * value form (a literal, an environment read with or without a fallback, a
 * production conditional, a store instance) and one way of getting there (inline,
 * through a variable or a function's return, spread from another object, imported
 * from a second module).
 */
import fc from 'fast-check';

export type Option = 'secret' | 'store' | 'secure' | 'httpOnly' | 'sameSite' | 'maxAge' | 'resave' | 'saveUninitialized';
const COOKIE_OPTIONS: readonly Option[] = ['secure', 'httpOnly', 'sameSite', 'maxAge'];
const OPTIONS: readonly Option[] = ['secret', 'store', 'secure', 'httpOnly', 'sameSite', 'maxAge', 'resave', 'saveUninitialized'];

type Prim = string | number | boolean | null;

/** A value form that is not a conditional. */
export type Simple =
  | { readonly t: 'lit'; readonly code: string; readonly value: Prim }
  | { readonly t: 'env'; readonly name: string }
  | { readonly t: 'envOr'; readonly name: string; readonly op: '||' | '??'; readonly fallback: { readonly code: string; readonly value: Prim } }
  | { readonly t: 'store'; readonly which: 'memory' | 'redis' }
  | { readonly t: 'array'; readonly items: readonly Simple[] };

/** `process.env.NODE_ENV === 'production' ? a : b`, written three ways. */
export type Form = Simple | { readonly t: 'prod'; readonly style: 'eq' | 'neq' | 'var'; readonly inProd: Simple; readonly otherwise: Simple };

/** How the value reaches the options object. */
export type Via = 'inline' | 'variable' | 'factory' | 'spread' | 'imported';

export interface Setting {
  readonly option: Option;
  readonly form: Form;
  readonly via: Via;
}

export interface SessionCase {
  readonly settings: readonly Setting[];
  readonly esm: boolean;
  /** The local name of the express-session import. */
  readonly local: string;
  /** The cookie options in a variable of their own (`cookie: cookieOptions`). */
  readonly cookieVariable: boolean;
}

// ───────────────────────────── arbitraries ─────────────────────────────

const lit = (value: Prim, code = JSON.stringify(value).replace(/"/g, "'")): Simple => ({ t: 'lit', code, value });
const envName = fc.constantFrom('SESSION_SECRET', 'COOKIE_SECURE', 'SAME_SITE', 'MAX_AGE', 'FLAG');

function literalsOf(option: Option): Simple[] {
  switch (option) {
    case 'secret':
      return [lit('keyboard cat'), lit('dev-secret'), { t: 'lit', code: '`s3cr3t`', value: 's3cr3t' }];
    case 'secure':
      return [lit(true), lit(false), lit('auto')];
    case 'httpOnly':
    case 'resave':
    case 'saveUninitialized':
      return [lit(true), lit(false)];
    case 'sameSite':
      return [lit('lax'), lit('strict'), lit('none'), lit('Lax'), lit(true), lit(false)];
    case 'maxAge':
      return [lit(3_600_000), { t: 'lit', code: '24 * 60 * 60 * 1000', value: 86_400_000 }, lit(null)];
    case 'store':
      return [
        { t: 'store', which: 'memory' },
        { t: 'store', which: 'redis' },
      ];
  }
}

function simpleOf(option: Option): fc.Arbitrary<Simple> {
  const literals = literalsOf(option);
  const choices: fc.Arbitrary<Simple>[] = [fc.constantFrom(...literals)];
  if (option !== 'store') {
    const fallbacks = literals.filter((l): l is Simple & { t: 'lit' } => l.t === 'lit' && l.value !== null);
    choices.push(envName.map((name): Simple => ({ t: 'env', name })));
    choices.push(fc.record({ name: envName, op: fc.constantFrom<'||' | '??'>('||', '??'), fallback: fc.constantFrom(...fallbacks) }).map((r): Simple => ({ t: 'envOr', name: r.name, op: r.op, fallback: { code: r.fallback.code, value: r.fallback.value } })));
  }
  if (option === 'secret') {
    choices.push(fc.constantFrom<Simple>({ t: 'array', items: [{ t: 'env', name: 'SESSION_SECRET' }, lit('old-secret')] }, { t: 'array', items: [{ t: 'env', name: 'SESSION_SECRET' }, { t: 'env', name: 'OLD_SECRET' }] }));
  }
  return fc.oneof(...choices);
}

function formOf(option: Option): fc.Arbitrary<Form> {
  const simple = simpleOf(option);
  return fc.oneof(
    { weight: 3, arbitrary: simple as fc.Arbitrary<Form> },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('prod' as const), style: fc.constantFrom<'eq' | 'neq' | 'var'>('eq', 'neq', 'var'), inProd: simple, otherwise: simple }) },
  );
}

export function sessionCase(opts: { imports: boolean }): fc.Arbitrary<SessionCase> {
  const vias: Via[] = opts.imports ? ['inline', 'variable', 'factory', 'spread', 'imported'] : ['inline', 'variable', 'factory', 'spread'];
  const settings = fc
    .subarray([...OPTIONS])
    .chain((options) => fc.tuple(...options.map((option) => fc.record({ option: fc.constant(option), form: formOf(option), via: fc.constantFrom(...vias) }))))
    .map((s) => s as Setting[]);
  return fc.record({ settings, esm: fc.boolean(), local: fc.constantFrom('session', 'expressSession', 's'), cookieVariable: fc.boolean() });
}

// ───────────────────────────── code ─────────────────────────────

function simpleCode(s: Simple, local: string): string {
  switch (s.t) {
    case 'lit':
      return s.code;
    case 'env':
      return `process.env.${s.name}`;
    case 'envOr':
      return `process.env.${s.name} ${s.op} ${s.fallback.code}`;
    case 'store':
      return s.which === 'memory' ? `new ${local}.MemoryStore()` : 'new RedisStore({ client: redisClient })';
    case 'array':
      return `[${s.items.map((i) => simpleCode(i, local)).join(', ')}]`;
  }
}

function formCode(f: Form, local: string): string {
  if (f.t !== 'prod') return simpleCode(f, local);
  const a = simpleCode(f.inProd, local);
  const b = simpleCode(f.otherwise, local);
  if (f.style === 'eq') return `process.env.NODE_ENV === 'production' ? ${a} : ${b}`;
  if (f.style === 'neq') return `process.env.NODE_ENV !== 'production' ? ${b} : ${a}`;
  return `isProd ? ${a} : ${b}`;
}

function uses(f: Form, what: 'isProd' | 'redis' | 'memory'): boolean {
  const simple = (s: Simple): boolean => (s.t === 'store' && s.which === what) || (s.t === 'array' && s.items.some(simple));
  if (f.t === 'prod') return (what === 'isProd' && f.style === 'var') || simple(f.inProd) || simple(f.otherwise);
  return simple(f);
}

function preamble(c: SessionCase, forms: readonly Form[], withSession: boolean): string[] {
  const lines: string[] = [];
  const needSession = withSession || forms.some((f) => uses(f, 'memory'));
  if (needSession) lines.push(c.esm ? `import ${c.local} from 'express-session';` : `const ${c.local} = require('express-session');`);
  if (forms.some((f) => uses(f, 'redis'))) lines.push(c.esm ? "import { RedisStore } from 'connect-redis';" : "const { RedisStore } = require('connect-redis');");
  if (forms.some((f) => uses(f, 'isProd'))) lines.push("const isProd = process.env.NODE_ENV === 'production';");
  return lines;
}

/** The files of a case: `app.js` (the session call) and, when something is imported, `config.js`. */
export function render(c: SessionCase): Record<string, string> {
  const main = c.settings.filter((s) => s.via !== 'imported');
  const imported = c.settings.filter((s) => s.via === 'imported');
  const lines = preamble(
    c,
    main.map((s) => s.form),
    true,
  );
  if (imported.length > 0) lines.push(c.esm ? "import * as config from './config.js';" : "const config = require('./config');");
  const top: string[] = [];
  const cookie: string[] = [];
  const topSpreads: string[] = [];
  const cookieSpreads: string[] = [];
  c.settings.forEach((s, i) => {
    const isCookie = COOKIE_OPTIONS.includes(s.option);
    let expr: string;
    if (s.via === 'imported') expr = `config.v${i}`;
    else if (s.via === 'variable') {
      lines.push(`const v${i} = ${formCode(s.form, c.local)};`);
      expr = `v${i}`;
    } else if (s.via === 'factory') {
      lines.push(`function make${i}() {\n  return ${formCode(s.form, c.local)};\n}`);
      expr = `make${i}()`;
    } else if (s.via === 'spread') {
      lines.push(`const base${i} = { ${s.option}: ${formCode(s.form, c.local)} };`);
      (isCookie ? cookieSpreads : topSpreads).push(`...base${i}`);
      return;
    } else expr = formCode(s.form, c.local);
    (isCookie ? cookie : top).push(`${s.option}: ${expr}`);
  });
  const cookieParts = [...cookieSpreads, ...cookie];
  if (cookieParts.length > 0) {
    if (c.cookieVariable) {
      lines.push(`const cookieOptions = { ${cookieParts.join(', ')} };`);
      top.push('cookie: cookieOptions');
    } else top.push(`cookie: { ${cookieParts.join(', ')} }`);
  }
  lines.push(`app.use(${c.local}({ ${[...topSpreads, ...top].join(', ')} }));`, '');
  const files: Record<string, string> = { 'app.js': lines.join('\n') };
  if (imported.length > 0) {
    const conf = preamble(
      c,
      imported.map((s) => s.form),
      false,
    );
    for (const s of imported) {
      const i = c.settings.indexOf(s);
      conf.push(c.esm ? `export const v${i} = ${formCode(s.form, c.local)};` : `exports.v${i} = ${formCode(s.form, c.local)};`);
    }
    files['config.js'] = `${conf.join('\n')}\n`;
  }
  return files;
}

// ───────────────────────────── oracle ─────────────────────────────

/** What an option can be in production. */
type Possibility = { k: 'lit'; v: Prim; fallbackOf?: string } | { k: 'unknown' } | { k: 'missing' } | { k: 'memory' } | { k: 'redis' } | { k: 'array'; literal: boolean };

function possibilities(f: Form | undefined): Possibility[] {
  if (!f) return [{ k: 'missing' }];
  const simple = (s: Simple): Possibility[] => {
    switch (s.t) {
      case 'lit':
        return [{ k: 'lit', v: s.value }];
      case 'env':
        return [{ k: 'unknown' }];
      // `process.env.X || fallback`: whatever X is, or the fallback when it is not set.
      case 'envOr':
        return [{ k: 'unknown' }, { k: 'lit', v: s.fallback.value, fallbackOf: s.name }];
      case 'store':
        return [{ k: s.which }];
      case 'array':
        return [{ k: 'array', literal: s.items.some((i) => i.t === 'lit') }];
    }
  };
  // In production, NODE_ENV is 'production': only the production branch runs.
  return f.t === 'prod' ? simple(f.inProd) : simple(f);
}

/** Classifies each possibility: its value (the library's default when missing) is bad, or it is something else (unknown included). */
function split(ps: readonly Possibility[], dflt: Prim | undefined, isBad: (v: Prim | undefined) => boolean) {
  let bad = 0;
  let explicitBad = 0;
  let other = 0;
  for (const p of ps) {
    const known = p.k === 'missing' ? { v: dflt, explicit: false } : p.k === 'lit' ? { v: p.v, explicit: true } : undefined;
    if (known && isBad(known.v)) {
      bad++;
      if (known.explicit) explicitBad++;
    } else other++;
  }
  return { bad, explicitBad, other, certain: bad > 0 && other === 0 };
}

const sameSiteOf = (v: Prim | undefined) => (v === true ? 'strict' : v === false || v == null ? 'unset' : typeof v === 'string' && ['strict', 'lax', 'none'].includes(v.toLowerCase()) ? v.toLowerCase() : 'other');

/**
 * The site rules that must fire, as `rule/messageId`, sorted. The rules judge
 * production: a value that is bad in every production possibility fires (for the
 * secret: a literal that is possible in production fires); one that production
 * decides at deployment (an environment read) does not.
 */
export function oracle(c: SessionCase): string[] {
  const form = (o: Option) => c.settings.find((s) => s.option === o)?.form;
  const out: string[] = [];

  // no-hardcoded-secret: a non-empty string literal (or one in an array) possible in production.
  const secret = possibilities(form('secret'));
  const hit = secret.find((p) => (p.k === 'lit' && typeof p.v === 'string' && p.v.length > 0) || (p.k === 'array' && p.literal));
  if (hit) out.push(`no-hardcoded-secret/${hit.k === 'lit' && hit.fallbackOf ? 'fallback' : 'hardcoded'}`);
  // Else a literal the non-production branch holds: a server started without NODE_ENV runs that branch (issue #12).
  const secretForm = form('secret');
  if (!hit && secretForm?.t === 'prod' && possibilities(secretForm.otherwise).some((p) => (p.k === 'lit' && typeof p.v === 'string' && p.v.length > 0) || (p.k === 'array' && p.literal))) {
    out.push('no-hardcoded-secret/withoutNodeEnv');
  }

  // no-memory-store: every production possibility is the MemoryStore (left out: the default).
  const store = possibilities(form('store'));
  if (store.every((p) => p.k === 'missing' || p.k === 'memory')) out.push(`no-memory-store/${store.some((p) => p.k === 'memory') ? 'memoryStore' : 'missingStore'}`);

  // require-secure-cookie: secure is neither true nor 'auto' (default false) in every possibility.
  const secure = split(possibilities(form('secure')), false, (v) => v !== true && v !== 'auto');
  if (secure.certain) out.push(`require-secure-cookie/${secure.explicitBad > 0 ? 'insecure' : 'missing'}`);

  // no-httponly-false: httpOnly falsy (default true) in every possibility.
  const httpOnly = split(possibilities(form('httpOnly')), true, (v) => !v);
  if (httpOnly.certain) out.push('no-httponly-false/httpOnlyFalse');

  // require-same-site: no SameSite in every possibility; or 'none' on a cookie that is not secure.
  const sameSitePs = possibilities(form('sameSite'));
  const unset = split(sameSitePs, undefined, (v) => sameSiteOf(v) === 'unset');
  if (unset.certain) out.push(`require-same-site/${unset.explicitBad > 0 ? 'weak' : 'missing'}`);
  else if (split(sameSitePs, undefined, (v) => sameSiteOf(v) === 'none').certain && secure.certain) out.push('require-same-site/noneWithoutSecure');

  // require-cookie-expiry: no maxAge (nor expires) in every possibility.
  if (split(possibilities(form('maxAge')), undefined, (v) => v == null).certain) out.push('require-cookie-expiry/noExpiry');

  // explicit-save-options: resave or saveUninitialized left out; else saveUninitialized true in every possibility.
  const left = (['resave', 'saveUninitialized'] as const).filter((o) => !form(o));
  if (left.length > 0) out.push('explicit-save-options/implicit');
  else {
    const su = split(possibilities(form('saveUninitialized')), true, (v) => v === true);
    if (su.certain && su.explicitBad > 0) out.push('explicit-save-options/saveUninitialized');
  }

  // no-default-cookie-name: the generator never sets `name`.
  out.push('no-default-cookie-name/defaultName');
  return out.sort();
}

/** The site rules the oracle knows, all on (the app-level ones depend on other files and are left out). */
export const SITE_RULES = ['no-hardcoded-secret', 'no-memory-store', 'require-secure-cookie', 'no-httponly-false', 'require-same-site', 'require-cookie-expiry', 'explicit-save-options', 'no-default-cookie-name'] as const;

/**
 * How many cases a property runs: `ci` in the test suite; 20 times as many under
 * `npm run fuzz`; exactly FUZZ_RUNS when that is set (`FUZZ_RUNS=10000 npm run fuzz`).
 */
export function runs(ci: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  if (Number.isInteger(n) && n > 0) return n;
  return process.env.npm_lifecycle_event === 'fuzz' ? ci * 20 : ci;
}

/** fast-check parameters: FUZZ_SEED replays a failure. */
export function params(ci: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FUZZ_SEED);
  return { numRuns: runs(ci), ...(Number.isInteger(seed) ? { seed } : {}) };
}
