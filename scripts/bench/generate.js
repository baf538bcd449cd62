#!/usr/bin/env node
/**
 * Deterministic generator of a synthetic JavaScript/TypeScript monorepo for the
 * benchmark (issue 5). No dependencies; its own PRNG (mulberry32), so the same
 * --seed and --files always give a byte-identical tree.
 *
 *   node scripts/bench/generate.js --files 1000 --seed 1 --out .bench/tree-1000-s1
 *
 * Shape: packages/<name>/{package.json, src/...} plus a root package.json and
 * tsconfig.json (allowJs, paths to the packages). Three kinds of package: web (React
 * components .jsx/.tsx, hooks, API clients), server (express routes, services,
 * middleware, an app file) and lib (utilities, types); tests everywhere. JS packages
 * are CommonJS or ESM (with a few .cjs/.mjs files either way), TS packages are ESM.
 * File sizes 20-400 lines with a 2% tail of long files (400-1200).
 *
 * About 1% of the files configure or use sessions (`bench-manifest.json` lists them):
 * express-session with its options spread over modules (a config module exporting the
 * secret with an environment fallback, a cookie options object imported from another
 * file), express-session inline, cookie-session, @fastify/session via register,
 * koa-session with app.keys, iron-session getIronSession, and login/logout handlers
 * (req.session.userId, destroy/regenerate/save).
 *
 * Ordinary files never mention a session library, but like real code some of them
 * contain words the engine's text prefilter looks for (`Object.keys`, `cors`,
 * `sessionStorage`): those are candidates for the analyzers without being session code.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR_VERSION = 2;
export const MANIFEST = 'bench-manifest.json';

// ---------------------------------------------------------------------------------------
// Random numbers

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** Integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.next() * arr.length)];
  }
  /** pairs: [[weight, value], ...] */
  weighted(pairs) {
    let total = 0;
    for (const [w] of pairs) total += w;
    let x = this.next() * total;
    for (const [w, v] of pairs) {
      if ((x -= w) < 0) return v;
    }
    return pairs[pairs.length - 1][1];
  }
  hex(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }
  /** A child stream: generating one file never shifts the numbers of the next. */
  fork(salt) {
    return new Rng((Math.floor(this.next() * 4294967296) ^ Math.imul(salt + 1, 0x9e3779b1)) >>> 0);
  }
}

// ---------------------------------------------------------------------------------------
// Vocabulary (none of these words contains a prefilter word: session, cors, .keys, koa, ...)

const NOUNS = [
  'order', 'invoice', 'product', 'cart', 'payment', 'customer', 'report', 'metric', 'ticket', 'project',
  'team', 'comment', 'notification', 'inventory', 'shipment', 'address', 'profile', 'setting', 'message',
  'channel', 'task', 'event', 'schedule', 'review', 'rating', 'coupon', 'discount', 'category', 'tag',
  'asset', 'document', 'folder', 'upload', 'widget', 'dashboard', 'chart', 'price', 'vendor', 'warehouse',
  'region', 'currency', 'plan', 'webhook', 'job', 'queue', 'batch', 'entry', 'ledger', 'refund', 'carrier',
  'device', 'label', 'member', 'workspace', 'release', 'feature', 'quote', 'contract', 'survey', 'lesson',
];
const VERBS = [
  'get', 'load', 'fetch', 'build', 'create', 'update', 'remove', 'format', 'parse', 'normalize', 'validate',
  'compute', 'merge', 'sort', 'group', 'find', 'resolve', 'sync', 'apply', 'collect', 'summarize', 'track',
  'prepare', 'serialize', 'index', 'count', 'pick', 'split', 'rank', 'match',
];
const ADJS = [
  'active', 'pending', 'recent', 'total', 'default', 'current', 'visible', 'selected', 'cached', 'remote',
  'local', 'primary', 'archived', 'draft', 'daily', 'monthly', 'next', 'last', 'shared', 'raw',
];
const FIELDS = [
  'id', 'name', 'status', 'createdAt', 'updatedAt', 'amount', 'price', 'quantity', 'total', 'email', 'title',
  'description', 'ownerId', 'priority', 'count', 'label', 'value', 'score', 'type', 'region', 'currency',
  'enabled', 'position', 'dueDate', 'parentId', 'weight', 'slug', 'version',
];
const STATUSES = ['open', 'closed', 'pending', 'active', 'archived', 'draft', 'failed', 'done'];
const PKG_SUFFIX = { web: ['ui', 'web', 'app', 'portal', 'admin', 'widgets'], server: ['api', 'service', 'server', 'gateway', 'worker'], lib: ['utils', 'core', 'sdk', 'model', 'client', 'shared'] };
const HTML_TAGS = ['div', 'section', 'article', 'ul', 'header', 'footer', 'aside', 'main'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const plural = (s) => (/(s|x|ch)$/.test(s) ? s + 'es' : /[^aeiou]y$/.test(s) ? s.slice(0, -1) + 'ies' : s + 's');
const camel = (...parts) => parts[0] + parts.slice(1).map(cap).join('');

// ---------------------------------------------------------------------------------------
// Small code-writing helpers

class Lines {
  constructor() {
    this.out = [];
  }
  push(...ls) {
    for (const l of ls) {
      if (Array.isArray(l)) this.push(...l);
      else this.out.push(l);
    }
    return this;
  }
  get length() {
    return this.out.length;
  }
  text() {
    return this.out.join('\n') + '\n';
  }
}
const indent = (lines, n = 1) => lines.map((l) => (l === '' ? l : '  '.repeat(n) + l));

/** Import statements in the file's module system. */
function importLine(f, spec, { def, names, typeOnly }) {
  if (f.module === 'cjs') {
    if (typeOnly) return null;
    if (def && names?.length) return `const ${def} = require('${spec}');\nconst { ${names.join(', ')} } = ${def};`;
    if (def) return `const ${def} = require('${spec}');`;
    return `const { ${names.join(', ')} } = require('${spec}');`;
  }
  const parts = [];
  if (def) parts.push(def);
  if (names?.length) parts.push(`{ ${names.join(', ')} }`);
  return `import ${typeOnly ? 'type ' : ''}${parts.join(', ')} from '${spec}';`;
}

/** `export` prefix for ESM; CJS files collect names for module.exports. */
function exp(f, name) {
  if (f.module === 'cjs') {
    f.cjsExports.push(name);
    return '';
  }
  return 'export ';
}

function relSpec(fromFile, toFile, style) {
  let rel = path.posix.relative(path.posix.dirname(fromFile), toFile);
  if (!rel.startsWith('.')) rel = './' + rel;
  const ext = path.posix.extname(rel);
  const base = rel.slice(0, -ext.length);
  if (style === 'node-esm') {
    // Node ESM needs the extension; TypeScript sources are imported as .js.
    if (ext === '.ts') return base + '.js';
    if (ext === '.tsx') return base + '.js';
    return rel;
  }
  // Bundler / CommonJS style: no extension (index files by folder only when asked).
  return base.endsWith('/index') ? base.slice(0, -'/index'.length) || '.' : base;
}

// ---------------------------------------------------------------------------------------
// Function bodies: statements over the function's parameters and the locals they declare

function bodyStatements(r, f, { async, want }) {
  const ts = f.lang === 'ts';
  const arrays = ['items'];
  const nums = [];
  const used = new Set(['items', 'options', 'result', 'key']);
  const fresh = (base) => {
    let n = base;
    for (let i = 2; used.has(n); i++) n = base + i;
    used.add(n);
    return n;
  };
  const out = [];
  const field = () => r.pick(FIELDS);
  let guard = 0;
  while (out.length < want && guard++ < 200) {
    const t = r.int(0, f.flags.objectKeys && !f.usedObjectKeys ? 12 : 11);
    const arr = r.pick(arrays);
    switch (t) {
      case 0: {
        const v = fresh(camel(r.pick(ADJS), plural(r.pick(NOUNS))));
        out.push(`const ${v} = ${arr}.filter((x) => x.${field()} ${r.pick(['>', '<', '>=', '!=='])} ${r.int(0, 100)});`);
        arrays.push(v);
        break;
      }
      case 1: {
        const v = fresh(camel(r.pick(NOUNS), 'rows'));
        const a = field();
        const b = field();
        out.push(`const ${v} = ${arr}.map((x) => ({`, `  ${a}: x.${a},`, `  ${b === a ? b + '2' : b}: x.${b} ?? ${r.chance(0.5) ? 'null' : `'${r.pick(STATUSES)}'`},`, `}));`);
        arrays.push(v);
        break;
      }
      case 2: {
        const v = fresh(camel(r.pick(ADJS), 'sum'));
        out.push(`let ${v} = 0;`, `for (const x of ${arr}) {`, `  ${v} += Number(x.${field()}) || 0;`, `}`);
        nums.push(v);
        break;
      }
      case 3: {
        out.push(`if (${arr}.length === 0) {`, `  return ${r.pick(['[]', 'null', 'undefined', '{}'])};`, `}`);
        break;
      }
      case 4: {
        const v = fresh(camel('by', cap(field())));
        const k = field();
        out.push(
          `const ${v} = new Map${ts ? '<string, number>' : ''}();`,
          `for (const x of ${arr}) {`,
          `  const key = String(x.${k});`,
          `  ${v}.set(key, (${v}.get(key) ?? 0) + 1);`,
          `}`,
        );
        break;
      }
      case 5: {
        const v = fresh(camel(r.pick(NOUNS), 'label'));
        out.push(`const ${v} = \`${r.pick(NOUNS)}-\${${arr}.length}-\${options.${r.pick(['mode', 'prefix', 'locale'])} ?? '${r.pick(ADJS)}'}\`;`);
        break;
      }
      case 6: {
        out.push(`if (options.${r.pick(['debug', 'verbose', 'trace', 'dryRun'])}) {`, `  console.debug('${r.pick(VERBS)} ${r.pick(NOUNS)}', { count: ${arr}.length });`, `}`);
        break;
      }
      case 7: {
        const v = fresh(camel('parsed', cap(r.pick(NOUNS))));
        out.push(
          `let ${v}${ts ? ': Record<string, unknown>' : ''} = {};`,
          `try {`,
          `  ${v} = JSON.parse(String(options.${r.pick(['raw', 'payload', 'body', 'cached'])} ?? '{}'));`,
          `} catch (err) {`,
          `  console.warn('could not parse ${r.pick(NOUNS)} payload', err);`,
          `}`,
        );
        break;
      }
      case 8: {
        if (!async) {
          const v = fresh(camel('sorted', cap(plural(r.pick(NOUNS)))));
          const k = field();
          out.push(`const ${v} = [...${arr}].sort((a, b) => (a.${k} > b.${k} ? 1 : a.${k} < b.${k} ? -1 : 0));`);
          arrays.push(v);
          break;
        }
        const res = fresh('response');
        const data = fresh(camel(r.pick(NOUNS), 'data'));
        out.push(
          `const ${res} = await fetch(\`/api/${r.pick(NOUNS)}s/\${options.id ?? ''}\`);`,
          `if (!${res}.ok) {`,
          `  throw new Error(\`${r.pick(VERBS)} failed: \${${res}.status}\`);`,
          `}`,
          `const ${data} = await ${res}.json();`,
        );
        break;
      }
      case 9: {
        const k = field();
        out.push(
          `switch (options.${r.pick(['mode', 'kind', 'view'])}) {`,
          `  case '${r.pick(STATUSES)}':`,
          `    ${arr}.reverse();`,
          `    break;`,
          `  case '${r.pick(STATUSES)}':`,
          `    console.info('${k} view');`,
          `    break;`,
          `  default:`,
          `    break;`,
          `}`,
        );
        break;
      }
      case 10: {
        const v = fresh(camel(r.pick(ADJS), 'entries'));
        out.push(`const ${v} = Object.entries(options).filter(([, value]) => value !== undefined);`);
        break;
      }
      case 11: {
        if (r.chance(0.5)) out.push(`// ${r.pick(VERBS)} the ${r.pick(ADJS)} ${r.pick(NOUNS)}s before ${r.pick(['sending', 'saving', 'showing', 'caching', 'merging'])} them`);
        else out.push(`// TODO(${r.pick(['ana', 'li', 'sam', 'kim', 'raj'])}): ${r.pick(VERBS)} ${r.pick(NOUNS)}s in batches`);
        break;
      }
      case 12: {
        const v = fresh(camel(r.pick(NOUNS), 'fields'));
        out.push(`const ${v} = Object.keys(${arr}[0] ?? {}).sort();`);
        f.usedObjectKeys = true;
        break;
      }
    }
  }
  const last = arrays[arrays.length - 1];
  out.push(r.chance(0.3) && nums.length ? `return { items: ${last}, total: ${nums[nums.length - 1]} };` : `return ${last};`);
  return out;
}

/** A documented function of `lines` lines or so. */
function fn(r, f, name, { async = r.chance(0.3), want = r.int(3, 12), exported = true } = {}) {
  const ts = f.lang === 'ts';
  const lines = [];
  if (r.chance(0.6)) {
    lines.push('/**', ` * ${cap(r.pick(VERBS))}s ${r.pick(ADJS)} ${r.pick(NOUNS)}s for the ${r.pick(NOUNS)} view.`);
    if (r.chance(0.5)) lines.push(' *', ` * @param items the ${r.pick(NOUNS)}s to ${r.pick(VERBS)}`);
    lines.push(' */');
  }
  const typeName = f.rowType ?? 'Row';
  const params = ts ? `items: ${typeName}[], options: ${f.optionsType ?? 'Record<string, any>'} = {}` : 'items, options = {}';
  const ret = ts && r.chance(0.4) ? (async ? `: Promise<unknown>` : `: unknown`) : '';
  const prefix = exported ? exp(f, name) : '';
  if (r.chance(0.25) && !async) {
    lines.push(`${prefix}const ${name} = (${params})${ret} => {`);
    lines.push(...indent(bodyStatements(r, f, { async, want })));
    lines.push('};');
  } else {
    lines.push(`${prefix}${async ? 'async ' : ''}function ${name}(${params})${ret} {`);
    lines.push(...indent(bodyStatements(r, f, { async, want })));
    lines.push('}');
  }
  lines.push('');
  return lines;
}

function rowInterface(r, f, name, exported = false) {
  const fields = new Set();
  const n = r.int(3, 8);
  while (fields.size < n) fields.add(r.pick(FIELDS));
  const lines = [`${exported ? 'export ' : ''}interface ${name} {`];
  for (const k of fields) {
    const t = /At$|Date$/.test(k) ? 'string | Date' : /amount|price|quantity|total|count|score|weight|position|version/.test(k) ? 'number' : k === 'enabled' ? 'boolean' : 'string';
    lines.push(`  ${k}${r.chance(0.25) ? '?' : ''}: ${t};`);
  }
  lines.push('  [extra: string]: unknown;', '}', '');
  return lines;
}

/** Imports of other planned modules of the same package (and sometimes a lib package). */
function siblingImports(r, f, pkg, plan, max) {
  const lines = [];
  const calls = [];
  for (const e of f.exports) f.importedNames.add(e.name);
  const candidates = pkg.files.filter((g) => g !== f && g.exports.some((e) => e.kind === 'fn') && g.kind !== 'test');
  const n = Math.min(max, candidates.length, r.int(0, max));
  const seen = new Set();
  for (let i = 0; i < n; i++) {
    const g = r.pick(candidates);
    if (seen.has(g)) continue;
    seen.add(g);
    const e = r.pick(g.exports.filter((x) => x.kind === 'fn'));
    if (f.importedNames.has(e.name)) continue;
    f.importedNames.add(e.name);
    lines.push(importLine(f, relSpec(f.path, g.path, pkg.importStyle), { names: [e.name] }));
    calls.push(e.name);
  }
  // Other workspace packages: only those the package depends on (its package.json lists them).
  if (pkg.deps.length && r.chance(0.25)) {
    const lib = r.pick(pkg.deps);
    if (lib !== pkg && lib.indexExports.length) {
      const e = r.pick(lib.indexExports);
      if (!f.importedNames.has(e)) {
        f.importedNames.add(e);
        lines.push(importLine(f, lib.fullName, { names: [e] }));
        calls.push(e);
      }
    }
  }
  return { lines, calls };
}

function header(r, f) {
  if (!r.chance(0.35)) return [];
  return [`/**`, ` * ${cap(r.pick(NOUNS))} ${r.pick(['helpers', 'logic', 'module', 'utilities', 'handling'])}: ${r.pick(VERBS)}s and ${r.pick(VERBS)}s ${r.pick(NOUNS)}s.`, ` */`];
}

function finishCjs(f, lines) {
  if (f.module === 'cjs' && f.cjsExports.length) lines.push(`module.exports = { ${f.cjsExports.join(', ')} };`);
}

// ---------------------------------------------------------------------------------------
// Ordinary files

function genUtil(r, f, pkg, plan) {
  const L = new Lines();
  L.push(header(r, f));
  const imp = siblingImports(r, f, pkg, plan, 2);
  L.push(imp.lines);
  if (imp.lines.length) L.push('');
  if (f.lang === 'ts') {
    f.rowType = cap(r.pick(NOUNS)) + 'Row';
    L.push(rowInterface(r, f, f.rowType));
  }
  for (const e of f.exports) {
    if (e.kind === 'const') {
      L.push(`${exp(f, e.name)}const ${e.name} = ${r.pick(["Object.freeze({ limit: 50, offset: 0 })", `['${r.pick(STATUSES)}', '${r.pick(STATUSES)}']`, `${r.int(10, 5000)}`, `'${r.pick(NOUNS)}'`])};`, '');
    } else {
      L.push(fn(r, f, e.name));
    }
  }
  let i = 0;
  while (L.length < f.lines) L.push(fn(r, f, camel(r.pick(VERBS), cap(r.pick(NOUNS)), 'Internal' + ++i), { exported: false, want: r.int(4, 14) }));
  if (imp.calls.length) L.push(`${exp(f, 'composed')}const composed = [${imp.calls.join(', ')}];`);
  finishCjs(f, L.out);
  return L.text();
}

function genTypes(r, f) {
  const L = new Lines();
  L.push(header(r, f));
  for (const e of f.exports) {
    if (r.chance(0.7)) L.push(rowInterface(r, f, e.name, true));
    else L.push(`export type ${e.name} = ${STATUSES.slice(0, r.int(2, 6)).map((s) => `'${s}'`).join(' | ')};`, '');
  }
  let i = 0;
  while (L.length < f.lines) {
    const n = cap(r.pick(ADJS)) + cap(r.pick(NOUNS)) + ++i;
    const k = r.int(0, 3);
    if (k === 0) L.push(rowInterface(r, f, n, true));
    else if (k === 1) L.push(`export enum ${n}Kind {`, ...STATUSES.slice(0, r.int(2, 7)).map((s, j) => `  ${cap(s)} = ${j},`), '}', '');
    else if (k === 2) L.push(`export type ${n}Map = Record<string, ${cap(r.pick(NOUNS))}${r.chance(0.5) ? '[]' : ''}>;`, '');
    else L.push(`export type ${n}Handler<T = unknown> = (input: T, context: { requestId: string }) => Promise<void>;`, '');
  }
  return L.text();
}

function genService(r, f, pkg, plan) {
  const ts = f.lang === 'ts';
  const L = new Lines();
  L.push(header(r, f));
  const imp = siblingImports(r, f, pkg, plan, 3);
  L.push(imp.lines);
  if (imp.lines.length) L.push('');
  const cls = f.exports.find((e) => e.kind === 'class').name;
  const noun = f.noun;
  if (ts) {
    f.rowType = cap(noun);
    L.push(rowInterface(r, f, f.rowType));
    L.push(`interface ${cls}Options {`, `  baseUrl: string;`, `  timeoutMs?: number;`, `}`, '');
  }
  L.push(`${exp(f, cls)}class ${cls} {`);
  if (ts) L.push(`  private readonly cache = new Map<string, ${f.rowType}>();`, '', `  constructor(private readonly options: ${cls}Options) {}`, '');
  else L.push(`  constructor(options) {`, `    this.options = options;`, `    this.cache = new Map();`, `  }`, '');
  const methods = [];
  let m = 0;
  while (L.length < f.lines - 4 || m < 2) {
    const verb = r.pick(VERBS);
    const name = camel(verb, cap(noun) + (m > 0 ? String(m) : ''));
    methods.push(name);
    m++;
    const a = r.chance(0.6);
    L.push(`  ${a ? 'async ' : ''}${name}(${ts ? `items: ${f.rowType}[], options: Record<string, any> = {}` : 'items, options = {}'}) {`);
    L.push(...indent(bodyStatements(r, f, { async: a, want: r.int(3, 10) }), 2));
    L.push('  }', '');
    if (r.chance(0.2)) {
      L.push(`  clear() {`, `    this.cache.clear();`, `  }`, '');
    }
  }
  L.out.pop();
  L.push('}', '');
  for (const e of f.exports.filter((x) => x.kind === 'fn')) L.push(fn(r, f, e.name));
  if (imp.calls.length) L.push(`${exp(f, 'helpers')}const helpers = [${imp.calls.join(', ')}];`);
  finishCjs(f, L.out);
  return L.text();
}

function genRoute(r, f, pkg, plan) {
  const ts = f.lang === 'ts';
  const L = new Lines();
  L.push(header(r, f));
  if (f.module === 'cjs') L.push(`const express = require('express');`);
  else L.push(`import { Router${ts ? ', type Request, type Response, type NextFunction' : ''} } from 'express';`);
  const imp = siblingImports(r, f, pkg, plan, 2);
  L.push(imp.lines, '');
  const router = f.exports.find((e) => e.kind === 'router').name;
  L.push(`${exp(f, router)}const ${router} = ${f.module === 'cjs' ? 'express.Router()' : 'Router()'};`, '');
  const sig = ts ? '(req: Request, res: Response, next: NextFunction)' : '(req, res, next)';
  const noun = f.noun;
  let k = 0;
  while (L.length < f.lines - 2 || k < 2) {
    const method = r.pick(['get', 'get', 'post', 'put', 'delete', 'patch']);
    const route = `/${noun}s${r.chance(0.6) ? '/:id' : ''}${r.chance(0.2) ? '/' + r.pick(NOUNS) + 's' : ''}`;
    const call = imp.calls.length ? r.pick(imp.calls) : null;
    L.push(`${router}.${method}('${route}', async ${sig} => {`, `  try {`);
    if (method === 'get') {
      L.push(`    const limit = Math.min(Number(req.query.limit) || 20, 100);`);
      L.push(call ? `    const rows = await Promise.resolve(${call}([], { limit }));` : `    const rows = [{ id: req.params.id ?? null, limit }];`);
      if (r.chance(0.5)) L.push(`    if (!rows) {`, `      res.status(404).json({ error: '${noun} not found' });`, `      return;`, `    }`);
      L.push(`    res.json({ data: rows, limit });`);
    } else if (method === 'delete') {
      L.push(`    console.info('removing ${noun}', req.params.id);`, `    res.status(204).end();`);
    } else {
      L.push(`    const body = req.body ?? {};`, `    if (!body.${r.pick(FIELDS)}) {`, `      res.status(400).json({ error: 'missing ${r.pick(FIELDS)}' });`, `      return;`, `    }`);
      if (call) L.push(`    const saved = await Promise.resolve(${call}([body], { mode: '${method}' }));`, `    res.status(${method === 'post' ? 201 : 200}).json(saved);`);
      else L.push(`    res.status(${method === 'post' ? 201 : 200}).json({ ...body, id: req.params.id });`);
    }
    L.push(`  } catch (err) {`, `    next(err);`, `  }`, `});`, '');
    k++;
  }
  for (const e of f.exports.filter((x) => x.kind === 'fn')) L.push(fn(r, f, e.name));
  finishCjs(f, L.out);
  return L.text();
}

function genMiddleware(r, f, pkg, plan) {
  const ts = f.lang === 'ts';
  const L = new Lines();
  L.push(header(r, f));
  if (ts && f.module !== 'cjs') L.push(`import type { Request, Response, NextFunction } from 'express';`, '');
  const sig = ts ? '(req: Request, res: Response, next: NextFunction)' : '(req, res, next)';
  for (const e of f.exports) {
    if (e.kind !== 'fn') continue;
    const variant = r.int(0, 2);
    L.push(`${exp(f, e.name)}function ${e.name}(${ts ? 'options: { header?: string; limit?: number } = {}' : 'options = {}'}) {`);
    L.push(`  const header = options.header ?? 'x-${r.pick(NOUNS)}-id';`);
    L.push(`  return ${sig} => {`);
    if (variant === 0) L.push(`    const started = Date.now();`, `    res.on('finish', () => {`, `      console.info(req.method, req.originalUrl, res.statusCode, Date.now() - started);`, `    });`, `    next();`);
    else if (variant === 1) L.push(`    const value = req.get(header);`, `    if (!value) {`, `      res.status(400).json({ error: \`missing \${header}\` });`, `      return;`, `    }`, `    res.locals.${r.pick(NOUNS)}Id = value;`, `    next();`);
    else L.push(`    const size = Number(req.get('content-length') ?? 0);`, `    if (size > (options.limit ?? ${r.int(1, 10)} * 1024 * 1024)) {`, `      res.status(413).end();`, `      return;`, `    }`, `    next();`);
    L.push(`  };`, `}`, '');
  }
  let i = 0;
  while (L.length < f.lines) L.push(fn(r, f, camel(r.pick(VERBS), 'Header', String(++i)), { exported: false }));
  finishCjs(f, L.out);
  return L.text();
}

function genServerApp(r, f, pkg) {
  const ts = f.lang === 'ts';
  const L = new Lines();
  const routes = pkg.files.filter((g) => g.kind === 'route');
  L.push(importLine(f, 'express', { def: 'express' }));
  if (f.flags.cors) L.push(importLine(f, 'cors', { def: 'cors' }));
  if (r.chance(0.6)) L.push(importLine(f, 'helmet', { def: 'helmet' }));
  const mounted = routes.slice(0, 12);
  for (const g of mounted) {
    const name = g.exports.find((e) => e.kind === 'router').name;
    L.push(importLine(f, relSpec(f.path, g.path, pkg.importStyle), { names: [name] }));
  }
  L.push('', `${exp(f, 'app')}const app = express();`, '');
  if (L.out.some((l) => l.includes("'helmet'"))) L.push(`app.use(helmet());`);
  if (f.flags.cors) L.push(r.chance(0.5) ? `app.use(cors());` : `app.use(cors({ origin: process.env.ALLOWED_ORIGIN ?? 'http://localhost:3000' }));`);
  L.push(`app.use(express.json({ limit: '${r.int(1, 10)}mb' }));`, `app.use(express.urlencoded({ extended: false }));`, '');
  for (const g of mounted) L.push(`app.use('/api/${g.noun}s', ${g.exports.find((e) => e.kind === 'router').name});`);
  L.push('', `app.get('/health', (req${ts ? ': express.Request' : ''}, res${ts ? ': express.Response' : ''}) => {`, `  res.json({ ok: true, uptime: process.uptime() });`, `});`, '');
  L.push(`app.use((err${ts ? ': Error' : ''}, req${ts ? ': express.Request' : ''}, res${ts ? ': express.Response' : ''}, next${ts ? ': express.NextFunction' : ''}) => {`, `  console.error(err);`, `  res.status(500).json({ error: 'internal error' });`, `});`, '');
  L.push(`${exp(f, 'start')}function start(port = Number(process.env.PORT ?? ${r.pick([3000, 4000, 8080])})) {`, `  return app.listen(port, () => console.info(\`listening on \${port}\`));`, `}`, '');
  finishCjs(f, L.out);
  return L.text();
}

function genComponent(r, f, pkg, plan) {
  const ts = f.lang === 'ts';
  const L = new Lines();
  const comp = f.exports.find((e) => e.kind === 'component').name;
  const noun = f.noun;
  L.push(`import React, { useEffect, useMemo, useState } from 'react';`);
  const imp = siblingImports(r, f, pkg, plan, 2);
  L.push(imp.lines, '');
  const item = cap(noun);
  if (ts) {
    f.rowType = item;
    L.push(rowInterface(r, f, item));
    L.push(`interface ${comp}Props {`, `  items: ${item}[];`, `  title?: string;`, `  onSelect?: (item: ${item}) => void;`, `}`, '');
  }
  const storage = f.flags.sessionStorage;
  L.push(`${exp(f, comp)}function ${comp}({ items, title = '${cap(r.pick(ADJS))} ${noun}s', onSelect }${ts ? `: ${comp}Props` : ''}) {`);
  L.push(`  const [query, setQuery] = useState(${storage ? `() => window.sessionStorage.getItem('${noun}-query') ?? ''` : "''"});`);
  L.push(`  const [selected, setSelected] = useState${ts ? `<string | null>` : ''}(null);`);
  L.push(`  const visible = useMemo(`, `    () => items.filter((x) => String(x.${r.pick(FIELDS)}).toLowerCase().includes(query.toLowerCase())),`, `    [items, query],`, `  );`);
  if (imp.calls.length) L.push(`  const prepared = useMemo(() => ${imp.calls[0]}(visible), [visible]);`);
  L.push(`  useEffect(() => {`);
  if (storage) L.push(`    window.sessionStorage.setItem('${noun}-query', query);`);
  L.push(`    document.title = \`\${title} (\${visible.length})\`;`, `  }, [title, visible.length${storage ? ', query' : ''}]);`, '');
  const tag = r.pick(HTML_TAGS);
  L.push(`  return (`, `    <${tag} className="${noun}-list">`);
  L.push(`      <h2>{title}</h2>`);
  L.push(`      <input value={query} placeholder="Search ${noun}s" onChange={(e) => setQuery(e.target.value)} />`);
  let extra = 0;
  const target = f.lines - L.length - 12;
  while (extra < target) {
    const k = r.int(0, 3);
    if (k === 0) {
      L.push(`      <p className="hint">`, `        ${cap(r.pick(VERBS))} ${r.pick(ADJS)} ${r.pick(NOUNS)}s to ${r.pick(VERBS)} them.`, `      </p>`);
      extra += 3;
    } else if (k === 1) {
      L.push(`      {visible.length === 0 && <span className="empty">No ${r.pick(NOUNS)}s yet</span>}`);
      extra += 1;
    } else if (k === 2) {
      L.push(`      <button type="button" onClick={() => setQuery('')} disabled={!query}>`, `        Clear`, `      </button>`);
      extra += 3;
    } else {
      L.push(`      <dl>`, `        <dt>${cap(r.pick(FIELDS))}</dt>`, `        <dd>{visible[0] ? String(visible[0].${r.pick(FIELDS)}) : '-'}</dd>`, `      </dl>`);
      extra += 4;
    }
  }
  L.push(`      <ul>`, `        {visible.map((x) => (`, `          <li key={x.id} className={x.id === selected ? 'selected' : undefined} onClick={() => {`, `            setSelected(x.id);`, `            onSelect?.(x);`, `          }}>`, `            {x.${r.pick(FIELDS)}}`, `          </li>`, `        ))}`, `      </ul>`);
  if (imp.calls.length) L.push(`      <small>{String(prepared)}</small>`);
  L.push(`    </${tag}>`, `  );`, `}`, '');
  finishCjs(f, L.out);
  return L.text();
}

function genHook(r, f, pkg, plan) {
  const ts = f.lang === 'ts';
  const L = new Lines();
  const hook = f.exports.find((e) => e.kind === 'fn').name;
  const noun = f.noun;
  L.push(importLine(f, 'react', { names: ['useCallback', 'useEffect', 'useState'] }), '');
  if (ts) {
    f.rowType = cap(noun);
    L.push(rowInterface(r, f, f.rowType));
  }
  const storage = f.flags.sessionStorage;
  L.push(`${exp(f, hook)}function ${hook}(${ts ? 'id?: string' : 'id'}) {`);
  L.push(`  const [data, setData] = useState${ts ? `<${f.rowType}[]>` : ''}([]);`, `  const [error, setError] = useState${ts ? '<Error | null>' : ''}(null);`, `  const [loading, setLoading] = useState(false);`, '');
  L.push(`  const reload = useCallback(async () => {`, `    setLoading(true);`, `    try {`);
  if (storage) L.push(`      const cached = window.sessionStorage.getItem('${noun}:' + (id ?? 'all'));`, `      if (cached) {`, `        setData(JSON.parse(cached));`, `        return;`, `      }`);
  L.push(`      const res = await fetch(\`/api/${noun}s/\${id ?? ''}\`);`, `      const json = await res.json();`, `      setData(json.data ?? []);`);
  if (storage) L.push(`      window.sessionStorage.setItem('${noun}:' + (id ?? 'all'), JSON.stringify(json.data ?? []));`);
  L.push(`    } catch (err) {`, `      setError(err${ts ? ' as Error' : ''});`, `    } finally {`, `      setLoading(false);`, `    }`, `  }, [id]);`, '');
  L.push(`  useEffect(() => {`, `    void reload();`, `  }, [reload]);`, '', `  return { data, error, loading, reload };`, `}`, '');
  let i = 0;
  while (L.length < f.lines) L.push(fn(r, f, camel('derive', cap(noun), String(++i)), { exported: false }));
  finishCjs(f, L.out);
  return L.text();
}

function genTest(r, f, pkg) {
  const L = new Lines();
  const target = f.target;
  const jsx = f.ext === '.jsx' || f.ext === '.tsx';
  if (f.module === 'cjs') L.push(`const { describe, it, expect } = require('vitest');`);
  else L.push(`import { describe, it, expect${r.chance(0.3) ? ', vi' : ''} } from 'vitest';`);
  const names = target ? target.exports.filter((e) => e.kind === 'fn' || e.kind === 'component' || e.kind === 'class').map((e) => e.name).slice(0, 3) : [];
  if (jsx && target?.kind === 'component') L.push(`import { render, screen } from '@testing-library/react';`);
  if (target && names.length) L.push(importLine(f, relSpec(f.path, target.path, pkg.importStyle), { names }));
  L.push('', `describe('${target ? path.posix.basename(target.path) : f.noun}', () => {`);
  let k = 0;
  while (L.length < f.lines - 1 || k < 1) {
    const name = names.length ? r.pick(names) : null;
    const comp = target?.kind === 'component' && name && /^[A-Z]/.test(name) && jsx;
    L.push(`  it('${r.pick(VERBS)}s ${r.pick(ADJS)} ${r.pick(NOUNS)}s (${++k})', ${r.chance(0.3) ? 'async ' : ''}() => {`);
    L.push(`    const items = [`);
    for (let i = 0, n = r.int(1, 4); i < n; i++) L.push(`      { id: '${r.pick(NOUNS)}-${i}', ${r.pick(FIELDS)}: ${r.int(0, 999)}, status: '${r.pick(STATUSES)}' },`);
    L.push(`    ];`);
    if (comp) L.push(`    render(<${name} items={items} title="Test" />);`, `    expect(screen.getByText('Test')).toBeTruthy();`);
    else if (name && /^[A-Z]/.test(name)) L.push(`    const subject = new ${name}({ baseUrl: 'http://localhost' });`, `    expect(subject).toBeDefined();`);
    else if (name) L.push(`    const result = ${name}(items, {});`, `    expect(result).not.toBeUndefined();`);
    else L.push(`    expect(items).toHaveLength(items.length);`);
    if (r.chance(0.4)) L.push(`    expect(items.map((x) => x.id)).toContain('${r.pick(NOUNS)}-0');`);
    L.push(`  });`, '');
  }
  L.out.pop();
  L.push(`});`);
  return L.text();
}

function genIndex(r, f, pkg) {
  const L = new Lines();
  const targets = pkg.files.filter((g) => g !== f && g.kind !== 'test' && g.kind !== 'app' && g.kind !== 'config-file' && g.kind !== 'script' && g.exports.length && !g.session);
  const chosen = targets.slice(0, 30);
  pkg.indexExports = [];
  for (const g of chosen) {
    const names = g.exports.filter((e) => e.kind !== 'type').map((e) => e.name).filter((n) => !pkg.indexExports.includes(n));
    if (!names.length) continue;
    pkg.indexExports.push(...names);
    const spec = relSpec(f.path, g.path, pkg.importStyle);
    if (f.module === 'cjs') L.push(`const { ${names.join(', ')} } = require('${spec}');`);
    else L.push(`export { ${names.join(', ')} } from '${spec}';`);
  }
  if (f.module === 'cjs') L.push('', `module.exports = { ${pkg.indexExports.join(', ')} };`);
  if (!L.length) L.push(`export {};`);
  return L.text();
}

function genConfigFile(r, f) {
  // vitest/jest/babel-style config files: small, CommonJS in .cjs, ESM in .mjs.
  const body = [
    `{`,
    `  testEnvironment: '${r.pick(['node', 'jsdom'])}',`,
    `  coverageThreshold: { global: { lines: ${r.int(50, 90)} } },`,
    `  roots: ['<rootDir>/src'],`,
    `  moduleFileExtensions: ['js', 'jsx', 'ts', 'tsx', 'json'],`,
    `}`,
  ];
  if (f.ext === '.cjs') return ['// @ts-check', `module.exports = ${body[0]}`, ...body.slice(1, -1), '};', ''].join('\n');
  return ['// @ts-check', `export default ${body[0]}`, ...body.slice(1, -1), '};', ''].join('\n');
}

function genScript(r, f) {
  const L = new Lines();
  L.push(`#!/usr/bin/env node`, `import { readFile, writeFile } from 'node:fs/promises';`, `import path from 'node:path';`, '');
  L.push(`const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');`, '');
  L.push(`async function main() {`, `  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));`, `  const banner = \`/* \${pkg.name} \${pkg.version} */\\n\`;`, `  await writeFile(path.join(root, 'BANNER.txt'), banner);`, `  console.info('wrote banner for', pkg.name);`, `}`, '');
  let i = 0;
  while (L.length < f.lines - 3) L.push(fn(r, f, camel('step', String(++i)), { exported: false }));
  L.push(`main().catch((err) => {`, `  console.error(err);`, `  process.exitCode = 1;`, `});`);
  return L.text();
}

// ---------------------------------------------------------------------------------------
// Session scenarios (each one a few files of a server package)

const SCENARIOS = [
  [30, 'express-split'],
  [15, 'express-inline'],
  [12, 'cookie-session'],
  [12, 'fastify-session'],
  [10, 'koa-session'],
  [12, 'iron-session'],
  [9, 'auth-routes'],
];

/** The files a scenario will write, relative to the package's src/ (decided before content). */
function scenarioFiles(r, kind, pkg) {
  const e = (base) => base + pkg.srcExt;
  switch (kind) {
    case 'express-split':
      return r.chance(0.7)
        ? [e('config/secrets'), e('config/cookie'), e('middleware/session'), e('routes/auth')]
        : [e('config/secrets'), e('config/cookie'), e('middleware/session')];
    case 'express-inline':
      return r.chance(0.5) ? [e('server'), e('routes/account')] : [e('server')];
    case 'cookie-session':
      return r.chance(0.5) ? [e('middleware/cookies'), e('routes/login')] : [e('middleware/cookies')];
    case 'fastify-session':
      return [e('config/app'), e('plugins/session')];
    case 'koa-session':
      return r.chance(0.5) ? [e('koa-app'), e('routes/me')] : [e('koa-app')];
    case 'iron-session':
      return [e('lib/session'), e('handlers/login')];
    case 'auth-routes':
      return [e('routes/auth-handlers')];
  }
  throw new Error(kind);
}

function pad(r, f, lines, min) {
  let i = 0;
  const out = [];
  while (lines.length + out.length < min) out.push(...fn(r, f, camel(r.pick(VERBS), cap(r.pick(NOUNS)), 'Step' + ++i), { exported: false, want: r.int(3, 9) }));
  return out;
}

function sessionContent(r, f, pkg, scenario) {
  const ts = f.lang === 'ts';
  const cjs = f.module === 'cjs';
  const rel = f.path.slice(pkg.dir.length + 'src/'.length + 1).replace(/\.[cm]?[jt]sx?$/, '');
  const spec = (target) => relSpec(f.path, `${pkg.dir}/src/${target}${pkg.srcExt}`, pkg.importStyle);
  const v = scenario.variant;
  const L = new Lines();
  const reqSig = ts ? '(req: Request, res: Response, next: NextFunction)' : '(req, res, next)';
  const expressTypes = () => (ts ? [`import type { Request, Response, NextFunction } from 'express';`] : []);
  const service = scenario.service;
  const serviceImport = () => (service ? [importLine(f, relSpec(f.path, service.file.path, pkg.importStyle), { names: [service.name] })] : []);
  const lookup = (arg) => (service ? `await Promise.resolve(${service.name}([${arg}], {}))` : `await Promise.resolve({ id: String(${arg}.email ?? 'anonymous') })`);

  switch (`${scenario.kind}:${rel}`) {
    // express-session, options spread over three modules
    case 'express-split:config/secrets': {
      L.push(`// Secrets come from the environment; the fallbacks keep local development working.`);
      L.push(`const env = process.env;`, '');
      const fallback = v.secret === 'fallback' ? ` || '${r.pick(['keyboard cat', 'dev-secret', 'changeme'])}'` : v.secret === 'nullish' ? ` ?? 'dev-only-${r.hex(12)}'` : '';
      L.push(`${exp(f, 'sessionSecret')}const sessionSecret = env.SESSION_SECRET${fallback}${ts && !fallback ? ' as string' : ''};`);
      L.push(`${exp(f, 'databaseUrl')}const databaseUrl = env.DATABASE_URL ?? 'postgres://localhost:5432/dev';`);
      L.push(`${exp(f, 'redisUrl')}const redisUrl = env.REDIS_URL ?? 'redis://localhost:6379';`, '');
      L.push(pad(r, f, L.out, r.int(20, 60)));
      break;
    }
    case 'express-split:config/cookie': {
      L.push(`const isProduction = process.env.NODE_ENV === 'production';`, '');
      L.push(`${exp(f, 'cookieOptions')}const cookieOptions = {`);
      if (v.httpOnly === false) L.push(`  httpOnly: false,`);
      else if (r.chance(0.6)) L.push(`  httpOnly: true,`);
      L.push(`  secure: ${v.secure},`);
      if (v.sameSite) L.push(`  sameSite: '${v.sameSite}'${ts ? ' as const' : ''},`);
      if (v.maxAge) L.push(`  maxAge: 1000 * 60 * 60 * ${r.pick([1, 8, 24, 24 * 7])},`);
      L.push(`};`, '');
      L.push(`${exp(f, 'cookieDomain')}const cookieDomain = isProduction ? '.example.com' : undefined;`, '');
      L.push(pad(r, f, L.out, r.int(20, 50)));
      break;
    }
    case 'express-split:middleware/session': {
      L.push(importLine(f, 'express-session', { def: 'session' }));
      if (v.store === 'redis') L.push(importLine(f, 'connect-redis', { names: ['RedisStore'] }), importLine(f, 'redis', { names: ['createClient'] }));
      L.push(importLine(f, spec('config/secrets'), { names: ['sessionSecret', 'redisUrl'] }));
      L.push(importLine(f, spec('config/cookie'), { names: ['cookieOptions'] }), '');
      L.push(`${exp(f, 'createSessionMiddleware')}function createSessionMiddleware() {`);
      if (v.store === 'redis') L.push(`  const client = createClient({ url: redisUrl });`, `  client.connect().catch(console.error);`, '');
      else L.push(`  console.info('session store', redisUrl ? 'memory (redis not wired yet)' : 'memory');`);
      L.push(`  return session({`);
      if (v.name) L.push(`    name: '${v.name}',`);
      L.push(`    secret: sessionSecret,`);
      if (v.store === 'redis') L.push(`    store: new RedisStore({ client, prefix: '${pkg.short}:' }),`);
      L.push(`    resave: false,`, `    saveUninitialized: ${v.saveUninitialized},`);
      L.push(v.spread ? `    cookie: { ...cookieOptions, path: '/' },` : `    cookie: cookieOptions,`);
      L.push(`  });`, `}`, '');
      L.push(pad(r, f, L.out, r.int(30, 70)));
      break;
    }
    // login / logout handlers over req.session
    case 'express-split:routes/auth':
    case 'express-inline:routes/account':
    case 'auth-routes:routes/auth-handlers': {
      if (cjs) L.push(`const express = require('express');`);
      else L.push(`import { Router } from 'express';`, ...expressTypes());
      L.push(serviceImport(), '');
      L.push(`${exp(f, 'authRouter')}const authRouter = ${cjs ? 'express.Router()' : 'Router()'};`, '');
      L.push(`authRouter.post('/login', async ${reqSig} => {`, `  try {`, `    const user = ${lookup('req.body')};`, `    if (!user) {`, `      res.status(401).json({ error: 'invalid credentials' });`, `      return;`, `    }`);
      if (v.regenerate) {
        L.push(`    req.session.regenerate((err) => {`, `      if (err) return next(err);`, `      req.session.userId = user.id;`, `      req.session.save((saveErr) => (saveErr ? next(saveErr) : res.json({ ok: true })));`, `    });`);
      } else {
        L.push(`    req.session.userId = user.id;`, `    req.session.loggedInAt = Date.now();`, `    res.json({ ok: true });`);
      }
      L.push(`  } catch (err) {`, `    next(err);`, `  }`, `});`, '');
      L.push(`authRouter.post('/logout', ${reqSig} => {`);
      if (v.destroy === 'callback') L.push(`  req.session.destroy((err) => {`, `    if (err) return next(err);`, `    res.clearCookie('${v.name ?? 'connect.sid'}');`, `    res.status(204).end();`, `  });`);
      else if (v.destroy === 'ignored') L.push(`  req.session.destroy(() => {`, `    res.status(204).end();`, `  });`);
      else L.push(`  req.session.destroy();`, `  res.status(204).end();`);
      L.push(`});`, '');
      L.push(`authRouter.get('/me', ${reqSig} => {`, `  if (!req.session.userId) {`, `    res.status(401).end();`, `    return;`, `  }`, `  req.session.touch();`, `  res.json({ id: req.session.userId });`, `});`, '');
      if (r.chance(0.5)) L.push(`authRouter.post('/preferences', ${reqSig} => {`, `  req.session.theme = String(req.body.theme ?? 'light');`, `  req.session.save();`, `  res.status(204).end();`, `});`, '');
      L.push(pad(r, f, L.out, r.int(40, 90)));
      break;
    }
    case 'express-inline:server': {
      L.push(importLine(f, 'express', { def: 'express' }));
      L.push(importLine(f, 'express-session', { def: 'session' }), '');
      L.push(`${exp(f, 'server')}const server = express();`, '');
      if (v.trustProxy) L.push(`server.set('trust proxy', 1);`);
      if (v.staticFirst) L.push(`server.use(express.static('public'));`);
      L.push(`server.use(`, `  session({`, `    secret: process.env.SESSION_SECRET || '${r.pick(['keyboard cat', 'super-secret', 'dev'])}',`, `    resave: ${r.chance(0.5)},`, `    saveUninitialized: ${v.saveUninitialized},`);
      L.push(`    cookie: {`, `      secure: ${v.secure},`);
      if (v.maxAge) L.push(`      maxAge: ${r.pick([3600000, 86400000, 604800000])},`);
      if (v.sameSite) L.push(`      sameSite: '${v.sameSite}',`);
      L.push(`    },`, `  }),`, `);`);
      if (!v.staticFirst && r.chance(0.5)) L.push(`server.use(express.static('public'));`);
      L.push(`server.use(express.json());`, '');
      L.push(`server.get('/visits', (req${ts ? ': express.Request' : ''}, res${ts ? ': express.Response' : ''}) => {`, `  req.session.views = (req.session.views ?? 0) + 1;`, `  res.json({ views: req.session.views });`, `});`, '');
      L.push(pad(r, f, L.out, r.int(30, 80)));
      break;
    }
    case 'cookie-session:middleware/cookies': {
      L.push(importLine(f, 'cookie-session', { def: 'cookieSession' }), '');
      if (v.keys === 'split') L.push(`const signingKeys = (process.env.COOKIE_KEYS || 'dev-key-1,dev-key-2').split(',');`);
      else L.push(`const signingKeys = [process.env.COOKIE_KEY_CURRENT, process.env.COOKIE_KEY_PREVIOUS].filter(Boolean)${ts ? ' as string[]' : ''};`);
      L.push('', `${exp(f, 'installCookieSession')}function installCookieSession(app${ts ? ': { use(handler: unknown): void }' : ''}) {`, `  app.use(`, `    cookieSession({`, `      name: '${pkg.short}_s',`, `      keys: signingKeys,`, `      maxAge: 24 * 60 * 60 * 1000,`);
      if (v.sameSite) L.push(`      sameSite: '${v.sameSite}',`);
      if (v.secure !== 'omit') L.push(`      secure: ${v.secure},`);
      L.push(`    }),`, `  );`, `}`, '');
      L.push(pad(r, f, L.out, r.int(25, 60)));
      break;
    }
    case 'cookie-session:routes/login': {
      if (cjs) L.push(`const express = require('express');`);
      else L.push(`import { Router } from 'express';`, ...expressTypes());
      L.push(serviceImport(), '', `${exp(f, 'loginRouter')}const loginRouter = ${cjs ? 'express.Router()' : 'Router()'};`, '');
      L.push(`loginRouter.post('/login', async ${reqSig} => {`, `  const user = ${lookup('req.body')};`, `  req.session.userId = user.id;`, `  res.redirect('/');`, `});`, '');
      L.push(`loginRouter.post('/logout', ${reqSig} => {`, `  req.session = null;`, `  res.redirect('/');`, `});`, '');
      L.push(pad(r, f, L.out, r.int(25, 60)));
      break;
    }
    case 'fastify-session:config/app': {
      L.push(`${exp(f, 'config')}const config = {`, `  port: Number(process.env.PORT ?? 3000),`, `  production: process.env.NODE_ENV === 'production',`);
      L.push(`  sessionSecret: process.env.SESSION_SECRET ?? '${v.secret === 'fallback' ? 'a-very-long-development-secret-of-32-chars-or-more' : ''}',`);
      L.push(`  logLevel: process.env.LOG_LEVEL ?? 'info',`, `};`, '');
      L.push(pad(r, f, L.out, r.int(20, 50)));
      break;
    }
    case 'fastify-session:plugins/session': {
      L.push(importLine(f, '@fastify/cookie', { def: 'fastifyCookie' }), importLine(f, '@fastify/session', { def: 'fastifySession' }));
      if (ts) L.push(`import type { FastifyInstance } from 'fastify';`);
      L.push(importLine(f, spec('config/app'), { names: ['config'] }), '');
      L.push(`${exp(f, 'registerSession')}async function registerSession(app${ts ? ': FastifyInstance' : ''}) {`, `  await app.register(fastifyCookie);`, `  await app.register(fastifySession, {`, `    secret: config.sessionSecret,`, `    cookieName: '${pkg.short}Id',`, `    saveUninitialized: false,`, `    cookie: {`, `      secure: ${v.secure === 'config' ? 'config.production' : v.secure},`);
      if (v.maxAge) L.push(`      maxAge: 86400000,`);
      if (v.sameSite) L.push(`      sameSite: '${v.sameSite}',`);
      L.push(`    },`, `  });`, '');
      L.push(`  app.post('/login', async (request${ts ? ': any' : ''}, reply${ts ? ': any' : ''}) => {`, `    await request.session.regenerate();`, `    request.session.set('userId', request.body.userId);`, `    return reply.send({ ok: true });`, `  });`, '');
      L.push(`  app.post('/logout', async (request${ts ? ': any' : ''}, reply${ts ? ': any' : ''}) => {`, `    await request.session.destroy();`, `    return reply.code(204).send();`, `  });`, `}`, '');
      L.push(pad(r, f, L.out, r.int(35, 70)));
      break;
    }
    case 'koa-session:koa-app': {
      L.push(importLine(f, 'koa', { def: 'Koa' }), importLine(f, 'koa-session', { def: 'session' }), '');
      L.push(`${exp(f, 'koaApp')}const koaApp = new Koa();`);
      L.push(v.keys === 'literal' ? `koaApp.keys = ['${r.pick(['some secret hurr', 'im a newer secret'])}'];` : `koaApp.keys = [process.env.APP_KEY || 'dev app key'];`, '');
      L.push(`const SESSION_CONFIG = {`, `  key: '${pkg.short}:sess',`, `  maxAge: ${r.pick([86400000, "'session'"])},`, `  httpOnly: ${v.httpOnly !== false},`, `  signed: true,`, `  rolling: false,`);
      if (v.secure !== 'omit') L.push(`  secure: ${v.secure},`);
      if (v.sameSite) L.push(`  sameSite: '${v.sameSite}',`);
      L.push(`};`, '', `koaApp.use(session(SESSION_CONFIG, koaApp));`, '');
      L.push(`koaApp.use(async (ctx${ts ? ': any' : ''}, next${ts ? ': () => Promise<void>' : ''}) => {`, `  if (ctx.path === '/favicon.ico') return;`, `  ctx.session.views = (ctx.session.views || 0) + 1;`, `  await next();`, `});`, '');
      L.push(pad(r, f, L.out, r.int(30, 70)));
      break;
    }
    case 'koa-session:routes/me': {
      L.push(serviceImport(), '');
      L.push(`${exp(f, 'loginHandler')}async function loginHandler(ctx${ts ? ': any' : ''}) {`, `  const user = ${lookup('ctx.request.body')};`, `  ctx.session.userId = user.id;`, `  ctx.body = { ok: true };`, `}`, '');
      L.push(`${exp(f, 'logoutHandler')}function logoutHandler(ctx${ts ? ': any' : ''}) {`, `  ctx.session = null;`, `  ctx.status = 204;`, `}`, '');
      L.push(pad(r, f, L.out, r.int(25, 60)));
      break;
    }
    case 'iron-session:lib/session': {
      if (ts) L.push(`import type { SessionOptions } from 'iron-session';`, '', `${exp(f, 'SessionData')}interface SessionData {`, `  userId?: string;`, `  isLoggedIn: boolean;`, `}`, '');
      L.push(`${exp(f, 'sessionOptions')}const sessionOptions${ts ? ': SessionOptions' : ''} = {`);
      L.push(v.secret === 'fallback' ? `  password: process.env.SECRET_COOKIE_PASSWORD ?? 'complex_password_at_least_32_characters_long',` : `  password: process.env.SECRET_COOKIE_PASSWORD${ts ? ' as string' : ''},`);
      L.push(`  cookieName: '${pkg.short}_session',`, `  cookieOptions: {`, `    secure: ${v.secure},`, `    httpOnly: true,`);
      if (v.sameSite) L.push(`    sameSite: '${v.sameSite}',`);
      L.push(`  },`, `};`, '');
      L.push(`${exp(f, 'defaultSession')}const defaultSession = { isLoggedIn: false };`, '');
      L.push(pad(r, f, L.out, r.int(20, 50)));
      break;
    }
    case 'iron-session:handlers/login': {
      L.push(importLine(f, 'iron-session', { names: ['getIronSession'] }));
      L.push(importLine(f, spec('lib/session'), { names: ['sessionOptions'] }));
      if (ts) L.push(importLine(f, spec('lib/session'), { names: ['SessionData'], typeOnly: true }));
      L.push(serviceImport(), '');
      const T = ts ? '<SessionData>' : '';
      L.push(`${exp(f, 'login')}async function login(req${ts ? ': any' : ''}, res${ts ? ': any' : ''}) {`, `  const session = await getIronSession${T}(req, res, sessionOptions);`, `  const user = ${lookup('req.body')};`, `  session.userId = user.id;`, `  session.isLoggedIn = true;`, `  await session.save();`, `  res.json({ ok: true });`, `}`, '');
      L.push(`${exp(f, 'logout')}async function logout(req${ts ? ': any' : ''}, res${ts ? ': any' : ''}) {`, `  const session = await getIronSession${T}(req, res, sessionOptions);`, `  session.destroy();`, `  res.json({ isLoggedIn: false });`, `}`, '');
      L.push(pad(r, f, L.out, r.int(30, 70)));
      break;
    }
    default:
      throw new Error(`no content for ${scenario.kind}:${rel}`);
  }
  finishCjs(f, L.out);
  return L.text();
}

function scenarioVariant(r, kind) {
  return {
    secret: r.weighted([[5, 'fallback'], [3, 'nullish'], [4, 'env']]),
    secure: r.weighted([[5, "process.env.NODE_ENV === 'production'"], [3, 'true'], [2, 'false'], [1, "'auto'"]].concat(kind === 'fastify-session' ? [[5, 'config']] : [])),
    sameSite: r.weighted([[5, 'lax'], [2, 'strict'], [1, 'none'], [3, null]]),
    maxAge: r.chance(0.6),
    httpOnly: r.chance(0.1) ? false : true,
    name: r.chance(0.6) ? r.pick(['sid', 'app.sid', '__Host-sid', 'connect.sid']) : null,
    store: r.chance(0.6) ? 'redis' : 'memory',
    saveUninitialized: r.chance(0.3),
    spread: r.chance(0.5),
    regenerate: r.chance(0.5),
    destroy: r.weighted([[4, 'callback'], [2, 'ignored'], [2, 'none']]),
    trustProxy: r.chance(0.5),
    staticFirst: r.chance(0.3),
    keys: r.chance(0.5) ? 'split' : 'literal',
  };
}

// ---------------------------------------------------------------------------------------
// The plan: packages and files, then contents

const SIZE_BUCKETS = [
  [30, [20, 40]],
  [30, [40, 80]],
  [22, [80, 150]],
  [11, [150, 250]],
  [5, [250, 400]],
  [2, [400, 1200]],
];

function sizeOf(r) {
  const [lo, hi] = r.weighted(SIZE_BUCKETS);
  return r.int(lo, hi);
}

const KIND_MIX = {
  web: [[40, 'component'], [10, 'hook'], [12, 'util'], [8, 'api'], [8, 'types'], [17, 'test'], [2, 'config-file'], [1, 'script']],
  server: [[24, 'route'], [22, 'service'], [7, 'middleware'], [12, 'util'], [8, 'types'], [3, 'config'], [19, 'test'], [2, 'config-file'], [1, 'script']],
  lib: [[40, 'util'], [20, 'core'], [15, 'types'], [20, 'test'], [3, 'config-file'], [1, 'script']],
};
const KIND_DIR = { component: 'components', hook: 'hooks', util: 'utils', api: 'api', types: 'types', route: 'routes', service: 'services', middleware: 'middleware', config: 'config', core: 'lib', test: '__tests__' };

function planPackages(r, total) {
  const pkgs = [];
  const names = new Set();
  let remaining = total;
  while (remaining > 0) {
    const kind = r.weighted([[35, 'web'], [30, 'server'], [35, 'lib']]);
    let name;
    do name = `${r.pick(NOUNS)}-${r.pick(PKG_SUFFIX[kind])}`;
    while (names.has(name) && names.size < 5000 && r.chance(0.9));
    for (let i = 2; names.has(name); i++) name = name.replace(/-\d+$/, '') + '-' + i;
    names.add(name);
    const lang = r.chance(kind === 'web' ? 0.6 : 0.5) ? 'ts' : 'js';
    const module = lang === 'ts' || kind === 'web' ? 'esm' : r.chance(0.45) ? 'cjs' : 'esm';
    let count = r.weighted([[50, [20, 60]], [35, [60, 150]], [15, [150, 400]]]);
    count = Math.min(remaining, r.int(count[0], count[1]));
    if (remaining - count > 0 && remaining - count < 5) count = remaining; // no tiny leftover package
    remaining -= count;
    pkgs.push({
      name,
      short: name.replace(/[^a-z0-9]/g, ''),
      fullName: `@bench/${name}`,
      dir: `packages/${name}`,
      kind,
      lang,
      module,
      srcExt: lang === 'ts' ? '.ts' : '.js',
      // TS and bundled web code import without extensions; Node ESM JS uses explicit ones.
      importStyle: lang === 'js' && module === 'esm' && kind !== 'web' ? 'node-esm' : 'bundler',
      count,
      files: [],
      indexExports: [],
    });
  }
  if (!pkgs.some((p) => p.kind === 'server')) {
    // Session code lives in server packages: every tree has at least one.
    const p = pkgs[0];
    p.kind = 'server';
    p.name = p.name.replace(/-[a-z]+$/, '-api');
    p.short = p.name.replace(/[^a-z0-9]/g, '');
    p.fullName = `@bench/${p.name}`;
    p.dir = `packages/${p.name}`;
    p.module = p.lang === 'ts' ? 'esm' : p.module;
    p.importStyle = p.lang === 'js' && p.module === 'esm' ? 'node-esm' : 'bundler';
  }
  return pkgs;
}

function extFor(r, pkg, kind) {
  if (kind === 'config-file') return pkg.module === 'cjs' || r.chance(0.5) ? '.cjs' : '.mjs';
  if (kind === 'script') return '.mjs';
  const jsx = kind === 'component' || (kind === 'test' && pkg.kind === 'web' && r.chance(0.5));
  if (pkg.lang === 'ts') return jsx ? '.tsx' : '.ts';
  if (jsx) return '.jsx';
  // A few .mjs/.cjs modules in JS packages, as real repositories have.
  if (r.chance(0.04)) return pkg.module === 'cjs' ? '.mjs' : '.cjs';
  return '.js';
}

function planFiles(r, pkg) {
  const used = new Set();
  const add = (f) => {
    used.add(f.path);
    pkg.files.push(f);
    return f;
  };
  const mk = (kind, rel, ext, extra = {}) => {
    const module = ext === '.cjs' ? 'cjs' : ext === '.mjs' ? 'esm' : pkg.module;
    return {
      path: `${pkg.dir}/${rel}${ext}`,
      kind,
      ext,
      lang: ext === '.ts' || ext === '.tsx' ? 'ts' : 'js',
      module,
      exports: [],
      lines: sizeOf(r),
      flags: {},
      noun: r.pick(NOUNS),
      cjsExports: [],
      importedNames: new Set(),
      ...extra,
    };
  };
  // index + (server) app file first.
  add(mk('index', 'src/index', pkg.srcExt));
  if (pkg.kind === 'server') add(mk('app', 'src/app', pkg.srcExt, { flags: { cors: r.chance(0.7) } }));
  const nonTests = [];
  while (pkg.files.length < pkg.count) {
    let kind = r.weighted(KIND_MIX[pkg.kind].filter(([, k]) => k !== 'types' || pkg.lang === 'ts'));
    // A package has a handful of config files and scripts at most, each of its own name.
    if ((kind === 'config-file' || kind === 'script') && pkg.files.filter((g) => g.kind === kind).length >= 3) kind = 'util';
    const ext = extFor(r, pkg, kind);
    const noun = r.pick(NOUNS);
    let base;
    let dir = `src/${KIND_DIR[kind] ?? ''}`;
    if (kind === 'component') base = cap(r.pick(ADJS)) + cap(noun) + r.pick(['List', 'Card', 'Table', 'Panel', 'Form', 'View', 'Badge', 'Dialog']);
    else if (kind === 'hook') base = 'use' + cap(r.pick(ADJS)) + cap(plural(noun));
    else if (kind === 'config-file') (dir = ''), (base = r.pick(['jest.config', 'babel.config', 'vitest.config', 'lint-staged.config', 'prettier.config', 'commitlint.config']));
    else if (kind === 'script') (dir = 'scripts'), (base = r.pick(['build', 'release', 'banner', 'clean', 'copy-assets', 'check-exports']));
    else if (kind === 'test') base = null;
    else base = camel(noun, r.pick(['utils', 'helpers', 'format', 'store', 'client', 'mapper', 'rules', 'model', 'queries', 'cache']));
    if (kind === 'route') base = noun + 's';
    if (kind === 'service') base = noun + 'Service';
    if (kind === 'types') base = noun + r.pick(['', '.types', 'Types']);
    if (kind === 'api') base = noun + 'Api';
    if (kind === 'test') {
      const target = nonTests.length ? r.pick(nonTests) : null;
      base = target ? path.posix.basename(target.path).replace(/\.[^.]+$/, '') + '.test' : noun + '.test';
      const f = mk(kind, `${dir}/${base}`, target && /x$/.test(target.ext) ? target.ext : ext, { target });
      if (used.has(f.path)) continue;
      add(f);
      continue;
    }
    let rel = dir ? `${dir}/${base}` : base;
    if ((kind === 'config-file' || kind === 'script') && pkg.files.some((g) => g.path.startsWith(`${pkg.dir}/${rel}.`))) continue;
    for (let i = 2; used.has(`${pkg.dir}/${rel}${ext}`); i++) rel = (dir ? `${dir}/${base}` : base) + i;
    const f = mk(kind, rel, ext, { noun });
    // Exported names (decided before any content so that other files can import them).
    const fnName = () => camel(r.pick(VERBS), cap(r.pick(ADJS)), cap(plural(noun))) + (pkg.files.length % 7 === 0 ? '' : String(pkg.files.length));
    switch (kind) {
      case 'util':
      case 'core':
      case 'api':
        for (let i = 0, n = r.int(1, 4); i < n; i++) f.exports.push({ name: fnName() + (i ? `V${i}` : ''), kind: 'fn' });
        if (r.chance(0.3)) f.exports.push({ name: `${noun.toUpperCase()}_DEFAULTS${pkg.files.length}`, kind: 'const' });
        f.flags.objectKeys = r.chance(0.12);
        break;
      case 'service':
        f.exports.push({ name: cap(noun) + 'Service' + pkg.files.length, kind: 'class' });
        if (r.chance(0.5)) f.exports.push({ name: fnName(), kind: 'fn' });
        f.flags.objectKeys = r.chance(0.1);
        break;
      case 'route':
        f.exports.push({ name: `${noun}Router${pkg.files.length}`, kind: 'router' });
        if (r.chance(0.3)) f.exports.push({ name: fnName(), kind: 'fn' });
        f.flags.objectKeys = r.chance(0.08);
        break;
      case 'middleware':
        f.exports.push({ name: camel(r.pick(['require', 'limit', 'log', 'check']), cap(noun), String(pkg.files.length)), kind: 'fn' });
        break;
      case 'component':
        f.exports.push({ name: base.replace(/\d+$/, '') + (used.size > 1 ? pkg.files.length : ''), kind: 'component' });
        f.flags.sessionStorage = r.chance(0.03);
        break;
      case 'hook':
        f.exports.push({ name: base.replace(/\d+$/, '') + pkg.files.length, kind: 'fn' });
        f.flags.sessionStorage = r.chance(0.05);
        break;
      case 'types':
        for (let i = 0, n = r.int(1, 5); i < n; i++) f.exports.push({ name: cap(r.pick(ADJS)) + cap(noun) + pkg.files.length + (i || ''), kind: 'type' });
        break;
      case 'config':
        f.exports.push({ name: `${noun}Config${pkg.files.length}`, kind: 'const' });
        break;
    }
    add(f);
    nonTests.push(f);
  }
  return pkg;
}

function fileContent(r, f, pkg, plan) {
  switch (f.kind) {
    case 'util':
    case 'core':
    case 'api':
    case 'config':
      return genUtil(r, f, pkg, plan);
    case 'types':
      return genTypes(r, f);
    case 'service':
      return genService(r, f, pkg, plan);
    case 'route':
      return genRoute(r, f, pkg, plan);
    case 'middleware':
      return genMiddleware(r, f, pkg, plan);
    case 'app':
      return genServerApp(r, f, pkg);
    case 'component':
      return genComponent(r, f, pkg, plan);
    case 'hook':
      return genHook(r, f, pkg, plan);
    case 'test':
      return genTest(r, f, pkg);
    case 'config-file':
      return genConfigFile(r, f);
    case 'script':
      return genScript(r, f);
    case 'index':
      return genIndex(r, f, pkg);
  }
  throw new Error(`unknown kind ${f.kind}`);
}

/** Puts the session scenarios into server packages, replacing ordinary files (the total stays N). */
function placeScenarios(r, plan, total) {
  const target = Math.max(1, Math.round(total * 0.01));
  const servers = plan.packages.filter((p) => p.kind === 'server');
  const scenarios = [];
  let count = 0;
  let guard = 0;
  while (count < target && guard++ < 10000) {
    // Every kind once (as the target allows), then in proportion to SCENARIOS' weights.
    const unused = SCENARIOS.map(([, k]) => k).filter((k) => !scenarios.some((s) => s.kind === k));
    const kind = unused.length && guard <= 200 ? unused[0] : r.weighted(SCENARIOS);
    const pkg = r.pick(servers);
    const rels = scenarioFiles(r, kind, pkg);
    const replaceable = pkg.files.filter((f) => !f.session && f.kind !== 'index' && f.kind !== 'app' && !pkg.files.some((g) => g.target === f));
    if (replaceable.length < rels.length + 2) continue;
    const paths = rels.map((rel) => `${pkg.dir}/src/${rel}`);
    if (paths.some((p) => pkg.files.some((g) => g.path === p))) continue; // one of a kind per package
    // Replace the last replaceable ordinary files (tests targeting them keep their own code).
    const victims = replaceable.slice(-rels.length);
    const service = pkg.files.find((g) => g.kind === 'service' && !victims.includes(g) && g.exports.some((e) => e.kind === 'fn'));
    const scenario = {
      kind,
      package: pkg.name,
      variant: scenarioVariant(r, kind),
      service: service ? { file: service, name: service.exports.find((e) => e.kind === 'fn').name } : null,
      files: [],
    };
    victims.forEach((v, i) => {
      const rel = rels[i];
      v.path = `${pkg.dir}/src/${rel}`;
      v.kind = 'session';
      v.ext = path.posix.extname(rel);
      v.lang = pkg.lang;
      v.module = pkg.module;
      v.exports = [];
      v.session = scenario;
      v.flags = {};
      scenario.files.push(v.path);
    });
    scenarios.push(scenario);
    count += rels.length;
  }
  return scenarios;
}

function rootFiles(plan) {
  const pkgJson = {
    name: 'bench-monorepo',
    private: true,
    workspaces: ['packages/*'],
    scripts: { build: 'tsc -b', test: 'vitest run' },
    devDependencies: { typescript: '^5.6.0', vitest: '^2.1.0' },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      jsx: 'react-jsx',
      allowJs: true,
      checkJs: false,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      paths: Object.fromEntries(plan.packages.map((p) => [p.fullName, [`./${p.dir}/src`]])),
    },
    include: ['packages/*/src'],
  };
  return [
    ['package.json', JSON.stringify(pkgJson, null, 2) + '\n'],
    ['tsconfig.json', JSON.stringify(tsconfig, null, 2) + '\n'],
    ['.gitignore', 'node_modules/\ndist/\ncoverage/\n'],
  ];
}

function packageJson(pkg) {
  const deps = { web: { react: '^18.3.1', 'react-dom': '^18.3.1' }, server: { express: '^4.21.0', cors: '^2.8.5', helmet: '^7.1.0' }, lib: {} }[pkg.kind];
  const sessionDeps = {};
  for (const f of pkg.files) {
    if (!f.session) continue;
    const k = f.session.kind;
    if (k.startsWith('express')) Object.assign(sessionDeps, { 'express-session': '^1.18.1' }, f.session.variant.store === 'redis' ? { 'connect-redis': '^7.1.1', redis: '^4.7.0' } : {});
    if (k === 'cookie-session') sessionDeps['cookie-session'] = '^2.1.0';
    if (k === 'fastify-session') Object.assign(sessionDeps, { fastify: '^5.0.0', '@fastify/cookie': '^10.0.0', '@fastify/session': '^11.0.0' });
    if (k === 'koa-session') Object.assign(sessionDeps, { koa: '^2.15.3', 'koa-session': '^6.4.0' });
    if (k === 'iron-session') sessionDeps['iron-session'] = '^8.0.3';
  }
  const json = {
    name: pkg.fullName,
    version: '1.0.0',
    private: true,
    ...(pkg.module === 'esm' ? { type: 'module' } : {}),
    main: `src/index${pkg.srcExt}`,
    scripts: { test: 'vitest run', lint: 'eslint src' },
    dependencies: Object.fromEntries(
      Object.entries({ ...deps, ...sessionDeps, ...Object.fromEntries(pkg.deps.map((d) => [d.fullName, 'workspace:*'])) }).sort(([a], [b]) => (a < b ? -1 : 1)),
    ),
  };
  return JSON.stringify(json, null, 2) + '\n';
}

/**
 * The whole tree in memory: { entries: [[relPath, text], ...] sorted by path, manifest }.
 * `files` counts source files (.js .jsx .mjs .cjs .ts .tsx); package.json, tsconfig.json,
 * .gitignore and the manifest come on top.
 */
export function generateTree({ files, seed }) {
  if (!Number.isInteger(files) || files < 10) throw new Error('--files must be an integer >= 10');
  const r = new Rng(seed);
  const plan = { packages: planPackages(r.fork(1), files), libs: [] };
  const pr = r.fork(2);
  for (const p of plan.packages) planFiles(pr, p);
  plan.libs = plan.packages.filter((p) => p.kind === 'lib');
  // Internal dependencies, as a workspace declares them: each package uses one to four lib
  // packages; a lib only uses libs planned before it (layers, no cycles).
  const dr = r.fork(5);
  plan.packages.forEach((p) => {
    const pool = p.kind === 'lib' ? plan.libs.slice(0, plan.libs.indexOf(p)) : plan.libs;
    const want = Math.min(pool.length, dr.int(1, 4));
    const deps = new Set();
    while (deps.size < want) deps.add(dr.pick(pool));
    p.deps = [...deps];
  });
  const scenarios = placeScenarios(r.fork(3), plan, files);
  const entries = [];
  // Index files first (they define what a package exports to the others), then the rest.
  const cr = r.fork(4);
  for (const p of plan.packages) {
    const idx = p.files.find((f) => f.kind === 'index');
    entries.push([idx.path, fileContent(cr.fork(0), idx, p, plan)]);
  }
  let i = 0;
  for (const p of plan.packages) {
    for (const f of p.files) {
      i++;
      if (f.kind === 'index') continue;
      const fr = cr.fork(i);
      entries.push([f.path, f.session ? sessionContent(fr, f, p, f.session) : fileContent(fr, f, p, plan)]);
    }
    entries.push([`${p.dir}/package.json`, packageJson(p)]);
  }
  entries.push(...rootFiles(plan));

  const sourceEntries = entries.filter(([p]) => /\.(m|c)?(j|t)sx?$/.test(p));
  const byExt = {};
  const byKind = {};
  let lines = 0;
  let bytes = 0;
  const sizes = [];
  for (const [p, text] of sourceEntries) {
    const ext = path.posix.extname(p);
    byExt[ext] = (byExt[ext] ?? 0) + 1;
    const n = text.split('\n').length - 1;
    lines += n;
    bytes += Buffer.byteLength(text);
    sizes.push(n);
  }
  for (const p of plan.packages) for (const f of p.files) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  sizes.sort((a, b) => a - b);
  const sessionFiles = scenarios.flatMap((s) => s.files).sort();
  const manifest = {
    generator: 'session-audit bench generator',
    version: GENERATOR_VERSION,
    seed,
    files: sourceEntries.length,
    packages: plan.packages.length,
    packagesByKind: count(plan.packages.map((p) => `${p.kind}/${p.lang}/${p.module}`)),
    byExt: sortKeys(byExt),
    byKind: sortKeys(byKind),
    lines,
    bytes,
    linesPerFile: { min: sizes[0], median: sizes[sizes.length >> 1], p95: sizes[Math.floor(sizes.length * 0.95)], max: sizes[sizes.length - 1] },
    sessionFiles,
    sessionScenarios: scenarios.map((s) => ({ kind: s.kind, package: s.package, files: s.files })),
  };
  entries.push([MANIFEST, JSON.stringify(manifest, null, 2) + '\n']);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { entries, manifest };
}

function count(list) {
  const o = {};
  for (const x of list) o[x] = (o[x] ?? 0) + 1;
  return sortKeys(o);
}
function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Writes the tree; `out` must be missing, empty, or an earlier generated tree (which is replaced). */
export function writeTree(out, { entries }) {
  if (existsSync(out)) {
    const content = readdirSync(out);
    if (content.length && !content.includes(MANIFEST)) throw new Error(`${out} is not empty and holds no ${MANIFEST}: refusing to overwrite it`);
    rmSync(out, { recursive: true, force: true });
  }
  const dirs = new Set();
  for (const [rel, text] of entries) {
    const file = path.join(out, rel);
    const dir = path.dirname(file);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(file, text);
  }
}

/** The manifest of a generated tree, or undefined. */
export function readManifest(dir) {
  try {
    return JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
}

function parseCli(argv) {
  const o = { files: 1000, seed: 1, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--files') o.files = Number(val());
    else if (a === '--seed') o.seed = Number(val());
    else if (a === '--out') o.out = val();
    else if (a === '-h' || a === '--help') o.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let o;
  try {
    o = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`generate: ${e.message}\n`);
    process.exit(2);
  }
  if (o.help || !o.out) {
    process.stdout.write('usage: node scripts/bench/generate.js --files <n> [--seed <n>] --out <dir>\n');
    process.exit(o.help ? 0 : 2);
  }
  const t0 = performance.now();
  const tree = generateTree({ files: o.files, seed: o.seed });
  writeTree(o.out, tree);
  const m = tree.manifest;
  process.stdout.write(
    `generated ${m.files} source files (${m.packages} packages, ${m.lines} lines, ${(m.bytes / 1e6).toFixed(1)} MB, ` +
      `${m.sessionFiles.length} session files in ${m.sessionScenarios.length} scenarios) into ${o.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}
